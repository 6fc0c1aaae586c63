"""Delivery with retries: 5 minutes, then every 30 minutes, then failed and one IOC alert."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection, connections

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.core import clock
from phananh.notifications import adapters
from phananh.notifications.adapters import DeliveryRefused, adapter_override
from phananh.notifications.models import Notification, NotificationState
from phananh.notifications.services import (
    notification_deliver,
    notification_queue,
    notification_retry_now,
    notifications_deliver_due,
)
from phananh.notifications.templates import StaffAlert

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture
def fake_channel():
    """A channel 'fake' whose adapter fails while `failing` is set and records what it sent."""

    class Fake:
        failing = False
        refuse = False
        sent: list[int] = []
        calls: list[datetime] = []
        during_send = None

        def __call__(self, notification):
            self.calls.append(clock.now())
            if self.during_send:
                self.during_send(notification)
            if self.refuse:
                raise DeliveryRefused("the recipient blocked the page")
            if self.failing:
                raise ConnectionError("gateway down")
            self.sent.append(notification.pk)

    fake = Fake()
    fake.sent, fake.calls = [], []
    with adapter_override("fake", fake):
        yield fake


def _queue(key: str = "k", **extra) -> Notification:
    values = {"to": "+84905000001", "subject": "", "body": "Xin chào", "kind": "report_received"}
    return notification_queue(**{**values, **extra}, dedupe_key=key, channel="fake")


def _row(pk: int) -> Notification:
    return Notification.objects.get(pk=pk)


@pytest.mark.django_db
def test_first_failure_arrives_on_retry(fake_channel, django_capture_on_commit_callbacks):
    fake_channel.failing = True
    with clock.at(T0), django_capture_on_commit_callbacks(execute=True):
        notification = _queue()
    row = _row(notification.pk)
    assert (row.state, row.attempts, row.last_error) == ("pending", 1, "gateway down")
    assert row.next_attempt_at == T0 + timedelta(minutes=5)
    fake_channel.failing = False
    with clock.at(T0 + timedelta(minutes=4, seconds=59)):
        assert notifications_deliver_due() == 0  # not yet
    with clock.at(T0 + timedelta(minutes=5)):
        assert notifications_deliver_due() == 1
    row = _row(notification.pk)
    assert (row.state, row.attempts, row.sent_at) == ("sent", 2, T0 + timedelta(minutes=5))
    assert fake_channel.sent == [notification.pk]
    with clock.at(T0 + timedelta(hours=1)):
        assert notifications_deliver_due() == 0
        assert notification_deliver(notification_id=notification.pk) is None
    assert fake_channel.sent == [notification.pk]


@pytest.mark.django_db
def test_an_email_whose_first_delivery_fails_arrives_on_retry(
    django_capture_on_commit_callbacks,
):
    calls = []

    def flaky(notification):
        calls.append(notification.pk)
        if len(calls) == 1:
            raise OSError("Connection refused")
        adapters.send_email(notification)

    with adapter_override("email", flaky):
        with clock.at(T0), django_capture_on_commit_callbacks(execute=True):
            notification_queue(
                to="lan@example.com", subject="PA-1", body="b", kind="x", dedupe_key="k"
            )
        assert mail.outbox == []
        with clock.at(T0 + timedelta(minutes=5)):
            notifications_deliver_due()
    assert [m.to for m in mail.outbox] == [["lan@example.com"]]
    assert Notification.objects.get().state == NotificationState.SENT


@pytest.mark.django_db
def test_schedule_then_failed_with_one_alert_to_the_ioc(
    fake_channel, people, django_capture_on_commit_callbacks
):
    fake_channel.failing = True
    with clock.at(T0), django_capture_on_commit_callbacks(execute=True):
        notification = _queue()
    for _pass in range(100):
        row = _row(notification.pk)
        if row.state != NotificationState.PENDING:
            break
        with clock.at(row.next_attempt_at), django_capture_on_commit_callbacks(execute=True):
            assert notifications_deliver_due() == 1
    minutes = [(moment - T0) / timedelta(minutes=1) for moment in fake_channel.calls]
    # At once, 5 minutes later, then every 30 minutes; the last try a day after the first failure.
    assert minutes == [0, *range(5, 24 * 60, 30), 24 * 60]
    row = _row(notification.pk)
    assert row.state == NotificationState.FAILED
    assert row.attempts == len(fake_channel.calls)
    assert row.first_failed_at == T0
    # One alert per operator and supervisor, naming the message, its channel and the error.
    staff = {people[Role.OPERATOR].user_id, people[Role.SUPERVISOR].user_id}
    expected = sorted(User.objects.filter(pk__in=staff).values_list("email", flat=True))
    assert sorted(m.to[0] for m in mail.outbox) == expected
    alert = mail.outbox[0]
    assert f"#{notification.pk}" in alert.subject and "fake" in alert.subject
    assert "gateway down" in alert.body and "+84905000001" in alert.body
    # Nothing more happens later, however often the worker passes.
    with clock.at(T0 + timedelta(days=3)), django_capture_on_commit_callbacks(execute=True):
        assert notifications_deliver_due() == 0
        assert notification_deliver(notification_id=notification.pk) is None
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(kind=StaffAlert.DELIVERY_FAILED).count() == 2


@pytest.mark.django_db
def test_refused_fails_at_once_and_retry_now_sends_it(
    fake_channel, people, admin_client, django_capture_on_commit_callbacks
):
    fake_channel.refuse = True
    with clock.at(T0), django_capture_on_commit_callbacks(execute=True):
        notification = _queue()
    row = _row(notification.pk)
    assert (row.state, row.attempts) == ("failed", 1)
    assert "blocked" in row.last_error
    assert len(mail.outbox) == 2  # the IOC knows at once
    fake_channel.refuse = False
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/notifications/notification/",
            {"action": "retry_now", "_selected_action": [notification.pk]},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 302
    row = _row(notification.pk)
    assert (row.state, row.attempts, row.first_failed_at) == ("sent", 2, None)
    assert fake_channel.sent == [notification.pk]
    # Sent messages are not sent again by a second click.
    assert notification_retry_now(notification_ids=[notification.pk]) == 0


@pytest.mark.django_db
def test_outbox_admin_lists_and_filters(fake_channel, admin_client):
    _queue("a")
    _queue("b", to="+84905000002")
    response = admin_client.get(
        "/admin/notifications/notification/?state=pending&channel=fake", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert b"+84905000002" in response.content
    assert b"Retry now" in response.content


@pytest.mark.django_db
def test_a_second_worker_never_sends_what_the_first_is_sending(fake_channel):
    # Rows whose delivery task was lost: only the periodic pass can find them.
    rows = [
        Notification.objects.create(
            channel="fake",
            to=f"u{i}",
            subject="",
            body="b",
            kind="x",
            dedupe_key=f"k{i}",
            created_at=T0,
            next_attempt_at=T0,
        )
        for i in range(4)
    ]
    second_worker = []

    def meanwhile(notification):
        # Another worker passes while this one is in the middle of sending.
        second_worker.append(notifications_deliver_due())
        second_worker.append(notification_deliver(notification_id=notification.pk))

    fake_channel.during_send = meanwhile
    with clock.at(T0 + timedelta(minutes=1)):
        assert notifications_deliver_due() == 4
    assert sorted(fake_channel.sent) == sorted(r.pk for r in rows)
    assert second_worker == [0, None] * 4
    # A worker that died mid-send leaves a lease; once over, the message is taken up again.
    stuck = rows[0]
    Notification.objects.filter(pk=stuck.pk).update(
        state="sending", next_attempt_at=T0 + timedelta(minutes=11)
    )
    fake_channel.during_send = None
    with clock.at(T0 + timedelta(minutes=10)):
        assert notifications_deliver_due() == 0
    with clock.at(T0 + timedelta(minutes=11)):
        assert notifications_deliver_due() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_workers_send_each_message_once(fake_channel):
    now = clock.now()
    for i in range(30):
        Notification.objects.create(
            channel="fake",
            to=f"u{i}",
            subject="",
            body="b",
            kind="x",
            dedupe_key=f"k{i}",
            created_at=now,
            next_attempt_at=now,
        )
    fake_channel.during_send = lambda n: time.sleep(0.01)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            notifications_deliver_due(batch=7)
            notifications_deliver_due(batch=7)
            notifications_deliver_due(batch=50)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    else:
        # SQLite serialises writers; the in-send case is covered by the test above.
        for _ in range(4):
            worker()
    assert not errors, errors
    counts = Counter(fake_channel.sent)
    assert len(counts) == 30 and set(counts.values()) == {1}
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}
