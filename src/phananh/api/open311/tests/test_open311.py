"""Open311 GeoReport v2 through the Django test client: every endpoint, both formats."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest

from phananh.accounts.choices import Role
from phananh.accounts.models import ApiKey
from phananh.accounts.services import apikey_create, apikey_revoke
from phananh.api.open311 import selectors
from phananh.conftest import file_report, jpeg_bytes
from phananh.core import clock
from phananh.reports.actions.agency import report_agency_accept, report_progress
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.choices import Channel, MediaState, Status
from phananh.reports.media import media_process
from phananh.reports.models import Report

from .conftest import BASE, HUE, LAT, LON, json_of, spec_error, xml_of

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")


# Discovery and services ---------------------------------------------------------------------


def test_discovery_in_both_formats(client):
    data = json_of(client.get(f"{BASE}/discovery.json"))
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    root = xml_of(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]
    # The root of the API answers with the discovery document too.
    assert json_of(client.get(f"{BASE}/"))["endpoints"][0]["type"] == "production"


def test_services_list_every_public_category(client, catalog):
    services = json_of(client.get(f"{BASE}/services.json", **EN))
    assert isinstance(services, list)
    by_code = {s["service_code"]: s for s in services}
    assert set(by_code) == {c.code for c in catalog.values() if c.is_public}
    sanitation = by_code["sanitation"]
    assert sanitation["service_name"] == "Sanitation and waste"
    assert sanitation["metadata"] is True and sanitation["type"] == "realtime"
    assert sanitation["group"] == "Environment"
    assert "rác" in sanitation["keywords"]
    assert by_code["other"]["metadata"] is False
    for service in services:
        assert isinstance(service["service_code"], str)
        assert "" not in service.values()

    root = xml_of(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    first = root.find("service")
    assert [child.tag for child in first] == [
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ]
    assert {s.findtext("metadata") for s in root.findall("service")} == {"true", "false"}
    # Vietnamese by default.
    assert first.findtext("service_name") == catalog[first.findtext("service_code")].name_vi


def test_service_definition_from_the_category_attributes(client, catalog):
    data = json_of(client.get(f"{BASE}/services/sanitation.json", **EN))
    assert data["service_code"] == "sanitation"
    volume, waste_type = data["attributes"]
    assert volume == {
        "variable": True,
        "code": "volume",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": None,
        "order": 1,
        "description": "Estimated amount of waste",
        "values": [
            {"key": "bag", "name": "A few bags"},
            {"key": "pile", "name": "A small pile (under 1 m³)"},
            {"key": "large", "name": "A large pile (over 1 m³)"},
            {"key": "dump", "name": "A spreading illegal dump"},
        ],
    }
    assert waste_type["datatype"] == "multivaluelist" and waste_type["required"] is False

    root = xml_of(client.get(f"{BASE}/services/road.xml"))
    assert root.tag == "service_definition"
    attributes = root.findall("attributes/attribute")
    assert [a.findtext("code") for a in attributes] == ["hazard", "size_m"]
    assert attributes[0].findtext("required") == "true"
    assert attributes[0].findtext("variable") == "true"
    assert attributes[0].find("values/value/key").text == "pothole"
    assert attributes[0].find("values/value/name").text.startswith("Ổ gà")
    assert attributes[1].findtext("datatype") == "number"
    assert attributes[1].find("values") is None

    spec_error(client.get(f"{BASE}/services/nope.json"), 404)
    spec_error(client.get(f"{BASE}/services/nope.xml"), 404, "xml")


# POST requests ------------------------------------------------------------------------------


def test_fixmystreet_posts_a_report_and_reads_its_id(client, fms_params, phu_xuan, ward_agency):
    response = client.post(f"{BASE}/requests.xml", fms_params())
    assert response.status_code == 200, response.content
    root = xml_of(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    code = request.findtext("service_request_id")
    assert [child.tag for child in request] == [
        "service_request_id",
        "service_notice",
        "account_id",
    ]
    assert request.find("account_id").text is None

    report = Report.objects.get(code=code)
    assert report.channel == Channel.OPEN311
    # Confirmed at once (no emailed link): it waits in the triage queue.
    assert report.status == Status.NEW and report.confirmed_at is not None
    assert report.category.code == "sanitation"
    assert (report.lat, report.lon) == (float(LAT), float(LON))
    assert report.area == phu_xuan
    assert report.attributes == {"volume": "pile"}
    assert report.reporter_id is None
    assert report.reporter_name == "Lan Nguyễn Thị"
    assert report.reporter_email == "lan@example.com"
    assert report.reporter_phone == "0905123456"
    assert "Rác đổ trộm" in report.text
    submit = report.events.get(action="submit")
    assert submit.actor_label == "FixMyStreet Huế (API)" and submit.actor_id is None
    assert ApiKey.objects.get().last_used_at is not None


def test_json_answer_and_language(client, fms_params):
    response = client.post(f"{BASE}/requests.json?lang=en", fms_params())
    data = json_of(response)
    assert isinstance(data, list) and len(data) == 1
    assert set(data[0]) == {"service_request_id", "service_notice", "account_id"}
    assert data[0]["account_id"] is None
    code = data[0]["service_request_id"]
    assert isinstance(code, str)
    assert data[0]["service_notice"].startswith(f"Received as {code}.")
    assert f"/reports/{code}/" in data[0]["service_notice"]
    assert Report.objects.get(code=code).language == "en"


@pytest.mark.parametrize(
    "attributes",
    [
        {"attribute[waste_type]": ["debris", "bulky"]},
        {"attribute[waste_type][]": ["debris", "bulky"]},
        {"attribute[waste_type][0]": "debris", "attribute[waste_type][1]": "bulky"},
    ],
)
def test_attribute_forms_single_repeated_and_brackets(client, fms_params, attributes):
    response = client.post(f"{BASE}/requests.json", fms_params(**attributes))
    code = json_of(response)[0]["service_request_id"]
    assert Report.objects.get(code=code).attributes == {
        "volume": "pile",
        "waste_type": ["debris", "bulky"],
    }


def test_attributes_are_checked_against_the_definition(client, fms_params):
    description = spec_error(
        client.post(f"{BASE}/requests.json", fms_params(**{"attribute[volume]": None}), **EN), 400
    )
    assert "attribute[volume]" in description and "required" in description
    description = spec_error(
        client.post(f"{BASE}/requests.xml", fms_params(**{"attribute[volume]": "mountain"}), **EN),
        400,
        "xml",
    )
    assert "attribute[volume]" in description and "mountain" in description
    spec_error(
        client.post(f"{BASE}/requests.json", fms_params(**{"attribute[volume]": ["bag", "pile"]})),
        400,
    )
    spec_error(
        client.post(
            f"{BASE}/requests.json", fms_params(**{"attribute[waste_type][]": ["debris", "gold"]})
        ),
        400,
    )
    spec_error(
        client.post(
            f"{BASE}/requests.json",
            fms_params(
                service_code="road",
                **{"attribute[hazard]": "pothole"},
                **{"attribute[size_m]": "big"},
            ),
        ),
        400,
    )
    assert not Report.objects.exists()
    # Unknown attributes are ignored; numbers are kept as numbers.
    response = client.post(
        f"{BASE}/requests.json",
        fms_params(
            service_code="road",
            **{"attribute[hazard]": "pothole", "attribute[size_m]": "1,5", "attribute[x]": "y"},
        ),
    )
    code = json_of(response)[0]["service_request_id"]
    assert Report.objects.get(code=code).attributes == {"hazard": "pothole", "size_m": 1.5}


def test_an_address_is_enough_and_a_place_is_required(client, fms_params):
    response = client.post(
        f"{BASE}/requests.json",
        fms_params(lat=None, long=None, address_string="12 Lê Lợi, Phú Xuân"),
    )
    report = Report.objects.get(code=json_of(response)[0]["service_request_id"])
    assert report.lat is None and report.address == "12 Lê Lợi, Phú Xuân"
    description = spec_error(
        client.post(f"{BASE}/requests.json", fms_params(lat=None, long=None), **EN), 400
    )
    assert "location" in description
    spec_error(client.post(f"{BASE}/requests.json", fms_params(long=None)), 400)


def test_without_description_the_service_name_stands_in(client, fms_params):
    response = client.post(f"{BASE}/requests.json", fms_params(description=None))
    report = Report.objects.get(code=json_of(response)[0]["service_request_id"])
    assert report.text.startswith("Vệ sinh môi trường")


def test_api_key_is_required_valid_and_scoped(client, fms_params, agency_key, api_key):
    assert "api_key" in spec_error(
        client.post(f"{BASE}/requests.xml", fms_params(api_key=None), **EN), 403, "xml"
    )
    spec_error(client.post(f"{BASE}/requests.json", fms_params(api_key="pa_123_nope")), 403)
    spec_error(client.post(f"{BASE}/requests.json", fms_params(api_key=agency_key)), 403)
    apikey_revoke(key=ApiKey.objects.get(name="FixMyStreet Huế"))
    spec_error(client.post(f"{BASE}/requests.json", fms_params()), 403)
    assert not Report.objects.exists()
    # A key in the query string works as well as in the body.
    _key, raw = apikey_create(name="other", scopes=["reports:write"])
    response = client.post(f"{BASE}/requests.json?api_key={raw}", fms_params(api_key=None))
    assert response.status_code == 200


def test_photos_as_media_and_media_brackets_become_the_report_media(client, fms_params):
    photos = [jpeg_bytes(), jpeg_bytes(color="blue")]
    photos[1].name = "second.jpg"
    response = client.post(
        f"{BASE}/requests.json", {**fms_params(), "media": photos[0], "media[]": photos[1]}
    )
    code = json_of(response)[0]["service_request_id"]
    report = Report.objects.get(code=code)
    assert report.media_count == 2
    for media in report.media.all():
        media_process(media_id=media.pk)
    # Even a report still in triage is followed by its code, with its public photo.
    data = json_of(client.get(f"{BASE}/requests/{code}.json"))
    media_url = data[0]["media_url"]
    assert media_url.startswith("http://testserver/media/public/") and media_url.endswith(".jpg")
    assert "originals" not in media_url
    fake = io.BytesIO(b"not an image")
    fake.name = "fake.jpg"
    spec_error(client.post(f"{BASE}/requests.json", {**fms_params(), "media": fake}), 400)


# GET requests -------------------------------------------------------------------------------


@pytest.mark.usefixtures("publish_on_triage")
def test_lists_show_only_public_reports_newest_first(client, published, fms_params):
    old = published(at=clock.now() - timedelta(days=2))
    new = published(at=clock.now() - timedelta(days=1), category="noise")
    triage = client.post(f"{BASE}/requests.json", fms_params())
    triage_code = json_of(triage)[0]["service_request_id"]
    data = json_of(client.get(f"{BASE}/requests.json"))
    assert [r["service_request_id"] for r in data] == [new.code, old.code]
    # A list of ids overrides every other filter, and finds a report still in triage.
    ids = f"{old.code},{triage_code.lower()},PA-NOPE"
    data = json_of(
        client.get(f"{BASE}/requests.json", {"service_request_id": ids, "status": "closed"})
    )
    assert [r["service_request_id"] for r in data] == [old.code, triage_code]


def test_request_fields_json(client, published, people):
    report = published(text="Rác ùn ứ, gọi 0905 123 456")
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    report_progress(report=report, actor=people[Role.OFFICER], note="Đã cử đội thu gom.")
    (data,) = json_of(client.get(f"{BASE}/requests/{report.code}.json", **EN))
    assert data["service_request_id"] == report.code
    assert data["status"] == "open"
    assert data["status_notes"] == "Đã cử đội thu gom."
    assert data["service_code"] == "sanitation"
    assert data["service_name"] == "Sanitation and waste"
    assert data["agency_responsible"] == "ubnd-19753"
    assert "0905 123 456" not in data["description"]  # the public text, redacted
    assert data["lat"] == float(LAT) and data["long"] == float(LON)
    assert data["address"] == "Kiệt 5 Lê Lợi"
    for name in ("address_id", "zipcode", "service_notice", "media_url"):
        assert data[name] is None
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert OFFSET.match(data[name]), data[name]
    body = client.get(f"{BASE}/requests/{report.code}.json").content.decode()
    assert "secret.reporter" not in body and "0905999888" not in body and '""' not in body


def test_request_fields_xml_and_closed_status(client, published, people):
    report = published()
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    report_resolve(report=report, actor=people[Role.OFFICER], result="Đã thu gom xong.")
    root = xml_of(client.get(f"{BASE}/requests/{report.code}.xml"))
    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert [child.tag for child in request] == [
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    ]
    assert request.findtext("status") == "closed"
    assert request.findtext("status_notes") == "Đã thu gom xong."
    assert request.find("expected_datetime").text is None
    assert float(request.findtext("lat")) == float(LAT)


def test_one_request_is_always_an_array_and_unknown_is_404(client, published):
    report = published()
    assert len(json_of(client.get(f"{BASE}/requests/{report.code}.json"))) == 1
    assert len(json_of(client.get(f"{BASE}/requests/{report.code.lower()}.json"))) == 1
    spec_error(client.get(f"{BASE}/requests/PA-0000000.json"), 404)
    spec_error(client.get(f"{BASE}/requests/PA-0000000.xml"), 404, "xml")
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    spec_error(client.get(f"{BASE}/requests/{report.code}.json"), 404)
    assert json_of(client.get(f"{BASE}/requests.json")) == []


def test_status_and_service_code_filters(client, published, people):
    open_noise = published(category="noise")
    closed = published()
    closed = report_agency_accept(report=closed, actor=people[Role.OFFICER])
    report_resolve(report=closed, actor=people[Role.OFFICER], result="Xong.")
    lighting = published(category="lighting")

    def codes(**params) -> list[str]:
        return [
            r["service_request_id"] for r in json_of(client.get(f"{BASE}/requests.json", params))
        ]

    assert codes(status="closed") == [closed.code]
    assert codes(status="open") == [lighting.code, open_noise.code]
    assert codes(status="open,closed") == [lighting.code, closed.code, open_noise.code]
    assert codes(status="OPEN") == [lighting.code, open_noise.code]
    assert codes(service_code="noise,lighting") == [lighting.code, open_noise.code]
    assert codes(service_code="noise", status="closed") == []
    assert codes(service_code="nope") == []


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", ["mid"]),
        ("2026-03-02T07:00:00+07:00", "2026-03-03T07:00:00+07:00", ["mid"]),
        ("2026-03-02T07:00:00.000+07:00", "2026-03-03T06:59:59.999999+07:00", ["mid"]),
        ("2026-03-02T07:00:00 07:00", "2026-03-03T07:00:00 07:00", ["mid"]),  # '+' unencoded
        ("2026-03-02", "2026-03-02", ["mid"]),  # date only: the whole local day
        ("2026-03-01", "2026-03-03", ["late", "mid", "early"]),
        ("2026-03", "2026-03", ["late", "mid", "early"]),
        ("2026", "2026", ["late", "mid", "early"]),
        ("2026-03-02T11:00", "", ["late", "mid"]),  # no offset: Huế time; no end: +90 days
        ("2026-03-02T11:00:01", "", ["late"]),
        ("", "2026-03-02T11:00:00+07:00", ["early"]),
        ("2026-03-02T04:00:00.5Z", "2026-03-02T04:00:01Z", ["mid"]),
    ],
)
def test_w3c_date_windows(client, published, start, end, expected):
    reports = {
        "early": published(at=datetime(2026, 3, 1, 9, 0, tzinfo=HUE)),
        "mid": published(at=datetime(2026, 3, 2, 11, 0, 0, 600_000, tzinfo=HUE)),
        "late": published(at=datetime(2026, 3, 3, 8, 0, tzinfo=HUE)),
    }
    params = {k: v for k, v in {"start_date": start, "end_date": end}.items() if v}
    data = json_of(client.get(f"{BASE}/requests.json", params))
    assert [r["service_request_id"] for r in data] == [reports[name].code for name in expected]


def test_default_window_is_the_last_90_days(client, published):
    recent = published(at=clock.now() - timedelta(days=89))
    published(at=clock.now() - timedelta(days=91))
    data = json_of(client.get(f"{BASE}/requests.json"))
    assert [r["service_request_id"] for r in data] == [recent.code]


def test_at_most_1000_newest_first(client, published, monkeypatch):
    monkeypatch.setattr(selectors, "LIST_MAX", 2)
    made = [published(at=clock.now() - timedelta(hours=h)) for h in (3, 2, 1)]
    data = json_of(client.get(f"{BASE}/requests.json"))
    assert [r["service_request_id"] for r in data] == [made[2].code, made[1].code]


def test_a_list_longer_than_a_chunk_is_streamed_in_the_same_order(client, published, monkeypatch):
    monkeypatch.setattr(selectors, "LIST_MAX", 7)
    monkeypatch.setattr(selectors, "CHUNK_ROWS", 2)
    now = clock.now()
    # Ties on submitted_at straddle the chunks' edges: the next chunk starts after (time, id).
    made = [published(at=now - timedelta(hours=h)) for h in (5, 4, 4, 4, 3, 2, 2, 1, 1)]
    newest_first = sorted(made, key=lambda r: (r.submitted_at, r.pk), reverse=True)
    expected = [r.code for r in newest_first[:7]]
    response = client.get(f"{BASE}/requests.json")
    assert response.streaming and response.has_header("ETag")
    items = json.loads(b"".join(response.streaming_content))
    assert [r["service_request_id"] for r in items] == expected
    assert all(r["status"] == "open" for r in items)
    response = client.get(f"{BASE}/requests.xml")
    assert response.streaming
    root = ET.fromstring(b"".join(response.streaming_content))
    assert root.tag == "service_requests"
    assert [e.findtext("service_request_id") for e in root.findall("request")] == expected
    unchanged = client.get(f"{BASE}/requests.xml", HTTP_IF_NONE_MATCH=response["ETag"])
    assert unchanged.status_code == 304
    # A list that fits in its first chunk is answered whole.
    monkeypatch.setattr(selectors, "CHUNK_ROWS", 250)
    assert not client.get(f"{BASE}/requests.json").streaming


@pytest.mark.parametrize("count", [2, 8])
def test_list_query_budget_is_fixed(
    client, published, people, count, django_assert_max_num_queries
):
    for index in range(count):
        report = published()
        if index % 2:
            report = report_agency_accept(report=report, actor=people[Role.OFFICER])
            report_progress(report=report, actor=people[Role.OFFICER], note=f"Bước {index}")
    with django_assert_max_num_queries(3):
        assert len(json_of(client.get(f"{BASE}/requests.json"))) == count
    with django_assert_max_num_queries(3):
        assert len(xml_of(client.get(f"{BASE}/servicerequestupdates.xml"))) >= count
    with django_assert_max_num_queries(3):
        client.get(f"{BASE}/services.json")


# Tokens and jurisdiction --------------------------------------------------------------------


def test_tokens_are_the_tracking_code(client, fms_params):
    code = json_of(client.post(f"{BASE}/requests.json", fms_params()))[0]["service_request_id"]
    assert json_of(client.get(f"{BASE}/tokens/{code}.json")) == [
        {"service_request_id": code, "token": code}
    ]
    root = xml_of(client.get(f"{BASE}/tokens/{code}.xml"))
    assert root.find("request/service_request_id").text == code
    spec_error(client.get(f"{BASE}/tokens/nope.json"), 404)


def test_jurisdiction_is_optional_and_another_is_404(client, catalog, fms_params):
    assert client.get(f"{BASE}/services.json", {"jurisdiction_id": "hue.gov.vn"}).status_code == 200
    assert client.get(f"{BASE}/services.json").status_code == 200
    spec_error(client.get(f"{BASE}/services.json", {"jurisdiction_id": "sf.gov"}), 404)
    spec_error(client.post(f"{BASE}/requests.xml", fms_params(jurisdiction_id="x")), 404, "xml")
    assert not Report.objects.exists()


def test_unknown_parameters_are_ignored(client, published, api_key):
    report = published()
    params = {
        "page": "2",
        "page_size": "x",
        "extensions": "true",
        "deviceid": "abc",
        "account_id": "9",
        "api_key": api_key,
        "lang": "en",
    }
    data = json_of(client.get(f"{BASE}/requests.json", params))
    assert [r["service_request_id"] for r in data] == [report.code]


# servicerequestupdates ----------------------------------------------------------------------


def test_updates_list_public_steps_in_a_window(client, published, people):
    start = datetime(2026, 4, 1, 8, 0, tzinfo=HUE)
    report = published(at=start)
    with clock.at(start + timedelta(hours=1)):
        report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    with clock.at(start + timedelta(hours=2)):
        report = report_resolve(report=report, actor=people[Role.OFFICER], result="Đã dọn sạch.")
    params = {"start_date": "2026-04-01T00:00:00Z", "end_date": "2026-04-02T00:00:00Z"}
    data = json_of(client.get(f"{BASE}/servicerequestupdates.json", params))
    assert [u["external_status_code"] for u in data] == ["assigned", "in_progress", "resolved"]
    # FixMyStreet's lower-case statuses (docs/open311.md).
    assert [u["status"] for u in data] == ["investigating", "in_progress", "fixed"]
    last = data[-1]
    assert last["service_request_id"] == report.code and last["description"] == "Đã dọn sạch."
    assert last["updated_datetime"] == "2026-04-01T10:00:00+07:00"
    assert isinstance(last["update_id"], str) and last["media_url"] is None
    root = xml_of(client.get(f"{BASE}/servicerequestupdates.xml", params))
    assert root.tag == "service_request_updates"
    assert [u.findtext("status") for u in root.findall("request_update")] == [
        "investigating",
        "in_progress",
        "fixed",
    ]
    narrow = {"start_date": "2026-04-01T09:30:00+07:00", "end_date": "2026-04-01T10:30:00+07:00"}
    data = json_of(client.get(f"{BASE}/servicerequestupdates.json", narrow))
    assert [u["external_status_code"] for u in data] == ["resolved"]


def test_agency_system_moves_its_report_through_the_lifecycle(
    client, published, agency_key, people
):
    report = published()

    def post(fmt: str = "json", **params):
        params = {"api_key": agency_key, "service_request_id": report.code, **params}
        return client.post(f"{BASE}/servicerequestupdates.{fmt}", params, **EN)

    response = post("xml", status="OPEN", description="Đã nhận, sẽ xử lý trong ngày.")
    root = xml_of(response)
    update_id = root.find("request_update/update_id").text
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS
    event = report.events.get(pk=int(update_id))
    assert (event.action, event.actor_role, event.actor_label) == (
        "agency_accept",
        Role.OFFICER,
        "Ward system (API)",
    )
    # A retry of the same update is answered with the same id, and changes nothing.
    assert (
        xml_of(post("xml", status="OPEN", description="Đã nhận, sẽ xử lý trong ngày."))
        .find("request_update/update_id")
        .text
        == update_id
    )
    progress = json_of(post(status="open", description="Đội đang thu gom."))
    assert report.events.get(pk=int(progress[0]["update_id"])).action == "progress"
    # A note with a phone is published masked, and its retry is still recognised as one.
    phoned = json_of(post(status="open", description="Đội trưởng: 0905 123 456."))
    event = report.events.get(pk=int(phoned[0]["update_id"]))
    assert event.public_note == "Đội trưởng: *** *** ***."
    again = json_of(post(status="open", description="Đội trưởng: 0905 123 456."))
    assert again[0]["update_id"] == phoned[0]["update_id"]
    assert "required" in spec_error(post(status="open", description=""), 400)
    closed = json_of(post(status="closed", description="Đã thu gom xong."))
    report.refresh_from_db()
    assert report.status == Status.RESOLVED
    assert report.events.get(pk=int(closed[0]["update_id"])).public_note == "Đã thu gom xong."
    # Resolving twice is refused by the lifecycle: a 400, never a 500.
    assert "Handled" in spec_error(post(status="closed", description="Lại xong."), 400)
    assert "status" in spec_error(post(status="DUPLICATE", description="x"), 400)
    spec_error(post(status=""), 400)
    spec_error(post(service_request_id="PA-NOPE", status="open", description="x"), 404)


def test_closed_straight_from_referral_accepts_then_resolves(client, published, agency_key):
    report = published()
    response = client.post(
        f"{BASE}/servicerequestupdates.json",
        {
            "api_key": agency_key,
            "service_request_id": report.code,
            "status": "FIXED",
            "description": "Done",
            "update_id_ext": "77",
            "updated_datetime": "2026-04-01T10:00:00+01:00",
            "email": "officer@ward.example",
        },
    )
    assert response.status_code == 200
    assert list(report.events.values_list("action", flat=True))[-2:] == ["agency_accept", "resolve"]


def test_updates_need_an_agency_key_for_that_agency(
    client, published, api_key, other_agency, people
):
    report = published()
    params = {"service_request_id": report.code, "status": "open", "description": "x"}
    spec_error(client.post(f"{BASE}/servicerequestupdates.json", params), 403)
    # An integrator's key posts its user's public comment: no step of the agency's.
    relayed = client.post(f"{BASE}/servicerequestupdates.json", {**params, "api_key": api_key})
    assert relayed.status_code == 200 and json_of(relayed)[0]["update_id"].startswith("c")
    _key, other = apikey_create(name="other ward", scopes=["updates:write"], agency=other_agency)
    spec_error(client.post(f"{BASE}/servicerequestupdates.json", {**params, "api_key": other}), 403)
    report.refresh_from_db()
    assert report.status == Status.ASSIGNED


def test_an_agency_key_cannot_touch_a_report_in_triage(client, people, catalog, agency_key):
    report = file_report(
        actor=people["reporter"], text="Rác", channel=Channel.WEB, category=catalog["sanitation"]
    )
    response = client.post(
        f"{BASE}/servicerequestupdates.xml",
        {
            "api_key": agency_key,
            "service_request_id": report.code,
            "status": "closed",
            "description": "x",
        },
    )
    assert response.status_code in (400, 403)
    spec_error(response, response.status_code, "xml")
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_updates_show_ready_media_of_the_step(client, published, people):
    report = report_agency_accept(report=published(), actor=people[Role.OFFICER])
    report_resolve(
        report=report, actor=people[Role.OFFICER], result="Xong.", uploads=[jpeg_bytes()]
    )
    media = report.media.get()
    data = json_of(client.get(f"{BASE}/servicerequestupdates.json"))
    assert data[-1]["media_url"] is None  # not processed yet: never the original
    media_process(media_id=media.pk)
    media.refresh_from_db()
    assert media.state == MediaState.READY
    data = json_of(client.get(f"{BASE}/servicerequestupdates.json"))
    assert data[-1]["media_url"].startswith("http://testserver/media/public/")


def test_updates_since_a_start_run_until_now(client, published):
    report = published(at=clock.now() - timedelta(days=3))
    since = (clock.now() - timedelta(days=5)).date().isoformat()
    data = json_of(client.get(f"{BASE}/servicerequestupdates.json", {"start_date": since}))
    assert [u["service_request_id"] for u in data] == [report.code]
    assert json_of(client.get(f"{BASE}/servicerequestupdates.json")) == []


def test_datetime_number_and_string_attributes(client, fms_params):
    response = client.post(
        f"{BASE}/requests.json",
        fms_params(
            service_code="food",
            lat=None,
            long=None,
            address_id="#NOTPINPOINTED#",
            **{
                "attribute[volume]": None,
                "attribute[place_type]": "street_food",
                "attribute[incident_at]": "2026-05-04T19:30:00.250+07:00",
                "attribute[people_affected]": "3",
            },
        ),
    )
    report = Report.objects.get(code=json_of(response)[0]["service_request_id"])
    assert report.attributes == {
        "place_type": "street_food",
        "incident_at": "2026-05-04T19:30:00.250000+07:00",
        "people_affected": 3,
    }
    assert report.address == "#NOTPINPOINTED#"
    bad = fms_params(
        service_code="food",
        **{"attribute[volume]": None, "attribute[place_type]": "market"},
        **{"attribute[incident_at]": "last tuesday"},
    )
    assert "attribute[incident_at]" in spec_error(
        client.post(f"{BASE}/requests.json", bad, **EN), 400
    )
