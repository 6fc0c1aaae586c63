"""The shared cache's backend: Django's Redis cache, with one client per connection pool.

Django's `RedisCacheClient` builds a new `redis.Redis` for every cache call, and each one
builds its tables of reply callbacks again (about a tenth of a millisecond: a report sent over
the API made eight of them). A `redis.Redis` is safe to share between threads (it takes a
connection from its pool per command), so one per pool is kept and reused.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django_client: Any = self  # the private methods below are Django's, not in its stubs
        index: int = django_client._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = django_client._get_connection_pool(index)
            client = django_client._client(connection_pool=pool)
            self._clients[index] = client
        return client


class SharedRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
