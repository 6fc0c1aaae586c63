"""One event fan-out: each event goes to one dispatcher task, queued in the transaction that
records it, which runs every subscriber that wants it — each on its own, each twice-safe."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from phananh.accounts.choices import Role
from phananh.notifications.choices import OptionalKind
from phananh.notifications.models import Notification
from phananh.reports import fanout
from phananh.reports.actions.triage import report_assign, report_note
from phananh.reports.choices import Action
from phananh.reports.models import Event

pytestmark = pytest.mark.django_db
ASSIGNED = OptionalKind.ASSIGNED

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_dispatch_is_queued_in_the_same_transaction_and_lost_with_it(submit, people):
    report = submit()
    DBTaskResult.objects.all().delete()
    with transaction.atomic():
        report_assign(report=report, actor=people[Role.OPERATOR])
        event = report.events.get(action=Action.ASSIGN)
        queued = DBTaskResult.objects.filter(task_path=fanout.DISPATCH_TASK)
        assert [row.args_kwargs["args"] for row in queued] == [[event.pk]]
    # A step that rolls back leaves neither its event nor its dispatch behind.
    with pytest.raises(RuntimeError), transaction.atomic():
        report_note(report=report, actor=people[Role.OPERATOR], text="Gọi lại sau")
        raise RuntimeError("the request failed after the note")
    assert not report.events.filter(action=Action.NOTE).exists()
    assert DBTaskResult.objects.filter(task_path=fanout.DISPATCH_TASK).count() == 1


@override_settings(TASKS=DATABASE_QUEUE)
def test_an_event_nobody_wants_queues_nothing(submit, people):
    report = submit()
    DBTaskResult.objects.all().delete()
    report_note(report=report, actor=people[Role.OPERATOR], text="Đã gọi điện")
    assert not DBTaskResult.objects.filter(task_path=fanout.DISPATCH_TASK).exists()


def test_subscribers_run_when_the_step_commits(submit, people, django_capture_on_commit_callbacks):
    report = submit(reporter_email="lan@example.com")
    ran: list[int] = []
    fanout.subscribe("test-probe", lambda event: ran.append(event.pk), wants=lambda e, row: True)
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            report_assign(report=report, actor=people[Role.OPERATOR])
            assert ran == []  # nothing before the commit
        for callback in callbacks:
            callback()
        event = report.events.get(action=Action.ASSIGN)
        assert ran == [event.pk]
        assert Notification.objects.filter(
            to="lan@example.com", kind=OptionalKind.ASSIGNED
        ).exists()
    finally:
        fanout._subscribers.pop("test-probe")


@pytest.mark.tasks_may_fail
def test_a_failing_subscriber_does_not_silence_the_others(
    submit, people, django_capture_on_commit_callbacks
):
    report = submit(reporter_email="lan@example.com")

    def broken(event: Event) -> None:
        raise ValueError("a partner's bug")

    fanout.subscribe("test-broken", broken, wants=lambda e, row: True)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report_assign(report=report, actor=people[Role.OPERATOR])
        # The reporter still hears, whatever order the subscribers run in.
        assert Notification.objects.filter(
            to="lan@example.com", kind=OptionalKind.ASSIGNED
        ).exists()
        event = report.events.get(action=Action.ASSIGN)
        with pytest.raises(ValueError, match="partner"):
            fanout.event_dispatch(event_id=event.pk)
    finally:
        fanout._subscribers.pop("test-broken")


def test_dispatching_twice_tells_nobody_twice(submit, people, django_capture_on_commit_callbacks):
    report = submit(reporter_email="lan@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        report = report_assign(report=report, actor=people[Role.OPERATOR])
    event = report.events.get(action=Action.ASSIGN)
    before = Notification.objects.count()
    sent = len(mail.outbox)
    assert "reporter" in fanout.event_dispatch(event_id=event.pk)
    assert Notification.objects.count() == before
    assert len(mail.outbox) == sent


def test_each_subscriber_sees_only_what_it_wants(submit, people):
    report = submit()
    assign = report_assign(report=report, actor=people[Role.OPERATOR]).events.get(
        action=Action.ASSIGN
    )
    note = report_note(report=report, actor=people[Role.OPERATOR], text="nội bộ").events.get(
        action=Action.NOTE
    )
    names = lambda event: [s.name for s in fanout.subscribers_for(event)]  # noqa: E731
    assert {"reporter", "followers"} <= set(names(assign))
    assert "staff" not in names(assign)
    assert names(note) == []
