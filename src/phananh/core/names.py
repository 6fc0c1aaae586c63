"""The instance's names in the active language: what pages, emails and chats call the service."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def _strings() -> tuple[dict[str, str], bool]:
    language = (get_language() or "")[:2]
    return settings.CITY_STRINGS.get(language, {}), language == settings.LANGUAGE_CODE[:2]


def service_name() -> str:
    """The service's name in the active language. A city that names it in one language only:
    the other language says what it is ("Scene reports") rather than a name its reader cannot
    read."""
    strings, own = _strings()
    return strings.get("service_name") or (settings.SERVICE_NAME if own else _("Scene reports"))


def city_name() -> str:
    """The city's name in the active language, else as configured."""
    strings, _own = _strings()
    return strings.get("city_name") or settings.CITY_NAME
