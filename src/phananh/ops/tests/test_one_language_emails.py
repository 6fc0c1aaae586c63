"""The emails people get outside a report's own steps — sign-up, sign-in link, following, alerts
by place and their digest — read in one language, the one the person chose."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from phananh.accounts.actors import Actor
from phananh.accounts.models import User
from phananh.alerts.choices import AlertKind, Frequency
from phananh.alerts.digest import digests_send
from phananh.alerts.services import AlertRequest, alert_confirm, alert_subscribe
from phananh.notifications.models import Notification
from phananh.publication.services import account_send_sign_in_link, account_sign_up
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.participation import report_follow, report_follow_confirm
from phananh.reports.actions.triage import report_assign
from phananh.reports.models import Follower

from .test_one_language import allowed_words, foreign_words

pytestmark = pytest.mark.django_db
URL = re.compile(r"https?://\S+")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_emails_around_the_reports_speak_the_persons_language(
    language, people, submit, phu_xuan, django_capture_on_commit_callbacks
):
    other = "en" if language == "vi" else "vi"
    with translation.override(other):  # whatever language the process happens to be in
        account_sign_up(email=f"new-{language}@example.org", full_name="Lan", language=language)
        citizen = User.objects.get(pk=people["citizen"].user_id)
        citizen.language = language
        citizen.save(update_fields=["language"])
        account_send_sign_in_link(email=citizen.email)

        for kind, frequency in ((AlertKind.WARD, Frequency.IMMEDIATE), (AlertKind.WARD, "daily")):
            subscription = alert_subscribe(
                request=AlertRequest(
                    email=f"alert-{frequency}-{language}@example.org",
                    kind=kind,
                    frequency=frequency,
                    language=language,
                    area=phu_xuan,
                )
            )
            alert_confirm(subscription_id=subscription.pk)

        with django_capture_on_commit_callbacks(execute=True):
            report = report_assign(report=submit(), actor=people["operator"])
        report_follow(
            report=report,
            actor=Actor.anonymous(),
            email=f"follow-{language}@example.org",
            language=language,
        )
        report_follow_confirm(follower_id=Follower.objects.get(report=report).pk)
        with django_capture_on_commit_callbacks(execute=True):
            report_agency_accept(report=report, actor=people["officer"])
        digests_send()

    kinds = set()
    problems = []
    allowed = allowed_words()
    for message in Notification.objects.filter(channel="email").exclude(to__endswith="@ioc.test"):
        if not message.to.endswith(f"-{language}@example.org") and message.to != citizen.email:
            continue
        kinds.add(message.kind)
        text = URL.sub("", f"{message.subject}\n{message.body}")  # links hold path words
        words = foreign_words(text, language, allowed)
        if words or ".." in text:
            problems.append(f"{message.kind} to {message.to}: {words} {text!r}")
    assert not problems, "\n".join(problems)
    expected = {
        "email_verification",
        "sign_in_link",
        "follow_confirmation",
        "report_update",
    }
    assert expected <= kinds, kinds
    assert any(kind.startswith("alert") for kind in kinds), kinds
