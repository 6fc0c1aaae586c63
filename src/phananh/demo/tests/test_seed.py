"""The Huế demo: complete, every status represented, and idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from phananh.accounts.choices import AgencyKind, Role
from phananh.accounts.models import Agency, Membership, User
from phananh.catalog.defaults import default_category_codes
from phananh.catalog.models import Category, RoutingEntry
from phananh.demo import hue
from phananh.demo.services import demo_logins, demo_plan, demo_seed
from phananh.geo.models import Area
from phananh.intelligence.models import ClassifierModel, HotIssue
from phananh.reports.choices import Status
from phananh.reports.models import Event, Media, Report


def test_plan_covers_every_status_over_ninety_days():
    plan = demo_plan(timezone.now())
    assert len(plan) >= 280
    assert {outcome for *_rest, outcome in plan} == set(Status.values)
    ages = [(timezone.now() - start).days for start, *_rest in plan]
    assert max(ages) <= 90 and min(ages) == 0
    languages = {sample["lang"] for _start, _index, sample, _outcome in plan}
    assert languages == {"vi", "vi_plain", "en"}


def test_data_set_is_consistent():
    codes = set(default_category_codes())
    wards = {w["code"] for w in hue.WARDS}
    agencies = {a["code"] for a in hue.AGENCIES}
    assert len(wards) == 40
    assert set(hue.CATEGORY_ROUTING) == codes
    for routing in hue.CATEGORY_ROUTING.values():
        assert routing["agency"] is None or routing["agency"] in agencies
        for row in routing.get("table", []):
            assert row["agency"] in agencies and set(row["wards"]) <= wards
    for sample in hue.REPORTS:
        assert sample["category"] in codes and sample["ward"] in wards


@pytest.mark.django_db
def test_seed_twice_leaves_no_duplicates():
    logins, created = demo_seed(limit=30)
    assert created == 30
    counts = {
        model: model.objects.count()
        for model in (Area, Agency, Membership, User, Category, RoutingEntry, Report, Event, Media)
    }
    _logins, created_again = demo_seed(limit=30)
    assert created_again == 0
    assert {model: model.objects.count() for model in counts} == counts
    assert Area.objects.filter(level__in=["ward", "commune"]).count() == 40
    assert Agency.objects.filter(kind=AgencyKind.WARD).count() == 40
    assert Agency.objects.filter(kind=AgencyKind.IOC).count() == 1
    assert Category.objects.count() == 19
    assert {login.email.split("@")[0] for login in logins} >= {
        "admin",
        "operator",
        "supervisor",
        "officer",
        "head",
        "observer",
        "citizen",
    }
    assert [login.email for login in demo_logins()] == [login.email for login in logins]
    # Every agency that can receive reports has an officer to handle them.
    for agency in Agency.objects.exclude(kind=AgencyKind.IOC):
        assert agency.memberships.filter(role__in=[Role.OFFICER, Role.HEAD]).exists(), agency
    # The samples went through the real services: every report starts with its submission.
    for report in Report.objects.prefetch_related("events"):
        actions = [event.action for event in report.events.all()]
        assert actions[0] == "submit"
        assert report.submitted_at <= timezone.now()
    assert Media.objects.filter(state="ready").exists()
    assert not Media.objects.filter(state="pending").exists()
    # The classifier is trained, what awaits triage has suggestions, one hot issue shows.
    assert ClassifierModel.objects.count() == 1
    waiting = Report.objects.filter(status=Status.NEW)
    assert waiting.exists() and not waiting.filter(classification__isnull=True).exists()
    hot = HotIssue.objects.get()
    assert hot.category.code == "drainage" and hot.report_count == len(hue.HOT_CLUSTER["texts"])
