"""System checks for running as a city runs it: several processes on several machines.

Always: outside the embedded mode the cache must be shared (`phananh serve` and `phananh worker`
refuse to start otherwise). With `phananh check --deploy`, beside Django's own deployment
checks (HTTPS, HSTS, secure cookies, the secret's strength): the secret given, the public host
named, HTTPS links behind the proxy, the proxy trusted for clients' addresses, object storage,
a real mail server, and PostgreSQL's autovacuum on. docs/deploy.md gives the settings that pass
every one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

SHARED_CACHES = (
    "phananh.core.cache.SharedRedisCache",
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
)
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1", "testserver"}
LOCAL_MAIL = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
)
GUIDE = "docs/deploy.md"


@register(Tags.caches)
def shared_cache(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Presence, rate limits, sign-in counters and the calendar live in the cache: every web
    and worker process must see the same one."""
    if settings.EMBEDDED:
        return []
    if settings.CACHES["default"]["BACKEND"] in SHARED_CACHES:
        return []
    return [
        Error(
            "Outside the embedded mode the cache must be shared by every process.",
            hint=f"Set PHANANH_CACHE_URL=redis://host:6379/0 ({GUIDE}).",
            id="phananh.E001",
        )
    ]


@register(Tags.security, deploy=True)
def deployment(app_configs: Any = None, **kwargs: Any) -> list[Error | Warning]:
    """What a production install must set, each named with the PHANANH_* variable to set."""
    found: list[Error | Warning] = []

    def error(code: str, message: str, hint: str) -> None:
        found.append(Error(message, hint=f"{hint} ({GUIDE}).", id=f"phananh.{code}"))

    if settings.EMBEDDED:
        error("E010", "The embedded mode is on.", "Set PHANANH_EMBEDDED=0")
    if not settings.SECRET_KEY_CONFIGURED:
        error(
            "E011",
            "No secret key is configured (one generated into the data dir differs per machine).",
            "Set PHANANH_SECRET_KEY to the same long random value on every machine",
        )
    if not set(settings.ALLOWED_HOSTS) - LOOPBACK:
        error("E012", "No public host name is allowed.", "Set PHANANH_ALLOWED_HOSTS")
    if not settings.SITE_URL.startswith("https://"):
        error(
            "E013",
            "Links in messages do not use https:// (PHANANH_SITE_URL).",
            "Set PHANANH_SITE_URL=https://your-host",
        )
    if settings.SECURE_PROXY_SSL_HEADER is None:
        error(
            "E014",
            "Requests through the TLS proxy are not recognised as HTTPS.",
            "Set PHANANH_PROXY_SSL_HEADER=X-Forwarded-Proto (the proxy must always set it)",
        )
    if not settings.TRUSTED_PROXIES:
        error(
            "E015",
            "No trusted proxy: every visitor would share the proxy's address in rate limits.",
            "Set PHANANH_TRUSTED_PROXIES to the proxy's address or network",
        )
    if settings.MEDIA_STORAGE != "s3":
        error(
            "E016",
            "Media is on one machine's disk: other web and worker machines cannot read it.",
            "Set PHANANH_MEDIA_STORAGE=s3 with the PHANANH_S3_* settings",
        )
    elif not (
        settings.STORAGES["default"]["OPTIONS"].get("bucket_name")
        and settings.STORAGES["private"]["OPTIONS"].get("bucket_name")
    ):
        error(
            "E017",
            "The S3 buckets are not named.",
            "Set PHANANH_S3_BUCKET and PHANANH_S3_PRIVATE_BUCKET",
        )
    if settings.EMAIL_BACKEND in LOCAL_MAIL:
        error(
            "E018",
            "Messages are not sent: the mail backend writes them locally.",
            "Set PHANANH_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and "
            "PHANANH_EMAIL_HOST",
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        found.append(
            Warning(
                "The database is SQLite: one machine only.",
                hint=f"Set PHANANH_DATABASE_URL=postgresql://… ({GUIDE}).",
                id="phananh.W019",
            )
        )
    return found


# What `ALTER TABLE … SET (autovacuum_enabled = …)` may have stored to turn it off.
_AUTOVACUUM_OFF = ("autovacuum_enabled=false", "autovacuum_enabled=off", "autovacuum_enabled=0")


@register(Tags.database, deploy=True)
def planner_statistics(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """The lists' plans depend on fresh statistics, which PostgreSQL's autovacuum keeps: warn
    when it is off for the cluster or for one of the application's tables (docs/deploy.md)."""
    from django.db import DatabaseError, connection

    if connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('autovacuum'), ARRAY(SELECT relname::text FROM pg_class"
                " WHERE relkind = 'r' AND pg_table_is_visible(oid) AND reloptions && %s::text[]"
                " ORDER BY relname)",
                [list(_AUTOVACUUM_OFF)],
            )
            setting, tables = cursor.fetchone()
    except DatabaseError:  # unreachable: the commands that need it say so themselves
        return []
    where = []
    if setting == "off":
        where.append("for the whole cluster (autovacuum = off)")
    if tables:
        where.append("for " + ", ".join(tables))
    if not where:
        return []
    return [
        Warning(
            f"PostgreSQL's autovacuum is off {' and '.join(where)}: the planner's statistics go "
            "stale as reports arrive, and lists can take slow plans.",
            hint=f"Turn autovacuum on, or run `vacuumdb --analyze-only` every few minutes "
            f"({GUIDE}).",
            id="phananh.W020",
        )
    ]
