"""A resident reports a dark street from a phone, in a real Chromium, then confirms by email."""

from __future__ import annotations

import os
import re

import pytest
from django.core import mail
from django.db import connections

from phananh.catalog.services import category_install_defaults
from phananh.reports.choices import Status
from phananh.reports.models import Report

CHROMIUM = "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; the ORM calls below are ordinary.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.mark.django_db(transaction=True)
def test_report_from_a_phone_in_english(
    browser, live_server, phu_xuan, ward_agency, tmp_path, settings
):
    settings.SITE_URL = live_server.url
    settings.MAP_TILE_URL = ""  # no internet here: the map shows our own ward outlines
    category_install_defaults()
    photo = tmp_path / "street.jpg"
    from phananh.demo.photos import demo_photo

    photo.write_bytes(demo_photo("lighting", 3))
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="en-US")
    page.goto(f"{live_server.url}/report/new/")
    page.get_by_label("Description").fill("The street light at alley 47 is broken, it is very dark")
    page.wait_for_selector(".suggestions button")
    page.locator(".suggestions button").first.click()
    assert page.get_by_label("Category").input_value() == "lighting"
    page.get_by_label("Photos or video").set_input_files(str(photo))
    page.locator("#map").click(position={"x": 180, "y": 150})
    page.wait_for_function("document.querySelector('.ward').textContent.length > 0")
    assert page.locator(".ward").text_content()
    page.get_by_label("Your name").fill("Tom")
    page.get_by_label("Email").fill("tom@example.com")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(re.compile(r"/reports/PA-[0-9A-Z]+/sent/"))
    report = Report.objects.get()
    assert report.code in page.locator(".tracking").text_content()
    assert report.status == Status.UNCONFIRMED
    assert report.lat is not None and report.media.count() == 1
    link = re.search(r"https?://\S+/confirm/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert "confirmed" in page.locator(".messages").text_content()
    # Let the page's own requests (map outlines) finish before the test database goes away.
    page.wait_for_load_state("networkidle")
    page.close()
    report.refresh_from_db()
    assert report.status == Status.NEW
    # Playwright's loop gives this thread its own database connection: close it here.
    connections.close_all()
