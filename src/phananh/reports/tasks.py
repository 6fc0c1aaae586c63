"""Background work for reports: interfaces only, each calls one service."""

from __future__ import annotations

from django_tasks import task

from phananh.reports.fanout import event_dispatch
from phananh.reports.media import media_process, media_requeue_stale


@task()
def dispatch_event(event_id: int) -> None:
    """Run the subscribers of one timeline event (each is safe to run twice)."""
    event_dispatch(event_id=event_id)


@task()
def process_media(media_id: int) -> None:
    """Make the public copy and thumbnail of an upload (safe to run twice)."""
    media_process(media_id=media_id)


@task()
def requeue_media() -> None:
    """Queue again the uploads still waiting for copies whose task was lost."""
    media_requeue_stale()
