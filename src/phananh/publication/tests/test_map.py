"""The list page's map data: clusters counted by the database, the list's filters, privacy.

Every test runs twice: counting live from the reports, and reading the map rollup (refreshed
before each request, as the worker does every minute).
"""

from __future__ import annotations

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from phananh.accounts.models import User
from phananh.analytics.map_rollup import map_rollup_refresh
from phananh.catalog.models import Category
from phananh.publication import map_views
from phananh.publication.tests.test_browser import browser  # noqa: F401 (the fixture)
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign
from phananh.reports.models import Report

URL = "/reports/map.json"
CITY = "107.4,16.3,107.8,16.6"  # all of Huế
# Three reports within a few metres of each other, one across town: at zoom 12 (cells of
# 0.022°) that is a cluster of three and a single report.
NEAR = [(16.47050, 107.57000), (16.47052, 107.57005), (16.47055, 107.57010)]
FAR = (16.44000, 107.62000)


@pytest.fixture(params=["live", "rollup"])
def mode(request) -> str:
    return request.param


@pytest.fixture
def client(client, mode):
    """In "rollup" mode, the worker's map pass runs before each request."""
    if mode == "rollup":
        plain_get = client.get

        def refreshed_get(*args, **kwargs):
            map_rollup_refresh()
            return plain_get(*args, **kwargs)

        client.get = refreshed_get
    return client


@pytest.fixture
def publish(submit, people, ward_agency):
    """Submit a report and have the operations centre refer it: it is then public."""

    def _publish(**overrides) -> Report:
        return report_assign(
            report=submit(**overrides), actor=people["operator"], agency=ward_agency
        )

    return _publish


@pytest.fixture
def town(publish) -> dict[str, list[Report]]:
    return {
        "near": [publish(lat=lat, lon=lon) for lat, lon in NEAR],
        "far": [publish(lat=FAR[0], lon=FAR[1], text="Đường ngập sâu sau mưa ở Vỹ Dạ")],
    }


def get(client, **params):
    params.setdefault("lang", "en")
    return client.get(URL, params)


def by_count(answer: dict) -> list[dict]:
    return sorted((f["properties"] for f in answer["features"]), key=lambda p: -p["count"])


pytestmark = pytest.mark.django_db


def test_clusters_add_up_and_single_reports_carry_their_page(client, town):
    response = get(client, bbox=CITY, zoom=12)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    answer = response.json()
    assert answer["type"] == "FeatureCollection"
    assert answer["count"] == 4 and answer["truncated"] is False
    cluster, single = by_count(answer)
    assert cluster == {"count": 3}
    far = town["far"][0]
    assert single["count"] == 1
    assert single["code"] == far.code
    assert single["url"] == f"/reports/{far.code}/"
    assert single["status"] == "in_progress" and single["status_label"] == "In progress"
    assert single["category"] == "Noise"
    assert single["text"] == far.public_text
    # GeoJSON order: longitude first. The cluster sits at its reports' mean position.
    feature = next(f for f in answer["features"] if f["properties"]["count"] == 3)
    lon, lat = feature["geometry"]["coordinates"]
    assert lat == pytest.approx(sum(p[0] for p in NEAR) / 3, abs=1e-6)
    assert lon == pytest.approx(sum(p[1] for p in NEAR) / 3, abs=1e-6)
    far_feature = next(f for f in answer["features"] if f["properties"]["count"] == 1)
    assert far_feature["geometry"]["coordinates"] == [FAR[1], FAR[0]]


def test_counts_add_up_at_every_zoom(client, town):
    for zoom in range(9, 17):
        answer = get(client, bbox=CITY if zoom < 14 else "107.55,16.43,107.64,16.48", zoom=zoom)
        answer = answer.json()
        assert answer["count"] == 4, zoom
        assert sum(p["count"] for p in by_count(answer)) == 4
        singles = [p for p in by_count(answer) if p["count"] == 1]
        assert all(p["code"] and p["url"] for p in singles)


def test_street_level_returns_each_report(client, town, monkeypatch):
    box = "107.5695,16.4700,107.5715,16.4710"
    answer = get(client, bbox=box, zoom=17).json()
    codes = {p["code"] for p in by_count(answer)}
    assert codes == {r.code for r in town["near"]}
    assert answer["truncated"] is False
    monkeypatch.setattr(map_views, "MAX_POINTS", 2)
    answer = get(client, bbox=box, zoom=18).json()
    assert len(answer["features"]) == 2 and answer["truncated"] is True
    # Newest first.
    assert [p["code"] for p in by_count(answer)] == [r.code for r in town["near"][::-1][:2]]


@pytest.mark.usefixtures("publish_on_triage")
def test_hidden_unpublished_pointless_and_outside_reports_are_left_out(
    client, town, submit, publish
):
    hidden = publish(lat=16.45, lon=107.60)
    Report.objects.filter(pk=hidden.pk).update(is_hidden=True)
    unpublished = submit(lat=16.451, lon=107.601)  # awaiting triage
    publish(lat=None, lon=None)
    outside = publish(lat=16.70, lon=107.58)  # north of the box
    answer = get(client, bbox=CITY, zoom=12)
    assert answer.json()["count"] == 4
    text = answer.text
    for report in (hidden, unpublished, outside):
        assert report.code not in text
    answer = get(client, bbox="107.4,16.6,107.8,16.8", zoom=12).json()
    assert [p["code"] for p in by_count(answer)] == [outside.code]


def test_the_lists_filters_apply(client, town, publish, people):
    lighting = Category.objects.create(
        code="lighting-test",
        name_vi="Chiếu sáng",
        name_en="Lighting",
        group=town["far"][0].category.group,
    )
    lamp = publish(lat=16.46, lon=107.59, category=lighting, text="Đèn đường hỏng cả tuần")
    assert get(client, bbox=CITY, zoom=12).json()["count"] == 5
    answer = get(client, bbox=CITY, zoom=12, category="lighting-test").json()
    assert [p["code"] for p in by_count(answer)] == [lamp.code]
    # Text search, diacritics ignored, as in the list.
    answer = get(client, bbox=CITY, zoom=12, q="duong ngap").json()
    assert [p["code"] for p in by_count(answer)] == [town["far"][0].code]
    answer = get(client, bbox=CITY, zoom=12, q="karaoke").json()
    assert answer["count"] == 3 and by_count(answer) == [{"count": 3}]
    # Public status: one report handled, the others still in progress.
    report_agency_accept(report=lamp, actor=people["officer"])
    report_resolve(report=lamp, actor=people["officer"], result="Đã thay bóng đèn")
    answer = get(client, bbox=CITY, zoom=12, state="handled").json()
    assert [p["code"] for p in by_count(answer)] == [lamp.code]
    assert by_count(answer)[0]["status_label"] == "Handled"
    assert get(client, bbox=CITY, zoom=12, state="in_progress").json()["count"] == 4
    assert get(client, bbox=CITY, zoom=12, overdue="1").json()["count"] == 0
    assert get(client, bbox=CITY, zoom=12, agency="ubnd-19753").json()["count"] == 5
    assert get(client, bbox=CITY, zoom=12, agency="ubnd-19777").json()["count"] == 0
    assert get(client, bbox=CITY, zoom=12, **{"from": "2000-01-01"}).json()["count"] == 5
    assert get(client, bbox=CITY, zoom=12, to="2000-01-01").json()["count"] == 0


def test_no_reporter_data_and_only_the_redacted_text(client, publish, people):
    report = publish(
        reporter_name="Trần Văn Bình",
        reporter_email="binh@example.com",
        reporter_phone="0905111222",
        text="Đèn đường hỏng, gọi tôi 0905 111 222 hoặc binh@example.com",
    )
    assert "0905 111 222" not in report.public_text
    for zoom in (12, 18):
        response = get(
            client,
            bbox="107.5,16.4,107.7,16.5" if zoom == 12 else "107.575,16.470,107.577,16.471",
            zoom=zoom,
        )
        [props] = by_count(response.json())
        assert props["text"] == report.public_text
        text = response.content.decode()
        for secret in ("Trần", "Bình", "binh@", "0905111222", "0905 111 222", "reporter"):
            assert secret not in text, secret
        assert User.objects.get(pk=people["reporter"].user_id).email not in text


def test_a_fixed_number_of_queries_and_counting_stays_in_the_database(
    client, mode, publish, django_assert_max_num_queries
):
    for i in range(30):
        publish(lat=16.40 + (i % 6) * 0.03, lon=107.50 + (i // 6) * 0.04)
    for _ in range(10):
        publish(lat=16.47, lon=107.57)
    if mode == "rollup":
        map_rollup_refresh()
        client.get = Client().get  # the pass is the worker's, not the request's
    rolled = mode == "rollup"
    # Whether the rollup is built (one query), then the count, then the cells of one report.
    for params, budget in (
        ({}, 3),
        ({"q": "karaoke"}, 2),  # a search is never rolled up: counted live, without asking
        ({"category": "noise", "state": "in_progress"}, 4 if rolled else 3),  # + the category
    ):
        with CaptureQueriesContext(connection) as queries:
            answer = get(client, bbox=CITY, zoom=12, **params).json()
        assert answer["count"] == 40
        assert len(queries) <= budget, params
        aggregate = next(q["sql"].upper() for q in queries if "GROUP BY" in q["sql"].upper())
        table = "ANALYTICS_MAPCELL" if rolled and "q" not in params else "REPORTS_REPORT"
        assert f'FROM "{table}"' in aggregate, params
        assert "SUM(" in aggregate
    with django_assert_max_num_queries(3):
        assert get(client, bbox=CITY, zoom=10).status_code == 200
    with django_assert_max_num_queries(1):
        assert get(client, bbox="107.56,16.46,107.58,16.48", zoom=17).status_code == 200


BOX = "Give the map's box as bbox=west,south,east,north in decimal degrees."
RANGE = "The box must lie within longitudes −180 to 180 and latitudes −90 to 90."
ORDER = "In bbox, west must be less than east and south less than north."
LARGE = "This box is too large for this zoom: zoom in or ask for a smaller box."
ZOOM = "Give the zoom as a whole number from 0 to 20."
DATE = "Dates are written YYYY-MM-DD."
STATUS = "Unknown status “%(value)s”."

BAD_INPUTS = [
    ({"zoom": "12"}, BOX),
    ({"bbox": "", "zoom": "12"}, BOX),
    ({"bbox": "a,b,c,d", "zoom": "12"}, BOX),
    ({"bbox": "107.4,16.3,107.8", "zoom": "12"}, BOX),
    ({"bbox": "107.4,16.3,107.8,16.6,1", "zoom": "12"}, BOX),
    ({"bbox": "nan,16.3,107.8,16.6", "zoom": "12"}, RANGE),
    ({"bbox": "107.4,16.3,inf,16.6", "zoom": "12"}, RANGE),
    ({"bbox": "107.4,16.3,200,16.6", "zoom": "12"}, RANGE),
    ({"bbox": "107.4,-91,107.8,16.6", "zoom": "12"}, RANGE),
    ({"bbox": "107.8,16.3,107.4,16.6", "zoom": "12"}, ORDER),
    ({"bbox": "107.4,16.6,107.8,16.3", "zoom": "12"}, ORDER),
    ({"bbox": "107.4,16.3,107.4,16.6", "zoom": "12"}, ORDER),
    ({"bbox": "-180,-90,180,90", "zoom": "12"}, LARGE),
    ({"bbox": "107,16,108,17", "zoom": "20"}, LARGE),
    ({"bbox": CITY}, ZOOM),
    ({"bbox": CITY, "zoom": "-1"}, ZOOM),
    ({"bbox": CITY, "zoom": "21"}, ZOOM),
    ({"bbox": CITY, "zoom": "1.5"}, ZOOM),
    ({"bbox": CITY, "zoom": "twelve"}, ZOOM),
    ({"bbox": CITY, "zoom": "12", "from": "2024-13-01"}, DATE),
    ({"bbox": CITY, "zoom": "12", "state": "lost"}, STATUS),
]


@pytest.mark.parametrize(("params", "message"), BAD_INPUTS)
@pytest.mark.parametrize("language", ["en", "vi"])
def test_bad_input_is_a_400_in_the_visitors_language(client, params, message, language):
    response = client.get(URL, {**params, "lang": language})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response["Content-Language"] == language
    with translation.override(language):
        # For vi: the catalogue's text (a message the lead has not translated yet stays English).
        expected = translation.gettext(message) % {"value": "lost"}
    assert response.json() == {"error": expected}


def test_filter_errors_come_in_vietnamese(client):
    response = client.get(URL, {"bbox": CITY, "zoom": "12", "state": "lost", "lang": "vi"})
    assert response.json()["error"] == "Trạng thái “lost” không tồn tại."
    response = client.get(URL, {"bbox": CITY, "zoom": "12", "from": "x", "lang": "vi"})
    assert response.json()["error"] == "Ngày phải viết theo dạng NNNN-TT-NN (năm-tháng-ngày)."


def test_the_list_page_carries_the_map_and_still_lists_without_it(client, town):
    page = client.get("/reports/", {"lang": "en", "category": "noise"})
    assert page.status_code == 200
    text = page.text
    assert 'id="list-map"' in text and "/reports/map.json" in text
    assert "report-list-map" in text and "leaflet/leaflet.js" in text
    # The map's box is hidden until its script runs; the list is there for everyone.
    assert 'class="list-map-box" hidden' in text
    assert text.count('class="card"') == 4
    # A list that cannot be filtered has no map asking the same wrong question.
    bad = client.get("/reports/", {"lang": "en", "from": "x"})
    assert bad.status_code == 400 and 'id="list-map"' not in bad.text


@pytest.mark.django_db(transaction=True)
def test_the_map_beside_the_list_on_a_phone(
    browser,  # noqa: F811
    live_server,
    publish,
    settings,
):
    settings.MAP_TILE_URL = ""
    near = [publish(lat=lat, lon=lon) for lat, lon in NEAR]
    far = publish(lat=FAR[0], lon=FAR[1], text="Đường ngập sâu sau mưa")
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/reports/?lang=en")
    cluster = page.locator(".map-cluster")
    cluster.wait_for()
    assert cluster.text_content().strip() == "3"
    assert "3 reports here" in cluster.get_attribute("title")
    assert page.locator(".list-map-status").text_content() == (
        "On this part of the map: 4 of these reports. The list has every one, wherever it is."
    )
    # On a phone the map is above the list, the full width of the page.
    map_box = page.locator("#list-map").bounding_box()
    first_card = page.locator(".card").first.bounding_box()
    assert map_box["y"] + map_box["height"] <= first_card["y"]
    assert map_box["width"] > 300
    # Nothing is clicked while the map is loading a new box: what it shows is being replaced
    # (a popup's pan asks for one too). A function, not an expression: Playwright evaluates a
    # polled expression with eval, which the Content-Security-Policy refuses.
    drawn = "() => !document.querySelector('.list-map-box').classList.contains('is-loading')"
    page.wait_for_function(drawn)
    pin = page.locator(f'img.leaflet-marker-icon[alt="{far.code}"]')
    pin.click()
    link = page.get_by_role("link", name="Open the report")
    link.wait_for()
    assert link.get_attribute("href") == f"/reports/{far.code}/"
    assert far.code in page.locator(".map-popup").text_content()
    # A cluster zooms in by two steps; close enough, its reports come apart into pins.
    # A tap that lands while Leaflet is still settling is lost, as on a phone: tap again.
    for zoom in (14, 16, 18):
        for attempt in range(3):
            page.wait_for_function(drawn)
            try:
                with page.expect_response(
                    lambda r, zoom=zoom: f"zoom={zoom}&" in r.url + "&", timeout=10_000
                ):
                    page.locator(".map-cluster").first.click()
                break
            except PlaywrightTimeoutError:
                assert attempt < 2, f"the cluster never zoomed in to {zoom}"
        page.wait_for_function(drawn)
    page.locator(f'img.leaflet-marker-icon[alt="{near[0].code}"]').wait_for()
    assert page.locator(".map-cluster").count() == 0
    page.locator(f'img.leaflet-marker-icon[alt="{near[0].code}"]').click()
    link = page.get_by_role("link", name="Open the report")
    link.wait_for()
    page.wait_for_function(drawn)
    assert link.get_attribute("href") == f"/reports/{near[0].code}/"
    assert near[0].code in page.locator(".map-popup").text_content()
    context.close()
    connections.close_all()
