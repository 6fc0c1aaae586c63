"""Channel work for the worker: interfaces only, each calls one service."""

from __future__ import annotations

from django_tasks import task

from phananh.channels.inbound import inbound_process


@task()
def process_inbound(inbound_id: int) -> None:
    """Feed a Messenger or Zalo message to its conversation (safe to run twice)."""
    inbound_process(inbound_id=inbound_id)
