from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from phananh.core.names import city_name, service_name


def site(request: HttpRequest) -> dict:
    """Names of this instance, in the page's language when the city has it, and where maps open."""
    lat, lon = settings.CITY_POINT
    return {
        "CITY_NAME": city_name(),
        "SERVICE_NAME": service_name(),
        "CITY_CENTRE": f"{lat:.6f},{lon:.6f}",
    }
