"""One submission, one report: a double tap, a resent draft or an app's retry files it once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phananh.accounts.actors import Actor
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
