"""The installable portal: web app manifest, service worker and the page shown offline.

The service worker is served from the site's root so that its scope is the whole site. Its cache
name carries a version computed once per process from the content of every static file, the
offline page and the translations, so a deploy that changes any of them replaces the cache.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import cast

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.backends.django import Template as DjangoTemplate
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

# What a phone needs to open the report form and the offline page without a connection.
SHELL_ASSETS = (
    "phananh/site.css",
    "phananh/register-sw.js",
    "phananh/exif-gps.js",
    "phananh/report-form.js",
    "phananh/icons/icon-192.png",
    "phananh/icons/icon-512.png",
    "leaflet/leaflet.css",
    "leaflet/leaflet.js",
    "leaflet/images/marker-icon.png",
    "leaflet/images/marker-icon-2x.png",
    "leaflet/images/marker-shadow.png",
    "leaflet/images/layers.png",
    "leaflet/images/layers-2x.png",
)
# Paths the worker leaves alone entirely: staff consoles and machine interfaces.
SW_BYPASS = ("/ops/", "/admin/", "/api/")
_FALLBACK_THEME = "#7a1f2b"
_BACKGROUND = "#f6f7f9"


def _static_sources() -> list[tuple[str, str]]:
    """(path, absolute file) of every static file the finders know, in a stable order."""
    found: dict[str, str] = {}
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            found.setdefault(path, storage.path(path))
    return sorted(found.items())


@lru_cache(maxsize=1)
def shell_version() -> str:
    """A short hash of the static files, the worker's templates and the translations."""
    digest = hashlib.sha256()
    for path, source in _static_sources():
        digest.update(path.encode())
        digest.update(Path(source).read_bytes())
    for name in ("publication/offline.html", "publication/service-worker.js"):
        # Our templates are Django templates, whose origin names the file.
        template = cast(DjangoTemplate, get_template(name))
        digest.update(Path(template.origin.name).read_bytes())
    for locale_dir in settings.LOCALE_PATHS:
        for catalogue in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.mo")):
            digest.update(catalogue.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def theme_colour() -> str:
    """The brand colour declared once in site.css (`--brand`)."""
    source = finders.find("phananh/site.css")
    if source:
        match = re.search(r"--brand:\s*(#[0-9a-fA-F]{3,8})", Path(source).read_text())
        if match:
            return match.group(1)
    return _FALLBACK_THEME


def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest, in the visitor's language, so the portal installs from a phone."""
    icon_192 = static("phananh/icons/icon-192.png")
    icon_512 = static("phananh/icons/icon-512.png")
    data = {
        "id": "/",
        "name": f"{_('Scene reports')} · {settings.CITY_NAME}",
        "short_name": _("Reports"),
        "description": _(
            "Report a problem in the city with a photo and a pin on the map, "
            "then follow the answer and its deadline."
        ),
        "lang": translation.get_language() or settings.LANGUAGE_CODE,
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": reverse("publication:report-new"),
        "scope": "/",
        "display": "standalone",
        "background_color": _BACKGROUND,
        "theme_color": theme_colour(),
        "icons": [
            {"src": icon_192, "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": icon_512, "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": icon_512, "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }
    response = JsonResponse(
        data,
        content_type="application/manifest+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    patch_cache_control(response, max_age=3600)
    return response


def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker script; served from the root so that it may control the whole site."""
    offline_url = reverse("publication:offline")
    form_url = reverse("publication:report-new")
    config = {
        "cache": f"phananh-{shell_version()}",
        "shell": [static(path) for path in SHELL_ASSETS],
        "offline": offline_url,
        "pages": [form_url],
        "static": settings.STATIC_URL,
        "bypass": list(SW_BYPASS),
    }
    response = render(
        request,
        "publication/service-worker.js",
        {"config": json.dumps(config, ensure_ascii=True)},
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


def offline(request: HttpRequest) -> HttpResponse:
    """What a phone shows for a page it cannot reach; the service worker keeps a copy."""
    response = render(request, "publication/offline.html")
    patch_cache_control(response, no_cache=True, max_age=0)
    return response
