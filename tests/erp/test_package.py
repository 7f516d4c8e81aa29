"""Reading exchange packages: folders and zips, streamed JSON Lines with line numbers, images."""
import inspect
import json
import zipfile

import pytest

from backoffice.erp import package as package_module
from backoffice.erp.contract import FILE_ORDER
from backoffice.erp.package import Line, Package, PackageError
from tests.erp.packages import base_files, write_package


def zip_folder(folder, target, prefix=""):
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


@pytest.fixture
def folder(tmp_path):
    files = base_files()
    # Listed in an order different from the import order on purpose.
    files = {name: files[name] for name in reversed(list(files))}
    return write_package(tmp_path, files, name="20261127-full", images={"images/p/a.png": b"\x89PNG fake"})


@pytest.fixture(params=["folder", "zip at root", "zip in one top folder"])
def any_package(request, folder, tmp_path):
    if request.param == "folder":
        return folder
    if request.param == "zip at root":
        return zip_folder(folder, tmp_path / "root.zip")
    return zip_folder(folder, tmp_path / "top.zip", prefix="20261127-full/")


def test_package_reads_manifest_files_and_lines(any_package):
    with Package(any_package) as package:
        assert package.kind == "full"
        assert package.name == any_package.name
        assert package.manifest["package_id"] == "20261127-full"
        assert package.files == [f for f in FILE_ORDER if f != "order_statuses.jsonl"]  # import order, whatever the manifest's order
        assert package.exists("products.jsonl") and package.exists("images/p/a.png")
        assert not package.exists("images/p/none.png")
        lines = list(package.lines("products.jsonl"))
        assert [line.number for line in lines] == [1, 2, 3]
        assert [line.record["erp_id"] for line in lines] == ["P1", "P2", "P3"]
        assert all(line.error is None for line in lines)
        assert lines[0].record["name"]["pl"] == "Przewód YDYp 3x1,5"
        assert package.read_image("images/p/a.png") == b"\x89PNG fake"


def test_lines_are_streamed_with_numbers_blank_lines_skipped_and_bad_lines_flagged(tmp_path):
    rows = ["", {"erp_id": "A"}, "   ", "\t", '{"erp_id": "B"}', "{broken", "[1, 2]", '"text"', {"erp_id": "C"}, ""]
    folder = write_package(tmp_path, {"warehouses.jsonl": rows})
    with Package(folder) as package:
        stream = package.lines("warehouses.jsonl")
        assert inspect.isgenerator(stream)
        lines = list(stream)
    assert [(line.number, line.record) for line in lines if line.error is None] == [(2, {"erp_id": "A"}), (5, {"erp_id": "B"}), (9, {"erp_id": "C"})]
    bad = [(line.number, line.error) for line in lines if line.error]
    assert [number for number, _ in bad] == [6, 7, 8]
    assert bad[0][1].startswith("not valid JSON (")
    assert bad[1][1] == bad[2][1] == "a line must hold one JSON object"
    assert all(isinstance(line, Line) for line in lines)


def test_windows_line_endings_are_accepted(tmp_path):
    folder = write_package(tmp_path, {"warehouses.jsonl": []})
    (folder / "warehouses.jsonl").write_bytes(b'{"erp_id": "A"}\r\n\r\n{"erp_id": "B"}\r\n')
    with Package(folder) as package:
        assert [(line.number, line.record) for line in package.lines("warehouses.jsonl")] == [(1, {"erp_id": "A"}), (3, {"erp_id": "B"})]


def test_lines_are_decoded_lazily_and_non_utf8_text_fails_the_package(tmp_path):
    folder = write_package(tmp_path, {"warehouses.jsonl": []})
    good = b"".join(b'{"erp_id": "W%06d", "name": "Magazyn"}\n' % n for n in range(1000))  # ~40 kB, several read chunks
    (folder / "warehouses.jsonl").write_bytes(good + "Łódź\n".encode("cp1250"))
    with Package(folder) as package:
        stream = package.lines("warehouses.jsonl")
        assert next(stream).record["erp_id"] == "W000000"  # the first line comes before the whole file is read
        with pytest.raises(PackageError, match=r"warehouses.jsonl: not UTF-8 text \(after line \d+\)"):
            list(stream)


def test_read_image_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(package_module, "MAX_IMAGE_BYTES", 1000)
    folder = write_package(tmp_path, {"products.jsonl": []}, images={"images/ok.png": b"x" * 1000, "images/big.png": b"x" * 1001})
    for location in (folder, zip_folder(folder, tmp_path / "p.zip")):
        with Package(location) as package:
            assert len(package.read_image("images/ok.png")) == 1000
            with pytest.raises(ValueError, match="image larger than"):
                package.read_image("images/big.png")
            with pytest.raises(PackageError, match="missing"):
                package.read_image("images/none.png")


def test_real_size_limit_is_five_megabytes():
    assert package_module.MAX_IMAGE_BYTES == 5 * 1024 * 1024


@pytest.mark.parametrize("name", ["../evil.jsonl", "images/../../evil.png", "/etc/passwd", ""])
def test_unsafe_member_names_are_refused(folder, name):
    (folder.parent / "evil.jsonl").write_text("{}\n")
    with Package(folder) as package:
        with pytest.raises(PackageError, match="unsafe path"):
            package.read_image(name)
        with pytest.raises(PackageError, match="unsafe path"):
            package.exists(name)
        with pytest.raises(PackageError, match="unsafe path"):
            list(package.lines(name))


def _rewrite_manifest(folder, **changes):
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest.update(changes)
    (folder / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize("breakage, message", [
    (lambda f: (f / "manifest.json").unlink(), "manifest.json is missing"),
    (lambda f: (f / "manifest.json").write_text("{not json"), "manifest.json is not valid JSON"),
    (lambda f: (f / "manifest.json").write_bytes(b'{"contract": "b2b-erp/1", "x": "\xb3\xf3d\x9f"}'), "manifest.json is not valid JSON"),
    (lambda f: _rewrite_manifest(f, contract="b2b-erp/2"), "unsupported contract 'b2b-erp/2'; expected b2b-erp/1"),
    (lambda f: _rewrite_manifest(f, kind="partial"), "manifest.json: kind: 'partial' is not one of"),
    (lambda f: _rewrite_manifest(f, files=["orders.jsonl"]), "manifest.json: files/0"),
    (lambda f: (f / "stock.jsonl").unlink(), "file listed in the manifest is missing: stock.jsonl"),
], ids=["no manifest", "manifest not JSON", "manifest not UTF-8", "wrong contract", "bad kind", "unknown file", "listed file missing"])
def test_unusable_packages(folder, breakage, message):
    breakage(folder)
    with pytest.raises(PackageError) as error:
        Package(folder)
    assert message in str(error.value)


def test_zip_package_with_a_missing_listed_file(folder, tmp_path):
    (folder / "prices.jsonl").unlink()
    with pytest.raises(PackageError, match="file listed in the manifest is missing: prices.jsonl"):
        Package(zip_folder(folder, tmp_path / "p.zip"))


def test_neither_folder_nor_zip(tmp_path):
    (tmp_path / "package.zip").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(PackageError, match="not a package folder or .zip file: package.zip"):
        Package(tmp_path / "package.zip")


def test_zip_with_two_top_folders_is_read_from_its_root_only(folder, tmp_path):
    target = tmp_path / "two.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for path in folder.iterdir():
            if path.is_file():
                archive.write(path, f"a/{path.name}")
                archive.write(path, f"b/{path.name}")
    with pytest.raises(PackageError, match="manifest.json is missing"):
        Package(target)
