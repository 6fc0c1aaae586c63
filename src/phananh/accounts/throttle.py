"""Sign-in throttling for every password form: the portal's and console's sign-in page, the
admin site, the API's token endpoint and the account-deletion check.

Failures are counted per account tried (the address typed, whether or not an account has it,
so the answers never tell which addresses exist) and per client address (behind trusted
proxies, `core.net.client_ip`). Past `SIGNIN_FAILURES_PER_ACCOUNT` failures for one account, or
`SIGNIN_FAILURES_PER_ADDRESS` from one address, each further failure locks that account or
address for twice as long as the last lock (2 s, 4 s, 8 s…, at most `SIGNIN_LOCK_MAX_SECONDS`).
While locked, a sign-in is refused without checking the password — the right one too — and the
refusal does not lengthen the lock (so nobody can keep an account locked for ever by hammering
it). A success clears its account's count, never the address's. Counters live in the Django
cache every web process shares (Redis, or files in the data dir on one machine). Every
failure is recorded for the IOC's audit (`SignInFailure`, listed in the admin site).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from phananh.core import clock
from phananh.core.net import client_ip

# Failure counts are forgotten this long after the last lock ends (or the last failure).
MEMORY_SECONDS = 3600


def _cache() -> BaseCache:
    """The cache every web process shares (Redis, or files in the data dir on one machine)."""
    return caches["default"]


@dataclass(frozen=True)
class _Counter:
    key: str
    threshold: int


def _digest(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def _counters(request: HttpRequest, identifier: str) -> list[_Counter]:
    counters = []
    if settings.SIGNIN_FAILURES_PER_ACCOUNT > 0:
        counters.append(
            _Counter(
                f"phananh:signin:account:{_digest(identifier)}",
                settings.SIGNIN_FAILURES_PER_ACCOUNT,
            )
        )
    if settings.SIGNIN_FAILURES_PER_ADDRESS > 0:
        counters.append(
            _Counter(
                f"phananh:signin:address:{_digest(client_ip(request))}",
                settings.SIGNIN_FAILURES_PER_ADDRESS,
            )
        )
    return counters


def _now() -> float:
    return clock.now().timestamp()


def signin_wait(*, request: HttpRequest, identifier: str) -> int:
    """Seconds before this account may be tried again from this client (0: now)."""
    now = _now()
    wait = 0.0
    for counter in _counters(request, identifier):
        state = _cache().get(counter.key) or {}
        wait = max(wait, float(state.get("locked_until", 0)) - now)
    return max(0, math.ceil(wait))


def lock_seconds(failures: int, threshold: int) -> int:
    """The lock after the `failures`-th failure: none below the threshold, then doubling."""
    if failures < threshold:
        return 0
    return min(2 ** min(failures - threshold + 1, 30), settings.SIGNIN_LOCK_MAX_SECONDS)


def signin_failed(*, request: HttpRequest, identifier: str, form: str, locked: bool = False) -> int:
    """Count one refused sign-in (unless refused while `locked`), record it for the audit, and
    return the seconds the account or the address is now locked for."""
    from phananh.accounts.services import signin_failure_record

    now = _now()
    wait = 0
    if not locked:
        for counter in _counters(request, identifier):
            state = _cache().get(counter.key) or {}
            failures = int(state.get("failures", 0)) + 1
            lock = lock_seconds(failures, counter.threshold)
            state = {"failures": failures, "locked_until": now + lock if lock else 0}
            _cache().set(counter.key, state, timeout=lock + MEMORY_SECONDS)
            wait = max(wait, lock)
    signin_failure_record(
        identifier=identifier, client_ip=client_ip(request), form=form, locked=locked
    )
    return wait


def signin_succeeded(*, request: HttpRequest, identifier: str) -> None:
    """A right password while not locked: the account's count starts again (the address's
    does not, or one account of one's own would reset it between guesses at others)."""
    if settings.SIGNIN_FAILURES_PER_ACCOUNT > 0:
        _cache().delete(f"phananh:signin:account:{_digest(identifier)}")


def locked_message(seconds: int) -> str:
    """What the person reads: the same whether or not the account exists."""
    if seconds >= 120:
        minutes = math.ceil(seconds / 60)
        wait = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    else:
        wait = ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    return _(
        "Too many failed sign-ins for this account or from this connection. For your safety, "
        "wait %(wait)s and try again, or ask for a sign-in link by email."
    ) % {"wait": wait}
