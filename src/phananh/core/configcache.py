"""Per-process copies of the configuration the intake reads on every report (API keys,
categories, areas and their polygons, committees, deadline policies), keyed by the shared
`config` stamp (core/changes.py): one cache read per use, a reload in every process as soon as
any of it is saved anywhere (post_save / post_delete move the stamp after the commit)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from phananh.core.changes import CONFIG, stamp_get

T = TypeVar("T")

_copies: dict[str, tuple[str, Any]] = {}
_loading = threading.RLock()  # re-entrant: a load may read another copy


def config_cached(name: str, load: Callable[[], T]) -> T:
    """`load()`'s value, loaded again once the configuration changed. The stamp is read before
    loading: a change committed during the load moves it, and the next call loads again."""
    stamp = stamp_get(CONFIG)
    held = _copies.get(name)
    if held is not None and held[0] == stamp:
        return held[1]
    with _loading:  # one thread loads (the polygons are seconds of work), the others wait
        held = _copies.get(name)
        if held is not None and held[0] == stamp:
            return held[1]
        value = load()
        _copies[name] = (stamp, value)
    return value
