"""Background work for reports: interfaces only, each calls one service."""

from __future__ import annotations

from django_tasks import task

from phananh.reports.media import media_process


@task()
def process_media(media_id: int) -> None:
    """Make the public copy and thumbnail of an upload (safe to run twice)."""
    media_process(media_id=media_id)


@task()
def notify_followers(event_id: int) -> None:
    """Email a report's followers about one public step (the dedupe key makes it twice-safe)."""
    from phananh.reports.followers import followers_notify

    followers_notify(event_id=event_id)


@task()
def notify_reporter(event_id: int) -> None:
    """Tell a report's reporter about one step (the dedupe key makes it twice-safe)."""
    from phananh.reports.reporter_notify import reporter_notify

    reporter_notify(event_id=event_id)
