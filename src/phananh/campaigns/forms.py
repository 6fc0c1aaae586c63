"""The resident's forms: announce a volunteer event, post its "after" photo."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class VolunteerEventForm(forms.Form):
    title = forms.CharField(label=_("What we will do"), max_length=200)
    place = forms.CharField(label=_("Where we meet"), max_length=255)
    starts_at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reports = forms.CharField(
        label=_("Reports to clean up"),
        max_length=500,
        help_text=_("Their tracking codes, separated by commas (e.g. PA-7X3K9QM)."),
    )

    def report_codes(self) -> list[str]:
        data: dict[str, Any] = self.cleaned_data
        return [code for code in data["reports"].replace(";", ",").split(",") if code.strip()]


class AfterPhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo after the clean-up"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
