"""Private file storage: files only staff download through a permission-checked view.

Rooted at settings.PRIVATE_MEDIA_ROOT (never under MEDIA_ROOT, which /media/ may serve) and read
from the setting on every use, so tests (and override_settings) can point it elsewhere. Files
have no URL and are readable by the server's user only.
"""
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None, file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL; stream them through a view")


def private_storage() -> PrivateStorage:
    """The storage of FileFields holding private files (a callable: migrations do not record it)."""
    return PrivateStorage()
