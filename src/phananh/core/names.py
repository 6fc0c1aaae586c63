"""The instance's names in the active language: what pages, emails and chats call the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from phananh.core.models import BilingualNameMixin


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


@dataclass(frozen=True)
class Named(BilingualNameMixin):
    """A picker's option: a code and its two names (`name` in the active language). Pages that
    list every category, ward or agency read these from per-process copies
    (core/configcache.py) instead of a query and a model row per option."""

    code: str
    name_vi: str
    name_en: str
    available_from: datetime | None = None
    available_until: datetime | None = None

    def available_at(self, moment: datetime) -> bool:
        return (self.available_from is None or self.available_from <= moment) and (
            self.available_until is None or moment < self.available_until
        )
