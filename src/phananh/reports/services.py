"""Writes for reports: one service per lifecycle action, each one transaction and one event.

The rules (who may do what from which status) live in lifecycle.py; this module applies them.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from typing import IO, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import Agency
from phananh.catalog.models import Category
from phananh.catalog.selectors import Route, route_for
from phananh.core import clock
from phananh.core.errors import ActionNotAllowed, Conflict, InvalidInput, InvalidTransition
from phananh.core.text import clean, fold, redact_personal_data
from phananh.geo.selectors import area_for_point
from phananh.reports import lifecycle, privacy
from phananh.reports.choices import (
    ACCEPTING_RATINGS,
    Action,
    Channel,
    MediaPurpose,
    RatingLevel,
    ReopenState,
    Status,
    Track,
    Visibility,
)
from phananh.reports.followers import followers_move, followers_notify_later, report_follow
from phananh.reports.media import media_attach, media_inspect
from phananh.reports.models import (
    Comment,
    CommentFlag,
    Event,
    Rating,
    ReopenRequest,
    Report,
    RoutingDecision,
    Support,
)
from phananh.reports.reporter_notify import reporter_notify_later
from phananh.sla import selectors as sla_selectors
from phananh.sla.choices import ExtensionState, Step
from phananh.sla.models import Deadline, DeadlineExtension
from phananh.sla.services import (
    deadline_extend,
    deadline_mark_overdue,
    deadlines_follow,
    report_deadline_fields,
)

TEXT_MAX = 5000
NOTE_MAX = 5000
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U


def _new_code() -> str:
    body = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(7))
    return f"{settings.REPORT_CODE_PREFIX}-{body}"


def _text(value: str, *, field: str, required: bool = True, max_length: int = NOTE_MAX) -> str:
    value = clean(value or "")
    if required and not value:
        raise InvalidInput(
            _("This field is required."), code="required", fields={field: "required"}
        )
    if len(value) > max_length:
        raise InvalidInput(
            _("Please keep this under %(max)d characters.") % {"max": max_length},
            code="too_long",
            fields={field: "too_long"},
        )
    return value


def _point(lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        raise InvalidInput(_("A location needs both latitude and longitude."), code="bad_point")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidInput(_("The location is not a valid point."), code="bad_point")
    return float(lat), float(lon)


def _lock(report: Report) -> Report:
    """Re-read the report under a row lock so two people cannot act on a stale copy."""
    return Report.objects.select_for_update().get(pk=report.pk)


def _record(
    report: Report,
    actor: Actor,
    action: str,
    *,
    from_status: str,
    role: str = "",
    public_note: str = "",
    internal_note: str = "",
    visibility: str = Visibility.PUBLIC,
    agency: Agency | None = None,
    payload: dict[str, Any] | None = None,
) -> Event:
    event = Event.objects.create(
        report=report,
        created_at=clock.now(),
        action=action,
        actor_id=actor.user_id,
        actor_label=actor.label,
        actor_role=role,
        agency=agency,
        from_status=from_status,
        to_status=report.status,
        public_note=privacy.mask(public_note),
        internal_note=internal_note,
        visibility=visibility,
        payload=payload or {},
    )
    reporter_notify_later(event)
    return event


def _transition(
    report: Report,
    actor: Actor,
    action: str,
    *,
    changes: dict[str, Any] | None = None,
    keep_status: bool = False,
    **event,
) -> tuple[Report, Event]:
    """Authorise, move the status, save the changed fields and write the one event."""
    report = _lock(report)
    transition, role = lifecycle.authorize(action, report, actor)
    from_status = report.status
    report.status = transition.target_from(report.status, keep=keep_status)
    fields = {"status"}
    for name, value in (changes or {}).items():
        setattr(report, name, value)
        fields.add(name)
    for name, value in deadlines_follow(report=report, action=action, at=clock.now()).items():
        setattr(report, name, value)
        fields.add(name)
    report.save(update_fields=[*sorted(fields), "updated_at"])
    record = _record(report, actor, action, from_status=from_status, role=role, **event)
    followers_notify_later(record)
    return report, record


def _attach(report: Report, event: Event, uploads: Sequence[IO[bytes]], purpose: str, actor: Actor):
    for upload in uploads:
        media_attach(
            report=report, upload=upload, purpose=purpose, event=event, uploaded_by=actor.user_id
        )
    if uploads:
        Report.objects.filter(pk=report.pk).update(media_count=F("media_count") + len(uploads))


def _decide_route(report: Report, actor: Actor, route: Route, *, applied: bool) -> None:
    RoutingDecision.objects.create(
        report=report,
        created_at=clock.now(),
        category=report.category,
        area=report.area,
        agency=route.agency,
        rule=route.rule,
        explanation=route.explanation,
        decided_by_id=actor.user_id,
        applied=applied,
    )


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
            return _point(*info.gps)
    return None, None


def report_route_suggestion(report: Report) -> Route:
    """The agency the category's rule proposes for this report's place."""
    return route_for(report.category, report.area)


@transaction.atomic
def report_submit(
    *,
    actor: Actor,
    text: str,
    channel: str,
    category: Category | None = None,
    lat: float | None = None,
    lon: float | None = None,
    address: str = "",
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    reporter_channel_id: str = "",
    is_anonymous: bool = False,
    track: str = Track.NORMAL,
    language: str = "vi",
    attributes: dict[str, Any] | None = None,
    uploads: Sequence[IO[bytes]] = (),
    confirmed: bool = True,
    submission_key: str = "",
) -> Report:
    """Take in a report from any channel: place it, suggest its agency, keep its media.

    `confirmed=False` holds it as unconfirmed until the reporter follows the emailed link.
    A `submission_key` already used by the same sender returns that report instead of a copy.
    """
    submission_key = _submission_key(submission_key, actor, reporter_email)
    if submission_key:
        earlier = Report.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            return earlier
    text = _text(text, field="text", max_length=TEXT_MAX)
    lat, lon = _point(lat, lon)
    if channel not in Channel.values:
        raise InvalidInput(_("Unknown channel."), code="bad_channel")
    if track not in Track.values:
        raise InvalidInput(_("Unknown track."), code="bad_track")
    if category is not None and not category.is_active:
        raise InvalidInput(_("This category is no longer in use."), code="bad_category")
    located_from = "reporter" if lat is not None and lon is not None else ""
    if not located_from and uploads:
        lat, lon = _photo_point(uploads)
        located_from = "photo" if lat is not None else ""
    area, _how = area_for_point(lat, lon) if lat is not None and lon is not None else (None, "")
    now = clock.now()
    address = _text(address, field="address", required=False, max_length=255)
    report = Report(
        text=text,
        public_text=privacy.mask(text),
        search_text=fold(f"{text} {address}"),
        category=category,
        lat=lat,
        lon=lon,
        address=address,
        public_address=privacy.mask(address),
        area=area,
        channel=channel,
        language=language if language in {"vi", "en"} else "vi",
        # A switchboard call is entered by an operator; the caller, not the operator, reported it.
        reporter_id=None if channel == Channel.PHONE else actor.user_id,
        reporter_name=reporter_name.strip()[:150],
        reporter_email=reporter_email.strip().lower()[:254],
        reporter_phone=reporter_phone.strip()[:32],
        reporter_channel_id=reporter_channel_id[:128],
        is_anonymous=is_anonymous,
        track=track,
        status=Status.NEW if confirmed else Status.UNCONFIRMED,
        attributes=attributes or {},
        submitted_at=now,
        confirmed_at=now if confirmed else None,
        submission_key=submission_key or None,
    )
    for _attempt in range(5):
        report.code = _new_code()
        try:
            with transaction.atomic():
                report.save()
            break
        except IntegrityError:
            if Report.objects.filter(code=report.code).exists():
                continue
            if submission_key:  # the same submission, filed a moment ago by a parallel request
                return Report.objects.get(submission_key=submission_key)
            raise
    route = report_route_suggestion(report)
    _decide_route(report, actor, route, applied=False)
    deadline_fields = deadlines_follow(report=report, action=Action.SUBMIT, at=now)
    if deadline_fields:
        for name, value in deadline_fields.items():
            setattr(report, name, value)
        report.save(update_fields=[*deadline_fields, "updated_at"])
    event = _record(
        report,
        actor,
        Action.SUBMIT,
        from_status="",
        role=lifecycle.REPORTER if actor.user_id else "",
        payload={"channel": channel, "located_from": located_from},
    )
    _attach(report, event, uploads, MediaPurpose.REPORT, actor)
    report.refresh_from_db()
    return report


@transaction.atomic
def report_confirm(*, report: Report, actor: Actor) -> Report:
    """The reporter followed the confirmation link: the report enters the triage queue."""
    report, _event = _transition(
        report, actor, Action.CONFIRM, changes={"confirmed_at": clock.now()}
    )
    return report


@transaction.atomic
def report_assign(
    *, report: Report, actor: Actor, agency: Agency | None = None, note: str = ""
) -> Report:
    """The IOC accepts the report and refers it to an agency (the suggested one by default)."""
    locked = _lock(report)
    route = report_route_suggestion(locked)
    target = agency or route.agency
    if target is None:
        raise InvalidInput(
            _("Choose the agency that should handle this report."), code="agency_required"
        )
    if not target.is_active:
        raise InvalidInput(_("This agency is not active."), code="agency_inactive")
    if target != route.agency:
        route = Route(target, "manual", _("Chosen by the operations centre."))
    report, _event = _transition(
        locked,
        actor,
        Action.ASSIGN,
        changes={"agency": target, "officer": None, "assigned_at": clock.now()},
        agency=target,
        public_note=_text(note, field="note", required=False),
        payload={"agency": target.code, "rule": route.rule},
    )
    _decide_route(report, actor, route, applied=True)
    return report


@transaction.atomic
def report_categorize(
    *, report: Report, actor: Actor, category: Category, note: str = "", payload: dict | None = None
) -> Report:
    """Set or correct the category (IOC, or the classifier past its threshold); routing re-runs."""
    if not category.is_active:
        raise InvalidInput(_("This category is no longer in use."), code="bad_category")
    locked = _lock(report)
    if locked.category_id == category.pk:
        raise InvalidInput(_("The report already has this category."), code="same_category")
    previous = locked.category.code if locked.category_id else ""
    report, _event = _transition(
        locked,
        actor,
        Action.CATEGORIZE,
        changes={"category": category},
        visibility=Visibility.PUBLIC,
        internal_note=_text(note, field="note", required=False),
        payload={"from": previous, "to": category.code, **(payload or {})},
    )
    if report.status in (Status.NEW, Status.RETURNED, Status.INFO_REQUESTED):
        _decide_route(report, actor, report_route_suggestion(report), applied=False)
    return report


@transaction.atomic
def report_reject(*, report: Report, actor: Actor, reason: str, reason_code: str = "") -> Report:
    """The IOC does not accept the report, and says why in public."""
    reason = _text(reason, field="reason")
    report, _event = _transition(
        report,
        actor,
        Action.REJECT,
        changes={"closed_at": clock.now()},
        public_note=reason,
        payload={"reason_code": reason_code} if reason_code else {},
    )
    return report


@transaction.atomic
def report_merge(*, report: Report, actor: Actor, into: Report, note: str = "") -> Report:
    """Mark the report as a duplicate of `into`; its support counts for the primary."""
    if into.pk == report.pk:
        raise InvalidInput(_("A report cannot be merged into itself."), code="merge_self")
    primary = Report.objects.select_for_update().get(pk=into.pk)
    if primary.status in (Status.MERGED, Status.REJECTED, Status.UNCONFIRMED):
        raise InvalidInput(
            _("Merge into an accepted or open report, not into %(code)s.") % {"code": primary.code},
            code="merge_target",
        )
    report, _event = _transition(
        report,
        actor,
        Action.MERGE,
        changes={"duplicate_of": primary, "closed_at": clock.now()},
        public_note=_text(note, field="note", required=False),
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


@transaction.atomic
def report_request_info(*, report: Report, actor: Actor, question: str) -> Report:
    """The IOC asks the reporter for more information; the triage clock pauses."""
    report, _event = _transition(
        report, actor, Action.REQUEST_INFO, public_note=_text(question, field="question")
    )
    return report


@transaction.atomic
def report_answer_info(
    *, report: Report, actor: Actor, answer: str, uploads: Sequence[IO[bytes]] = ()
) -> Report:
    """The reporter answers; the report returns to the triage queue."""
    answer = _text(answer, field="answer")
    report, event = _transition(
        report,
        actor,
        Action.ANSWER_INFO,
        changes={"search_text": fold(f"{report.text} {answer}")},
        public_note=redact_personal_data(answer),
        internal_note=answer,
    )
    _attach(report, event, uploads, MediaPurpose.INFO, actor)
    return report


@transaction.atomic
def report_agency_accept(*, report: Report, actor: Actor, note: str = "") -> Report:
    """The agency takes the report on."""
    report, _event = _transition(
        report,
        actor,
        Action.AGENCY_ACCEPT,
        changes={"officer_id": actor.user_id} if actor.user_id else {},
        agency=report.agency,
        public_note=_text(note, field="note", required=False),
    )
    return report


@transaction.atomic
def report_return(*, report: Report, actor: Actor, reason: str) -> Report:
    """The agency says the report is not theirs; it goes back to the IOC to be reassigned."""
    agency = report.agency
    report, _event = _transition(
        report,
        actor,
        Action.RETURN,
        changes={"agency": None, "officer": None},
        agency=agency,
        internal_note=_text(reason, field="reason"),
        visibility=Visibility.INTERNAL,
        payload={"agency": agency.code if agency else None},
    )
    return report


@transaction.atomic
def report_progress(
    *,
    report: Report,
    actor: Actor,
    note: str,
    public: bool = True,
    uploads: Sequence[IO[bytes]] = (),
) -> Report:
    """The agency posts progress, in public or for the IOC only."""
    note = _text(note, field="note")
    report, event = _transition(
        report,
        actor,
        Action.PROGRESS,
        agency=report.agency,
        public_note=note if public else "",
        internal_note="" if public else note,
        visibility=Visibility.PUBLIC if public else Visibility.INTERNAL,
    )
    _attach(report, event, uploads, MediaPurpose.PROGRESS, actor)
    return report


@transaction.atomic
def report_resolve(
    *, report: Report, actor: Actor, result: str, uploads: Sequence[IO[bytes]] = ()
) -> Report:
    """The agency publishes what it did; the reporter is then asked to rate it."""
    result = _text(result, field="result")
    locked = _lock(report)
    report, event = _transition(
        locked,
        actor,
        Action.RESOLVE,
        changes={
            "resolved_at": clock.now(),
            "resolution_round": locked.resolution_round + 1,
            "rating": "",
        },
        agency=locked.agency,
        public_note=result,
    )
    _attach(report, event, uploads, MediaPurpose.RESULT, actor)
    return report


@transaction.atomic
def report_rate(*, report: Report, actor: Actor, level: str, comment: str = "") -> Report:
    """The reporter rates the result; an accepting rating closes the report."""
    if level not in RatingLevel.values:
        raise InvalidInput(_("Choose one of the four ratings."), code="bad_rating")
    comment = _text(comment, field="comment", required=False)
    locked = _lock(report)
    lifecycle.authorize(Action.RATE, locked, actor)
    if Rating.objects.filter(report=locked, resolution_round=locked.resolution_round).exists():
        raise Conflict(_("This result has already been rated."), code="already_rated")
    closes = level in ACCEPTING_RATINGS
    now = clock.now()
    changes: dict[str, Any] = {"rating": level}
    if closes:
        changes["closed_at"] = now
    report, _event = _transition(
        locked,
        actor,
        Action.RATE,
        changes=changes,
        keep_status=not closes,
        agency=locked.agency,
        public_note=redact_personal_data(comment),
        payload={"level": level, "round": locked.resolution_round},
    )
    Rating.objects.create(
        report=report,
        resolution_round=report.resolution_round,
        level=level,
        comment=comment,
        agency=report.agency,
        created_at=now,
    )
    return report


@transaction.atomic
def report_request_reopen(
    *, report: Report, actor: Actor, reason: str, uploads: Sequence[IO[bytes]]
) -> Report:
    """The reporter says the problem is not fixed, with a reason and photo evidence."""
    reason = _text(reason, field="reason")
    if not uploads:
        raise InvalidInput(
            _("Add at least one photo showing that the problem is still there."),
            code="evidence_required",
            fields={"uploads": "required"},
        )
    locked = _lock(report)
    lifecycle.authorize(Action.REQUEST_REOPEN, locked, actor)
    if locked.reopen_requests.filter(
        resolution_round=locked.resolution_round, state=ReopenState.PENDING
    ).exists():
        raise Conflict(_("A reopening request is already waiting for a decision."), code="pending")
    report, event = _transition(
        locked,
        actor,
        Action.REQUEST_REOPEN,
        agency=locked.agency,
        public_note=redact_personal_data(reason),
        internal_note=reason,
    )
    ReopenRequest.objects.create(
        report=report,
        resolution_round=report.resolution_round,
        reason=reason,
        created_at=clock.now(),
    )
    _attach(report, event, uploads, MediaPurpose.REOPEN, actor)
    return report


def _decide_reopen_request(report: Report, actor: Actor, state: str, note: str) -> bool:
    updated = report.reopen_requests.filter(
        resolution_round=report.resolution_round, state=ReopenState.PENDING
    ).update(state=state, decided_at=clock.now(), decided_by_id=actor.user_id, decision_note=note)
    return bool(updated)


@transaction.atomic
def report_reopen(*, report: Report, actor: Actor, note: str) -> Report:
    """A supervisor sends the report back to its agency: the result was not good enough."""
    note = _text(note, field="note")
    locked = _lock(report)
    pending = locked.reopen_requests.filter(
        resolution_round=locked.resolution_round, state=ReopenState.PENDING
    ).exists()
    report, _event = _transition(
        locked,
        actor,
        Action.REOPEN,
        changes={"rating": ""},
        agency=locked.agency,
        public_note=note,
        payload={"request_accepted": pending},
    )
    _decide_reopen_request(report, actor, ReopenState.ACCEPTED, note)
    return report


@transaction.atomic
def report_refuse_reopen(*, report: Report, actor: Actor, note: str) -> Report:
    """A supervisor refuses the reporter's reopening request, with the reason in public."""
    note = _text(note, field="note")
    locked = _lock(report)
    lifecycle.authorize(Action.REFUSE_REOPEN, locked, actor)
    if not locked.reopen_requests.filter(
        resolution_round=locked.resolution_round, state=ReopenState.PENDING
    ).exists():
        raise InvalidInput(_("There is no reopening request to refuse."), code="no_request")
    report, _event = _transition(
        locked, actor, Action.REFUSE_REOPEN, agency=locked.agency, public_note=note
    )
    _decide_reopen_request(report, actor, ReopenState.REFUSED, note)
    return report


@transaction.atomic
def report_close(*, report: Report, actor: Actor, note: str = "") -> Report:
    """The IOC closes a handled report without waiting for the reporter's rating."""
    report, _event = _transition(
        report,
        actor,
        Action.CLOSE,
        changes={"closed_at": clock.now()},
        public_note=_text(note, field="note", required=False),
    )
    return report


@transaction.atomic
def report_auto_close(*, report: Report, actor: Actor | None = None) -> Report:
    """Close a handled report whose evaluation window has passed without a rating."""
    actor = actor or Actor.system("deadline monitor")
    locked = _lock(report)
    lifecycle.authorize(Action.AUTO_CLOSE, locked, actor)
    if not sla_selectors.evaluation_window_ended(locked.pk, clock.now()):
        raise InvalidInput(_("The evaluation window is still open."), code="window_open")
    report, _event = _transition(
        locked,
        actor,
        Action.AUTO_CLOSE,
        changes={"closed_at": clock.now()},
    )
    return report


@transaction.atomic
def comment_add(*, report: Report, actor: Actor, text: str, author_name: str = "") -> Comment:
    """A signed-in person comments on a published report."""
    if actor.user_id is None:
        raise ActionNotAllowed(_("Sign in to comment."), code="login_required")
    if not report.is_published:
        raise InvalidTransition(_("Comments open once the report is published."), code="closed")
    comment = Comment.objects.create(
        report=report,
        author_id=actor.user_id,
        # Only a name the person chose for their comments; else the page says "a resident".
        author_name=privacy.mask(author_name.strip()[:150]) or privacy.comment_name(actor.user_id),
        text=privacy.mask(_text(text, field="text", max_length=2000)),
        created_at=clock.now(),
    )
    Report.objects.filter(pk=report.pk).update(comments_count=F("comments_count") + 1)
    return comment


COMMENT_AUTO_HIDE_FLAGS = 3


@transaction.atomic
def comment_flag(*, comment: Comment, actor: Actor, reason: str = "") -> bool:
    """Report a comment as abusive (once per person); the IOC is told, three reports hide it.

    Returns False when this person had already reported it.
    """
    if actor.user_id is None:
        raise ActionNotAllowed(_("Sign in to report a comment."), code="login_required")
    if comment.author_id == actor.user_id:
        raise InvalidInput(_("You cannot report your own comment."), code="own_comment")
    try:
        with transaction.atomic():
            CommentFlag.objects.create(
                comment=comment,
                user_id=actor.user_id,
                reason=_text(reason, field="reason", required=False, max_length=200),
                created_at=clock.now(),
            )
    except IntegrityError:
        return False
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.flags_count += 1
    fields = ["flags_count"]
    if comment.flags_count >= COMMENT_AUTO_HIDE_FLAGS and not comment.is_hidden:
        comment.is_hidden = True
        comment.hidden_reason = _("Hidden after several abuse reports, until a moderator decides.")
        fields += ["is_hidden", "hidden_reason"]
    comment.save(update_fields=fields)
    if comment.flags_count == 1:
        transaction.on_commit(lambda: _comment_flag_alert(comment.pk))
    return True


def _comment_flag_alert(comment_id: int) -> None:
    from django.utils.translation import override

    from phananh.accounts.selectors import staff_emails
    from phananh.notifications.services import notification_queue

    comment = Comment.objects.select_related("report").get(pk=comment_id)
    with override(settings.LANGUAGE_CODE):
        subject = _("A comment on %(code)s was reported as abusive") % {"code": comment.report.code}
        body = _("Comment: %(text)s\n\nReview it on the report's page:\n%(url)s") % {
            "text": comment.text[:500],
            "url": f"{settings.SITE_URL}{comment.report.get_absolute_url()}#comment-{comment.pk}",
        }
    for email in staff_emails(agency_id=None, roles=(Role.OPERATOR, Role.SUPERVISOR)):
        notification_queue(
            to=email,
            subject=subject,
            body=body,
            kind="comment_flagged",
            dedupe_key=f"comment-flag:{comment.pk}:{email}",
            report_id=comment.report_id,
        )


@transaction.atomic
def comment_moderate(*, comment: Comment, actor: Actor, hide: bool, reason: str = "") -> Comment:
    """The IOC hides an abusive comment (with a reason) or restores it; an internal event."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    reason = _text(reason, field="reason", required=hide, max_length=200)
    _transition(
        comment.report,
        actor,
        Action.MODERATE,
        visibility=Visibility.INTERNAL,
        internal_note=reason,
        payload={"comment": comment.pk, "hidden": hide},
    )
    comment.is_hidden = hide
    comment.hidden_reason = reason if hide else ""
    comment.save(update_fields=["is_hidden", "hidden_reason"])
    return comment


@transaction.atomic
def report_escalate(*, report: Report, deadline: Deadline, actor: Actor | None = None) -> Report:
    """Record in public that a step's deadline has passed (the monitor calls this once)."""
    actor = actor or Actor.system("deadline monitor")
    locked = _lock(report)
    lifecycle.authorize(Action.ESCALATE, locked, actor)
    if not deadline_mark_overdue(deadline=deadline, at=clock.now()):
        return locked  # another worker recorded it already
    report, _event = _transition(
        locked,
        actor,
        Action.ESCALATE,
        changes={"is_overdue": True},
        agency=deadline.agency,
        payload={
            "step": deadline.step,
            "due_at": deadline.due_at.isoformat(),
            "deadline": deadline.pk,
        },
    )
    return report


def _resolution_deadline(report: Report) -> Deadline:
    deadline = sla_selectors.deadline_open(report.pk, Step.RESOLUTION)
    if deadline is None:
        raise InvalidInput(_("This report has no running deadline."), code="no_deadline")
    return deadline


@transaction.atomic
def report_request_extension(*, report: Report, actor: Actor, reason: str, new_due) -> Report:
    """The agency asks the IOC supervisor for more time, with a reason and a new date."""
    reason = _text(reason, field="reason")
    locked = _lock(report)
    lifecycle.authorize(Action.REQUEST_EXTENSION, locked, actor)
    deadline = _resolution_deadline(locked)
    if new_due <= deadline.due_at:
        raise InvalidInput(
            _("The new deadline must be later than the current one."),
            code="bad_due",
            fields={"new_due": "too_early"},
        )
    limit = deadline.policy.max_extensions if deadline.policy else 1
    if deadline.extensions >= limit:
        raise Conflict(_("This deadline cannot be extended again."), code="extension_limit")
    if deadline.extension_requests.filter(state=ExtensionState.PENDING).exists():
        raise Conflict(_("An extension request is already waiting for a decision."), code="pending")
    DeadlineExtension.objects.create(
        deadline=deadline,
        requested_by_id=actor.user_id,
        requested_at=clock.now(),
        reason=reason,
        proposed_due_at=new_due,
        previous_due_at=deadline.due_at,
    )
    report, _event = _transition(
        locked,
        actor,
        Action.REQUEST_EXTENSION,
        agency=locked.agency,
        internal_note=reason,
        visibility=Visibility.INTERNAL,
        payload={"proposed_due_at": new_due.isoformat(), "due_at": deadline.due_at.isoformat()},
    )
    return report


@transaction.atomic
def report_decide_extension(
    *, report: Report, actor: Actor, approve: bool, note: str = ""
) -> Report:
    """A supervisor approves (the deadline moves, in public) or refuses an extension request."""
    locked = _lock(report)
    lifecycle.authorize(Action.DECIDE_EXTENSION, locked, actor)
    deadline = _resolution_deadline(locked)
    request = deadline.extension_requests.filter(state=ExtensionState.PENDING).first()
    if request is None:
        raise InvalidInput(_("There is no extension request to decide."), code="no_request")
    now = clock.now()
    request.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    request.decided_by_id = actor.user_id
    request.decided_at = now
    request.decision_note = _text(note, field="note", required=not approve)
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    if approve:
        deadline_extend(deadline=deadline, new_due=request.proposed_due_at, at=now)
    report, _event = _transition(
        locked,
        actor,
        Action.DECIDE_EXTENSION,
        changes=report_deadline_fields(locked.pk),
        agency=locked.agency,
        public_note=request.decision_note if approve else "",
        internal_note="" if approve else request.decision_note,
        visibility=Visibility.PUBLIC if approve else Visibility.INTERNAL,
        payload={
            "approved": approve,
            "due_at": deadline.due_at.isoformat(),
            "previous_due_at": request.previous_due_at.isoformat(),
        },
    )
    return report


@transaction.atomic
def report_support(*, report: Report, actor: Actor) -> bool:
    """A signed-in person says "me too"; False if they already had (counted once per person)."""
    if actor.user_id is None:
        raise ActionNotAllowed(_("Sign in to support a report."), code="login_required")
    if not report.is_published:
        raise InvalidTransition(_("Reports can be supported once published."), code="closed")
    if report.reporter_id == actor.user_id:
        return False
    _support, created = Support.objects.get_or_create(
        report=report, user_id=actor.user_id, defaults={"created_at": clock.now()}
    )
    if created:
        Report.objects.filter(pk=report.pk).update(supports_count=F("supports_count") + 1)
        # Whoever says "me too" hears when it is handled.
        report_follow(report=report, actor=actor)
    return created


@transaction.atomic
def report_claim_by_email(*, actor: Actor, email: str) -> list[Report]:
    """Attach reports sent without an account from this address to the actor's account.

    Call it only once the actor has proved the address is theirs (a verification or sign-in
    link). Each attached report gets an internal `claim` event; its status does not change.
    """
    if actor.user_id is None:
        raise ActionNotAllowed(_("Sign in first."), code="login_required")
    email = email.strip().lower()
    if not email:
        return []
    claimed = list(
        Report.objects.select_for_update()
        .filter(reporter__isnull=True, reporter_email=email)
        .order_by("submitted_at", "id")
    )
    for report in claimed:
        report.reporter_id = actor.user_id
        report.save(update_fields=["reporter", "updated_at"])
        _record(
            report,
            actor,
            Action.CLAIM,
            from_status=report.status,
            role=lifecycle.REPORTER,
            visibility=Visibility.INTERNAL,
        )
    return claimed


# What the timeline keeps of a person whose account is gone: a role, never a name.
DELETED_ACCOUNT_LABEL = "deleted account"


@transaction.atomic
def reports_anonymise_reporter(*, actor: Actor, user_id: int, email: str = "") -> int:
    """Remove a person from everything they reported or wrote, before their account is deleted.

    Their reports stay (the city's work on them is public record) but lose the account link,
    name, email and phone, and become anonymous; reports sent without an account from `email`
    too. Their comments stay under a neutral name. Supports stay counted. The labels of their
    past timeline events are replaced by a neutral one: the only rewrite of events, allowed
    because it removes personal data and leaves what happened, when and in which status.
    Returns how many reports were anonymised.
    """
    if not (actor.is_system or actor.user_id == user_id or actor.has_role(Role.ADMIN)):
        raise ActionNotAllowed(_("You may only delete your own account."), code="forbidden")
    email = email.strip().lower()
    reports = Report.objects.select_for_update().filter(reporter_id=user_id)
    if email:
        reports = Report.objects.select_for_update().filter(
            Q(reporter_id=user_id) | Q(reporter__isnull=True, reporter_email=email)
        )
    neutral = Actor(label=DELETED_ACCOUNT_LABEL, is_system=actor.is_system)
    count = 0
    for report in reports.order_by("id"):
        report.reporter = None
        report.reporter_name = ""
        report.reporter_email = ""
        report.reporter_phone = ""
        report.reporter_channel_id = ""
        report.is_anonymous = True
        report.save(
            update_fields=[
                "reporter",
                "reporter_name",
                "reporter_email",
                "reporter_phone",
                "reporter_channel_id",
                "is_anonymous",
                "updated_at",
            ]
        )
        _record(
            report,
            neutral,
            Action.ANONYMISE,
            from_status=report.status,
            visibility=Visibility.INTERNAL,
        )
        count += 1
    Comment.objects.filter(author_id=user_id).update(author=None, author_name="")
    # Event.objects refuses updates (append-only); the base manager is the deliberate exception.
    Event._base_manager.filter(actor_id=user_id).update(
        actor=None, actor_label=DELETED_ACCOUNT_LABEL
    )
    return count
