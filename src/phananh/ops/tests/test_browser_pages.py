"""Every main page, public and console, at 360 px and 1366 px in both languages, in Chromium.

For each: no sideways scroll, and no serious or critical axe-core violation. Then the specific
fixes a person walking the journeys noticed (issue 14: phones, smaller things, open reports on
the form's map, keyboard and focus). One browser for the module; one sign-in per role and test.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from phananh.accounts.models import User
from phananh.analytics.choices import PeriodKind
from phananh.analytics.services import backlog_refresh, daily_counts_refresh, scorecards_refresh
from phananh.conftest import jpeg_bytes
from phananh.core import clock
from phananh.geo.models import Area
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Status
from phananh.reports.models import Report

CHROMIUM = "/usr/bin/chromium"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
SIZES = [(360, 740), (1366, 900)]
# A square around Phú Xuân's point (the fixture's area), so maps and the heat map have outlines.
WARD = [[107.560, 16.465], [107.590, 16.465], [107.590, 16.492], [107.560, 16.492]]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_script() -> str:
    """axe-core, from axe-playwright-python: injected into each context before any page runs."""
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


@pytest.fixture
def city(settings, submit, people, ward_agency, phu_xuan):
    """A few reports in every state a page shows: new, referred, handled with a photo."""
    settings.MAP_TILE_URL = ""  # no internet: the maps draw our own outlines
    settings.SCORECARD_MIN_VOLUME = 1
    ring = [*WARD, WARD[0]]
    Area.objects.filter(pk=phu_xuan.pk).update(
        geometry={"type": "Polygon", "coordinates": [ring]},
        geometry_version=1,
        min_lon=107.560,
        max_lon=107.590,
        min_lat=16.465,
        max_lat=16.492,
    )
    start = clock.now() - timedelta(days=2)
    with clock.at(start):
        handled = submit(text="Rác thải đổ trộm ở đầu kiệt 12", uploads=[jpeg_bytes((320, 240))])
        report_assign(report=handled, actor=people["operator"])
        report_agency_accept(report=handled, actor=people["officer"])
    with clock.at(start + timedelta(hours=5)):
        report_resolve(report=handled, actor=people["officer"], result="Đã thu gom xong")
    own = User.objects.get(pk=people["reporter"].user_id).email
    open_one = submit(text="Karaoke ồn ào quá nửa đêm", reporter_email=own.upper())
    referred = submit(text="Hát karaoke to ở kiệt 5", lat=16.4712, lon=107.5765)
    report_assign(report=referred, actor=people["operator"])
    today = timezone.localdate(clock.now())
    for day in (today - timedelta(days=2), today - timedelta(days=1), today):
        daily_counts_refresh(day=day)
    scorecards_refresh(kind=PeriodKind.ROLLING_30, day=today)
    backlog_refresh()
    return {"handled": handled, "open": open_one, "referred": referred}


def sign_in(browser, live_server, people, key, width, height, lang, axe_script=""):
    context = browser.new_context(viewport={"width": width, "height": height})
    if axe_script:
        context.add_init_script(axe_script)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?lang={lang}")
    if key:
        user = User.objects.get(pk=people[key].user_id)
        page.locator("#id_username").fill(user.email)
        page.locator("#id_password").fill("x")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state("networkidle")
    return context, page


AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => v.id + " " + JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target)));
}"""
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


def check_page(page, url: str) -> list[str]:
    """Problems of one page at each width: its status, sideways scroll, serious axe findings."""
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    problems = [] if response.ok else [f"{url}: HTTP {response.status}"]
    for index, (width, height) in enumerate(SIZES):
        if index:
            page.set_viewport_size({"width": width, "height": height})
        extra = page.evaluate(SIDEWAYS)
        if extra > 0:
            problems.append(f"{url} at {width} px: {extra} px sideways")
        problems += [f"{url} at {width} px: {found}" for found in page.evaluate(AXE_RUN)]
    return problems


# The layout and the markup do not depend on the database: the SQLite run checks them, and the
# PostgreSQL run of `make test` is spared the browser's minutes.
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.django_db(transaction=True)
def test_every_main_page_fits_and_passes_axe(browser, axe_script, live_server, city, people, lang):
    base = live_server.url
    report = city["handled"]
    groups = {
        None: [
            "/",
            "/reports/",
            report.get_absolute_url(),
            "/report/new/",
            "/agencies/",
            "/agencies/methodology/",
            "/accounts/login/",
            "/alerts/",
            "/campaigns/",
            "/transparency/",
        ],
        "reporter": ["/accounts/reports/"],
        "operator": [
            "/ops/triage/",
            f"/ops/reports/{city['open'].code}/",
            "/ops/switchboard/",
            "/ops/dashboard/",
        ],
        "officer": ["/ops/agency/"],
    }
    problems = []
    for key, paths in groups.items():
        width, height = SIZES[0]
        context, page = sign_in(browser, live_server, people, key, width, height, lang, axe_script)
        for path in paths:
            problems += check_page(page, base + path)
        if key is None:
            for width, height in SIZES:
                page.set_viewport_size({"width": width, "height": height})
                _public_layout(page, base, width, report)
        context.close()
    connections.close_all()
    assert problems == []


def _public_layout(page, base, width, report):
    """The phone and desktop layouts of the list, the scorecards and the report's facts."""
    phone = width < 500
    page.goto(f"{base}/reports/")
    category = page.locator("select[name=category]")
    assert not category.is_visible()  # folded behind "Filter"
    page.locator(".filter-more > summary").click()
    assert category.is_visible()
    photo = page.locator(f"a[href='{report.get_absolute_url()}'] img.card-photo")
    assert photo.get_attribute("loading") == "lazy"
    assert "/public/" in photo.get_attribute("src") or "thumb" in photo.get_attribute("src")
    page.goto(f"{base}/agencies/")
    wrap = page.locator(".table-wrap")
    fits = "(el) => el.scrollWidth <= el.clientWidth + 1"
    assert wrap.evaluate(fits)  # every column visible: no hidden overflow either
    assert page.locator(".scores thead").is_visible() is not phone
    if phone:
        row = page.locator(".scores tbody tr").first
        assert row.evaluate("(el) => getComputedStyle(el).display") == "grid"
        label = row.locator("td[data-label]").nth(1)
        before = "(el) => getComputedStyle(el, '::before').content"
        assert label.evaluate(before).strip('"') == label.get_attribute("data-label")
    sizes = page.locator(".chart.bars .bar-label").evaluate_all(
        "(els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert sizes and min(sizes) >= 13
    # The whole label, never cut.
    names = page.locator(".chart.bars .bar-label").all_text_contents()
    assert all(not name.endswith("…") for name in names)
    page.goto(base + report.get_absolute_url())
    facts = page.locator("dl.facts")
    assert facts.evaluate("(el) => getComputedStyle(el).display") == ("block" if phone else "grid")
    dd_width = page.locator("dl.facts dd").first.evaluate("(el) => el.clientWidth")
    assert dd_width > (250 if phone else 400)


@pytest.mark.django_db(transaction=True)
def test_the_smaller_things_a_person_notices(browser, live_server, city, people, settings):
    base = live_server.url
    handled, open_one, referred = city["handled"], city["open"], city["referred"]

    # The home page's tracking-code box goes to the report; a wrong code says so.
    context, page = sign_in(browser, live_server, people, None, 360, 740, "en")
    page.goto(f"{base}/")
    page.keyboard.press("Tab")
    focus = page.evaluate(
        "() => [document.activeElement.className,"
        " getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert focus[0] == "skip" and focus[1] != "none"  # the first Tab: skip to the content, visible
    page.get_by_label("Your tracking code").fill(handled.code.lower())
    page.get_by_role("button", name="Follow my report").click()
    assert page.url.endswith(handled.get_absolute_url())
    page.goto(f"{base}/")
    page.get_by_label("Your tracking code").fill("PA-NOPE")
    page.get_by_label("Your tracking code").press("Enter")
    assert "No report has the tracking code" in page.locator(".messages").text_content()

    # Anonymous "Me too": the sign-in page says why it is there.
    page.goto(base + referred.get_absolute_url())
    page.get_by_role("button", name=re.compile("Me too")).click()
    page.wait_for_url(re.compile("/accounts/login/"))
    assert "To add your support, sign in" in page.locator(".messages").text_content()

    # The form: the address box is labelled and above the nearby panel; the open reports near
    # the pin are on the map before anything is typed; the anonymity help says what changes.
    page.goto(f"{base}/report/new/")
    address = page.get_by_label("Location")
    nearby = page.locator("section.nearby")
    assert address.evaluate("(a) => a.previousElementSibling.tagName") in ("LABEL", "UL")
    order = "(a) => !!(a.compareDocumentPosition(document.querySelector('section.nearby')) & 4)"
    assert address.evaluate(order) and nearby.count() == 1
    assert "keeps them from the agency" in page.locator("body").text_content()
    page.wait_for_function("() => document.querySelector('.leaflet-container') !== null")
    # A tap beside the referred report (the map's own click, at its coordinates).
    page.evaluate(
        "() => document.querySelector('.report-form').phananhMap"
        ".fire('click', { latlng: L.latLng(16.4716, 107.5769) })"
    )
    page.wait_for_function("() => document.querySelector('.open-reports').textContent.length > 0")
    assert "open report" in page.locator(".open-reports").text_content()
    assert page.locator("path.open-report").count() >= 1
    context.close()

    # Following: the button becomes "You follow this report", with a way to stop.
    context, page = sign_in(browser, live_server, people, "citizen", 1366, 900, "en")
    page.goto(base + referred.get_absolute_url())
    page.get_by_role("button", name="Follow by email").click()
    assert page.locator(".following").is_visible()
    assert page.get_by_role("button", name="Stop following").is_visible()
    context.close()

    # The workspace (IOC): the reporter's address once, actions answer what they did, the
    # place can be corrected on the map, the switchboard suggests categories as one types.
    context, page = sign_in(browser, live_server, people, "operator", 1366, 900, "en")
    page.goto(f"{base}/ops/reports/{open_one.code}/")
    own = User.objects.get(pk=people["reporter"].user_id).email
    assert page.locator("dl.reporter").text_content().lower().count(own) == 1
    page.locator("details.relocate > summary").click()
    page.wait_for_function("() => document.querySelector('#relocate-map .leaflet-pane') !== null")
    before = page.locator(".relocate-form input[name=lat]").input_value()
    page.locator("#relocate-map").click(position={"x": 200, "y": 120})
    assert page.locator(".relocate-form input[name=lat]").input_value() != before
    page.locator("#act-assign button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    said = page.locator(".messages").text_content()
    assert f"{open_one.code} referred to" in said and "Done:" not in said
    page.goto(f"{base}/ops/switchboard/")
    page.get_by_label("What the caller says").press_sequentially("Karaoke hát to quá")
    page.wait_for_selector(".suggestions button")
    assert (
        page.locator("#id_text").evaluate("(t) => getComputedStyle(t).fontFamily").find("mono")
        == -1
    )
    page.goto(f"{base}/ops/dashboard/")
    assert page.locator("svg.heat polygon.ward-outline").count() >= 1
    sizes = page.locator(".chart.bars .bar-label").evaluate_all(
        "(els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert sizes and min(sizes) >= 13
    context.close()

    # The officer resolves and is sent back to the queue with a clear message, not a dead end.
    report_agency_accept(report=Report.objects.get(pk=referred.pk), actor=people["officer"])
    context, page = sign_in(browser, live_server, people, "officer", 1366, 900, "en")
    page.goto(f"{base}/ops/reports/{referred.code}/")
    page.get_by_label("Result (public)").fill("Đã nhắc nhở, quán cam kết tắt loa lúc 22 giờ")
    page.get_by_role("button", name="Mark as handled").click()
    page.wait_for_load_state("networkidle")
    assert "/ops/agency/" in page.url
    said = page.locator(".messages").text_content()
    assert "marked as handled" in said and "here is your queue" in said
    context.close()
    assert Report.objects.get(pk=referred.pk).status == Status.RESOLVED
    connections.close_all()
