"""Background work for alerts: interfaces only, each calls one service."""

from __future__ import annotations

from django_tasks import task

from phananh.alerts.digest import digests_send


@task()
def send_digests() -> None:
    """The daily emails (safe to run twice: what was sent is recorded)."""
    digests_send()
