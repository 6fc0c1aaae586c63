"""Reports follow the account: claimed once an address is proved, anonymised when it is deleted."""

from __future__ import annotations

import pytest

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.core.errors import ActionNotAllowed
from phananh.reports.actions.participation import comment_add
from phananh.reports.actions.privacy import report_claim_by_email, reports_anonymise_reporter
from phananh.reports.actions.triage import report_answer_info, report_assign, report_request_info
from phananh.reports.choices import Action, Status, Visibility
from phananh.reports.models import Comment, Event

pytestmark = pytest.mark.django_db


def test_claim_attaches_only_unclaimed_reports_from_the_address(submit, people):
    lan = people["citizen"]
    mine = submit(actor=Actor.anonymous(), reporter_email="lan@example.com")
    someone_elses = submit(actor=Actor.anonymous(), reporter_email="hoa@example.com")
    owned = submit(reporter_email="lan@example.com")  # already the `reporter` account's
    claimed = report_claim_by_email(actor=lan, email=" LAN@example.com ")
    assert [r.pk for r in claimed] == [mine.pk]
    mine.refresh_from_db()
    someone_elses.refresh_from_db()
    owned.refresh_from_db()
    assert mine.reporter_id == lan.user_id and mine.status == Status.NEW
    assert someone_elses.reporter_id is None and owned.reporter_id == people["reporter"].user_id
    event = mine.events.get(action=Action.CLAIM)
    assert event.visibility == Visibility.INTERNAL and event.actor_id == lan.user_id
    assert report_claim_by_email(actor=lan, email="lan@example.com") == []
    with pytest.raises(ActionNotAllowed):
        report_claim_by_email(actor=Actor.anonymous(), email="lan@example.com")


def test_claimed_report_lets_the_account_act_as_reporter(submit, people):
    report = submit(actor=Actor.anonymous(), reporter_email="lan@example.com")
    report_claim_by_email(actor=people["citizen"], email="lan@example.com")
    report = report_request_info(report=report, actor=people[Role.OPERATOR], question="Ở đâu?")
    report = report_answer_info(report=report, actor=people["citizen"], answer="Số 5")
    assert report.status == Status.NEW


def test_anonymise_clears_the_person_everywhere(submit, people):
    reporter = people["reporter"]
    report = submit(reporter_name="Lan", reporter_email="lan@example.com", reporter_phone="0905")
    published = report_assign(report=submit(actor=people["citizen"]), actor=people[Role.OPERATOR])
    comment_add(report=published, actor=reporter, text="Đúng vậy", author_name="Lan")
    count = reports_anonymise_reporter(
        actor=reporter, user_id=reporter.user_id, email="lan@example.com"
    )
    assert count == 1
    report.refresh_from_db()
    assert report.reporter_id is None and report.is_anonymous
    assert report.reporter_name == report.reporter_email == report.reporter_phone == ""
    event = report.events.get(action=Action.ANONYMISE)
    assert event.visibility == Visibility.INTERNAL and event.actor_label == "deleted account"
    assert not Event.objects.filter(actor_id=reporter.user_id).exists()
    assert report.events.get(action=Action.SUBMIT).actor_label == "deleted account"
    comment = Comment.objects.get()
    assert comment.author_id is None and comment.author_name == "" and comment.text == "Đúng vậy"


def test_only_the_person_or_an_admin_may_anonymise(submit, people):
    submit()
    with pytest.raises(ActionNotAllowed):
        reports_anonymise_reporter(actor=people["citizen"], user_id=people["reporter"].user_id)
    assert (
        reports_anonymise_reporter(actor=people[Role.ADMIN], user_id=people["reporter"].user_id)
        == 1
    )
