"""The worker's part: publish each finished day's head."""

from __future__ import annotations

from django_tasks import task

from phananh.transparency.services import heads_publish


@task()
def publish_heads() -> int:
    return len(heads_publish())
