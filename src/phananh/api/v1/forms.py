"""The report form's fields and rules, as the API receives them (multipart or form-encoded).

The fields and their limits are the web form's own (`publication.forms.ReportForm`): a report
sent through the API is checked exactly as one sent from the portal. Only the messages that
speak of the map pin, and who must give an email address, differ.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from phananh.catalog.models import Category
from phananh.publication.forms import MAX_FILES, ReportForm

# The multipart field of the photos and videos (the web form calls it "uploads").
MEDIA_FIELD = "media"


class ReportCreateForm(ReportForm):
    """`person`: an account sends it (its own contact, nothing to confirm); `email_required`:
    nobody is signed in, so an address must receive the confirmation link."""

    def __init__(
        self, data: QueryDict, files: MultiValueDict, *, person: bool, email_required: bool
    ) -> None:
        uploads = MultiValueDict({"uploads": files.getlist(MEDIA_FIELD)})
        super().__init__(data, uploads, user=None)
        self.email_required = email_required
        if person:
            for name in ("name", "email", "phone"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = forms.Form.clean(self)
        lat, lon = data.get("lat"), data.get("lon")
        if "lat" not in self.errors and "lon" not in self.errors and (lat is None) != (lon is None):
            self.add_error(
                "lon" if lon is None else "lat",
                _("A location needs both latitude and longitude."),
            )
        has_point = lat is not None and lon is not None
        if not has_point and not data.get("address") and not self.errors.get("lat"):
            self.add_error("address", _("Give the place: lat and lon, or an address."))
        if self.email_required and not data.get("email") and "email" not in self.errors:
            self.add_error(
                "email",
                _("An email address is needed to confirm a report sent without an account."),
            )
        return data

    def field_errors(self) -> dict[str, str]:
        """{field: first message}, with the API's name for the photos field."""
        result = {}
        for name, errors in self.errors.items():
            key = MEDIA_FIELD if name == "uploads" else name
            result[key] = str(errors[0])
        return result


def attributes_clean(data: QueryDict, category: Category | None) -> tuple[dict, dict[str, str]]:
    """Values of `attribute[code]` (or `attribute[code][]`) fields, checked against the category.

    Returns (attributes, field errors). As in the web form, no attribute is compulsory here;
    values that are given must be valid for the category.
    """
    raw: dict[str, list[str]] = {}
    for key in data:
        if not key.startswith("attribute[") or not key.endswith("]"):
            continue
        code = key[len("attribute[") :].removesuffix("[]").removesuffix("]")
        values = [v for v in data.getlist(key) if v != ""]
        if values:
            raw.setdefault(code, []).extend(values)
    if not raw:
        return {}, {}
    if category is None:
        return {}, {"attribute": _("Attributes need a category.")}
    definitions = {
        str(item.get("code")): item for item in category.attributes or [] if isinstance(item, dict)
    }
    attributes: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for code, values in raw.items():
        field = f"attribute[{code}]"
        definition = definitions.get(code)
        if definition is None:
            errors[field] = _("This category has no attribute “%(code)s”.") % {"code": code[:40]}
            continue
        datatype = definition.get("datatype") or "string"
        keys = {str(v.get("key")) for v in definition.get("values") or [] if isinstance(v, dict)}
        if datatype == "multivaluelist":
            if any(v not in keys for v in values):
                errors[field] = _("Choose among the listed values.")
            else:
                attributes[code] = list(dict.fromkeys(values))
            continue
        if len(values) > 1:
            errors[field] = _("Give one value.")
            continue
        value = values[0]
        if datatype == "singlevaluelist" and value not in keys:
            errors[field] = _("Choose among the listed values.")
        elif datatype == "number" and not _is_number(value):
            errors[field] = _("Enter a number.")
        elif datatype == "datetime" and not _is_datetime(value):
            errors[field] = _("Enter a date and time (ISO 8601).")
        elif len(value) > 1000:
            errors[field] = _("Please keep this under %(max)d characters.") % {"max": 1000}
        else:
            attributes[code] = value
    return attributes, errors


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return value.strip().lower() not in {"nan", "inf", "-inf", "infinity", "-infinity"}


def _is_datetime(value: str) -> bool:
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return False
    if parsed is None:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return False
    return True


__all__ = ["MAX_FILES", "MEDIA_FIELD", "ReportCreateForm", "attributes_clean"]
