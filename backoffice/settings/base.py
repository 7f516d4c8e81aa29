"""Settings shared by every environment. Environment-specific values come from env.py."""
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import database_from_env, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # unfold must come before django.contrib.admin
    "unfold.apps.BasicAppConfig",
    "unfold.contrib.filters",
    "unfold.contrib.forms",
    "backoffice.core.admin_apps.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # trigram lookups for catalog search on PostgreSQL (harmless on SQLite)
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    # third party
    "axes",
    "django_q",
    "parler",
    "djmoney",
    "django_countries",
    "django_htmx",
    "rest_framework",
    "django_filters",
    # ours
    "backoffice.core",
    "backoffice.accounts",
    "backoffice.catalog",
    "backoffice.inventory",
    "backoffice.pricing",
    "backoffice.erp",
    "backoffice.engagement",
    "backoffice.orders",
    "backoffice.shipping",
    "backoffice.payments",
    "backoffice.pickup",
    "backoffice.online_payments",
    "backoffice.own_courier",
    "backoffice.registration",
    "backoffice.change_requests",
    "backoffice.addresses",
    "backoffice.acting",
    "backoffice.distributors",
    "content",
    "storefront",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "backoffice.core.middleware.PlatformLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "backoffice.core.middleware.LoginWallMiddleware",
    "backoffice.acting.middleware.ActingSessionMiddleware",
    "backoffice.core.middleware.ModuleSwitchMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # axes last, as its docs require
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backoffice.urls"
WSGI_APPLICATION = "backoffice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "storefront" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "backoffice.core.context_processors.platform",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses locked-out credentials before any other backend looks at them
    "axes.backends.AxesStandaloneBackend",
    "backoffice.core.permissions.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "storefront:login"
LOGIN_REDIRECT_URL = "storefront:landing"
LOGOUT_REDIRECT_URL = "storefront:login"
WAGTAILADMIN_LOGIN_URL = "storefront:login"
WAGTAIL_FRONTEND_LOGIN_URL = "storefront:login"

# Brute-force protection (django-axes): lock an account+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "storefront/auth/locked_out.html"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from a meta tag, not the cookie
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself

# Internationalisation: Polish first, English second; times in Europe/Warsaw.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "b2b_language"
PARLER_DEFAULT_LANGUAGE_CODE = "pl"
PARLER_LANGUAGES = {None: ({"code": "pl"}, {"code": "en"}), "default": {"fallbacks": ["pl"], "hide_untranslated": False}}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLE_TRANSLATION_SYNC_PAGE_TREE = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "storefront" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# In production a reverse proxy should serve /media/; SERVE_MEDIA=1 lets Django do it (small sites).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
# Files only staff may download through a view (L06 own-courier labels): never under MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email: real SMTP when EMAIL_HOST is set, console otherwise (see README).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "B2B <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", addr) for addr in env_list("ADMIN_EMAILS", "")]

# Cache: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs: django-q2 with the database (ORM) broker; works on SQLite and PostgreSQL.
Q_CLUSTER = {
    "name": "b2b",
    "orm": "default",
    "workers": env_int("Q_WORKERS", 2),
    "timeout": 600,
    "retry": 900,
    "max_attempts": 3,
    "catch_up": False,
    "poll": 1,
}

# ERP exchange (docs/erp-contract.md): the adapter class, its folder, the upload endpoint's token.
ERP_CONNECTOR = env_str("ERP_CONNECTOR", "backoffice.erp.connectors.folder.FolderConnector")
ERP_EXCHANGE_DIR = Path(env_str("ERP_EXCHANGE_DIR", str(BASE_DIR / "var" / "erp")))
ERP_API_TOKEN = env_str("ERP_API_TOKEN", "")
ERP_SYNC_EVERY_MINUTES = env_int("ERP_SYNC_EVERY_MINUTES", 15)
# Order hand-off (F05, backoffice/orders/handoff*.py): format of orders in the exchange folder
# ("json" = the contract document, "epp" = EDI++ ZK for Subiekt & co.), retries with exponential
# backoff (1, 2, 4... min, at most an hour; about 14 h before staff are asked), the sweeper's
# period, the warehouse of lines no assortment group places, the EDI++ sender code.
ERP_ORDER_FORMAT = env_str("ERP_ORDER_FORMAT", "json")
ERP_HANDOFF_MAX_ATTEMPTS = env_int("ERP_HANDOFF_MAX_ATTEMPTS", 20)
# R01: a sales rep's acting-as-customer session ends after this many hours (0: no limit).
ACTING_MAX_HOURS = env_int("ACTING_MAX_HOURS", 8)
ERP_HANDOFF_RETRY_BASE_SECONDS = env_int("ERP_HANDOFF_RETRY_BASE_SECONDS", 60)
ERP_HANDOFF_RETRY_MAX_SECONDS = env_int("ERP_HANDOFF_RETRY_MAX_SECONDS", 3600)
ERP_HANDOFF_EVERY_MINUTES = env_int("ERP_HANDOFF_EVERY_MINUTES", 1)
ERP_DEFAULT_WAREHOUSE = env_str("ERP_DEFAULT_WAREHOUSE", "")
ERP_EPP_SENDER_CODE = env_str("ERP_EPP_SENDER_CODE", "B2B")

WAGTAIL_SITE_NAME = env_str("SITE_NAME", "B2B")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif", "svg"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "xlsx", "docx", "txt", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}

SITE_URL = WAGTAILADMIN_BASE_URL

# F03 online payment through PayU (backoffice/online_payments, docs/payments-online.md). All empty:
# PayU is not configured and the method is not offered. Sandbox: https://secure.snd.payu.com.
PAYU_BASE_URL = env_str("PAYU_BASE_URL", "https://secure.payu.com")
PAYU_POS_ID = env_str("PAYU_POS_ID", "")
PAYU_CLIENT_ID = env_str("PAYU_CLIENT_ID", "")
PAYU_CLIENT_SECRET = env_str("PAYU_CLIENT_SECRET", "")
PAYU_SECOND_KEY = env_str("PAYU_SECOND_KEY", "")  # "drugi klucz (MD5)": signs PayU's notifications
PAYU_CURRENCIES = env_list("PAYU_CURRENCIES", "PLN,EUR,CZK,USD,GBP,HUF,RON,SEK,NOK,DKK,CHF")
PAYU_TIMEOUT_SECONDS = env_int("PAYU_TIMEOUT_SECONDS", 15)

from .unfold import UNFOLD  # noqa: E402  (kept apart: the admin shell's look and sidebar)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Wagtail logs every page action and inline task at INFO: too chatty for the console.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
