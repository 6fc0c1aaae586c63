"""No input answers 500: every list filter of the portal, the console, the REST API and Open311
driven with arbitrary strings and dates (far ones too), on both databases.

Each answer must be a 2xx, or a 4xx in the edge's own format: an HTML page for the portal and
the console, `{code, message, fields}` for the API, Open311's error list in JSON or XML, the
map's `{"error"}`. Streamed exports are read to the end (a failure mid-file is a dropped
connection, not a status).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.reports.actions.triage import report_assign

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_EDGES = [
    "",
    " ",
    "0001-01-01",
    "0001-01-02",
    "9999-12-31",
    "9999-12-30",
    "2026-02-30",
    "2026-13-01",
    "1999-12-31",
    "2101-01-01",
    "2000-01-01",
    "2100-12-31",
    "2026",
    "2026-05",
    "2026-05-04T10:00:00Z",
    "2026-05-04T10:00:00+07:00",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "-1",
    "1e309",
    "NaN",
    "%",
    "+",
    "true",
    "PA-0000000",
    "null",
    "[]",
    "\u0000",
    "\ud7ff",
    "a" * 300,
]
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat)
moments = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([UTC, None]),
).map(lambda m: m.isoformat())
edges = st.sampled_from(_EDGES)
# Edges weigh as much as everything else together: far dates are where 500s hid.
values = st.one_of(
    edges,
    edges,
    edges,
    dates,
    moments,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30),
)


def params(*names: str):
    return st.dictionaries(st.sampled_from(names), values, max_size=len(names))


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _portal(response) -> None:
    assert response.status_code < 500
    body = _body(response)
    if response.status_code >= 400:
        assert response["Content-Type"].startswith(("text/html", "text/plain")), body[:200]


def _json_error(response) -> None:
    assert response.status_code < 500
    body = _body(response)
    if response.status_code >= 400:
        assert response["Content-Type"].startswith("application/json")
        data = json.loads(body)
        assert set(data) == {"code", "message", "fields"}, data


def _open311(fmt: str):
    def check(response) -> None:
        assert response.status_code < 500
        body = _body(response)
        if fmt == "json":
            data = json.loads(body)
            assert isinstance(data, list)
            if response.status_code >= 400:
                assert {"code", "description"} <= set(data[0])
        else:
            root = ET.fromstring(body)
            if response.status_code >= 400:
                assert root.tag == "errors"

    return check


def _map(response) -> None:
    assert response.status_code < 500
    data = json.loads(_body(response))
    if response.status_code >= 400:
        assert "error" in data


REPORT_FILTERS = (
    "from",
    "to",
    "q",
    "state",
    "status",
    "category",
    "area",
    "agency",
    "channel",
    "track",
    "overdue",
)


@pytest.fixture
def clients(people, submit, settings):
    settings.API_RATE_PER_MINUTE = 0
    settings.API_KEY_RATE_PER_MINUTE = 0
    for _n in range(3):
        report_assign(report=submit(), actor=people[Role.OPERATOR])
    submit()
    supervisor, officer = Client(), Client()
    supervisor.force_login(User.objects.get(pk=people[Role.SUPERVISOR].user_id))
    officer.force_login(User.objects.get(pk=people[Role.OFFICER].user_id))
    return {"anonymous": Client(), "supervisor": supervisor, "officer": officer}


def _get(client: Client, url: str, query: dict) -> object:
    return client.get(url, query)


@FUZZ
@given(query=params(*REPORT_FILTERS, "after"))
def test_the_public_list_and_feed(clients, query):
    _portal(_get(clients["anonymous"], "/reports/", query))
    _portal(_get(clients["anonymous"], "/feeds/reports.atom", query))


@FUZZ
@given(query=params(*REPORT_FILTERS, "bbox", "zoom"))
def test_the_map(clients, query):
    query.setdefault("bbox", "107.5,16.4,107.7,16.6")
    query.setdefault("zoom", "14")
    _map(_get(clients["anonymous"], "/reports/map.json", query))


@FUZZ
@given(query=params(*REPORT_FILTERS, "partial"))
def test_the_console_queues_and_export(clients, query):
    _portal(_get(clients["supervisor"], "/ops/triage/", query))
    _portal(_get(clients["officer"], "/ops/agency/", query))
    response = _get(clients["supervisor"], "/ops/dashboard/export.csv", query)
    assert response.status_code < 500
    _body(response)


@FUZZ
@given(query=params(*REPORT_FILTERS, "cursor", "limit"))
def test_the_api_list(clients, query):
    _json_error(_get(clients["anonymous"], "/api/v1/reports", query))


@FUZZ
@given(query=params("period", "by", "date"))
def test_the_api_scorecards(clients, query):
    _json_error(_get(clients["anonymous"], "/api/v1/scorecards", query))


@FUZZ
@given(
    query=params("start_date", "end_date", "status", "service_code", "service_request_id"),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_open311_requests(clients, query, fmt):
    _open311(fmt)(_get(clients["anonymous"], f"/open311/v2/requests.{fmt}", query))


@FUZZ
@given(query=params("start_date", "end_date"), fmt=st.sampled_from(["json", "xml"]))
def test_open311_updates(clients, query, fmt):
    _open311(fmt)(_get(clients["anonymous"], f"/open311/v2/servicerequestupdates.{fmt}", query))


@pytest.mark.parametrize(
    ("url", "check"),
    [
        ("/open311/v2/requests.json?start_date=9999-12-31", _open311("json")),
        ("/open311/v2/requests.json?end_date=0001-01-02", _open311("json")),
        ("/open311/v2/servicerequestupdates.json?start_date=0001-01-01", _open311("json")),
        ("/api/v1/reports?from=0001-01-01", _json_error),
        ("/api/v1/reports?to=9999-12-31", _json_error),
        ("/api/v1/scorecards?date=0001-01-01", _json_error),
        ("/api/v1/scorecards?period=month&date=9999-12-30", _json_error),
        ("/reports/?from=0001-01-01", _portal),
        ("/reports/?after=2026-13-45T00:00:00_5", _portal),
        ("/reports/?after=garbage", _portal),
        ("/ops/triage/?from=0001-01-01", _portal),
        ("/ops/dashboard/export.csv?from=0001-01-01", _json_error),
        ("/ops/dashboard/export.xlsx?to=9999-12-31", _json_error),
        ("/feeds/reports.rss?from=0001-01-01", _portal),
        ("/reports/map.json?bbox=107.5,16.4,107.7,16.6&zoom=14&from=0001-01-01", _map),
    ],
)
def test_the_dates_that_answered_500_are_400s(clients, url, check):
    response = clients["supervisor"].get(url)
    assert response.status_code == 400, url
    check(response)


def test_dates_inside_the_range_still_work(clients):
    today = date.today()
    week = (today - timedelta(days=7)).isoformat()
    assert clients["anonymous"].get(f"/api/v1/reports?from={week}").json()["results"]
    assert (
        clients["anonymous"].get("/api/v1/reports?from=2000-01-01&to=2100-12-31").status_code == 200
    )
    response = clients["anonymous"].get(f"/open311/v2/requests.json?start_date={week}")
    assert response.status_code == 200 and response.json()


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("cookie", [False, True])
def test_open311_answers_an_unreadable_body_in_its_own_format(clients, fmt, cookie):
    """A form in UTF-16 (Django refuses it) — with a csrftoken cookie the 400 page itself used to
    read the body again and fail."""
    client = Client(enforce_csrf_checks=True)
    if cookie:
        client.cookies["csrftoken"] = "a" * 32
    body = "service_code=noise&lat=16.47&long=107.57".encode("utf-16")
    for path in (f"/open311/v2/requests.{fmt}", f"/open311/v2/servicerequestupdates.{fmt}"):
        response = client.generic(
            "POST", path, body, content_type="application/x-www-form-urlencoded; charset=utf-16"
        )
        assert response.status_code == 400
        _open311(fmt)(response)
    portal = client.generic(
        "POST",
        "/report/new/",
        body,
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert portal.status_code == 400


@pytest.mark.parametrize(
    "path", ["/open311/v2/a\nb", "/open311/v2/requests.json\nx", "/open311/v2/%0A"]
)
def test_open311_answers_a_newline_in_the_path_in_its_own_format(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith(("text/xml", "application/json"))
