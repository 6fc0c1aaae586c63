"""What the settings take from a city's `city.json`: the names pages show, where maps open, and
the Open311 id.

No Django here: the settings read it before Django is set up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from phananh.core.datafiles import CityDataError, json_object

# The cities shipped with the package (data, not code: phananh/cities/<city>/); Huế is the
# default configuration (design §1), PHANANH_CITY_DIR names another folder.
BUNDLED_CITIES_DIR = Path(__file__).resolve().parents[1] / "cities"
DEFAULT_CITY_DIR = BUNDLED_CITIES_DIR / "hue"

STRING_NAMES = ("city_name", "service_name")


@dataclass(frozen=True)
class CitySite:
    """A city's public names per language, its centre point and its Open311 jurisdiction_id."""

    jurisdiction: str
    point: tuple[float, float]
    strings: dict[str, dict[str, str]] = field(default_factory=dict)

    def string(self, name: str, language: str, default_language: str) -> str:
        """The string in `language`, else in the default language, else ""."""
        for lang in (language, default_language):
            value = self.strings.get(lang, {}).get(name)
            if value:
                return value
        return ""


def city_site_read(directory: Path) -> CitySite:
    """Read `jurisdiction`, `point` and `strings` from DIR/city.json (a CityDataError, if wrong)."""
    record = json_object(Path(directory) / "city.json")
    jurisdiction = record.text("jurisdiction")
    centre = record.nested("point")
    point = (centre.number("lat", low=-90, high=90), centre.number("lon", low=-180, high=180))
    strings = record.nested("strings", required=False)
    checked: dict[str, dict[str, str]] = {}
    if strings is not None:
        for language in strings.values:
            values = strings.nested(language)
            values.check_fields(set(STRING_NAMES))
            checked[language] = {name: values.text(name) for name in values.values}
    if not checked:
        raise CityDataError(record.path, "give the city_name and service_name", field="strings")
    return CitySite(jurisdiction=jurisdiction, point=point, strings=checked)


class CitySiteSettings(TypedDict):
    """The settings a city's folder gives (their names are the settings')."""

    CITY_NAME: str
    SERVICE_NAME: str
    CITY_STRINGS: dict[str, dict[str, str]]
    CITY_POINT: tuple[float, float]
    OPEN311_JURISDICTION: str


def city_site_settings(
    directory: Path,
    *,
    language_code: str,
    languages: list[str],
    overrides: dict[str, str],
) -> CitySiteSettings:
    """The settings a city's folder gives: CITY_NAME and SERVICE_NAME in the default language,
    CITY_STRINGS (those names in the other languages the city gives them in), CITY_POINT (where
    maps open) and OPEN311_JURISDICTION; a non-empty override (CITY_NAME, SERVICE_NAME,
    OPEN311_JURISDICTION) wins in every language."""
    site = city_site_read(directory)
    names = {"city_name": "CITY_NAME", "service_name": "SERVICE_NAME"}
    named: dict[str, str] = {}
    for name, setting in names.items():
        value = overrides.get(setting) or site.strings.get(language_code, {}).get(name)
        if not value:
            raise CityDataError(
                Path(directory) / "city.json",
                "is required",
                field=f"strings.{language_code}.{name}",
            )
        named[setting] = value
    return {
        "CITY_NAME": named["CITY_NAME"],
        "SERVICE_NAME": named["SERVICE_NAME"],
        "CITY_STRINGS": {
            language: {
                name: overrides.get(names[name]) or value
                for name, value in site.strings[language].items()
            }
            for language in languages
            if language != language_code and language in site.strings
        },
        "CITY_POINT": site.point,
        "OPEN311_JURISDICTION": overrides.get("OPEN311_JURISDICTION") or site.jurisdiction,
    }
