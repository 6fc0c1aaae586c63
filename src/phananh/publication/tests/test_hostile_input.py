"""Whatever a visitor sends to the public forms, the answer is a page or a 4xx, never a 500."""

from __future__ import annotations

import pytest

from phananh.accounts.models import User
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.participation import comment_add
from phananh.reports.actions.triage import report_assign
from phananh.reports.tokens import reporter_token

pytestmark = pytest.mark.django_db

GARBAGE = ["", "abc", "-1", "1e309", "nan", "2026-02-30", "9" * 40, "' OR 1=1 --", "ñ" * 3000]
FIELDS = [
    "text",
    "category",
    "lat",
    "lon",
    "address",
    "urgent",
    "name",
    "email",
    "phone",
    "anonymous",
    "level",
    "comment",
    "reopen",
    "reason",
    "q",
    "state",
    "area",
    "agency",
    "from",
    "to",
    "overdue",
    "after",
    "bbox",
    "zoom",
    "hide",
]


@pytest.mark.parametrize("value", GARBAGE)
def test_public_forms_survive_garbage(client, submit, people, value):
    report = report_assign(report=submit(), actor=people["operator"])
    report_agency_accept(report=report, actor=people["officer"])
    report_resolve(report=report, actor=people["officer"], result="Xong")
    comment = comment_add(report=report, actor=people["citizen"], text="Ý kiến")
    data = dict.fromkeys(FIELDS, value)
    urls = [
        "/report/new/",
        f"/reports/{report.code}/rate/{reporter_token(report.pk)}/",
        f"/reports/{report.code}/follow/",
        f"/reports/{report.code}/comment/",
        f"/reports/{report.code}/support/",
        f"/reports/{report.code}/comments/{comment.pk}/flag/",
    ]
    for signed_in in (False, True):
        if signed_in:
            client.force_login(User.objects.get(pk=people["citizen"].user_id))
        for url in urls:
            assert client.post(url, data).status_code < 500, (url, value)
        for url in ("/reports/", "/reports/map.json", "/report/nearby/", "/report/suggest/"):
            assert client.get(url, data).status_code < 500, (url, value)
