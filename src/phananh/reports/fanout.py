"""One event fan-out: every recorded event goes to one dispatcher task, which runs its subscribers.

The event is handed over inside the transaction that records it (the task queue is a table of
the same database), so a crash between the commit and an on-commit hook cannot lose it. The
dispatcher (`reports.tasks.dispatch_event`) runs, in order, every subscriber whose condition
holds for the event: the reporter's notice, the followers' notices and the staff alerts (that
`reports/apps.py` registers from `reports/notices/`, following the `tells` column of the
lifecycle table), the classifier (registered by `intelligence`), and any integration that plugs
in here. Each subscriber runs in its own savepoint and must be safe to run twice: a task whose
worker died is run again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from phananh.core.queue import enqueue
from phananh.reports import lifecycle
from phananh.reports.models import Event

logger = logging.getLogger(__name__)

DISPATCH_TASK = "phananh.reports.tasks.dispatch_event"

# Decides from the event and its lifecycle row alone (no query): is this event for me?
Condition = Callable[[Event, lifecycle.Transition], bool]
Handler = Callable[[Event], object]


@dataclass(frozen=True)
class Subscriber:
    """A named handler and the condition under which an event reaches it."""

    name: str
    wants: Condition
    handle: Handler


_subscribers: dict[str, Subscriber] = {}


def subscribe(name: str, handle: Handler, *, wants: Condition) -> None:
    """Register a subscriber once (by name: registering again replaces it)."""
    _subscribers[name] = Subscriber(name, wants, handle)


def subscribers_for(event: Event) -> list[Subscriber]:
    """The subscribers an event reaches, in registration order."""
    row = lifecycle.TABLE.get(event.action)
    if row is None:
        return []
    return [s for s in _subscribers.values() if s.wants(event, row)]


def event_enqueue(event: Event) -> None:
    """Hand an event to the dispatcher, in the caller's transaction (when anybody wants it)."""
    if subscribers_for(event):
        enqueue(DISPATCH_TASK, event.pk)


def event_dispatch(*, event_id: int) -> list[str]:
    """Run every subscriber the event reaches; returns their names.

    A failing subscriber is logged and does not stop the others; the first failure is raised
    at the end, so the task is recorded as failed and can be looked at.
    """
    event = (
        Event.objects.select_related("report", "report__reporter", "agency")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return []
    ran: list[str] = []
    failure: Exception | None = None
    for subscriber in subscribers_for(event):
        try:
            with transaction.atomic():
                subscriber.handle(event)
        except Exception as error:  # one broken subscriber must not silence the others
            logger.exception("event %s: subscriber %s failed", event.pk, subscriber.name)
            failure = failure or error
            continue
        ran.append(subscriber.name)
    if failure is not None:
        raise failure
    return ran
