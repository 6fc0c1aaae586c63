from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict:
    """Names of this instance, for every template, in the page's language when the city has it."""
    strings = settings.CITY_STRINGS.get((get_language() or "")[:2], {})
    return {
        "CITY_NAME": strings.get("city_name") or settings.CITY_NAME,
        "SERVICE_NAME": strings.get("service_name") or settings.SERVICE_NAME,
    }
