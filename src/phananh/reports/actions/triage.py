"""The operations centre's triage: refer, categorise, reject, merge, ask, and the corrections
it makes while a report is still its own to route (place, urgency, internal notes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from django.db.models import F
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.models import Agency
from phananh.catalog.models import Category
from phananh.catalog.selectors import Route
from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.core.text import fold
from phananh.geo.selectors import area_for_point
from phananh.reports import privacy
from phananh.reports.actions._base import (
    attach,
    checked_point,
    checked_text,
    lock,
    report_action,
    route_decide,
    route_suggestion,
    transition,
)
from phananh.reports.actions.participation import followers_move
from phananh.reports.choices import Action, MediaPurpose, Status, Track
from phananh.reports.models import Report, Support


@report_action
def report_assign(
    *, report: Report, actor: Actor, agency: Agency | None = None, note: str = ""
) -> Report:
    """The IOC accepts the report and refers it to an agency (the suggested one by default)."""
    locked = lock(report)
    route = route_suggestion(locked)
    target = agency or route.agency
    if target is None:
        raise InvalidInput(
            _("Choose the agency that should handle this report."), code="agency_required"
        )
    if not target.is_active:
        raise InvalidInput(_("This agency is not active."), code="agency_inactive")
    if target != route.agency:
        route = Route(target, "manual", "manual", locked.category, locked.area)
    report, _event = transition(
        locked,
        actor,
        Action.ASSIGN,
        changes={"agency": target, "officer": None, "assigned_at": clock.now()},
        agency=target,
        public_note=checked_text(note, field="note", required=False),
        payload={"agency": target.code, "rule": route.rule},
    )
    route_decide(report, actor, route, applied=True)
    return report


@report_action
def report_categorize(
    *,
    report: Report,
    actor: Actor,
    category: Category,
    note: str = "",
    payload: dict[str, Any] | None = None,
) -> Report:
    """Set or correct the category (IOC, or the classifier past its threshold); routing re-runs."""
    if not category.is_active:
        raise InvalidInput(_("This category is no longer in use."), code="bad_category")
    locked = lock(report)
    if locked.category_id == category.pk:
        raise InvalidInput(_("The report already has this category."), code="same_category")
    previous = locked.category.code if locked.category is not None else ""
    report, _event = transition(
        locked,
        actor,
        Action.CATEGORIZE,
        changes={"category": category},
        internal_note=checked_text(note, field="note", required=False),
        payload={"from": previous, "to": category.code, **(payload or {})},
    )
    if report.status in (Status.NEW, Status.RETURNED, Status.INFO_REQUESTED):
        route_decide(report, actor, route_suggestion(report), applied=False)
    return report


@report_action
def report_reject(*, report: Report, actor: Actor, reason: str, reason_code: str = "") -> Report:
    """The IOC does not accept the report, and says why in public."""
    reason = checked_text(reason, field="reason")
    report, _event = transition(
        report,
        actor,
        Action.REJECT,
        changes={"closed_at": clock.now()},
        public_note=reason,
        payload={"reason_code": reason_code} if reason_code else {},
    )
    return report


@report_action
def report_merge(*, report: Report, actor: Actor, into: Report, note: str = "") -> Report:
    """Mark the report as a duplicate of `into`; its support counts for the primary."""
    if into.pk == report.pk:
        raise InvalidInput(_("A report cannot be merged into itself."), code="merge_self")
    primary = lock(into)
    if primary.status in (Status.MERGED, Status.REJECTED, Status.UNCONFIRMED):
        raise InvalidInput(
            _("Merge into an accepted or open report, not into %(code)s.") % {"code": primary.code},
            code="merge_target",
        )
    report, _event = transition(
        report,
        actor,
        Action.MERGE,
        changes={"duplicate_of": primary, "closed_at": clock.now()},
        public_note=checked_text(note, field="note", required=False),
        payload={"into": primary.code},
    )
    # The duplicate's reporter and supporters now stand behind the primary.
    moved = 0
    for support in Support.objects.filter(report=report).exclude(
        user__in=Support.objects.filter(report=primary).values("user")
    ):
        support.report = primary
        support.save(update_fields=["report"])
        moved += 1
    Report.objects.filter(pk=primary.pk).update(supports_count=F("supports_count") + 1 + moved)
    followers_move(source=report, target=primary)
    return report


@report_action
def report_request_info(*, report: Report, actor: Actor, question: str) -> Report:
    """The IOC asks the reporter for more information; the triage clock pauses."""
    report, _event = transition(
        report, actor, Action.REQUEST_INFO, public_note=checked_text(question, field="question")
    )
    return report


@report_action
def report_answer_info(
    *, report: Report, actor: Actor, answer: str, uploads: Sequence[IO[bytes]] = ()
) -> Report:
    """The reporter answers; the report returns to the triage queue."""
    answer = checked_text(answer, field="answer")
    report, event = transition(
        report,
        actor,
        Action.ANSWER_INFO,
        changes={"search_text": fold(f"{report.text} {answer}")},
        public_note=privacy.mask(answer),
        internal_note=answer,
    )
    attach(report, event, uploads, MediaPurpose.INFO, actor)
    return report


@report_action
def report_relocate(
    *, report: Report, actor: Actor, lat: float, lon: float, address: str = ""
) -> Report:
    """The IOC corrects the place: the ward is found again and routing re-runs."""
    checked_lat, checked_lon = checked_point(lat, lon)
    if checked_lat is None or checked_lon is None:
        raise InvalidInput(_("A location needs both latitude and longitude."), code="bad_point")
    lat, lon = checked_lat, checked_lon
    area, _how = area_for_point(lat, lon)
    address = checked_text(address, field="address", required=False, max_length=255)
    locked = lock(report)
    report, _event = transition(
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
        payload={"from": [locked.lat, locked.lon], "to": [lat, lon]},
    )
    route_decide(report, actor, route_suggestion(report), applied=False)
    return report


@report_action
def report_set_track(*, report: Report, actor: Actor, track: str, note: str = "") -> Report:
    """Mark a report urgent (or back to normal); a running triage restarts on the new clock."""
    if track not in Track.values:
        raise InvalidInput(_("Unknown track."), code="bad_track")
    locked = lock(report)
    if locked.track == track:
        raise InvalidInput(_("The report is already on this track."), code="same_track")
    report, _event = transition(
        locked,
        actor,
        Action.SET_TRACK,
        changes={"track": track},
        internal_note=checked_text(note, field="note", required=False),
        payload={"from": locked.track, "to": track},
    )
    return report


@report_action
def report_note(*, report: Report, actor: Actor, text: str) -> Report:
    """The IOC's internal note: seen by staff, never by the public (agencies post internal
    progress with `report_progress(public=False)`).
    """
    report, _event = transition(
        report, actor, Action.NOTE, internal_note=checked_text(text, field="text")
    )
    return report
