"""The supervisor's campaign forms in the console: a campaign, and a category of its own."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phananh.accounts.selectors import agency_list_active
from phananh.catalog.choices import RoutingRule
from phananh.catalog.models import Category, CategoryGroup
from phananh.geo.selectors import area_list_leaf
from phananh.sla.choices import Track, Unit

_WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _lasting() -> Any:
    return Category.objects.filter(is_active=True, available_until__isnull=True).order_by(
        "order", "code"
    )


class CampaignForm(forms.Form):
    slug = forms.SlugField(label=_("Address on the site (/campaigns/…/)"), max_length=60)
    name_vi = forms.CharField(label=_("Name (Vietnamese)"), max_length=160)
    name_en = forms.CharField(label=_("Name (English)"), max_length=160, required=False)
    description_vi = forms.CharField(
        label=_("Description (Vietnamese)"), required=False, widget=forms.Textarea({"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea({"rows": 3})
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=_WHEN)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=_WHEN)
    areas = forms.ModelMultipleChoiceField(
        label=_("Wards and communes (none: the whole city)"),
        queryset=area_list_leaf(),
        required=False,
        to_field_name="code",
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Lasting categories it uses"),
        queryset=_lasting(),
        required=False,
        to_field_name="code",
    )
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = _lasting()  # type: ignore[attr-defined]


class CampaignCategoryForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name_vi = forms.CharField(label=_("Name (Vietnamese)"), max_length=160)
    name_en = forms.CharField(label=_("Name (English)"), max_length=160, required=False)
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=CategoryGroup.objects.all(), to_field_name="code"
    )
    rule = forms.ChoiceField(
        label=_("Routing"),
        choices=[
            (RoutingRule.AREA, _("The ward's People's Committee")),
            (RoutingRule.AGENCY, _("One agency")),
        ],
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=agency_list_active(), required=False, to_field_name="code"
    )
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices)
    triage_amount = forms.DecimalField(label=_("Triage time"), initial=Decimal(4), min_value=0)
    triage_unit = forms.ChoiceField(label=_("unit"), choices=Unit.choices)
    acceptance_amount = forms.DecimalField(
        label=_("Acceptance time"), initial=Decimal(8), min_value=0
    )
    acceptance_unit = forms.ChoiceField(label=_("unit"), choices=Unit.choices)
    resolution_amount = forms.DecimalField(
        label=_("Resolution time"), initial=Decimal(5), min_value=0
    )
    resolution_unit = forms.ChoiceField(
        label=_("unit"), choices=Unit.choices, initial=Unit.WORKING_DAYS
    )
    successor = forms.ModelChoiceField(
        label=_("Lasting category to use once the campaign ends"),
        queryset=_lasting(),
        required=False,
        to_field_name="code",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = _lasting()  # type: ignore[attr-defined]


class CampaignTagForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)
