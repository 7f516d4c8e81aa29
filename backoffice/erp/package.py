"""Reading an exchange package (a folder or a .zip): manifest, JSON Lines streamed line by line, images.

Nothing here loads a whole file into memory: lines are decoded one at a time.
"""
import io
import json
import zipfile

import orjson
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .contract import CONTRACT_VERSION, FILE_ORDER, first_schema_error

MAX_IMAGE_BYTES = 5 * 1024 * 1024


class PackageError(Exception):
    """The package as a whole cannot be used: nothing from it is applied."""


@dataclass(frozen=True)
class Line:
    number: int
    record: dict | None
    error: str | None = None


def decode_line(number: int, text: str) -> Line:
    try:
        record = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        return Line(number, None, f"not valid JSON ({exc})")
    if not isinstance(record, dict):
        return Line(number, None, "a line must hold one JSON object")
    return Line(number, record)


def _safe_member(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not name:
        raise PackageError(f"unsafe path in package: {name!r}")
    return str(path)


class Package:
    def __init__(self, location: Path):
        self.location = Path(location)
        if self.location.is_dir():
            self._zip = None
        elif zipfile.is_zipfile(self.location):
            try:
                self._zip = zipfile.ZipFile(self.location)
                for member in self._zip.namelist():
                    _safe_member(member)  # refuse a zip with any absolute or ../ entry
            except zipfile.BadZipFile as exc:
                raise PackageError(f"corrupt zip file: {exc}") from None
            self._prefix = self._zip_prefix()
        else:
            raise PackageError(f"not a package folder or .zip file: {self.location.name}")
        self.manifest = self._read_manifest()

    @property
    def name(self) -> str:
        return self.location.name

    @property
    def kind(self) -> str:
        return self.manifest["kind"]

    @property
    def files(self) -> list[str]:
        listed = set(self.manifest["files"])
        return [name for name in FILE_ORDER if name in listed]

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _zip_prefix(self) -> str:
        # A zip may hold the files at its root or inside one top folder.
        names = self._zip.namelist()
        if "manifest.json" in names:
            return ""
        tops = {name.split("/", 1)[0] for name in names if "/" in name}
        if len(tops) == 1 and f"{next(iter(tops))}/manifest.json" in names:
            return next(iter(tops)) + "/"
        return ""

    def _open_binary(self, member: str):
        member = _safe_member(member)
        try:
            if self._zip is None:
                return open(self.location / member, "rb")
            return self._zip.open(self._prefix + member)
        except (FileNotFoundError, KeyError):
            raise PackageError(f"file listed in the manifest is missing: {member}") from None

    def exists(self, member: str) -> bool:
        member = _safe_member(member)
        if self._zip is None:
            return (self.location / member).is_file()
        return (self._prefix + member) in self._zip.NameToInfo

    def _read_manifest(self) -> dict:
        try:
            with self._open_binary("manifest.json") as handle:
                manifest = json.loads(handle.read(1024 * 1024).decode("utf-8"))
        except PackageError:
            raise PackageError("manifest.json is missing") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackageError(f"manifest.json is not valid JSON: {exc}") from None
        error = first_schema_error("manifest", manifest)
        if error:
            if isinstance(manifest, dict) and manifest.get("contract") != CONTRACT_VERSION:
                raise PackageError(f"unsupported contract {manifest.get('contract')!r}; expected {CONTRACT_VERSION}")
            raise PackageError(f"manifest.json: {error}")
        for name in manifest["files"]:
            if not self.exists(name):
                raise PackageError(f"file listed in the manifest is missing: {name}")
        return manifest

    def raw_lines(self, member: str) -> Iterator[tuple[int, str]]:
        """(line number, text) of every non-blank line, decoded from UTF-8 one at a time."""
        with self._open_binary(member) as raw:
            # utf-8-sig: a byte-order mark some Windows tools write is not part of line 1
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="\n")
            number = 0
            try:
                for number, line in enumerate(text, start=1):
                    line = line.strip()
                    if line:
                        yield number, line
            except UnicodeDecodeError:
                raise PackageError(f"{member}: not UTF-8 text (after line {number})") from None

    def lines(self, member: str) -> Iterator[Line]:
        """Records of a JSON Lines file, one at a time. Bad lines come back with `error` set."""
        for number, text in self.raw_lines(member):
            yield decode_line(number, text)

    def read_image(self, member: str) -> bytes:
        with self._open_binary(member) as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
        if len(data) > MAX_IMAGE_BYTES:
            raise ValueError(f"image larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
        return data
