"""Version stamps kept in the shared cache, so that every process agrees on what changed.

`changes` moves whenever anything the public reads may have changed (a report's step, a photo made
public, a comment, a category renamed): conditional answers (core/conditional.py) are built from
it. `config` moves when the configuration the intake reads is edited (keys, categories, policies,
areas, agencies, campaigns): the intake's caches are keyed by it. A stamp is a fresh random token
with its time, never a counter: after a cache flush it can never come back to an old value, and
two processes bumping at once both leave a new one.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction

CHANGES = "changes"
CONFIG = "config"

# Within one web request the configuration stamp is read once (the intake asks for it for every
# copy it uses: keys, categories, areas, policies…); a bump in the request forgets it.
_request = threading.local()


def _key(name: str) -> str:
    return f"stamp:{name}"


def _fresh() -> str:
    return f"{time.time_ns():x}.{secrets.token_hex(4)}"


def stamp_get(name: str) -> str:
    """The stamp's current value (one cache read; the config stamp once per web request); a
    missing one is created."""
    memo: dict[str, str] | None = getattr(_request, "memo", None)
    if memo is not None and name in memo:
        return memo[name]
    value = cache.get(_key(name))
    if value is None:
        cache.add(_key(name), _fresh(), timeout=None)
        value = cache.get(_key(name)) or _fresh()
    if memo is not None and name == CONFIG:
        memo[name] = str(value)
    return str(value)


class RequestStampsMiddleware:
    """Scope the config stamp's memo to one request (a gthread worker runs one per thread)."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        _request.memo = {}
        try:
            return self.get_response(request)
        finally:
            _request.memo = None


def stamp_moment(stamp: str) -> datetime:
    """When the stamp was made."""
    return datetime.fromtimestamp(int(stamp.split(".")[0], 16) / 1e9, tz=UTC)


def stamp_bump(name: str) -> None:
    """Move the stamp now and again once the current transaction commits. Now, so that this
    connection reads its own change through fresh copies; after the commit, because a reader
    between the two saw the old data under the first new stamp."""
    memo: dict[str, str] | None = getattr(_request, "memo", None)
    if memo is not None:
        memo.pop(name, None)
    cache.set(_key(name), _fresh(), timeout=None)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.set(_key(name), _fresh(), timeout=None))


def changes_bump() -> None:
    stamp_bump(CHANGES)


def config_bump() -> None:
    """The configuration changed: the public reads (names) and the intake's caches move."""
    stamp_bump(CONFIG)
    stamp_bump(CHANGES)


# What moves the stamps when saved or deleted (by label, so that core imports no domain app):
# the configuration the intake and the public names read, and the photos a public answer links.
CONFIG_MODELS = frozenset(
    {
        "accounts.apikey",
        "accounts.agency",
        "accounts.membership",
        "accounts.agency_areas",
        "catalog.category",
        "catalog.categorygroup",
        "catalog.routingentry",
        "geo.area",
        "sla.slapolicy",
        "sla.calendarday",
        "campaigns.campaign",
        "campaigns.campaigncategory",
        "campaigns.campaign_areas",
    }
)
CHANGES_MODELS = frozenset({"reports.media"})


def on_model_change(sender: type, **kwargs: object) -> None:
    """post_save / post_delete / m2m_changed receiver: move the stamps the row belongs to."""
    if kwargs.get("action", "post_").__str__().startswith("pre_"):  # m2m: only once done
        return
    label = sender._meta.label_lower  # type: ignore[attr-defined]
    if label in CONFIG_MODELS:
        config_bump()
    elif label in CHANGES_MODELS:
        changes_bump()
