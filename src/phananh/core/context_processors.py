from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """Names of this instance, for every template."""
    return {"CITY_NAME": settings.CITY_NAME, "SERVICE_NAME": settings.SERVICE_NAME}
