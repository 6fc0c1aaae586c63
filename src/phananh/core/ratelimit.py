"""Fixed-window counters in the Django cache, to limit how often something may be asked for."""

from __future__ import annotations

import hashlib

from django.core.cache import caches


def _key(scope: str, subject: str) -> str:
    # Hashed: cache keys must be short and safe, and need not hold an email address.
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:32]
    return f"phananh:rate:{scope}:{digest}"


def rate_limit_hit(scope: str, subject: str, *, limit: int, window_seconds: int) -> bool:
    """Count one request by `subject`; False once it has made more than `limit` in the window."""
    # The cache every web process shares (Redis, or files in the data dir on one machine).
    cache = caches["default"]
    key = _key(scope, subject)
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
