"""The shared cache reuses one Redis client per pool (core/cache.py), and a web request reads
the configuration stamp once (core/changes.py), forgetting it when the request moves it."""

from __future__ import annotations

import socket
import uuid

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from phananh.core import changes
from phananh.core.cache import SharedRedisCache


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="needs the Redis of this machine (.ci/run starts it)")
def test_one_client_per_pool_and_the_cache_works_through_it():
    redis_cache = SharedRedisCache(
        "redis://127.0.0.1:6379/15", {"KEY_PREFIX": f"t-{uuid.uuid4().hex[:8]}"}
    )
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.set("k", {"v": 1}, timeout=30)
    assert redis_cache.get("k") == {"v": 1}
    assert redis_cache.add("n", 0, timeout=30)
    assert redis_cache.incr("n") == 1 and redis_cache.get("n") == 1
    redis_cache.delete_many(["k", "n"])
    assert redis_cache.get("k") is None


def test_a_request_reads_the_config_stamp_once_and_forgets_it_when_it_moves(db):
    seen: list[str] = []

    def view(request):
        seen.append(changes.stamp_get(changes.CONFIG))
        cache.set("stamp:config", "moved-by-another-process", timeout=None)
        seen.append(changes.stamp_get(changes.CONFIG))  # the request's memo
        changes.stamp_bump(changes.CONFIG)  # this request changed the configuration
        seen.append(changes.stamp_get(changes.CONFIG))
        return HttpResponse("ok")

    changes.RequestStampsMiddleware(view)(RequestFactory().get("/"))
    assert seen[0] == seen[1] and seen[2] not in (seen[0], "moved-by-another-process")
    # Outside a request (a worker's task) every read goes to the cache.
    cache.set("stamp:config", "set-elsewhere", timeout=None)
    assert changes.stamp_get(changes.CONFIG) == "set-elsewhere"
