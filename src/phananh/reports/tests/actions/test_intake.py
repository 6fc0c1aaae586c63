"""The one intake: a draft checked, placed and filed once (a double tap, a resent draft or an
app's retry files it once); a report held for confirmation gets its link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.conftest import gps_jpeg_bytes
from phananh.core.errors import InvalidInput
from phananh.notifications.models import Notification
from phananh.reports.actions.intake import report_intake
from phananh.reports.choices import Channel, Status
from phananh.reports.drafts import Contact, ReportDraft
from phananh.reports.models import Report

pytestmark = pytest.mark.django_db

KEY = "3f2a9c1e7b5d4a6f8e0c2b4d6f8a0c1e"


def test_the_same_key_from_the_same_sender_is_the_same_report(submit, people):
    first = submit(submission_key=KEY)
    again = submit(submission_key=KEY)
    assert again.pk == first.pk and Report.objects.count() == 1
    assert first.events.count() == 1  # nothing recorded twice


def test_another_senders_key_never_reaches_the_first_report(submit, people):
    mine = submit(submission_key=KEY)
    theirs = submit(submission_key=KEY, actor=people["citizen"])
    visitor = submit(submission_key=KEY, actor=Actor.anonymous(), reporter_email="a@example.com")
    assert len({mine.pk, theirs.pk, visitor.pk}) == 3


@pytest.mark.parametrize("key", ["", "short", "x" * 65, "not a key!", "'; DROP TABLE--"])
def test_unusable_keys_are_ignored(submit, key):
    submit(submission_key=key)
    submit(submission_key=key)
    assert Report.objects.count() == 2


def test_sending_the_portal_form_twice_files_one_report(client, noise, phu_xuan, ward_agency):
    page = client.get(reverse("publication:report-new"), HTTP_ACCEPT_LANGUAGE="en").text
    assert 'name="submission_key"' in page
    form = {
        "text": "Karaoke ồn ào tới 1 giờ sáng",
        "category": "noise",
        "lat": "16.4705",
        "lon": "107.5760",
        "email": "tu@example.com",
        "submission_key": KEY,
    }
    first = client.post(reverse("publication:report-new"), form)
    second = client.post(reverse("publication:report-new"), form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1


# ── The draft, checked and placed ─────────────────────────────────────────────────────────────


def test_a_photo_places_a_report_sent_without_a_place(submit, people):
    report = submit(lat=None, lon=None, address="", uploads=[gps_jpeg_bytes(16.4705, 107.5760)])
    assert (round(report.lat, 4), round(report.lon, 4)) == (16.4705, 107.576)
    assert report.area.code == "19753"
    assert report.events.get().payload["located_from"] == "photo"


def test_a_switchboard_call_is_reported_by_the_caller_not_the_operator(submit, people):
    report = submit(
        actor=people[Role.OPERATOR],
        channel=Channel.PHONE,
        reporter_name="Bà Hoa",
        reporter_phone="0905 000 111",
    )
    assert report.reporter_id is None
    assert report.reporter_phone == "0905 000 111"
    assert report.events.get().actor_id == people[Role.OPERATOR].user_id


@pytest.mark.parametrize(
    ("draft", "code"),
    [
        ({"text": "   "}, "required"),
        ({"text": "x" * 5001}, "too_long"),
        ({"channel": "pigeon"}, "bad_channel"),
        ({"track": "fast"}, "bad_track"),
        ({"point": (91.0, 10.0)}, "bad_point"),
        ({"address": "a" * 256}, "too_long"),
    ],
)
def test_a_bad_draft_is_refused_and_nothing_is_kept(people, noise, draft, code):
    values = {"text": "Đèn hỏng", "channel": Channel.WEB, "category": noise, **draft}
    with pytest.raises(InvalidInput) as error:
        report_intake(actor=people["reporter"], draft=ReportDraft(**values))
    assert error.value.code == code
    assert not Report.objects.exists()


def test_an_inactive_category_is_refused(people, noise):
    noise.is_active = False
    noise.save(update_fields=["is_active"])
    with pytest.raises(InvalidInput) as error:
        report_intake(
            actor=people["reporter"],
            draft=ReportDraft(text="Ồn", channel=Channel.WEB, category=noise),
        )
    assert error.value.code == "bad_category"


def test_a_report_held_for_confirmation_gets_the_link_not_the_received_notice(
    people, noise, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_intake(
            actor=Actor.anonymous(),
            draft=ReportDraft(
                text="Rác đầy đường",
                channel=Channel.WEB,
                category=noise,
                contact=Contact(email="Lan@Example.com"),
                confirmed=False,
            ),
        )
    assert report.status == Status.UNCONFIRMED
    (sent,) = Notification.objects.filter(to="lan@example.com")
    assert sent.kind == "report_confirmation" and "/confirm/" in sent.body
    assert not report.deadlines.exists()  # its triage clock starts once confirmed


def _codes(monkeypatch, *codes: str) -> None:
    """The report codes the intake draws next, in order."""
    from phananh.reports.actions import intake

    drawn = iter(codes)
    monkeypatch.setattr(intake, "_new_code", lambda: next(drawn))


def _clash_then_fresh(submit, monkeypatch) -> None:
    from phananh.transparency.selectors import chain_verify

    first = submit()
    _codes(monkeypatch, first.code, first.code, "PA-ZZZZZZ9")
    second = submit(text="Đèn đường tắt cả tuần ở kiệt 7")
    assert second.code == "PA-ZZZZZZ9"
    assert Report.objects.count() == 2
    # The attempts that clashed left nothing behind: one event, one deadline, an intact chain.
    assert second.events.count() == 1
    assert second.deadlines.count() == 1
    assert second.due_at is not None
    assert chain_verify() is None


def test_a_code_drawn_twice_is_drawn_again(submit, monkeypatch):
    _clash_then_fresh(submit, monkeypatch)  # the action inside the test's transaction


@pytest.mark.django_db(transaction=True)
def test_a_code_drawn_twice_is_drawn_again_in_its_own_transaction(submit, monkeypatch):
    _clash_then_fresh(submit, monkeypatch)  # the action as the outermost transaction


@pytest.mark.django_db(transaction=True)
def test_a_code_that_keeps_clashing_files_nothing(submit, monkeypatch):
    from phananh.reports.actions._base import StartAgain

    first = submit()
    _codes(monkeypatch, *[first.code] * 3)
    with pytest.raises(StartAgain):
        submit(text="Đèn đường tắt cả tuần ở kiệt 7")
    assert list(Report.objects.values_list("code", flat=True)) == [first.code]


@pytest.mark.django_db(transaction=True)
def test_one_submission_sent_three_times_at_once_is_filed_once(submit):
    from phananh.conftest import at_once

    filed: list[str] = []
    errors = at_once(lambda: filed.append(submit(submission_key=KEY).code), times=3)
    assert errors == []
    assert len(set(filed)) == 1
    assert Report.objects.count() == 1
