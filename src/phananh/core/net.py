"""Who is on the other end of a request: the client's address, behind trusted proxies or not.

One helper for every limit and audit that counts by address (the API's rate limits, sign-in
throttling, emailed links). X-Forwarded-For is believed only when the request comes from a
proxy listed in PHANANH_TRUSTED_PROXIES (addresses or networks such as 10.0.0.0/8); the
caller is then the last address in the chain that is not one of those proxies.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for proxy in proxies:
        try:
            networks.append(ipaddress.ip_network(proxy.strip(), strict=False))
        except ValueError:
            continue
    return tuple(networks)


def is_trusted_proxy(address: str) -> bool:
    """Whether `address` is one of the configured reverse proxies."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str:
    """The caller's address; X-Forwarded-For is believed only from a configured proxy."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not is_trusted_proxy(remote):
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for candidate in reversed(chain):
        if candidate and not is_trusted_proxy(candidate):
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                break
    return remote
