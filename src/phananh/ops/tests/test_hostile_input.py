"""Whatever a form sends, every console action answers with a page, never a 500."""

from __future__ import annotations

import pytest

from phananh.ops.actions import HANDLERS
from phananh.reports.actions.triage import report_assign

pytestmark = pytest.mark.django_db

GARBAGE = [
    "",
    "abc",
    "-1",
    "1e309",
    "nan",
    "2026-02-30",
    "9" * 40,
    "' OR 1=1 --",
    "\u0000",
    "ñ" * 300,
]
FIELDS = [
    "agency",
    "category",
    "lat",
    "lon",
    "address",
    "into",
    "reason",
    "reason_code",
    "question",
    "track",
    "text",
    "public_text",
    "media",
    "masks",
    "note",
    "public",
    "result",
    "new_due",
    "officer",
    "approve",
    "version",
    "then",
]


@pytest.mark.parametrize("value", GARBAGE)
def test_every_action_survives_garbage(client, login, submit, people, value):
    fresh = submit()
    assigned = report_assign(report=submit(), actor=people["operator"])
    for key, report in (("operator", fresh), ("head", assigned), ("supervisor", assigned)):
        login(key)
        for action in HANDLERS:
            data = {
                field: value.replace("\u0000", "") if field == "version" else value
                for field in FIELDS
            }
            response = client.post(f"/ops/reports/{report.code}/{action}/", data)
            assert response.status_code < 500, (key, action, value, response.status_code)
