"""The one check of a category's attributes (Open311 GeoReport v2 semantics), for every channel.

A category's `attributes` are its Open311 service definition: each has a `code`, a `datatype`
(string, text, number, datetime, singlevaluelist, multivaluelist), `required`, `variable` and,
for lists, `values` with `key`s. Whatever channel the answers come through (the REST API,
Open311), they are checked here and stored in the same form:

- required attributes must be answered; attributes the server sets (`variable: false`) and codes
  the category does not define are ignored, as the specification ignores unknown parameters;
- a single-value list takes one listed key (the same key repeated counts once), a multi-value
  list listed keys (kept once each, in order);
- a number accepts a decimal comma and is stored as a number (an integer when it is whole);
- a datetime accepts any W3C/ISO 8601 date or datetime (a time without an offset is the city's
  local time) and is stored as ISO 8601 with its offset;
- text is kept as given, up to 1,000 characters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from phananh.catalog.models import Category
from phananh.core.errors import InvalidInput
from phananh.core.text import clean

TEXT_MAX = 1000
LIST_TYPES = ("singlevaluelist", "multivaluelist")
# Dates outside these years are typing mistakes, and would overflow the city's time zone.
YEARS = (1900, 2100)
# Control characters (tab and line breaks kept) and lone surrogates are never stored.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# `attribute[code]`, `attribute[code][]` (PHP/Rails style), repeated or not.
_ANSWER_KEY = re.compile(r"attribute\[([^\[\]]{1,64})\](?:\[\d*\])?")


class AttributeInvalid(InvalidInput):
    """Some answers are not valid: `messages` has one human message per `attribute[code]`."""

    default_code = "bad_attribute"

    def __init__(self, messages: dict[str, str]) -> None:
        first = next(iter(messages.values()))
        super().__init__(first, fields={name: "invalid" for name in messages})
        self.messages = messages


def field_name(code: str) -> str:
    """How a form or query names an attribute: `attribute[code]`."""
    return f"attribute[{code}]"


def attributes_clean(
    category: Category | None, given: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """Check the answers against the category's definition; return what the report keeps.

    Raises `AttributeInvalid` naming every attribute whose answer is missing or wrong.
    """
    if category is None:
        return {}
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    definitions = [d for d in category.attributes or [] if isinstance(d, dict)]
    for definition in sorted(definitions, key=lambda d: d.get("order", 0)):
        code = str(definition.get("code", ""))
        if not code or definition.get("variable", True) is False:
            continue
        values = [_CONTROL.sub("", clean(str(v))) for v in given.get(code, ())]
        values = [v for v in values if v]
        name = field_name(code)
        if not values:
            if definition.get("required"):
                errors[name] = _("%(name)s is required for this service.") % {"name": name}
            continue
        try:
            cleaned[code] = _value(definition, values, name)
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise AttributeInvalid(errors)
    return cleaned


def _value(definition: dict[str, Any], values: list[str], name: str) -> Any:
    datatype = definition.get("datatype") or "string"
    if datatype in LIST_TYPES:
        keys = [str(v.get("key")) for v in definition.get("values") or [] if isinstance(v, dict)]
        unknown = [v for v in values if v not in keys]
        if unknown:
            raise ValueError(
                _("%(name)s: “%(value)s” is not one of %(keys)s.")
                % {"name": name, "value": unknown[0][:60], "keys": ", ".join(keys)}
            )
        if datatype == "multivaluelist":
            return list(dict.fromkeys(values))
    if len(set(values)) > 1:
        raise ValueError(_("%(name)s takes a single value.") % {"name": name})
    value = values[0]
    if datatype == "number":
        return _number(value, name)
    if datatype == "datetime":
        return _moment(value, name).isoformat()
    if datatype not in LIST_TYPES and len(value) > TEXT_MAX:
        raise ValueError(
            _("%(name)s: please keep this under %(max)d characters.")
            % {"name": name, "max": TEXT_MAX}
        )
    return value


def _number(value: str, name: str) -> int | float:
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or abs(number) > 1e12:
        raise ValueError(_("%(name)s must be a number.") % {"name": name})
    return int(number) if number.is_integer() else number


def _moment(value: str, name: str) -> datetime:
    raw = value.replace("z", "Z").replace(",", ".")
    try:
        if len(raw) > 40:  # the longest W3C form, with microseconds and offset, is 32
            raise ValueError(raw)
        if len(raw) == 10:
            moment = datetime.combine(date.fromisoformat(raw), time.min)
        else:
            moment = datetime.fromisoformat(raw)
        if not YEARS[0] <= moment.year <= YEARS[1]:
            raise ValueError(raw)
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    except (ValueError, OverflowError):
        raise ValueError(
            _("%(name)s is not a W3C date or datetime (e.g. 2026-05-04T10:00:00+07:00).")
            % {"name": name}
        ) from None


def attribute_answers(query: Any) -> dict[str, list[str]]:
    """Every `attribute[code]` (or `attribute[code][]`, `attribute[code][0]`) parameter of a
    form or query (anything with `getlist`), by attribute code, all its values in order."""
    answers: dict[str, list[str]] = {}
    for key in query:
        match = _ANSWER_KEY.fullmatch(key)
        if match is not None:
            answers.setdefault(match.group(1), []).extend(str(v) for v in query.getlist(key))
    return answers
