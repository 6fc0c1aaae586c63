"""Formatting for public numbers: rates, durations, in the reader's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from phananh.analytics.models import Scorecard

register = template.Library()


@register.filter
def percent(rate: float | None) -> str:
    """0.873 → "87 %" (or "—" when there is nothing to divide)."""
    if rate is None:
        return "—"
    return f"{number_format(round(rate * 100))} %"


@register.filter
def duration_hours(hours: float | None) -> str:
    """Hours as a readable span: "5 hours", "3.5 days"."""
    if hours is None:
        return "—"
    if hours < 48:
        value = round(hours, 1)
        return ngettext("%(n)s hour", "%(n)s hours", _plural(value)) % {"n": number_format(value)}
    days = round(hours / 24, 1)
    return ngettext("%(n)s day", "%(n)s days", _plural(days)) % {"n": number_format(days)}


def _plural(value: float) -> int:
    # gettext plural rules take integers; 1.5 days reads as plural.
    return int(value) if float(value).is_integer() else 2


@register.filter
def score(value: float | None) -> str:
    return "—" if value is None else number_format(value, 1)


@register.simple_tag
def rank_label(card: Scorecard) -> str:
    return str(card.rank) if card.rank else _("not ranked")
