"""The Huế demo: complete, every status represented, and idempotent."""

from __future__ import annotations

import shutil

import pytest
from django.utils import timezone

from phananh.accounts.choices import AgencyKind, Role
from phananh.accounts.models import Agency, Membership, User
from phananh.catalog.defaults import default_category_codes
from phananh.catalog.models import Category, RoutingEntry
from phananh.cities.data import city_read
from phananh.cli import main
from phananh.config.city import DEFAULT_CITY_DIR
from phananh.core.datafiles import CityDataError
from phananh.demo.data import demo_people_read, demo_samples_read
from phananh.demo.services import demo_logins, demo_seed
from phananh.demo.simulation import demo_plan
from phananh.geo.models import Area
from phananh.intelligence.models import ClassifierModel, HotIssue
from phananh.reports.choices import Status
from phananh.reports.models import Event, Media, Report


@pytest.fixture(scope="module")
def hue():
    return city_read(DEFAULT_CITY_DIR)


def test_plan_covers_every_status_over_ninety_days(hue):
    plan = demo_plan(timezone.now(), demo_samples_read(hue))
    assert len(plan) >= 280
    assert {outcome for *_rest, outcome in plan} == set(Status.values)
    ages = [(timezone.now() - start).days for start, *_rest in plan]
    assert max(ages) <= 90 and min(ages) == 0
    languages = {sample.lang for _start, _index, sample, _outcome in plan}
    assert languages == {"vi", "vi_plain", "en"}


def test_data_set_is_consistent(hue):
    samples = demo_samples_read(hue)
    people = demo_people_read(hue)
    codes = set(default_category_codes())
    assert len(hue.wards) == 40
    assert {row.category for row in hue.routing} == codes
    assert {sample.category for sample in samples.reports} == codes
    assert len(samples.reports) == 304
    assert set(samples.progress_notes) == set(samples.results) == codes
    assert [person.login for person in people.logins] == [
        "admin",
        "operator",
        "supervisor",
        "officer",
        "head",
        "observer",
        "citizen",
    ]
    assert people.password == "phananh-demo"


@pytest.mark.django_db
def test_seed_twice_leaves_no_duplicates():
    result = demo_seed(limit=30, boundaries=[])
    logins = result.logins
    assert result.created == 30 + 11  # and the campaigns' own sample reports
    counts = {
        model: model.objects.count()
        for model in (Area, Agency, Membership, User, Category, RoutingEntry, Report, Event, Media)
    }
    again = demo_seed(limit=30, boundaries=[])
    assert again.created == 0 and not again.city.changed
    assert {model: model.objects.count() for model in counts} == counts
    assert Area.objects.filter(level__in=["ward", "commune"]).count() == 40
    assert Agency.objects.filter(kind=AgencyKind.WARD).count() == 40
    assert Agency.objects.filter(kind=AgencyKind.IOC).count() == 1
    # The 19 lasting categories, and the epidemic response's 3 of its own.
    assert Category.objects.filter(available_until__isnull=True).count() == 19
    assert Category.objects.filter(available_until__isnull=False).count() == 3
    assert {login.email.split("@")[0] for login in logins} >= {
        "admin",
        "operator",
        "supervisor",
        "officer",
        "head",
        "observer",
        "citizen",
    }
    assert [login.email for login in demo_logins(demo_people_read(result.city.data))] == [
        login.email for login in logins
    ]
    assert User.objects.get(email="admin@demo.phananh.vn").is_superuser
    assert User.objects.get(email="operator@demo.phananh.vn").check_password("phananh-demo")
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
    assert hot.category.code == "drainage" and hot.report_count == 5


@pytest.mark.django_db
def test_a_wrong_sample_file_stops_the_seed_before_anything_is_written(tmp_path, settings, capsys):
    city = tmp_path / "hue"
    shutil.copytree(DEFAULT_CITY_DIR, city)
    reports = city / "samples" / "reports.csv"
    lines = reports.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",19789,", ",99999,", 1)
    reports.write_text("".join(lines), encoding="utf-8")
    settings.CITY_DIR = city
    with pytest.raises(CityDataError) as error:
        demo_seed(limit=1)
    assert str(error.value) == (
        f"{reports}, row 3, field 'ward': '99999' is not a ward of wards.csv"
    )
    assert not Area.objects.exists() and not User.objects.exists()
    assert main(["seed", "demo"]) == 2
    assert capsys.readouterr().err == f"error: {error.value}\n"
