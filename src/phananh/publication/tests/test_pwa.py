"""The installable portal: manifest, service worker and offline page, as a phone fetches them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils import translation
from PIL import Image

from phananh.publication import pwa_views

DESCRIPTION = (
    "Report a problem in the city with a photo and a pin on the map, "
    "then follow the answer and its deadline."
)

pytestmark = pytest.mark.django_db


def brand_colour() -> str:
    css = Path(finders.find("phananh/site.css")).read_text(encoding="utf-8")
    return re.search(r"--brand:\s*(#[0-9a-fA-F]+)", css).group(1)


@pytest.mark.parametrize(
    ("accept", "lang", "name", "short_name"),
    [
        ("vi", "vi", "Phản ánh hiện trường · Huế", "Phản ánh"),
        ("en", "en", "Scene reports · Huế", "Reports"),
    ],
)
def test_manifest_in_the_visitors_language(client, accept, lang, name, short_name):
    response = client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    assert "Accept-Language" in response["Vary"]
    data = response.json()
    assert data["lang"] == lang
    assert data["name"] == name
    assert data["short_name"] == short_name
    with translation.override(lang):
        assert data["description"] == translation.gettext(DESCRIPTION)
    if lang == "en":
        assert data["description"] == DESCRIPTION
    assert data["start_url"] == "/report/new/"
    assert data["scope"] == "/" and data["display"] == "standalone"
    assert data["theme_color"] == brand_colour() == "#7a1f2b"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in data["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200
        image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
        assert image.format == "PNG"
        assert f"{image.width}x{image.height}" == icon["sizes"]


def test_service_worker_covers_the_site_and_is_never_cached(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    body = response.text
    assert f'"cache": "phananh-{pwa_views.shell_version()}"' in body
    for path in pwa_views.SHELL_ASSETS:
        assert f'"{static(path)}"' in body, path
    for path in ("/offline/", "/report/new/", "/ops/", "/admin/", "/api/"):
        assert f'"{path}"' in body, path
    # The worker refuses to touch anything but GET, so a report (a POST) is never cached.
    assert 'if (request.method !== "GET") return;' in body


def test_every_shell_asset_is_served(client):
    """cache.addAll fails as a whole if one URL fails: every shell URL must answer 200."""
    for path in pwa_views.SHELL_ASSETS:
        response = client.get(static(path))
        assert response.status_code == 200, path
    assert client.get("/offline/").status_code == 200


def test_cache_version_follows_the_static_files(settings, tmp_path):
    extra = tmp_path / "static"
    extra.mkdir()
    (extra / "extra.css").write_text("body { color: red; }")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, str(extra)]
    pwa_views.shell_version.cache_clear()
    try:
        before = pwa_views.shell_version()
        assert pwa_views.shell_version() == before  # computed once
        (extra / "extra.css").write_text("body { color: blue; }")
        pwa_views.shell_version.cache_clear()
        assert pwa_views.shell_version() != before
    finally:
        pwa_views.shell_version.cache_clear()


@pytest.mark.parametrize(("accept", "title"), [("en", "You are offline"), ("vi", 'lang="vi"')])
def test_offline_page_keeps_nothing_personal(client, django_assert_num_queries, accept, title):
    client.cookies["sessionid"] = "anything"  # a visitor's session must not be looked up
    with django_assert_num_queries(0):
        response = client.get("/offline/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    page = response.text
    assert title in page
    assert 'href="/report/new/"' in page
    assert "csrfmiddlewaretoken" not in page
    assert "no-cache" in response["Cache-Control"]


def test_offline_page_in_english_mentions_drafts(client):
    page = client.get("/offline/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "kept on this phone as a draft" in page
    assert "Open the report form" in page


def test_pages_link_the_manifest_and_register_the_worker(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").text
    assert '<link rel="manifest" href="/manifest.webmanifest"' in page
    assert 'data-sw="/sw.js"' in page
    assert static("phananh/register-sw.js") in page


def test_report_form_carries_the_translated_notes(client):
    page = client.get("/report/new/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Location taken from the photo — move the pin if it is wrong" in page
    assert "No connection. Your report is kept on this phone" in page
    assert 'data-remove="Remove"' in page
    assert static("phananh/exif-gps.js") in page
