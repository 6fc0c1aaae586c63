"""The report form's fields and rules, as the API receives them (multipart or form-encoded).

The fields and their limits are the web form's own (`publication.forms.ReportForm`): a report
sent through the API is checked exactly as one sent from the portal. Only the messages that
speak of the map pin, and who must give an email address, differ.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

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
        forms.Form.clean(self)
        data = self.cleaned_data
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


__all__ = ["MAX_FILES", "MEDIA_FIELD", "ReportCreateForm"]
