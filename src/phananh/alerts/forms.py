"""The subscribe form: every field checked, with a message naming what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phananh.alerts.choices import RADIUS_CHOICES, RADIUS_MAX, RADIUS_MIN, AlertKind, Frequency
from phananh.alerts.messages import distance_label
from phananh.alerts.services import AlertRequest
from phananh.catalog.models import Category, CategoryGroup
from phananh.catalog.selectors import category_group_by_code, category_list_public
from phananh.geo.models import Area
from phananh.geo.selectors import area_for_point, area_list_leaf

GROUP_PREFIX = "group:"


def category_choices() -> list[tuple[str, Any]]:
    """ "Every category", then each group (all its categories) with its categories under it."""
    groups: dict[int | None, list[Category]] = {}
    names: dict[int | None, CategoryGroup | None] = {}
    for category in category_list_public():
        groups.setdefault(category.group_id, []).append(category)
        names[category.group_id] = category.group
    choices: list[tuple[str, Any]] = [("", _("Every category"))]
    for group_id, categories in groups.items():
        group = names[group_id]
        options = [(c.code, c.name) for c in categories]
        if group is None:
            choices.extend(options)
            continue
        all_of = (f"{GROUP_PREFIX}{group.code}", _("All of %(group)s") % {"group": group.name})
        choices.append((group.name, [all_of, *options]))
    return choices


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter a valid email address."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Where"),
        choices=AlertKind.choices,
        initial=AlertKind.WARD,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a ward or a point."),
            "invalid_choice": _("Choose a ward or a point."),
        },
    )
    area = forms.ModelChoiceField(
        label=_("Ward or commune"),
        queryset=Area.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Choose a ward or commune"),
        error_messages={"invalid_choice": _("This ward or commune is not in the list.")},
    )
    lat = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        error_messages={"invalid": _("The latitude must be a number, e.g. 16.4637.")},
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        error_messages={"invalid": _("The longitude must be a number, e.g. 107.5909.")},
    )
    radius = forms.IntegerField(
        label=_("Distance"),
        required=False,
        initial=500,
        widget=forms.Select,
        error_messages={"invalid": _("The distance must be a whole number of metres.")},
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one email per report or one a day."),
            "invalid_choice": _("Choose one email per report or one a day."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area: Any = self.fields["area"]
        area.queryset = area_list_leaf()
        radius: Any = self.fields["radius"]
        radius.widget.choices = [(value, distance_label(value)) for value in RADIUS_CHOICES]
        category: Any = self.fields["category"]
        category.choices = category_choices()
        category.error_messages["invalid_choice"] = _("This category is not in the list.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("kind") == AlertKind.WARD
            and not data.get("area")
            and "area" not in self.errors
        ):
            self.add_error("area", _("Choose the ward or commune."))
        if data.get("kind") == AlertKind.RADIUS:
            self._clean_point(data)
        return data

    def _clean_point(self, data: dict[str, Any]) -> None:
        lat, lon, radius = data.get("lat"), data.get("lon"), data.get("radius")
        if "lat" in self.errors or "lon" in self.errors:
            return
        if lat is None or lon is None:
            self.add_error(
                None, _("Choose the point on the map, or give its latitude and longitude.")
            )
            return
        if radius is None:
            data["radius"] = radius = 500
        if not RADIUS_MIN <= radius <= RADIUS_MAX:
            self.add_error(
                "radius",
                _("The distance must be between %(min)s and %(max)s.")
                % {"min": distance_label(RADIUS_MIN), "max": distance_label(RADIUS_MAX)},
            )
        if area_for_point(lat, lon)[0] is None:
            self.add_error(None, _("This point is outside the city."))

    def request(self, *, language: str, user_id: int | None) -> AlertRequest:
        """The checked request, for `alerts.services.alert_subscribe`."""
        data = self.cleaned_data
        chosen = data.get("category") or ""
        category = group = None
        if chosen.startswith(GROUP_PREFIX):
            group = category_group_by_code().get(chosen.removeprefix(GROUP_PREFIX))
        elif chosen:
            category = Category.objects.filter(code=chosen).first()
        ward = data["kind"] == AlertKind.WARD
        return AlertRequest(
            email=data["email"],
            kind=data["kind"],
            frequency=data.get("frequency") or Frequency.IMMEDIATE,
            language="en" if language.startswith("en") else "vi",
            area=data.get("area") if ward else None,
            lat=None if ward else round(data["lat"], 6),
            lon=None if ward else round(data["lon"], 6),
            radius_m=None if ward else data["radius"],
            category=category,
            category_group=group,
            user_id=user_id,
        )
