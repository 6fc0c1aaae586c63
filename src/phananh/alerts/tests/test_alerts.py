"""Alerts by place, end to end: subscribe, confirm by link, one email per new public report in
the ward or radius and category, in the subscriber's language, one-click stop."""

from __future__ import annotations

import pytest
from django.core import mail

from phananh.alerts.models import AlertDelivery, AlertSubscription
from phananh.alerts.tests.conftest import emails_to, last_link
from phananh.reports.actions.intake import report_confirm
from phananh.reports.actions.moderation import report_hide
from phananh.reports.actions.triage import report_assign
from phananh.reports.fanout import event_dispatch
from phananh.reports.models import Event

pytestmark = pytest.mark.django_db

MAI = "mai@example.com"
# Planted in every reporter field: never in an alert.
MARKER_NAME = "Zyxwv Markername"
MARKER_EMAIL = "zyxwv.marker@example.org"
MARKER_PHONE = "0905 771 993"
VY_DA = {"lat": 16.4751, "lon": 107.6106}


def _file(submit, capture, **overrides):
    values = {
        "reporter_name": MARKER_NAME,
        "reporter_email": MARKER_EMAIL,
        "reporter_phone": MARKER_PHONE,
        "text": "Karaoke ồn ào đến 1 giờ sáng, gọi 0905771993 nếu cần",
    }
    values.update(overrides)
    with capture(execute=True):
        return submit(**values)


def _assert_no_reporter(messages, people) -> None:
    reporter_account = people["reporter"].label
    for message in messages:
        text = f"{message.subject}\n{message.body}\n{message.extra_headers}"
        for marker in (MARKER_NAME, MARKER_EMAIL, MARKER_PHONE, "0905771993", reporter_account):
            assert marker not in text, f"{marker!r} leaked into {message.subject!r}"


def test_ward_alert_confirmed_then_one_english_email_with_a_working_stop(
    client, submit, people, noise, phu_xuan, vy_da, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            "/alerts/?lang=en",
            {
                "email": "Mai@Example.com",
                "kind": "ward",
                "area": phu_xuan.code,
                "category": noise.code,
                "frequency": "immediate",
            },
        )
    assert page.status_code == 200 and "Check your inbox" in page.text
    (confirmation,) = emails_to(MAI)
    assert "Confirm your alerts" in confirmation.subject and "Phu Xuan Ward" in confirmation.body
    _file(submit, django_capture_on_commit_callbacks)
    assert len(emails_to(MAI)) == 1, "nothing before the address is confirmed"

    confirmed = client.get(last_link(r"https?://\S+/alerts/confirm/\S+", MAI))
    assert confirmed.status_code == 200 and "Alerts confirmed" in confirmed.text
    report = _file(submit, django_capture_on_commit_callbacks)
    _file(submit, django_capture_on_commit_callbacks, **VY_DA)  # another ward
    alerts = emails_to(MAI)[1:]
    assert len(alerts) == 1
    (alert,) = alerts
    assert alert.subject == f"New report {report.code}: Noise"
    assert f"/reports/{report.code}/" in alert.body and "Phu Xuan Ward" in alert.body
    assert "Received" in alert.body  # the public status, in English
    stop = last_link(r"https?://\S+/alerts/stop/\S+", MAI)
    assert alert.extra_headers["List-Unsubscribe"].endswith(f"{stop}>")
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    _assert_no_reporter(emails_to(MAI), people)

    # The fan-out running again (a retried task) alerts nobody twice.
    event = Event.objects.filter(report=report).order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        event_dispatch(event_id=event.pk)
    assert len(emails_to(MAI)) == 2 and AlertDelivery.objects.count() == 1

    # GET shows the button (a mail scanner stops nothing); the mail client's POST stops.
    shown = client.get(stop)
    assert shown.status_code == 200 and "Stop these alerts" in shown.text
    assert AlertSubscription.objects.get().stopped_at is None
    client.logout()
    stopped = client.post(
        stop, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert stopped.status_code == 200 and "Alerts stopped" in stopped.text
    assert AlertSubscription.objects.get().stopped_at is not None
    _file(submit, django_capture_on_commit_callbacks)
    assert len(emails_to(MAI)) == 2


def test_radius_alert_by_category_group_in_vietnamese(
    client, submit, people, noise, flood, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            "/alerts/?lang=vi",
            {
                "email": MAI,
                "kind": "radius",
                "lat": "16.4710",
                "lon": "107.5765",
                "radius": "500",
                "category": "group:environment",
                "frequency": "immediate",
            },
        )
    assert page.status_code == 200, page.text
    assert "Xác nhận" in emails_to(MAI)[0].subject
    assert client.get(last_link(r"https?://\S+/alerts/confirm/\S+", MAI)).status_code == 200
    inside = _file(submit, django_capture_on_commit_callbacks)  # ~80 m away, noise
    _file(submit, django_capture_on_commit_callbacks, category=flood)  # inside, other group
    _file(submit, django_capture_on_commit_callbacks, lat=16.4800, lon=107.5765)  # ~1 km away
    alerts = emails_to(MAI)[1:]
    assert len(alerts) == 1
    assert alerts[0].subject == f"Phản ánh mới {inside.code}: Tiếng ồn"
    assert "trong vòng 500 m" in alerts[0].body and "Dừng" in alerts[0].body
    _assert_no_reporter(alerts, people)


@pytest.fixture
def confirmed_alert(client, phu_xuan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/alerts/?lang=en",
            {"email": MAI, "kind": "ward", "area": phu_xuan.code, "frequency": "immediate"},
        )
    client.get(last_link(r"https?://\S+/alerts/confirm/\S+", MAI))
    mail.outbox.clear()
    return AlertSubscription.objects.get()


def test_unconfirmed_reports_alert_once_the_reporter_confirms(
    confirmed_alert, submit, people, django_capture_on_commit_callbacks
):
    report = _file(submit, django_capture_on_commit_callbacks, confirmed=False)
    assert emails_to(MAI) == []
    with django_capture_on_commit_callbacks(execute=True):
        report_confirm(report=report, actor=people["reporter"])
    assert len(emails_to(MAI)) == 1 and report.code in emails_to(MAI)[0].subject


def test_under_publish_on_triage_only_referred_reports_and_never_hidden_ones(
    confirmed_alert, publish_on_triage, submit, people, django_capture_on_commit_callbacks
):
    report = _file(submit, django_capture_on_commit_callbacks)
    hidden = _file(submit, django_capture_on_commit_callbacks)
    assert emails_to(MAI) == [], "not public before the referral"
    with django_capture_on_commit_callbacks(execute=True):
        report_hide(report=hidden, actor=people["operator"], reason="spam")
        report_assign(report=hidden, actor=people["operator"])
        report_assign(report=report, actor=people["operator"])
    (alert,) = emails_to(MAI)
    assert report.code in alert.subject
    with django_capture_on_commit_callbacks(execute=True):
        report_hide(report=hidden, actor=people["operator"], hide=False)
    assert [hidden.code in m.subject for m in emails_to(MAI)] == [False, True]


def test_matching_costs_a_few_queries_whatever_the_number_of_subscriptions(
    phu_xuan, submit, django_assert_max_num_queries
):
    from phananh.alerts.matching import subscriptions_for
    from phananh.alerts.services import AlertRequest, alert_confirm, alert_subscribe

    for n in range(40):
        request = AlertRequest(
            email=f"p{n}@example.com",
            kind="radius",
            frequency="daily",
            lat=16.4705 + n * 0.002,
            lon=107.5760,
            radius_m=1000,
        )
        alert_confirm(subscription_id=alert_subscribe(request=request).pk)
    report = submit()
    with django_assert_max_num_queries(2):
        found = subscriptions_for(report)
    # Within 1 km: the points 0 to 4 steps (of ~222 m) north of it.
    assert sorted(s.email for s in found) == [f"p{n}@example.com" for n in range(5)]


def test_a_category_or_place_corrected_later_alerts_the_new_subscribers_once(
    client, submit, people, noise, flood, vy_da, django_capture_on_commit_callbacks
):
    from phananh.alerts.services import AlertRequest, alert_confirm, alert_subscribe
    from phananh.reports.actions.triage import report_categorize, report_relocate

    for email, extra in (("noise@example.com", {"category": noise}), ("vyda@example.com", {})):
        request = AlertRequest(
            email=email,
            kind="ward",
            frequency="immediate",
            area=vy_da if not extra else None,
            language="en",
            **extra,
        )
        if extra:  # the noise subscriber watches a radius around the report's first place
            request = AlertRequest(
                email=email,
                kind="radius",
                frequency="immediate",
                lat=16.4705,
                lon=107.5760,
                radius_m=500,
                language="en",
                **extra,
            )
        alert_confirm(subscription_id=alert_subscribe(request=request).pk)
    mail.outbox.clear()
    report = _file(submit, django_capture_on_commit_callbacks, category=flood)
    assert emails_to("noise@example.com") == []
    with django_capture_on_commit_callbacks(execute=True):
        report_categorize(report=report, actor=people["operator"], category=noise)
        report_categorize(report=report, actor=people["operator"], category=flood)
        report_categorize(report=report, actor=people["operator"], category=noise)
    assert len(emails_to("noise@example.com")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        report_relocate(report=report, actor=people["operator"], **VY_DA)
    assert len(emails_to("vyda@example.com")) == 1
    _assert_no_reporter(emails_to("noise@example.com") + emails_to("vyda@example.com"), people)
