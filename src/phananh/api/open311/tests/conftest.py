"""Fixtures for the Open311 tests: the default catalogue, keys, published reports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from phananh.accounts.choices import Role
from phananh.accounts.services import apikey_create
from phananh.catalog.models import Category
from phananh.catalog.services import category_install_defaults
from phananh.conftest import file_report
from phananh.core import clock
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Channel
from phananh.reports.models import Report

HUE = ZoneInfo("Asia/Ho_Chi_Minh")
BASE = "/open311/v2"
# A point in central Phú Xuân (the `phu_xuan` fixture's ward is the nearest).
LAT, LON = "16.4705", "107.5760"


@pytest.fixture
def catalog(db) -> dict[str, Category]:
    category_install_defaults()
    return {category.code: category for category in Category.objects.all()}


@pytest.fixture
def api_key(db) -> str:
    return apikey_create(name="FixMyStreet Huế", scopes=["reports:read", "reports:write"])[1]


@pytest.fixture
def agency_key(ward_agency) -> str:
    return apikey_create(name="Ward system", scopes=["updates:write"], agency=ward_agency)[1]


@pytest.fixture
def fms_params(api_key, catalog, phu_xuan, ward_agency):
    """FixMyStreet's exact POST fields for a report (perllib/Open311.pm)."""

    def _params(**extra) -> dict:
        params = {
            "jurisdiction_id": "hue.gov.vn",
            "api_key": api_key,
            "service_code": "sanitation",
            "lat": LAT,
            "long": LON,
            "email": "lan@example.com",
            "first_name": "Lan",
            "last_name": "Nguyễn Thị",
            "phone": "0905123456",
            "description": "title: Rác ở kiệt 5\n\ndetail: Rác đổ trộm bên kênh\n\nurl: https://fms.example/report/7",
            "attribute[volume]": "pile",
        }
        params.update(extra)
        return {key: value for key, value in params.items() if value is not None}

    return _params


@pytest.fixture
def published(people, catalog, phu_xuan, ward_agency):
    """A report referred to the Phú Xuân committee (public), submitted at `at`."""

    def _published(
        at: datetime | None = None, category: str = "sanitation", text: str = "Rác ùn ứ"
    ) -> Report:
        moment = at or clock.now()
        with clock.at(moment):
            report = file_report(
                actor=people["reporter"],
                text=text,
                channel=Channel.WEB,
                category=catalog[category],
                lat=float(LAT),
                lon=float(LON),
                address="Kiệt 5 Lê Lợi",
                reporter_email="secret.reporter@example.com",
                reporter_phone="0905999888",
            )
            return report_assign(report=report, actor=people[Role.OPERATOR], agency=ward_agency)

    return _published


def xml_of(response) -> ET.Element:
    body = response.content.decode("utf-8")
    assert body.startswith('<?xml version="1.0" encoding="utf-8"?>'), body[:80]
    assert "xmlns" not in body
    return ET.fromstring(response.content)


def json_of(response):
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def spec_error(response, status: int, fmt: str = "json") -> str:
    """The response is the spec's error document with this status; its first description."""
    assert response.status_code == status, response.content[:300]
    if fmt == "json":
        errors = json_of(response)
        assert isinstance(errors, list) and errors
        assert set(errors[0]) == {"code", "description"}
        assert errors[0]["code"] == status
        return errors[0]["description"]
    root = xml_of(response)
    assert root.tag == "errors"
    error = root.find("error")
    assert error.findtext("code") == str(status)
    return error.findtext("description")
