"""The daily email: once per slot whatever the number of schedulers, each report in it once,
and a run cut short (a worker killed) never sends what was sent already."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from phananh.alerts import digest
from phananh.alerts.choices import DeliveryState
from phananh.alerts.digest import digests_send
from phananh.alerts.models import AlertDelivery
from phananh.alerts.services import AlertRequest, alert_confirm, alert_subscribe
from phananh.alerts.tests.conftest import emails_to
from phananh.core.periodic import periodic_tick
from phananh.reports.actions.moderation import report_hide

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
T0 = datetime(2026, 12, 8, 0, 0, 5, tzinfo=UTC)


def _daily(email: str, area, language: str = "en"):
    request = AlertRequest(
        email=email, kind="ward", frequency="daily", area=area, language=language
    )
    return alert_confirm(subscription_id=alert_subscribe(request=request).pk)


def test_two_schedulers_queue_the_digest_once_per_slot():
    with override_settings(TASKS=DATABASE_QUEUE):
        periodic_tick(worker="a", now=T0)
        periodic_tick(worker="b", now=T0)
        periodic_tick(worker="b-restarted", now=T0.replace(hour=23))
    queued = DBTaskResult.objects.filter(task_path="phananh.alerts.tasks.send_digests")
    assert queued.count() == 1


def test_one_daily_email_with_the_day_s_reports_never_sent_twice(
    submit, people, phu_xuan, django_capture_on_commit_callbacks
):
    _daily("an@example.com", phu_xuan)
    _daily("binh@example.com", phu_xuan, language="vi")
    with django_capture_on_commit_callbacks(execute=True):
        first, second, hidden = submit(), submit(), submit()
    assert AlertDelivery.objects.count() == 6
    with django_capture_on_commit_callbacks(execute=True):  # hidden after it matched
        report_hide(report=hidden, actor=people["operator"], reason="spam")
    mail.outbox.clear()
    assert emails_to("an@example.com") == [], "daily: nothing before the digest"
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 2
    (english,) = emails_to("an@example.com")
    (vietnamese,) = emails_to("binh@example.com")
    assert english.subject == "2 new reports in Phu Xuan Ward, every category"
    assert vietnamese.subject == "2 phản ánh mới tại Phường Phú Xuân, mọi lĩnh vực"
    for message in (english, vietnamese):
        assert first.code in message.body and second.code in message.body
        assert hidden.code not in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The task run again (a retry, another slot): nothing new, nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 0
    assert len(mail.outbox) == 2
    assert set(AlertDelivery.objects.values_list("state", flat=True)) == {
        DeliveryState.SENT,
        DeliveryState.SKIPPED,
    }


def test_a_run_cut_short_sends_the_rest_later_and_nothing_twice(
    submit, phu_xuan, monkeypatch, django_capture_on_commit_callbacks
):
    _daily("an@example.com", phu_xuan)
    cut = _daily("binh@example.com", phu_xuan)
    with django_capture_on_commit_callbacks(execute=True):
        report = submit()
    mail.outbox.clear()
    real = digest.digest_message

    def dies_on_the_second(subscription, reports):
        if subscription.pk == cut.pk:
            raise SystemExit("worker killed")  # what a SIGKILL leaves: this one not committed
        return real(subscription, reports)

    monkeypatch.setattr(digest, "digest_message", dies_on_the_second)
    with pytest.raises(SystemExit), django_capture_on_commit_callbacks(execute=True):
        digests_send()
    assert [m.to for m in mail.outbox] == [["an@example.com"]]
    monkeypatch.setattr(digest, "digest_message", real)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["an@example.com", "binh@example.com"]
    assert all(report.code in m.body for m in mail.outbox)


def test_a_long_digest_points_to_the_list(submit, phu_xuan):
    from phananh.alerts.messages import DIGEST_MAX, digest_message

    subscription = _daily("an@example.com", phu_xuan)
    report = submit()
    message = digest_message(subscription, [report] * (DIGEST_MAX + 3))
    assert message.body.count(f"{report.code} ·") == DIGEST_MAX
    assert "…and 3 more on the list of reports" in message.body
    assert "/reports/?area=19753" in message.body


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_digests_at_once_send_each_once(submit, phu_xuan):
    from phananh.conftest import at_once

    _daily("an@example.com", phu_xuan)
    _daily("binh@example.com", phu_xuan)
    submit()
    submit()
    mail.outbox.clear()
    assert at_once(digests_send, times=2) == []
    assert sorted(m.to[0] for m in mail.outbox) == ["an@example.com", "binh@example.com"]
    assert not AlertDelivery.objects.filter(state=DeliveryState.PENDING).exists()
