from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def site(request: HttpRequest) -> dict:
    """Names of this instance, in the page's language when the city has it, and where maps open."""
    language = (get_language() or "")[:2]
    strings = settings.CITY_STRINGS.get(language, {})
    lat, lon = settings.CITY_POINT
    # A city that names its service in one language only: the other pages say what it is in
    # theirs, rather than a name the reader cannot read.
    own = language == settings.LANGUAGE_CODE[:2]
    service = strings.get("service_name") or (settings.SERVICE_NAME if own else _("Scene reports"))
    return {
        "CITY_NAME": strings.get("city_name") or settings.CITY_NAME,
        "SERVICE_NAME": service,
        "CITY_CENTRE": f"{lat:.6f},{lon:.6f}",
    }
