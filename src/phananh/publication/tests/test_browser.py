"""A resident reports a dark street from a phone, in a real Chromium, then confirms by email."""

from __future__ import annotations

import io
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
    page.wait_for_function("() => document.querySelector('.ward').textContent.length > 0")
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


# --------------------------------------------------------------------------------------------
# Photos shrunk on the phone, the place taken from the photo, drafts kept offline.

HUE = (16.4637, 107.5909)


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600, 2)
    return (float(degrees), float(minutes), seconds)


def gps_jpeg(size=(3000, 2000), point=HUE) -> bytes:
    """A large camera-like JPEG (a demo scene with sensor grain) carrying GPS EXIF."""
    from PIL import ExifTags, Image

    from phananh.demo.photos import demo_photo

    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {
        1: "N",
        2: _dms(point[0]),
        3: "E",
        4: _dms(point[1]),
    }
    exif[0x0110] = "Test Phone"  # the camera model, which the public copy must not carry
    scene = Image.open(io.BytesIO(demo_photo("sanitation", 5, width=size[0], height=size[1])))
    grain = Image.effect_noise(size, 60).convert("RGB")
    image = Image.blend(scene.convert("RGB"), grain, 0.12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=92)
    return buffer.getvalue()


def screenshot_path(tmp_path, name: str):
    """docs/screenshots/ when PHANANH_SCREENSHOTS is set (to refresh the docs), else a temp dir."""
    from pathlib import Path

    folder = Path(os.environ.get("PHANANH_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def assert_phone_png(path) -> None:
    from PIL import Image

    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (360, 740)
    assert path.stat().st_size < 400_000


@pytest.mark.django_db(transaction=True)
def test_photo_places_the_pin_and_is_shrunk_before_upload(
    browser, live_server, people, ward_agency, tmp_path, settings
):
    from PIL import Image

    from phananh.reports.actions.triage import report_assign

    settings.SITE_URL = live_server.url
    settings.MAP_TILE_URL = ""
    category_install_defaults()
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(gps_jpeg())
    assert photo.stat().st_size > 1_500_000
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="en-US")
    page.goto(f"{live_server.url}/report/new/")
    page.get_by_label("Description").fill("Rubbish piled up on the river bank for a week")
    page.get_by_label("Photos or video").set_input_files(str(photo))

    page.wait_for_selector(".previews li")
    note = page.locator(".photo-location")
    assert note.is_visible()
    assert note.text_content().strip() == (
        "Location taken from the photo — move the pin if it is wrong"
    )
    assert float(page.locator("input[name=lat]").input_value()) == pytest.approx(HUE[0], abs=1e-4)
    assert float(page.locator("input[name=lon]").input_value()) == pytest.approx(HUE[1], abs=1e-4)
    assert page.locator(".leaflet-marker-icon").count() == 1
    # The pin's image is named by the template (Leaflet's own guess fails on hashed file names).
    page.wait_for_function("() => document.querySelector('.leaflet-marker-icon').naturalWidth > 0")
    preview = page.locator(".previews li")
    assert preview.count() == 1
    assert "IMG_0042.jpg" in preview.text_content()
    assert "→" in preview.locator(".preview-size").text_content()  # "3.6 MB → 400 KB"
    # What the input now holds is the shrunk JPEG, so even a plain form post sends it.
    held = page.evaluate(
        "() => { const f = document.querySelector('input[name=uploads]').files; "
        "return [f.length, f[0].size, f[0].type]; }"
    )
    assert held[0] == 1 and held[1] < 1_500_000 and held[2] == "image/jpeg"
    page.wait_for_function("() => document.querySelector('.ward').textContent.length > 0")
    # The photo, the pin it placed and the note, in one phone screen.
    page.get_by_text("Photos or video", exact=True).evaluate("label => label.scrollIntoView()")
    shot = screenshot_path(tmp_path, "form-phone-photo.png")
    page.screenshot(path=str(shot))
    assert_phone_png(shot)

    page.get_by_label("Email").fill("lan@example.com")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(re.compile(r"/reports/PA-[0-9A-Z]+/sent/"))
    report = Report.objects.get()
    assert report.code in page.locator(".tracking").text_content()
    assert report.lat == pytest.approx(HUE[0], abs=1e-4)
    assert report.lon == pytest.approx(HUE[1], abs=1e-4)
    media = report.media.get()
    with media.original.open("rb") as handle, Image.open(handle) as original:
        assert max(original.size) <= 1600
        assert original.size == (1600, 1067)
    assert media.size < 1_500_000

    # Accepted by the operations centre, the report and its public photo copy are published.
    link = re.search(r"https?://\S+/confirm/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    report.refresh_from_db()
    report_assign(report=report, actor=people["operator"], agency=ward_agency)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    public_url = page.locator(".gallery a").first.get_attribute("href")
    served = page.request.get(f"{live_server.url}{public_url}")
    assert served.ok
    with Image.open(io.BytesIO(served.body())) as public:
        assert public.format == "JPEG" and max(public.size) <= 1600
        assert not public.getexif()
    assert b"Exif" not in served.body() and b"Test Phone" not in served.body()
    page.wait_for_load_state("networkidle")
    page.close()
    connections.close_all()


def _poll(condition, seconds: float = 10.0):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    return condition()


DRAFT_JS = """() => new Promise((resolve) => {
  const open = indexedDB.open("phananh", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("drafts");
  open.onsuccess = () => {
    const get = open.result.transaction("drafts").objectStore("drafts").get("report");
    get.onsuccess = () => { resolve(get.result || null); open.result.close(); };
  };
})"""


@pytest.mark.django_db(transaction=True)
def test_report_sent_offline_waits_on_the_phone_and_goes_when_online(
    browser, live_server, phu_xuan, ward_agency, tmp_path, settings
):
    from phananh.conftest import jpeg_bytes

    settings.SITE_URL = live_server.url
    settings.MAP_TILE_URL = ""
    category_install_defaults()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/report/new/")
    # The service worker installs the shell (and the form) so the page opens without a network.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)
    cached = page.evaluate(
        "async () => { const keys = await caches.keys(); const c = await caches.open(keys[0]);"
        " return [keys, !!(await c.match('/offline/')), !!(await c.match('/report/new/'))]; }"
    )
    assert cached[0] and all(key.startswith("phananh-") for key in cached[0])
    assert cached[1] and cached[2]

    page.get_by_label("Description").fill("A tree fell across Lê Lợi street after the storm")
    page.get_by_label("Location").fill("Lê Lợi, near the bridge")
    page.locator("#map").click(position={"x": 180, "y": 150})
    page.get_by_label("Photos or video").set_input_files(
        {"name": "tree.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((800, 600)).read()}
    )
    page.wait_for_selector(".previews li")
    page.get_by_label("Urgent").check()
    page.get_by_label("Your name").fill("Bà Hoa")
    page.get_by_label("Email").fill("hoa@example.com")
    page.get_by_label("Phone").fill("0905 123 456")

    context.set_offline(True)
    page.get_by_role("button", name="Send report").click()
    note = page.locator(".offline-note")
    note.wait_for(state="visible")
    assert note.text_content().strip() == (
        "No connection. Your report is kept on this phone "
        "and will be sent when the connection returns."
    )
    assert Report.objects.count() == 0
    draft = page.evaluate(DRAFT_JS)
    assert draft["queued"] is True
    assert draft["fields"]["text"].startswith("A tree fell") and draft["fields"]["urgent"] is True
    shot = screenshot_path(tmp_path, "form-offline.png")
    page.screenshot(path=str(shot))
    assert_phone_png(shot)

    # Still offline, the phone reopens the form: the service worker serves it, the draft is back.
    page.reload()
    page.locator(".offline-note").wait_for(state="visible")
    assert page.get_by_label("Description").input_value().startswith("A tree fell")
    assert page.locator(".previews li").count() == 1
    assert Report.objects.count() == 0

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_url(re.compile(r"/reports/PA-[0-9A-Z]+/sent/"), timeout=15_000)
    report = _poll(lambda: Report.objects.first())
    assert report is not None and Report.objects.count() == 1
    assert report.code in page.locator(".tracking").text_content()
    assert report.text == "A tree fell across Lê Lợi street after the storm"
    assert report.address == "Lê Lợi, near the bridge"
    assert report.lat is not None and report.track == "urgent"
    assert report.reporter_phone == "0905 123 456" and report.reporter_email == "hoa@example.com"
    assert report.media.count() == 1
    assert page.evaluate(DRAFT_JS) is None  # sent, so no longer kept
    page.wait_for_load_state("networkidle")
    context.close()
    connections.close_all()


def _tiff_gps(order: str, lat_ref: bytes, lat, lon_ref: bytes, lon, *, denominator=100) -> bytes:
    """A TIFF block holding IFD0 → GPS IFD, written by hand in either byte order."""
    import struct

    e = "<" if order == "II" else ">"
    gps_at, data_at = 26, 80
    head = order.encode() + struct.pack(e + "HI", 42, 8)
    ifd0 = struct.pack(e + "H", 1) + struct.pack(e + "HHII", 0x8825, 4, 1, gps_at)
    ifd0 += struct.pack(e + "I", 0)

    def rationals(values):
        return b"".join(struct.pack(e + "II", round(v * denominator), denominator) for v in values)

    gps = struct.pack(e + "H", 4)
    gps += struct.pack(e + "HHI", 1, 2, 2) + lat_ref + b"\0\0\0"
    gps += struct.pack(e + "HHII", 2, 5, 3, data_at)
    gps += struct.pack(e + "HHI", 3, 2, 2) + lon_ref + b"\0\0\0"
    gps += struct.pack(e + "HHII", 4, 5, 3, data_at + 24)
    gps += struct.pack(e + "I", 0)
    block = head + ifd0 + gps
    assert len(block) == data_at
    return block + rationals(lat) + rationals(lon)


def _jpeg_with(tiff: bytes, size=(640, 480)) -> bytes:
    import struct

    app1 = b"Exif\0\0" + tiff
    sof = struct.pack(">BHHB", 8, size[1], size[0], 1) + b"\x01\x11\x00"
    return (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
        + b"\xff\xe1"
        + struct.pack(">H", len(app1) + 2)
        + app1
        + b"\xff\xc0"
        + struct.pack(">H", len(sof) + 2)
        + sof
        + b"\xff\xda\x00\x02\xff\xd9"
    )


def test_exif_gps_parser_reads_both_byte_orders_and_refuses_bad_data(browser):
    from django.contrib.staticfiles import finders

    page = browser.new_page()
    page.add_script_tag(path=finders.find("phananh/exif-gps.js"))

    def inspect(data: bytes):
        return page.evaluate(
            "b => window.phananhJpeg.inspect(new Uint8Array(b).buffer)", list(data)
        )

    south_west = _tiff_gps("II", b"S", (33, 52, 4.2), b"W", (151, 12, 36.0))
    result = inspect(_jpeg_with(south_west))
    assert result["width"] == 640 and result["height"] == 480
    assert result["gps"]["lat"] == pytest.approx(-(33 + 52 / 60 + 4.2 / 3600), abs=1e-7)
    assert result["gps"]["lon"] == pytest.approx(-(151 + 12 / 60 + 36 / 3600), abs=1e-7)

    hue = _tiff_gps("MM", b"N", (16, 27, 49.32), b"E", (107, 35, 27.24))
    gps = inspect(_jpeg_with(hue))["gps"]
    assert gps["lat"] == pytest.approx(16.4637, abs=1e-6)
    assert gps["lon"] == pytest.approx(107.5909, abs=1e-6)
    assert inspect(gps_jpeg((320, 200)))["gps"]["lat"] == pytest.approx(16.4637, abs=1e-4)

    # Malformed: each gives no position, and never an exception.
    whole = _jpeg_with(hue)
    assert inspect(whole[: len(whole) - 40])["gps"] is None  # cut inside the rationals
    assert inspect(_jpeg_with(hue[:60]))["gps"] is None  # GPS IFD runs past the segment
    assert (
        inspect(_jpeg_with(_tiff_gps("II", b"N", (16, 27, 0), b"E", (107, 0, 0), denominator=0)))[
            "gps"
        ]
        is None
    )  # zero denominators
    assert inspect(_jpeg_with(_tiff_gps("II", b"X", (16, 0, 0), b"E", (107, 0, 0))))["gps"] is None
    assert inspect(_jpeg_with(_tiff_gps("II", b"N", (0, 0, 0), b"E", (0, 0, 0))))["gps"] is None
    assert inspect(_jpeg_with(_tiff_gps("II", b"N", (95, 0, 0), b"E", (107, 0, 0))))["gps"] is None
    assert inspect(_jpeg_with(b"XX" + hue[2:]))["gps"] is None  # unknown byte order
    assert inspect(b"\x89PNG\r\n\x1a\n" + bytes(40)) is None
    assert inspect(b"") is None
    assert inspect(b"\xff\xd8\xff\xe1\xff\xff Exif")["gps"] is None  # length beyond the data
    garbage = bytes((i * 37 + 11) % 256 for i in range(4096))
    assert inspect(b"\xff\xd8\xff\xe1\x10\x00Exif\0\0" + garbage)["gps"] is None
    page.close()


@pytest.mark.django_db(transaction=True)
def test_typing_survives_a_closed_tab_and_server_errors_show_beside_the_fields(
    browser, live_server, phu_xuan, ward_agency, tmp_path, settings
):
    from phananh.conftest import jpeg_bytes

    settings.SITE_URL = live_server.url
    settings.MAP_TILE_URL = ""
    category_install_defaults()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/report/new/")
    page.get_by_label("Description").fill("Water main leaking at the market since dawn")
    page.get_by_label("Location").fill("Đông Ba market, east gate")
    page.wait_for_timeout(800)  # the draft is saved half a second after typing stops
    page.close()

    page = context.new_page()
    page.goto(f"{live_server.url}/report/new/")
    page.locator(".draft-note").wait_for(state="visible")
    assert page.get_by_label("Description").input_value() == (
        "Water main leaking at the market since dawn"
    )
    assert page.get_by_label("Location").input_value() == "Đông Ba market, east gate"

    # No email: the server refuses, and its message appears under the field, nothing is lost.
    page.get_by_label("Photos or video").set_input_files(
        {"name": "leak.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((800, 600)).read()}
    )
    page.wait_for_selector(".previews li")
    page.get_by_role("button", name="Send report").click()
    error = page.locator("label[for=id_email] + .errorlist")
    error.wait_for(state="visible")
    assert "An email address is needed" in error.text_content()
    assert page.get_by_label("Description").input_value().startswith("Water main")
    assert page.locator(".previews li").count() == 1
    assert Report.objects.count() == 0
    page.get_by_label("Email").fill("an@example.com")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(re.compile(r"/reports/PA-[0-9A-Z]+/sent/"))
    report = Report.objects.get()
    assert report.media.count() == 1 and report.address == "Đông Ba market, east gate"

    # Sent: the next visit starts from an empty form.
    page.goto(f"{live_server.url}/report/new/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("Description").input_value() == ""
    assert page.locator(".draft-note").is_hidden()
    context.close()

    # Without JavaScript the form is a plain HTML form, with the server's errors in place.
    plain = browser.new_context(java_script_enabled=False, locale="en-US")
    page = plain.new_page()
    page.goto(f"{live_server.url}/report/new/")
    page.get_by_label("Description").fill("Pothole in front of number 12")
    page.get_by_role("button", name="Send report").click()
    assert "Show us where" in page.locator("label[for=id_address] + .errorlist").text_content()
    page.get_by_label("Location").fill("12 Trần Hưng Đạo")
    page.get_by_label("Email").fill("plain@example.com")
    page.get_by_label("Photos or video").set_input_files(
        {"name": "hole.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((320, 240)).read()}
    )
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(re.compile(r"/reports/PA-[0-9A-Z]+/sent/"))
    assert Report.objects.filter(address="12 Trần Hưng Đạo").get().media.count() == 1
    plain.close()
    connections.close_all()
