"""One attribute check for every channel: the same answers are accepted, refused and stored alike
through the REST API and Open311 (the two channels that ask them), for every datatype."""

from __future__ import annotations

import pytest
from django.test import override_settings

from phananh.accounts.choices import ApiKeyScope
from phananh.accounts.services import apikey_create
from phananh.catalog.attributes import AttributeInvalid, attribute_answers, attributes_clean
from phananh.catalog.models import Category
from phananh.conftest import file_report
from phananh.reports.choices import Channel
from phananh.reports.models import Report

pytestmark = pytest.mark.django_db

DEFINITION = [
    {"code": "note", "datatype": "string", "required": False, "order": 1},
    {"code": "details", "datatype": "text", "required": False, "order": 2},
    {"code": "depth_cm", "datatype": "number", "required": True, "order": 3},
    {"code": "since", "datatype": "datetime", "required": False, "order": 4},
    {
        "code": "kind",
        "datatype": "singlevaluelist",
        "required": False,
        "order": 5,
        "values": [{"key": "street"}, {"key": "alley"}],
    },
    {
        "code": "harm",
        "datatype": "multivaluelist",
        "required": False,
        "order": 6,
        "values": [{"key": "traffic"}, {"key": "smell"}, {"key": "mosquitoes"}],
    },
    {"code": "ticket", "datatype": "string", "variable": False, "order": 7},
]


@pytest.fixture
def flooding(noise) -> Category:
    return Category.objects.create(
        code="flooding",
        name_vi="Ngập",
        name_en="Flooding",
        group=noise.group,
        attributes=DEFINITION,
    )


@pytest.fixture
def send(client, flooding, phu_xuan, ward_agency):
    """Send the same answers through one channel; (status, stored attributes or error body)."""
    key = apikey_create(
        name="Partner", scopes=[ApiKeyScope.REPORTS_READ, ApiKeyScope.REPORTS_WRITE]
    )[1]

    def _send(channel: str, answers: dict) -> tuple[int, object]:
        if channel == "api":
            response = client.post(
                "/api/v1/reports",
                {
                    "text": "Ngập sâu sau mưa",
                    "category": "flooding",
                    "lat": "16.4705",
                    "lon": "107.5760",
                    **answers,
                },
                HTTP_X_API_KEY=key,
                HTTP_ACCEPT_LANGUAGE="en",
            )
            body = response.json()
            code = body.get("report", {}).get("code")
        else:
            response = client.post(
                "/open311/v2/requests.json",
                {
                    "api_key": key,
                    "service_code": "flooding",
                    "lat": "16.4705",
                    "long": "107.5760",
                    "description": "Ngập sâu sau mưa",
                    **answers,
                },
                HTTP_ACCEPT_LANGUAGE="en",
            )
            body = response.json()
            code = body[0].get("service_request_id") if response.status_code == 200 else None
        if code is None:
            return response.status_code, body
        return response.status_code, Report.objects.get(code=code).attributes

    return _send


CHANNELS = ["api", "open311"]
ACCEPTED = [
    # (answers as sent, what every channel stores)
    ({"attribute[depth_cm]": "40"}, {"depth_cm": 40}),
    ({"attribute[depth_cm]": "12,5"}, {"depth_cm": 12.5}),
    (
        {"attribute[depth_cm]": "12.5", "attribute[note]": "Kiệt 5"},
        {"depth_cm": 12.5, "note": "Kiệt 5"},
    ),
    (
        {"attribute[depth_cm]": "3", "attribute[details]": "Dòng 1\nDòng 2"},
        {"depth_cm": 3, "details": "Dòng 1\nDòng 2"},
    ),
    (
        {"attribute[depth_cm]": "3", "attribute[since]": "2026-11-30T06:00:00+07:00"},
        {"depth_cm": 3, "since": "2026-11-30T06:00:00+07:00"},
    ),
    (
        {"attribute[depth_cm]": "3", "attribute[since]": "2026-11-29T23:00:00Z"},
        {"depth_cm": 3, "since": "2026-11-29T23:00:00+00:00"},
    ),
    (
        # A time without an offset is the city's local time; a date is the start of that day.
        {"attribute[depth_cm]": "3", "attribute[since]": "2026-11-30"},
        {"depth_cm": 3, "since": "2026-11-30T00:00:00+07:00"},
    ),
    ({"attribute[depth_cm]": "3", "attribute[kind]": "alley"}, {"depth_cm": 3, "kind": "alley"}),
    (
        {"attribute[depth_cm]": "3", "attribute[kind]": ["alley", "alley"]},
        {"depth_cm": 3, "kind": "alley"},
    ),
    (
        {"attribute[depth_cm]": "3", "attribute[harm][]": ["smell", "traffic", "smell"]},
        {"depth_cm": 3, "harm": ["smell", "traffic"]},
    ),
    (
        {"attribute[depth_cm]": "3", "attribute[harm]": ["mosquitoes"]},
        {"depth_cm": 3, "harm": ["mosquitoes"]},
    ),
    # Attributes the server sets, and codes the service does not define, are ignored.
    (
        {"attribute[depth_cm]": "3", "attribute[ticket]": "X-1", "attribute[colour]": "brown"},
        {"depth_cm": 3},
    ),
]
REFUSED = [
    ({}, "attribute[depth_cm]", "is required"),
    ({"attribute[depth_cm]": "deep"}, "attribute[depth_cm]", "must be a number"),
    ({"attribute[depth_cm]": "nan"}, "attribute[depth_cm]", "must be a number"),
    ({"attribute[depth_cm]": ["1", "2"]}, "attribute[depth_cm]", "takes a single value"),
    ({"attribute[depth_cm]": "1", "attribute[since]": "yesterday"}, "attribute[since]", "W3C"),
    ({"attribute[depth_cm]": "1", "attribute[since]": "0001-01-01"}, "attribute[since]", "W3C"),
    ({"attribute[depth_cm]": "1", "attribute[kind]": "river"}, "attribute[kind]", "not one of"),
    (
        {"attribute[depth_cm]": "1", "attribute[kind]": ["street", "alley"]},
        "attribute[kind]",
        "takes a single value",
    ),
    ({"attribute[depth_cm]": "1", "attribute[harm][]": ["fire"]}, "attribute[harm]", "not one of"),
    ({"attribute[depth_cm]": "1", "attribute[note]": "x" * 1001}, "attribute[note]", "under 1000"),
]


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(("answers", "stored"), ACCEPTED)
def test_the_same_answers_are_stored_alike(send, channel, answers, stored):
    status, attributes = send(channel, answers)
    assert status in (200, 201), attributes
    assert attributes == stored


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(("answers", "field", "message"), REFUSED)
def test_the_same_answers_are_refused_alike(send, channel, answers, field, message):
    status, body = send(channel, answers)
    assert status == 400
    if channel == "api":
        assert message in body["fields"][field]
    else:
        assert field in body[0]["description"] and message in body[0]["description"]
    assert not Report.objects.exists()


def test_channels_that_do_not_ask_require_nothing(flooding, people):
    """The web form, email, chat and the switchboard show no attributes: none is required."""
    report = file_report(
        actor=people["reporter"], text="Ngập", channel=Channel.WEB, category=flooding
    )
    assert report.attributes == {}


def test_every_wrong_answer_is_named_at_once(flooding):
    given = {"depth_cm": ["deep"], "kind": ["river"]}
    with pytest.raises(AttributeInvalid) as error:
        attributes_clean(flooding, given)
    assert set(error.value.messages) == {"attribute[depth_cm]", "attribute[kind]"}


@override_settings(TIME_ZONE="UTC")
def test_a_local_time_follows_the_configured_zone(flooding):
    cleaned = attributes_clean(flooding, {"depth_cm": ["1"], "since": ["2026-11-30T06:00"]})
    assert cleaned["since"] == "2026-11-30T06:00:00+00:00"


def test_answer_keys_as_clients_send_them():
    from django.http import QueryDict

    query = QueryDict(
        "attribute[a]=1&attribute[b][]=x&attribute[b][]=y&attribute[c][0]=z&other=1&attribute[]=no"
    )
    assert attribute_answers(query) == {"a": ["1"], "b": ["x", "y"], "c": ["z"]}
