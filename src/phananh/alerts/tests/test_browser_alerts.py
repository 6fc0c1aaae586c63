"""In a real Chromium at 360 px: from the report list to a confirmed alert around a point."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connections

from phananh.alerts.models import AlertSubscription
from phananh.alerts.tests.conftest import last_link
from phananh.publication.tests.test_browser import browser  # noqa: F401 (the fixture)


@pytest.mark.django_db(transaction=True)
def test_subscribing_around_a_point_on_a_phone(browser, live_server, phu_xuan, noise, settings):  # noqa: F811
    settings.MAP_TILE_URL = ""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/reports/?area={phu_xuan.code}&lang=en")
    page.get_by_role("link", name="Get alerts for this area").click()
    page.wait_for_url("**/alerts/?area=*")
    assert page.locator("select[name=area]").input_value() == phu_xuan.code
    page.get_by_label("Around a point").check()
    page.wait_for_selector("#alert-map .leaflet-container, #alert-map.leaflet-container")
    assert page.locator(".alert-ward").is_hidden()
    page.locator("#alert-map").click()
    assert page.locator("input[name=lat]").input_value() != ""
    page.get_by_label("Distance").select_option("1000")
    page.get_by_label("Category").select_option("group:environment")
    page.get_by_label("Your email").fill("lan@example.com")
    page.get_by_label("One email a day with the new reports").check()
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= 360, f"the form scrolls sideways: {wide} px"
    page.get_by_role("button", name="Send me the confirmation link").click()
    page.wait_for_selector("text=Check your inbox")
    subscription = AlertSubscription.objects.get()
    assert (subscription.kind, subscription.radius_m, subscription.language) == (
        "radius",
        1000,
        "en",
    )
    assert subscription.category_group.code == "environment" and subscription.frequency == "daily"
    assert len(mail.outbox) == 1
    page.goto(live_server.url + last_link(r"https?://\S+/alerts/confirm/\S+", "lan@example.com"))
    page.wait_for_selector("text=Alerts confirmed")
    assert AlertSubscription.objects.get().confirmed_at is not None
    context.close()
    connections.close_all()
