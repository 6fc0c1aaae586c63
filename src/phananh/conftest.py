"""Fixtures shared by every app's tests: places, agencies, categories, people, reports."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from PIL import Image

from phananh.accounts.actors import Actor
from phananh.accounts.choices import AgencyKind, Role
from phananh.accounts.models import Agency, Membership, User
from phananh.accounts.selectors import actor_for_user
from phananh.catalog.choices import RoutingRule
from phananh.catalog.models import Category, CategoryGroup
from phananh.geo.choices import AreaLevel
from phananh.geo.models import Area
from phananh.reports.choices import Channel, Track
from phananh.reports.drafts import Contact, ReportDraft

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(__import__("os").environ.get("PHANANH_SHARED_DIR", REPO.parent / "shared"))
HUE_WARDS = SHARED / "data" / "hue" / "wards"

_seq = itertools.count(1)


@pytest.fixture
def hue_wards() -> Path:
    """Huế's real ward polygons, from the workplace's shared data (never committed here)."""
    assert HUE_WARDS.is_dir(), (
        f"{HUE_WARDS} is missing: put the workplace's shared/ beside this checkout "
        "or set PHANANH_SHARED_DIR"
    )
    return HUE_WARDS


def _database_line() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        where = f"PostgreSQL at {connection.settings_dict.get('HOST') or 'socket'}"
    else:
        import sqlite3

        where = f"{connection.vendor} {sqlite3.sqlite_version}"
    return f"phananh tests ran on {where}"


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    terminalreporter.write_line(_database_line())


@pytest.fixture(autouse=True)
def _tasks_must_not_fail(request):
    """A background task that fails fails the test (the inline backend only records it)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks.signals import task_finished

    failed: list[str] = []

    def record(sender, task_result, **kwargs) -> None:
        if task_result.status == TaskResultStatus.FAILED:
            error = task_result.errors[-1] if task_result.errors else None
            failed.append(f"{task_result.task.module_path}: {error.traceback if error else '?'}")

    task_finished.connect(record)
    yield failed
    task_finished.disconnect(record)
    if failed and "tasks_may_fail" not in request.keywords:
        pytest.fail("a background task failed:\n" + "\n".join(failed), pytrace=False)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches (cached calendars, counts, sign-in throttling)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


def at_once(work, times: int = 3) -> list[BaseException]:
    """Run `work()` in `times` threads started together (PostgreSQL: real concurrent writers,
    each thread its own connection), or one after another on SQLite, which serialises writers.
    Returns the errors raised; use with `@pytest.mark.django_db(transaction=True)`."""
    import threading

    from django.db import connection, connections

    errors: list[BaseException] = []

    def run(barrier: threading.Barrier | None) -> None:
        try:
            if barrier is not None:
                barrier.wait(timeout=30)
            work()
        except BaseException as error:  # surfaced to the test
            errors.append(error)
        finally:
            if barrier is not None:
                connections.close_all()

    if connection.vendor != "postgresql":
        for _ in range(times):
            run(None)
        return errors
    barrier = threading.Barrier(times)
    threads = [threading.Thread(target=run, args=(barrier,)) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def jpeg_bytes(size: tuple[int, int] = (64, 48), color: str = "red") -> io.BytesIO:
    """A small real JPEG upload."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "photo.jpg"
    return buffer


def gps_jpeg_bytes(lat: float, lon: float, taken: str = "") -> io.BytesIO:
    """A JPEG whose EXIF says where (and, given "YYYY:MM:DD HH:MM:SS", when) it was taken."""

    def dms(value: float) -> tuple[float, float, float]:
        minutes, seconds = divmod(abs(value) * 3600, 60)
        degrees, minutes = divmod(minutes, 60)
        return float(degrees), float(minutes), round(seconds, 3)

    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = ("N" if lat >= 0 else "S"), dms(lat)
    gps[3], gps[4] = ("E" if lon >= 0 else "W"), dms(lon)
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), "gray").save(buffer, "JPEG", exif=exif)
    buffer.seek(0)
    buffer.name = "gps.jpg"
    return buffer


@pytest.fixture
def phu_xuan(db) -> Area:
    return Area.objects.create(
        code="19753",
        name_vi="Phường Phú Xuân",
        name_en="Phu Xuan Ward",
        level=AreaLevel.WARD,
        lat=16.479631,
        lon=107.574292,
    )


@pytest.fixture
def vy_da(db) -> Area:
    return Area.objects.create(
        code="19777",
        name_vi="Phường Vỹ Dạ",
        name_en="Vy Da Ward",
        level=AreaLevel.WARD,
        lat=16.475095,
        lon=107.610572,
    )


def make_agency(code: str, kind: str = AgencyKind.WARD, areas=()) -> Agency:
    agency = Agency.objects.create(code=code, name_vi=f"Cơ quan {code}", name_en=code, kind=kind)
    if areas:
        agency.areas.set(areas)
    return agency


@pytest.fixture
def ioc(db) -> Agency:
    return make_agency("ioc", AgencyKind.IOC)


@pytest.fixture
def ward_agency(phu_xuan) -> Agency:
    return make_agency("ubnd-19753", AgencyKind.WARD, [phu_xuan])


@pytest.fixture
def other_agency(vy_da) -> Agency:
    return make_agency("ubnd-19777", AgencyKind.WARD, [vy_da])


@pytest.fixture
def noise(db) -> Category:
    group = CategoryGroup.objects.create(
        code="environment", name_vi="Môi trường", name_en="Environment"
    )
    return Category.objects.create(
        code="noise",
        name_vi="Tiếng ồn",
        name_en="Noise",
        group=group,
        routing_rule=RoutingRule.AREA,
    )


def make_user(role: str | None = None, agency: Agency | None = None, **extra) -> User:
    user = User.objects.create_user(email=f"user{next(_seq)}@example.com", password="x", **extra)
    if role:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def people(ioc, ward_agency, other_agency) -> dict[str, Actor]:
    """One actor per role; officers and heads of the Phú Xuân committee, plus a stranger officer."""
    users = {
        Role.OPERATOR: make_user(Role.OPERATOR, ioc),
        Role.SUPERVISOR: make_user(Role.SUPERVISOR, ioc),
        Role.OBSERVER: make_user(Role.OBSERVER, ioc),
        Role.ADMIN: make_user(Role.ADMIN, ioc),
        Role.OFFICER: make_user(Role.OFFICER, ward_agency),
        Role.HEAD: make_user(Role.HEAD, ward_agency),
        "other_officer": make_user(Role.OFFICER, other_agency),
        "citizen": make_user(),
        "reporter": make_user(),
    }
    return {key: actor_for_user(user) for key, user in users.items()}


def file_report(
    *,
    actor: Actor,
    text: str,
    channel: str,
    category: Category | None = None,
    lat: float | None = None,
    lon: float | None = None,
    address: str = "",
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    reporter_channel_id: str = "",
    is_anonymous: bool = False,
    track: str = Track.NORMAL,
    language: str = "vi",
    attributes: dict | None = None,
    uploads=(),
    confirmed: bool = True,
    submission_key: str = "",
):
    """File a report through the one intake, with the fields tests name most often."""
    from phananh.reports.actions.intake import report_intake

    draft = ReportDraft(
        text=text,
        channel=channel,
        category=category,
        point=(lat, lon) if lat is not None and lon is not None else None,
        address=address,
        uploads=uploads,
        contact=Contact(
            name=reporter_name,
            email=reporter_email,
            phone=reporter_phone,
            channel_id=reporter_channel_id,
        ),
        anonymous=is_anonymous,
        track=track,
        attributes=(
            None
            if attributes is None
            else {k: v if isinstance(v, list) else [str(v)] for k, v in attributes.items()}
        ),
        submission_key=submission_key,
        language=language,
        confirmed=confirmed,
    )
    return report_intake(actor=actor, draft=draft)


@pytest.fixture
def publish_on_triage(settings):
    """PHANANH_PUBLISH_ON=triage: reports are public only once the IOC referred them."""
    settings.PUBLISH_ON = "triage"


@pytest.fixture
def submit(people, noise, phu_xuan, ward_agency):
    """Submit a noise report in central Phú Xuân as the `reporter` account."""

    def _submit(**overrides):
        values = {
            "actor": people["reporter"],
            "text": "Karaoke ồn ào đến 1 giờ sáng ở kiệt 5 Lê Lợi",
            "channel": Channel.WEB,
            "category": noise,
            "lat": 16.4705,
            "lon": 107.5760,
        }
        values.update(overrides)
        return file_report(**values)

    return _submit
