"""Django settings. Every value that varies comes from config.env (PHANANH_* variables)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
import xstatic.pkg.leaflet as xstatic_leaflet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from phananh.config import env
from phananh.config.city import DEFAULT_CITY_DIR, city_site_settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env.data_dir()

DEBUG = env.get_bool("DEBUG", False)
# The embedded mode (SQLite, media on local disk, a secret key generated into the data dir):
# on for `phananh demo`, or when asked; a production install sets what it needs instead.
EMBEDDED = env.get_bool("EMBEDDED", False)
SECRET_KEY = env.secret_key(DATA_DIR, debug=DEBUG)
# Given by PHANANH_SECRET_KEY (the same on every machine), not generated into this data dir.
SECRET_KEY_CONFIGURED = bool(env.get("SECRET_KEY"))
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # django-ninja: its Swagger UI files are served as our own static files (no CDN).
    "ninja",
    "phananh.core",
    "phananh.accounts",
    "phananh.geo",
    "phananh.catalog",
    "phananh.reports",
    "phananh.sla",
    "phananh.notifications",
    "phananh.intelligence",
    "phananh.interop",
    "phananh.alerts",
    "phananh.channels",
    "phananh.analytics",
    "phananh.transparency",
    "phananh.campaigns",
    "phananh.publication",
    "phananh.ops",
    "phananh.api.v1",
    "phananh.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "phananh.core.changes.RequestStampsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "phananh.core.middleware.LanguageQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "phananh.core.middleware.RejectNulMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "phananh.config.urls"
WSGI_APPLICATION = "phananh.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "phananh.core.templates.Templates",
        "NAME": "django",  # the alias Django gives its own engine
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "phananh.core.context_processors.site",
                "phananh.accounts.context_processors.membership",
            ],
        },
    }
]

# Database: SQLite (WAL) in the data dir by default, any dj-database-url URL otherwise.
DATABASE_URL = env.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'phananh.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=20000;"
        ),
    }
_test_url = env.get("TEST_DATABASE_URL")
if _test_url:
    # pytest runs on this database instead (make test's PostgreSQL pass).
    DATABASES["default"] = dj_database_url.parse(_test_url)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Every query here is short (lists by index, rollups): PostgreSQL's parallel workers and JIT
    # compilation cost more than they save on them — 10 to 20 ms each to start, for a query of
    # one, when the planner overestimates it (a search at ten million reports: 110 ms → 6 ms).
    # A URL's own ?options=… wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c max_parallel_workers_per_gather=0"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache, shared by every web and worker process: presence, rate limits, sign-in counters,
# the calendar's exceptions, the classifier's version. Redis (PHANANH_CACHE_URL=redis://…) is
# required outside the embedded mode (a system check says so); on one machine, files in the
# data dir are shared by its processes.
CACHE_URL = env.get("CACHE_URL", "")
CACHES: dict[str, dict[str, Any]]
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "phananh.core.cache.SharedRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env.get("CACHE_PREFIX", "phananh"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Workers beat every WORKER_BEAT_SECONDS; one silent for WORKER_LEASE_SECONDS is dead, and the
# task runs it left are queued again by the sweep every ORPHANS_SWEEP_SECONDS (docs/deploy.md).
WORKER_BEAT_SECONDS = env.get_int("WORKER_BEAT_SECONDS", 10)
WORKER_LEASE_SECONDS = env.get_int("WORKER_LEASE_SECONDS", 60)
ORPHANS_SWEEP_SECONDS = env.get_int("ORPHANS_SWEEP_SECONDS", 30)
# A message a worker took to send and never marked sent (it died mid-send) is tried again after
# this long: far above any send's own timeout, so it is never sent twice by two live workers.
NOTIFICATION_LEASE_SECONDS = env.get_int("NOTIFICATION_LEASE_SECONDS", 600)
TASKS = {
    "default": {
        "BACKEND": env.get("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
# Staff land in the console, which sends each role to its own page (triage, agency, dashboard).
LOGIN_REDIRECT_URL = "/ops/"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: Vietnamese first, English complete.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# The language chosen (switch or ?lang=) is remembered for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# "2 December 2026, 17:00" / "17:00 ngày 2/12/2026" everywhere (config/formats/).
FORMAT_MODULE_PATH = ["phananh.config.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static", ("leaflet", xstatic_leaflet.BASE_DIR)]
# Map tiles (the page stays usable without them: ward outlines come from our own data).
MAP_TILE_URL = env.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env.get("MAP_ATTRIBUTION", "© OpenStreetMap contributors")
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_DIR", str(DATA_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env.get("PRIVATE_MEDIA_DIR", str(DATA_DIR / "private")))
SERVE_MEDIA = env.get_bool("SERVE_MEDIA", EMBEDDED)
# Media: public copies ("default") and private originals ("private", never served). On local
# disk by default; `s3` keeps them in two buckets of an S3-compatible store (docs/deploy.md):
# the public one readable by anyone (a bucket policy), the private one only with the keys.
MEDIA_STORAGE = env.get("MEDIA_STORAGE", "local").strip().lower()
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured("PHANANH_MEDIA_STORAGE must be local or s3")
_media_storages: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
S3_PUBLIC_URL = env.get("S3_PUBLIC_URL").rstrip("/")
if MEDIA_STORAGE == "s3":
    _s3 = {
        "endpoint_url": env.get("S3_ENDPOINT_URL") or None,
        "access_key": env.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": env.get("S3_SECRET_ACCESS_KEY") or None,
        "region_name": env.get("S3_REGION") or None,
        "signature_version": "s3v4",
        # Path-style addresses (endpoint/bucket/key) work with every S3-compatible store.
        "addressing_style": env.get("S3_ADDRESSING_STYLE", "path"),
        "file_overwrite": False,
        "default_acl": None,
    }
    _public_url = urlsplit(S3_PUBLIC_URL) if S3_PUBLIC_URL else None
    _media_storages = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3,
                "bucket_name": env.get("S3_BUCKET"),
                # Public copies are linked directly (no signed query string), through the CDN
                # base when one is given.
                "querystring_auth": False,
                "custom_domain": (
                    f"{_public_url.netloc}{_public_url.path}" if _public_url else None
                ),
                "url_protocol": f"{_public_url.scheme}:" if _public_url else "https:",
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3,
                "bucket_name": env.get("S3_PRIVATE_BUCKET"),
                "querystring_auth": True,
            },
        },
    }
STORAGES = {
    **_media_storages,
    # Hashed, compressed names so browsers never keep an old stylesheet after an upgrade;
    # `phananh serve` and `phananh demo` collect them at start.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: the media service enforces its own limits; Django buffers to disk beyond 2.5 MB.
MEDIA_MAX_BYTES = env.get_int("MEDIA_MAX_BYTES", 25 * 1024 * 1024)
MEDIA_MAX_VIDEO_BYTES = env.get_int("MEDIA_MAX_VIDEO_BYTES", 100 * 1024 * 1024)
MEDIA_MAX_PIXELS = env.get_int("MEDIA_MAX_PIXELS", 40_000_000)
# Open311 photos up to this size are made public within the POST (its media_url is the copy at
# once); 0 leaves every copy to the workers (the answer has the photo's stable address), which
# frees the web processes in a burst of photos (docs/open311.md).
OPEN311_PHOTO_INLINE_BYTES = env.get_int("OPEN311_PHOTO_INLINE_BYTES", 8 * 1024 * 1024)
# Videos: the longest accepted (seconds) and the public copy's longest side (pixels).
MEDIA_MAX_VIDEO_SECONDS = env.get_int("MEDIA_MAX_VIDEO_SECONDS", 180)
MEDIA_VIDEO_MAX_SIDE = env.get_int("MEDIA_VIDEO_MAX_SIDE", 1280)
# The processing of one video may take this long (seconds) and this much memory (MB).
MEDIA_VIDEO_TIMEOUT = env.get_int("MEDIA_VIDEO_TIMEOUT", 300)
MEDIA_VIDEO_MEMORY_MB = env.get_int("MEDIA_VIDEO_MEMORY_MB", 1536)

# The Ed25519 key that signs the transparency log's daily heads (32 bytes in base64); in
# embedded mode one is made once into the data directory when none is set.
TRANSPARENCY_KEY = env.get("TRANSPARENCY_KEY", "")
TRANSPARENCY_KEY_FILE = DATA_DIR / "transparency-ed25519.key"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Where the file-based backend (the demo's) writes messages.
EMAIL_FILE_PATH = env.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = env.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env.get_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Phananh <no-reply@phananh.local>")

# Text messages to reporters who called or gave only a phone: an HTTP gateway (docs/channels.md).
SMS_GATEWAY_URL = env.get("SMS_GATEWAY_URL")
SMS_GATEWAY_TOKEN = env.get("SMS_GATEWAY_TOKEN")
SMS_GATEWAY_FORMAT = env.get("SMS_GATEWAY_FORMAT", "json")
SMS_GATEWAY_TIMEOUT = env.get_int("SMS_GATEWAY_TIMEOUT", 10)
# Reports by email: the address people write to, the SMTP receiver, the IMAP mailbox to poll.
INTAKE_EMAIL = env.get("INTAKE_EMAIL").strip().lower()
SMTPD_HOST = env.get("SMTPD_HOST", "127.0.0.1")
SMTPD_PORT = env.get_int("SMTPD_PORT", 2525)
IMAP_URL = env.get("IMAP_URL")
IMAP_POLL_SECONDS = env.get_int("IMAP_POLL_SECONDS", 60)
INTAKE_EMAIL_MAX_BYTES = env.get_int("INTAKE_EMAIL_MAX_BYTES", 40 * 1024 * 1024)
# Facebook Messenger and Zalo OA (docs/channels-social.md): each webhook answers 404 until its
# secrets are set; the send adapters call these base URLs.
FACEBOOK_GRAPH_URL = env.get("FACEBOOK_GRAPH_URL", "https://graph.facebook.com/v19.0").rstrip("/")
FACEBOOK_APP_SECRET = env.get("FACEBOOK_APP_SECRET")
FACEBOOK_PAGE_TOKEN = env.get("FACEBOOK_PAGE_TOKEN")
FACEBOOK_VERIFY_TOKEN = env.get("FACEBOOK_VERIFY_TOKEN")
ZALO_API_URL = env.get("ZALO_API_URL", "https://openapi.zalo.me").rstrip("/")
ZALO_APP_ID = env.get("ZALO_APP_ID")
ZALO_OA_SECRET = env.get("ZALO_OA_SECRET")
ZALO_ACCESS_TOKEN = env.get("ZALO_ACCESS_TOKEN")

# The city this instance serves: its folder (docs/cities.md; Huế's is bundled) gives the names
# pages show and the Open311 jurisdiction, which PHANANH_CITY_NAME, PHANANH_SERVICE_NAME and
# PHANANH_OPEN311_JURISDICTION override. CITY_STRINGS: those names in the other languages the
# city gives them in (core.context_processors picks them by the page's language).
CITY_DIR = Path(env.get("CITY_DIR") or DEFAULT_CITY_DIR).expanduser().resolve()
try:
    _CITY_SITE = city_site_settings(
        CITY_DIR,
        language_code=LANGUAGE_CODE,
        languages=[code for code, _label in LANGUAGES],
        overrides={
            "CITY_NAME": env.get("CITY_NAME"),
            "SERVICE_NAME": env.get("SERVICE_NAME"),
            "OPEN311_JURISDICTION": env.get("OPEN311_JURISDICTION"),
        },
    )
except ValueError as exc:
    raise ImproperlyConfigured(f"PHANANH_CITY_DIR: {exc}") from exc
CITY_NAME = _CITY_SITE["CITY_NAME"]
SERVICE_NAME = _CITY_SITE["SERVICE_NAME"]
CITY_STRINGS = _CITY_SITE["CITY_STRINGS"]
CITY_POINT = _CITY_SITE["CITY_POINT"]  # (lat, lon) where the maps open
REPORT_CODE_PREFIX = env.get("REPORT_CODE_PREFIX", "PA")

# Privacy (docs/privacy.md): also mask vehicle number plates in what agencies and the public read.
MASK_PLATES = env.get_bool("MASK_PLATES", False)

# Working time for deadlines (design §3): office intervals on working days, local time.
OFFICE_HOURS = env.get("OFFICE_HOURS", "07:30-11:30,13:30-17:00")
# How often the worker runs the deadline monitor, and how many rows it handles per pass.
SLA_SWEEP_SECONDS = env.get_int("SLA_SWEEP_SECONDS", 60)
SLA_SWEEP_BATCH = env.get_int("SLA_SWEEP_BATCH", 500)
# Scorecards: agencies are ranked only above this many handled reports in the period; the
# worker recomputes the rollups this often (minutes).
SCORECARD_MIN_VOLUME = env.get_int("SCORECARD_MIN_VOLUME", 10)
STATS_REFRESH_MINUTES = env.get_int("STATS_REFRESH_MINUTES", 10)

# Intelligence: duplicates, hot issues, classifier training.
DUPLICATE_RADIUS_M = env.get_int("DUPLICATE_RADIUS_M", 150)
DUPLICATE_DAYS = env.get_int("DUPLICATE_DAYS", 30)
HOT_ISSUE_WINDOW_HOURS = env.get_int("HOT_ISSUE_WINDOW_HOURS", 24)
HOT_ISSUE_MIN_REPORTS = env.get_int("HOT_ISSUE_MIN_REPORTS", 5)
CLASSIFIER_TRAIN_HOUR = env.get_int("CLASSIFIER_TRAIN_HOUR", 2)
CLASSIFIER_MAX_REPORTS = env.get_int("CLASSIFIER_MAX_REPORTS", 50000)
PHOTO_MAX_AGE_DAYS = env.get_int("PHOTO_MAX_AGE_DAYS", 14)
PHOTO_MAX_DISTANCE_M = env.get_int("PHOTO_MAX_DISTANCE_M", 1000)

# Open311 GeoReport v2 (/open311/v2/, docs/open311.md): this city's jurisdiction_id; requests
# naming another jurisdiction are answered 404.
OPEN311_JURISDICTION = _CITY_SITE["OPEN311_JURISDICTION"]
del _CITY_SITE

# When a report becomes public (reports/visibility.py): `confirm` — as soon as it is confirmed
# (the emailed link, an account, an integrator's key, a chat, an operator's call), with status
# "received"; `triage` — only once the operations centre has referred it to an agency.
PUBLISH_ON = env.get("PUBLISH_ON", "confirm").strip().lower() or "confirm"
if PUBLISH_ON not in ("confirm", "triage"):
    raise RuntimeError("PHANANH_PUBLISH_ON must be confirm or triage.")
# Forwarding to agencies' own systems and integrators' webhooks (docs/open311.md, docs/api.md):
# how often the agencies' Open311 servicerequestupdates are polled, and every outgoing call's
# time limit in seconds.
FORWARD_POLL_SECONDS = env.get_int("FORWARD_POLL_SECONDS", 300)
OUTGOING_TIMEOUT = env.get_int("OUTGOING_TIMEOUT", 15)

# REST API v1 (docs/api.md): calls per minute per IP address without credentials (and for
# wrong ones), per API key, personal token or account with them, and token requests per IP and
# per address; bodies above API_MAX_REQUEST_BYTES are refused with 413 before being read
# (default: one video and five photos at their limits). 0 means no limit.
API_RATE_PER_MINUTE = env.get_int("API_RATE_PER_MINUTE", 120)
API_KEY_RATE_PER_MINUTE = env.get_int("API_KEY_RATE_PER_MINUTE", 600)
API_TOKEN_RATE_PER_MINUTE = env.get_int("API_TOKEN_RATE_PER_MINUTE", 10)
API_MAX_REQUEST_BYTES = env.get_int(
    "API_MAX_REQUEST_BYTES", MEDIA_MAX_VIDEO_BYTES + 5 * MEDIA_MAX_BYTES + 1024 * 1024
)
# Behind a reverse proxy, list its address (or network) in TRUSTED_PROXIES so X-Forwarded-For
# names the caller, for every limit that counts by address (core/net.py). API_TRUSTED_PROXIES
# is the older name of the same setting.
TRUSTED_PROXIES = env.get_list("TRUSTED_PROXIES", env.get_list("API_TRUSTED_PROXIES", []))
API_TRUSTED_PROXIES = TRUSTED_PROXIES

# Sign-in throttling (accounts/throttle.py) on every password form: after this many failures
# for one account, or from one address, each further failure locks it for twice as long as the
# last (2 s, 4 s, 8 s…) up to SIGNIN_LOCK_MAX_SECONDS. The counters live in the cache (Redis
# with several web processes). 0 turns a limit off.
SIGNIN_FAILURES_PER_ACCOUNT = env.get_int("SIGNIN_FAILURES_PER_ACCOUNT", 5)
SIGNIN_FAILURES_PER_ADDRESS = env.get_int("SIGNIN_FAILURES_PER_ADDRESS", 20)
SIGNIN_LOCK_MAX_SECONDS = env.get_int("SIGNIN_LOCK_MAX_SECONDS", 3600)

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS. A deployment (not embedded, not debug) turns it all on; each part can be set alone.
# Behind a TLS proxy, PROXY_SSL_HEADER names the header that says the request came over HTTPS
# (so absolute links say https://); only set it when the proxy always sets or strips it.
DEPLOYED = not DEBUG and not EMBEDDED
SSL_REDIRECT = env.get_bool("SSL_REDIRECT", DEPLOYED)
SECURE_SSL_REDIRECT = SSL_REDIRECT
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env.get_int("HSTS_SECONDS", 31_536_000 if DEPLOYED else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env.get_bool("HSTS_PRELOAD", False)
# Preloading HSTS is a commitment of the city's whole domain, not a default for an application.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
_proxy_header = env.get("PROXY_SSL_HEADER", "X-Forwarded-Proto" if DEPLOYED else "").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https") if _proxy_header else None
)
HTTPS = SITE_URL.startswith("https://") or SSL_REDIRECT
SESSION_COOKIE_SECURE = env.get_bool("SECURE_COOKIES", HTTPS or DEPLOYED)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The language cookie too (core/middleware.language_cookie adds it on any HTTPS request).
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"


def _origin(url: str) -> str:
    """scheme://host of a URL template ({s} subdomains become a wildcard), or ""."""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Content-Security-Policy (django-csp) on every page: nothing but our own files, the map tiles'
# host and any media host (S3, a CDN) listed in CSP_MEDIA_ORIGINS; no inline scripts or styles.
_media_hosts = env.get_list("CSP_MEDIA_ORIGINS", [])
if MEDIA_STORAGE == "s3":  # public copies are linked straight from the bucket (or its CDN)
    _media_hosts.append(S3_PUBLIC_URL or env.get("S3_ENDPOINT_URL"))
_media_origins = [o for o in (_origin(u) for u in _media_hosts) if o]
_tiles = [o for o in (_origin(MAP_TILE_URL),) if o]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", *_tiles, *_media_origins],
        "media-src": [SELF, "blob:", *_media_origins],
        "connect-src": [SELF],
        "font-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per task run drowns everything else; failures are still logged.
        "django_tasks": {"level": env.get("TASKS_LOG_LEVEL", "WARNING")},
    },
}
