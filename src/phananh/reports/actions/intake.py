"""The one intake every channel ends in, and the reporter's confirmation.

`report_intake` takes a `ReportDraft` (reports/drafts.py) from any channel: it checks the draft,
places it (the reporter's pin, else the photo's GPS), keeps its media, stores the routing
suggestion, starts the triage clock when the report enters as `new` and records the `submit`
event — whose fan-out tells the reporter (the received notice, or the confirmation link),
alerts the IOC when it is urgent, and has the classifier suggest a category.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from typing import IO, Any, TypedDict

from django.conf import settings
from django.db import IntegrityError
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.catalog.attributes import attributes_clean
from phananh.catalog.models import Category
from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.core.text import fold
from phananh.geo.selectors import area_for_point
from phananh.reports import lifecycle, privacy
from phananh.reports.actions._base import (
    TEXT_MAX,
    StartAgain,
    attach,
    checked_point,
    checked_text,
    deadlines_first_apply,
    record,
    report_action,
    route_decide,
    route_suggestion,
    transition,
)
from phananh.reports.choices import Action, Channel, MediaPurpose, Status, Track
from phananh.reports.drafts import ReportDraft
from phananh.reports.intake_hooks import intake_hooks_run
from phananh.reports.media import media_inspect
from phananh.reports.models import Report

_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
# Where a link to a photo given by an Open311 client is kept (never fetched by the server).
MEDIA_URL_ATTRIBUTE = "_open311_media_url"


def _new_code() -> str:
    body = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(7))
    return f"{settings.REPORT_CODE_PREFIX}-{body}"


def _submission_key(value: str, actor: Actor, email: str) -> str:
    """The sender's key, scoped to the sender (account, API key or address): one sender's key
    can never reach another sender's report."""
    value = (value or "").strip()
    if not (8 <= len(value) <= 64 and value.replace("-", "").isalnum()):
        return ""
    sender = f"{actor.user_id or ''}|{actor.api_key_id or ''}|{(email or '').strip().lower()}"
    return hashlib.sha256(f"{sender}|{value}".encode()).hexdigest()


def _photo_point(uploads: Sequence[IO[bytes]]) -> tuple[float | None, float | None]:
    """The first upload's EXIF GPS position, proposed when the reporter gave no place."""
    for upload in uploads:
        _data, info = media_inspect(upload)
        if info.gps:
            return checked_point(*info.gps)
    return None, None


def _unavailable(category: Category) -> InvalidInput:
    """A time-boxed category (a campaign's) outside its window, and what to choose instead."""
    ended = category.available_until is not None and clock.now() >= category.available_until
    if ended:
        message = _("“%(category)s” is no longer taking reports: its campaign has ended.")
    else:
        message = _("“%(category)s” is not taking reports yet: its campaign has not started.")
    message %= {"category": category.name}
    if category.successor is not None:
        message += " " + _("Please choose “%(successor)s” instead.") % {
            "successor": category.successor.name
        }
    return InvalidInput(
        message,
        code="category_ended" if ended else "category_not_started",
        fields={"category": "ended" if ended else "not_started"},
    )


class _Checked(TypedDict):
    text: str
    address: str
    attributes: dict[str, Any]


def _checked(draft: ReportDraft) -> _Checked:
    """The draft's values, checked; what the report row keeps."""
    if draft.channel not in Channel.values:
        raise InvalidInput(_("Unknown channel."), code="bad_channel")
    if draft.track not in Track.values:
        raise InvalidInput(_("Unknown track."), code="bad_track")
    category = draft.category
    if category is not None and not category.is_active:
        raise InvalidInput(_("This category is no longer in use."), code="bad_category")
    if category is not None and not category.is_available(clock.now()):
        raise _unavailable(category)
    attributes = (
        attributes_clean(category, draft.attributes) if draft.attributes is not None else {}
    )
    if draft.media_url.startswith(("http://", "https://")):
        attributes[MEDIA_URL_ATTRIBUTE] = draft.media_url[:500]
    return {
        "text": checked_text(draft.text, field="text", max_length=TEXT_MAX),
        "address": checked_text(draft.address, field="address", required=False, max_length=255),
        "attributes": attributes,
    }


@report_action
def report_intake(*, actor: Actor, draft: ReportDraft) -> Report:
    """Take in a report from any channel: check, place, route, keep its media, record it."""
    contact = draft.contact
    submission_key = _submission_key(draft.submission_key, actor, contact.email)
    if submission_key:
        earlier = Report.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            return earlier
    values = _checked(draft)
    lat, lon = checked_point(*(draft.point or (None, None)))
    located_from = "reporter" if lat is not None else ""
    if not located_from and draft.uploads:
        lat, lon = _photo_point(draft.uploads)
        located_from = "photo" if lat is not None else ""
    area = area_for_point(lat, lon)[0] if lat is not None and lon is not None else None
    now = clock.now()
    report = Report(
        text=values["text"],
        public_text=privacy.mask(values["text"]),
        search_text=fold(f"{values['text']} {values['address']}"),
        category=draft.category,
        lat=lat,
        lon=lon,
        address=values["address"],
        public_address=privacy.mask(values["address"]),
        area=area,
        channel=draft.channel,
        language=draft.language if draft.language in {"vi", "en"} else "vi",
        # A switchboard call is entered by an operator; the caller, not the operator, reported it.
        reporter_id=None if draft.channel == Channel.PHONE else actor.user_id,
        reporter_name=contact.name.strip()[:150],
        reporter_email=contact.email.strip().lower()[:254],
        reporter_phone=contact.phone.strip()[:32],
        reporter_channel_id=contact.channel_id[:128],
        is_anonymous=draft.anonymous,
        # A category may put every report on one track (an epidemic's "suspected case": urgent).
        track=draft.category.track if draft.category and draft.category.track else draft.track,
        status=lifecycle.NOWHERE,
        attributes=values["attributes"],
        submitted_at=now,
        confirmed_at=now if draft.confirmed else None,
        submission_key=submission_key or None,
    )
    row, _role = lifecycle.authorize(Action.SUBMIT, report, actor)
    report.status = row.target_from(
        "", target=Status.NEW if draft.confirmed else Status.UNCONFIRMED
    )
    # Computed first, so that the report's row is written once, with its due moment.
    deadlines = deadlines_first_apply(report, row)
    report.code = _new_code()
    try:
        report.save()
    except IntegrityError as clash:
        # A code drawn twice, or this submission filed a moment ago by a parallel request: the
        # action starts again, with a new code, and finds that request's report by its key.
        raise StartAgain from clash
    route_decide(report, actor, route_suggestion(report), applied=False)
    for deadline in deadlines:
        deadline.save(force_insert=True)
    event = record(
        report,
        actor,
        Action.SUBMIT,
        from_status=lifecycle.NOWHERE,
        # The submitter's role as timelines have always shown it: an account is the reporter.
        role=lifecycle.REPORTER if actor.user_id else "",
        payload={
            "channel": draft.channel,
            "located_from": located_from,
            # The integrator's key that filed it: that key may speak for its reporter later.
            **({"api_key": actor.api_key_id} if actor.api_key_id else {}),
        },
    )
    attach(report, event, draft.uploads, MediaPurpose.REPORT, actor)
    intake_hooks_run(report=report, draft=draft, actor=actor)
    # Counted by the database (attach adds to it); this row was inserted by this transaction,
    # so nothing else has counted into it.
    report.media_count += len(draft.uploads)
    return report


@report_action
def report_confirm(*, report: Report, actor: Actor) -> Report:
    """The reporter followed the confirmation link: the report enters the triage queue."""
    report, _event = transition(
        report, actor, Action.CONFIRM, changes={"confirmed_at": clock.now()}
    )
    return report
