"""A ward's polygon (up to megabytes of GeoJSON) is read by the places lookup and the maps that
draw it, never by a page or a task that only names a report's ward: every query that joins a
report's, a proposal's or a subscription's area leaves the `geometry` column out."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from phananh.accounts.models import User
from phananh.alerts.choices import AlertKind, Frequency
from phananh.alerts.digest import digest_send
from phananh.alerts.models import AlertDelivery, AlertSubscription
from phananh.geo.models import Area
from phananh.reports.models import Report, RoutingDecision

POLYGON = ('"geo_area"."geometry",', '"geo_area"."geometry" ')


def _polygon_reads(queries) -> list[str]:
    return [q["sql"] for q in queries if any(column in q["sql"] for column in POLYGON)]


@pytest.fixture
def ward_with_outline(phu_xuan) -> Area:
    ring = [[107.56, 16.47], [107.59, 16.47], [107.59, 16.49], [107.56, 16.49], [107.56, 16.47]]
    phu_xuan.geometry = {"type": "Polygon", "coordinates": [ring]}
    phu_xuan.min_lat, phu_xuan.max_lat, phu_xuan.min_lon, phu_xuan.max_lon = (
        16.47,
        16.49,
        107.56,
        107.59,
    )
    phu_xuan.save()
    return phu_xuan


@pytest.fixture
def report(submit, ward_with_outline, ward_agency, noise) -> Report:
    report = submit()
    assert report.area_id == ward_with_outline.pk
    # A proposal the IOC has not applied yet: the triage queue shows its ward.
    RoutingDecision.objects.create(
        report=report,
        created_at=timezone.now(),
        category=noise,
        area=ward_with_outline,
        agency=ward_agency,
        rule="area",
        applied=False,
    )
    return report


def _read(client, url: str) -> list[str]:
    client.get(url)  # the process's own copies (places, outlines) are made once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return _polygon_reads(queries)


def test_public_pages_never_read_a_polygon(client, report):
    assert _read(client, reverse("publication:report-detail", args=[report.code])) == []
    assert _read(client, reverse("publication:report-list")) == []


def test_the_reporters_list_never_reads_a_polygon(client, report, people):
    client.force_login(User.objects.get(pk=people["reporter"].user_id))
    assert _read(client, reverse("citizen:reports")) == []


def test_the_console_queues_never_read_a_polygon(client, report, people):
    client.force_login(User.objects.get(pk=people["operator"].user_id))
    assert _read(client, reverse("ops:triage")) == []
    assert _read(client, reverse("ops:report", args=[report.code])) == []
    client.force_login(User.objects.get(pk=people["supervisor"].user_id))
    assert _read(client, reverse("ops:supervision")) == []
    client.force_login(User.objects.get(pk=people["officer"].user_id))
    assert _read(client, reverse("ops:agency")) == []


def test_the_daily_alert_never_reads_a_polygon(report, ward_with_outline, mailoutbox):
    subscription = AlertSubscription.objects.create(
        email="hang@example.org",
        kind=AlertKind.WARD,
        area=ward_with_outline,
        frequency=Frequency.DAILY,
        created_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    AlertDelivery.objects.create(
        subscription=subscription, report=report, matched_at=timezone.now()
    )
    with CaptureQueriesContext(connection) as queries:
        assert digest_send(subscription_id=subscription.pk) == 1
    assert _polygon_reads(queries) == []
    assert len(mailoutbox) == 0  # queued in the outbox, sent by the worker
