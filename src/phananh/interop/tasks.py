"""Background work of the interop app: interfaces only, each calls one service."""

from __future__ import annotations

from django_tasks import task

from phananh.interop.polling import agencies_poll


@task()
def poll_agencies() -> None:
    """Read the updates of every agency that works in its own Open311 system."""
    agencies_poll()
