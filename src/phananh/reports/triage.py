"""Writes the console needs beyond the main lifecycle: correct the place or the urgency, notes,
the officer in charge, and moderation of what the public sees (text and photos).

Each is one lifecycle action (`reports/lifecycle.py`), one transaction, one event.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.core.errors import InvalidInput
from phananh.core.text import fold
from phananh.geo.selectors import area_for_point
from phananh.reports import privacy
from phananh.reports.choices import Action, MediaState, Track, Visibility
from phananh.reports.media import media_republish
from phananh.reports.models import Media, Report
from phananh.reports.services import (
    _decide_route,
    _lock,
    _point,
    _text,
    _transition,
    report_route_suggestion,
)


@transaction.atomic
def report_relocate(
    *, report: Report, actor: Actor, lat: float, lon: float, address: str = ""
) -> Report:
    """The IOC corrects the place: the ward is found again and routing re-runs."""
    lat, lon = _point(lat, lon)
    if lat is None:
        raise InvalidInput(_("A location needs both latitude and longitude."), code="bad_point")
    area, _how = area_for_point(lat, lon)
    address = _text(address, field="address", required=False, max_length=255)
    locked = _lock(report)
    report, _event = _transition(
        locked,
        actor,
        Action.RELOCATE,
        changes={
            "lat": lat,
            "lon": lon,
            "area": area,
            "address": address or locked.address,
            "public_address": privacy.mask(address or locked.address),
            "search_text": fold(f"{locked.text} {address or locked.address}"),
        },
        visibility=Visibility.INTERNAL,
        payload={"from": [locked.lat, locked.lon], "to": [lat, lon]},
    )
    _decide_route(report, actor, report_route_suggestion(report), applied=False)
    return report


@transaction.atomic
def report_set_track(*, report: Report, actor: Actor, track: str, note: str = "") -> Report:
    """Mark a report urgent (or back to normal); a running triage restarts on the new clock."""
    if track not in Track.values:
        raise InvalidInput(_("Unknown track."), code="bad_track")
    locked = _lock(report)
    if locked.track == track:
        raise InvalidInput(_("The report is already on this track."), code="same_track")
    report, _event = _transition(
        locked,
        actor,
        Action.SET_TRACK,
        changes={"track": track},
        internal_note=_text(note, field="note", required=False),
        payload={"from": locked.track, "to": track},
    )
    return report


@transaction.atomic
def report_note(*, report: Report, actor: Actor, text: str) -> Report:
    """The IOC's internal note: seen by staff, never by the public (agencies post internal
    progress with `report_progress(public=False)`).
    """
    report, _event = _transition(
        report,
        actor,
        Action.NOTE,
        internal_note=_text(text, field="text"),
        visibility=Visibility.INTERNAL,
    )
    return report


@transaction.atomic
def report_assign_officer(*, report: Report, actor: Actor, officer_id: int) -> Report:
    """An agency head puts one of the agency's officers in charge."""
    locked = _lock(report)
    user = (
        get_user_model()
        .objects.filter(
            pk=officer_id,
            is_active=True,
            memberships__agency_id=locked.agency_id,
            memberships__role__in=(Role.OFFICER, Role.HEAD),
        )
        .first()
    )
    if user is None:
        raise InvalidInput(
            _("Choose an officer of the agency handling this report."), code="bad_officer"
        )
    report, _event = _transition(
        locked,
        actor,
        Action.ASSIGN_OFFICER,
        changes={"officer": user},
        visibility=Visibility.INTERNAL,
        payload={"officer": user.pk},
    )
    return report


@transaction.atomic
def report_edit_public_text(*, report: Report, actor: Actor, text: str, reason: str) -> Report:
    """The IOC rewrites what the public reads (the reporter's own words stay in the record)."""
    text = privacy.mask(_text(text, field="public_text", max_length=5000))
    locked = _lock(report)
    report, _event = _transition(
        locked,
        actor,
        Action.MODERATE,
        changes={"public_text": text},
        visibility=Visibility.INTERNAL,
        internal_note=_text(reason, field="reason"),
        payload={"public_text": True, "before": locked.public_text[:5000]},
    )
    return report


@transaction.atomic
def media_moderate(
    *,
    media: Media,
    actor: Actor,
    hide: bool = False,
    masks: list[tuple[float, float, float, float]] | None = None,
    reason: str,
) -> Media:
    """Hide a photo from the public, or black out parts of it (boxes as fractions 0–1 of the
    width and height: x, y, w, h). The original is kept, private, for the audit.
    """
    masks = masks or []
    for box in masks:
        if len(box) != 4 or not all(0 <= v <= 1 for v in box) or box[2] <= 0 or box[3] <= 0:
            raise InvalidInput(_("A mask is x, y, width, height between 0 and 1."), code="bad_mask")
    if not hide and not masks:
        raise InvalidInput(_("Hide the photo or mark what to cover."), code="nothing_to_do")
    media = Media.objects.select_for_update().get(pk=media.pk)
    _transition(
        media.report,
        actor,
        Action.MODERATE,
        visibility=Visibility.INTERNAL,
        internal_note=_text(reason, field="reason"),
        payload={"media": media.pk, "hidden": hide, "masks": [list(b) for b in masks]},
    )
    if hide:
        media.state = MediaState.HIDDEN
        media.save(update_fields=["state"])
    else:
        media_republish(media=media, masks=masks)
    return media
