"""In a real Chromium: before sending, the form shows a report nearby that may be the same one."""

from __future__ import annotations

import pytest
from django.db import connections

from phananh.catalog.models import Category
from phananh.catalog.services import category_install_defaults
from phananh.publication.tests.test_browser import browser  # noqa: F401 (the fixture)
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign


@pytest.mark.django_db(transaction=True)
def test_the_form_offers_to_follow_a_report_nearby(
    browser,  # noqa: F811
    live_server,
    submit,
    people,
    ward_agency,
    settings,
):
    settings.MAP_TILE_URL = ""
    category_install_defaults()
    lighting = Category.objects.get(code="lighting")
    existing = submit(
        text="Đèn đường kiệt 47 Lê Lợi hỏng cả tuần", category=lighting, lat=16.4705, lon=107.5760
    )
    report_assign(report=existing, actor=people["operator"], agency=ward_agency)
    # Next to it, a flood (open) and a stray dog (handled): offered only for their own kind.
    flood = submit(
        text="Ngập nước sâu trước nhà, cống thoát nước bị tắc",
        category=Category.objects.get(code="drainage"),
        lat=16.47055,
        lon=107.57605,
    )
    report_assign(report=flood, actor=people["operator"], agency=ward_agency)
    dog = submit(
        text="Chó thả rông cắn người ở kiệt 47",
        category=Category.objects.get(code="animals"),
        lat=16.47052,
        lon=107.57602,
    )
    report_assign(report=dog, actor=people["operator"], agency=ward_agency)
    report_agency_accept(report=dog, actor=people["officer"])
    report_resolve(report=dog, actor=people["officer"], result="Đã bắt")
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="en-US",
        geolocation={"latitude": 16.4706, "longitude": 107.5761},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/report/new/?lang=en")
    page.get_by_label("Description").fill("Street light broken in alley 47, very dark")
    page.get_by_label("Category").select_option("lighting")
    assert page.locator(".nearby").is_hidden()
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_selector(".nearby:not([hidden]) li")
    panel = page.locator(".nearby")
    assert "Is it one of these?" in panel.text_content()
    assert existing.code in panel.text_content()
    assert "m away" in panel.text_content()
    assert flood.code not in panel.text_content() and dog.code not in panel.text_content()
    # Tapping a suggested category asks again, for that kind only.
    page.get_by_label("Description").fill("Flooded street, the drain is blocked, water everywhere")
    page.locator(".suggestions button[data-category=drainage]").click()
    page.wait_for_function(
        "code => document.querySelector('.nearby ul').textContent.includes(code)", arg=flood.code
    )
    assert existing.code not in panel.text_content() and dog.code not in panel.text_content()
    page.get_by_label("Category").select_option("lighting")
    page.wait_for_function(
        "code => document.querySelector('.nearby ul').textContent.includes(code)",
        arg=existing.code,
    )
    panel.get_by_role("link", name="Follow this one instead").click()
    page.wait_for_url(f"**/reports/{existing.code}/#support")
    assert page.locator("#support button").is_visible()
    # The report's pin is drawn with the marker image the page names (not Leaflet's guess).
    pin = page.wait_for_selector("#report-map img.leaflet-marker-icon")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=pin)
    assert "marker-icon" in pin.get_attribute("src")
    page.wait_for_load_state("networkidle")
    context.close()
    connections.close_all()
