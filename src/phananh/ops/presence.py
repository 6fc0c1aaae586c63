"""Who else has a report open in the console right now (a heartbeat in the shared cache)."""

from __future__ import annotations

import time

from django.core.cache import cache

TTL = 45  # seconds without a heartbeat before someone is no longer "looking"


def presence_touch(*, report_id: int, user_id: int, label: str) -> list[str]:
    """Record that this person is looking; returns the labels of the others looking now."""
    key = f"ops:presence:{report_id}"
    now = time.time()
    known = cache.get(key) or {}
    viewers = {uid: (name, seen) for uid, (name, seen) in known.items() if now - seen < TTL}
    viewers[user_id] = (label, now)
    cache.set(key, viewers, TTL)
    return sorted(name for uid, (name, _seen) in viewers.items() if uid != user_id)
