"""Images from a package: checked with Pillow, stored once per content hash, reused when unchanged."""
import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from backoffice.catalog.models import StoredImage

from .fields import RowRejected

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000


def _checked(data: bytes, path: str) -> str:
    """The file extension for valid image bytes; anything else is refused."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise RowRejected(f"image {path} is too large ({image.width}x{image.height})")
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise RowRejected(f"file {path} is not a valid JPEG, PNG or WebP image") from None
    if image_format not in ALLOWED_FORMATS:
        raise RowRejected(f"file {path} is {image_format}; only JPEG, PNG and WebP are accepted")
    return ALLOWED_FORMATS[image_format]


class ImageStore:
    """Per-run cache: the same package path or the same bytes are stored and checked only once."""

    def __init__(self, package):
        self.package = package
        self._by_path: dict[str, int] = {}

    def _read(self, path: str) -> bytes:
        try:
            return self.package.read_image(path)
        except ValueError as exc:
            raise RowRejected(f"{path}: {exc}") from None
        except Exception:
            raise RowRejected(f"image file {path} is missing from the package") from None

    def stored_image_id(self, path: str) -> int:
        if path not in self._by_path:
            data = self._read(path)
            extension = _checked(data, path)
            sha = hashlib.sha256(data).hexdigest()
            stored = StoredImage.objects.filter(sha256=sha).only("pk").first()
            if stored is None:
                stored = StoredImage(sha256=sha)
                stored.file.save(f"{sha[:2]}/{sha}.{extension}", ContentFile(data), save=False)
                stored.save()
            self._by_path[path] = stored.pk
        return self._by_path[path]

    def person_photo(self, path: str) -> str:
        """A photo for a user (sales rep): stored under people/ by content hash, name returned."""
        data = self._read(path)
        extension = _checked(data, path)
        name = f"people/{hashlib.sha256(data).hexdigest()}.{extension}"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(data))
        return name
