from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict:
    """Names of this instance, in the page's language when the city has it, and where maps open."""
    strings = settings.CITY_STRINGS.get((get_language() or "")[:2], {})
    lat, lon = settings.CITY_POINT
    return {
        "CITY_NAME": strings.get("city_name") or settings.CITY_NAME,
        "SERVICE_NAME": strings.get("service_name") or settings.SERVICE_NAME,
        "CITY_CENTRE": f"{lat:.6f},{lon:.6f}",
    }
