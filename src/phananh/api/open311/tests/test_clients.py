"""Real clients over HTTP against a live server: the `georeport` library from PyPI, and
FixMyStreet's wire format (perllib/Open311.pm) spoken with `requests` and read like XML::Simple.
"""

from __future__ import annotations

import io

import pytest
import requests as http
import xmltodict
from georeport import GeoReport

from phananh.accounts.choices import Role
from phananh.conftest import jpeg_bytes
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.choices import Channel, Status
from phananh.reports.models import Report

from .conftest import LAT, LON

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def endpoint(live_server) -> str:
    return f"{live_server.url}/open311/v2/"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_library_reads_services_definitions_and_requests(
    endpoint, catalog, published, people, fmt
):
    report = published()
    report_agency_accept(report=report, actor=people[Role.OFFICER])
    client = GeoReport(endpoint, jurisdiction="hue.gov.vn", output_format=fmt)

    services = client.get_service_list()
    codes = [s["service_code"] for s in services]
    assert "sanitation" in codes and "noise" in codes
    sanitation = services[codes.index("sanitation")]
    assert sanitation["metadata"] in (True, "true")

    definition = client.get_service_definition("sanitation")
    attributes = definition["attributes"]
    if fmt == "xml":
        attributes = attributes["attribute"]
    volume = attributes[0]
    assert volume["code"] == "volume" and volume["datatype"] == "singlevaluelist"
    assert volume["required"] in (True, "true")

    listed = client.get_service_requests(status="open", service_code="sanitation,noise")
    if fmt == "xml":  # xmltodict: one element is a dict, several a list
        listed = [listed] if isinstance(listed, dict) else listed
    assert [r["service_request_id"] for r in listed] == [report.code]

    one = client.get_service_request(report.code)
    assert one["service_request_id"] == report.code
    assert one["status"] == "open"
    assert one["service_code"] == "sanitation"

    by_id = client.get_service_requests(service_request_id=report.code)
    if fmt == "xml":
        by_id = [by_id] if isinstance(by_id, dict) else by_id
    assert by_id[0]["service_request_id"] == report.code


def _xml_simple(body: bytes) -> dict:
    """What FixMyStreet's XML::Simple XMLin gives: the document without its root element."""
    document = xmltodict.parse(body)
    return next(iter(document.values()))


def test_fixmystreet_wire_format(endpoint, fms_params, published, agency_key):
    # FixMyStreet fetches the services and a service's definition as XML.
    services = _xml_simple(http.get(f"{endpoint}services.xml", timeout=10).content)
    assert "sanitation" in [s["service_code"] for s in services["service"]]
    meta = _xml_simple(http.get(f"{endpoint}services/sanitation.xml", timeout=10).content)
    assert meta["attributes"]["attribute"][0]["code"] == "volume"

    # It posts the report form-encoded, with jurisdiction_id and api_key in the body…
    response = http.post(f"{endpoint}requests.xml", data=fms_params(), timeout=10)
    assert response.ok, response.text
    obj = _xml_simple(response.content)
    request_id = obj["request"]["service_request_id"]
    assert isinstance(request_id, str) and request_id.startswith("PA-")
    report = Report.objects.get(code=request_id)
    assert report.channel == Channel.OPEN311 and report.status == Status.NEW

    # …and reads errors as <errors><error><code/><description/></error></errors>.
    response = http.post(f"{endpoint}requests.xml", data=fms_params(api_key="nope"), timeout=10)
    assert response.status_code == 403
    error = _xml_simple(response.content)["error"]
    assert error["code"] == "403" and "api_key" in error["description"]

    # Photos as multipart parts named media (and media[]), plus repeated attributes.
    response = http.post(
        f"{endpoint}requests.json",
        data={**fms_params(), "attribute[waste_type]": ["debris", "bulky"]},
        files=[
            ("media", ("a.jpg", jpeg_bytes(), "image/jpeg")),
            ("media[]", ("b.jpg", jpeg_bytes(), "image/jpeg")),
        ],
        timeout=10,
    )
    assert response.ok, response.text
    created = Report.objects.get(code=response.json()[0]["service_request_id"])
    assert created.media_count == 2
    assert created.attributes["waste_type"] == ["debris", "bulky"]

    # FixMyStreet polls updates in a window, with its api_key (ignored on a GET).
    assigned = published()
    params = {"api_key": agency_key, "jurisdiction_id": "hue.gov.vn"}
    # The agency's own system posts its update the way FixMyStreet's client does.
    response = http.post(
        f"{endpoint}servicerequestupdates.xml",
        data={
            **params,
            "service_request_id": assigned.code,
            "status": "CLOSED",
            "description": "Đã thu gom.",
            "updated_datetime": "2026-04-01T10:00:00+07:00",
            "update_id": "42",
            "first_name": "Minh",
            "last_name": "Trần",
            "email": "minh@ward.example",
            "media_url": "",
        },
        timeout=10,
    )
    assert response.ok, response.text
    update_id = _xml_simple(response.content)["request_update"]["update_id"]
    assert update_id.isdigit()
    updates = _xml_simple(
        http.get(f"{endpoint}servicerequestupdates.xml", params=params, timeout=10).content
    )["request_update"]
    updates = [updates] if isinstance(updates, dict) else updates
    mine = [u for u in updates if u["service_request_id"] == assigned.code]
    assert mine[-1]["update_id"] == update_id and mine[-1]["status"] == "fixed"
    assert mine[-1]["description"] == "Đã thu gom."
    # Then reads the request's state back by id list.
    listed = _xml_simple(
        http.get(
            f"{endpoint}requests.xml",
            params={"service_request_id": f"{assigned.code},{request_id}"},
            timeout=10,
        ).content
    )["request"]
    assert [r["service_request_id"] for r in listed] == [assigned.code, request_id]
    assert [r["status"] for r in listed] == ["closed", "open"]


def test_raw_utf8_and_bad_bytes_over_http(endpoint, api_key, catalog, phu_xuan, ward_agency):
    body = (
        f"api_key={api_key}&service_code=sanitation&lat={LAT}&long={LON}"
        "&attribute%5Bvolume%5D=bag&description=R%C3%A1c%20%FF"
    ).encode()
    response = http.post(
        f"{endpoint}requests.json",
        data=io.BytesIO(body),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    assert Report.objects.get().text.startswith("Rác")
