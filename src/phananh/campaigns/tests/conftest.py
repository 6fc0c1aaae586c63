"""An epidemic-response campaign made by a supervisor in the console, as the issue asks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from phananh.accounts.choices import AgencyKind, Role
from phananh.accounts.models import User
from phananh.campaigns.models import Campaign
from phananh.catalog.models import Category, CategoryGroup
from phananh.conftest import make_agency
from phananh.core import clock
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign


@pytest.fixture
def health(db):
    return make_agency("so-y-te", AgencyKind.DEPARTMENT)


@pytest.fixture
def lasting_health(noise):
    return Category.objects.create(
        code="health", name_vi="Y tế, dịch bệnh", name_en="Health", group=noise.group
    )


@pytest.fixture
def supervisor_client(client, people):
    client.force_login(User.objects.get(pk=people[Role.SUPERVISOR].user_id))
    return client


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def resolved(submit, people):
    """A noise report referred, accepted and handled (on time)."""

    def _resolved(**submitted):
        report = report_assign(report=submit(**submitted), actor=people[Role.OPERATOR])
        report = report_agency_accept(report=report, actor=people[Role.OFFICER])
        return report_resolve(report=report, actor=people[Role.OFFICER], result="Đã xử lý")

    return _resolved


@pytest.fixture
def epidemic(supervisor_client, health, lasting_health, noise, phu_xuan):
    """Created through /ops/campaigns/ (no code): two weeks from yesterday, the whole city, with
    "noise" as a lasting category and "quarantine_breach" of its own (urgent, to the health
    department, triage 30 min, resolution 4 hours), "health" named once it ends."""
    start = clock.now() - timedelta(days=1)
    response = supervisor_client.post(
        "/ops/campaigns/",
        {
            "slug": "covid-19",
            "name_vi": "Phòng chống dịch COVID-19",
            "name_en": "COVID-19 response",
            "description_vi": "Phản ánh vi phạm cách ly, tăng giá khẩu trang.",
            "starts_at": _when(start),
            "ends_at": _when(start + timedelta(days=14)),
            "categories": ["noise"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = supervisor_client.post(
        "/ops/campaigns/covid-19/",
        {
            "form": "category",
            "code": "quarantine_breach",
            "name_vi": "Vi phạm cách ly",
            "name_en": "Quarantine breach",
            "group": noise.group.code,
            "rule": "agency",
            "agency": health.code,
            "track": "urgent",
            "triage_amount": "0.5",
            "triage_unit": "hours",
            "acceptance_amount": "1",
            "acceptance_unit": "hours",
            "resolution_amount": "4",
            "resolution_unit": "hours",
            "successor": "health",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    supervisor_client.logout()
    return Campaign.objects.get(slug="covid-19")


@pytest.fixture
def group(noise) -> CategoryGroup:
    return noise.group
