"""Test settings: fast hashing, in-memory email, django-q2 runs tasks inline."""
from .base import *  # noqa: F401,F403
from .base import Q_CLUSTER

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Orders placed by tests are delivered to the ERP at commit (django-q2 runs inline): keep their
# documents out of the developer's real exchange folder (var/erp).
import tempfile  # noqa: E402

ERP_EXCHANGE_DIR = Path(tempfile.gettempdir()) / "b2b-test-erp"  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(tempfile.gettempdir()) / "b2b-test-private"  # noqa: F405  (own-courier labels: never the real var/private)
