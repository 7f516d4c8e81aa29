"""Checking an uploaded shipping label by its content (L06).

The name and the browser's content type prove nothing: the first bytes must be those of a PDF,
PNG or JPEG file, a PDF must also end like one, and an image must open and verify with Pillow
(which also refuses decompression bombs). Nothing here writes anything.
"""
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}
PILLOW_FORMATS = {PNG: "PNG", JPEG: "JPEG"}
SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
PDF_TAIL = 2048  # "%%EOF" must be near the end of a complete PDF (incremental saves append after it)
NAME_MAX = 100
DEFAULT_MAX_MB = 5


class LabelRefused(Exception):
    """The file is not an acceptable label; str(exc) is the buyer-facing reason."""


@dataclass(frozen=True)
class LabelFile:
    content: bytes
    content_type: str
    name: str  # sanitised, with the extension of the real type
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def max_bytes() -> int:
    megabytes = getattr(settings, "OWN_COURIER_LABEL_MAX_MB", DEFAULT_MAX_MB)
    return int(float(megabytes) * 1024 * 1024)


def sniff(head: bytes) -> str | None:
    """The content type the first bytes prove, or None."""
    return next((content_type for signature, content_type in SIGNATURES if head.startswith(signature)), None)


def safe_name(original: str, content_type: str) -> str:
    """A display/download name from the buyer's file name: no path, no control or odd characters,
    and the extension of what the file really is."""
    base = str(original or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFKC", base).rsplit(".", 1)[0] if "." in base else unicodedata.normalize("NFKC", base)
    base = re.sub(r"[^\w\- ]+", "_", base, flags=re.UNICODE).strip(" ._") or "label"
    return base[:NAME_MAX - 4] + EXTENSIONS[content_type]


def _read(upload) -> bytes:
    """The whole upload (at most max_bytes() + 1), leaving the file at its start for the next reader."""
    upload.seek(0)
    content = upload.read(max_bytes() + 1)
    upload.seek(0)
    return content


def _check_image(content: bytes, content_type: str) -> None:
    try:
        with Image.open(BytesIO(content)) as image:
            if image.format != PILLOW_FORMATS[content_type]:
                raise LabelRefused(_("The label file is damaged or not a real image."))
            image.verify()
    except LabelRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder error (or a decompression bomb) means "refuse"
        raise LabelRefused(_("The label file is damaged or not a real image.")) from exc


def label_inspect(upload) -> LabelFile:
    """Read and check an uploaded label; raises LabelRefused with the reason."""
    size = getattr(upload, "size", None)
    limit = max_bytes()
    if size is not None and size > limit:
        raise LabelRefused(_too_big(limit))
    content = _read(upload)
    if not content:
        raise LabelRefused(_("The label file is empty."))
    if len(content) > limit:
        raise LabelRefused(_too_big(limit))
    content_type = sniff(content[:16])
    if content_type is None:
        raise LabelRefused(_("The label must be a PDF, PNG or JPEG file."))
    if content_type == PDF and b"%%EOF" not in content[-PDF_TAIL:]:
        raise LabelRefused(_("The label PDF is incomplete or damaged."))
    if content_type in PILLOW_FORMATS:
        _check_image(content, content_type)
    return LabelFile(content=content, content_type=content_type, name=safe_name(getattr(upload, "name", ""), content_type),
                     sha256=hashlib.sha256(content).hexdigest())


def _too_big(limit: int) -> str:
    return _("The label file is too large: at most %(size)s MB.") % {"size": f"{limit / (1024 * 1024):g}"}
