"""Taking part in a published report: comments (and reporting abusive ones), "me too", following.

These writes leave no timeline event: they are not steps of the city's handling, and their own
rows (`Comment`, `CommentFlag`, `Support`, `Follower`) are the record, with who and when. A
comment hidden or restored by a moderator is an event (`reports/actions/moderation.py`).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import override

from phananh.accounts.actors import Actor
from phananh.accounts.selectors import user_email, user_language
from phananh.core import clock
from phananh.core.errors import ActionNotAllowed, InvalidInput, InvalidTransition
from phananh.notifications.services import IOC_DESK, notification_queue, staff_alert
from phananh.notifications.templates import StaffAlert
from phananh.reports import privacy
from phananh.reports.actions._base import checked_text, report_action
from phananh.reports.models import Comment, CommentFlag, Follower, Report, Support
from phananh.reports.notices.followers import follower_link

COMMENT_MAX = 2000
COMMENT_AUTO_HIDE_FLAGS = 3


@report_action
def comment_add(*, report: Report, actor: Actor, text: str, author_name: str = "") -> Comment:
    """A signed-in person comments on a published report (or an integrator's key, for a
    person who wrote on its platform: shown under `author_name`, never an address)."""
    if actor.user_id is None and actor.api_key_id is None:
        raise ActionNotAllowed(_("Sign in to comment."), code="login_required")
    if not report.is_published:
        raise InvalidTransition(_("Comments open once the report is published."), code="closed")
    comment = Comment.objects.create(
        report=report,
        author_id=actor.user_id,
        # Only a name the person chose for their comments; else the page says "a resident".
        author_name=privacy.mask(author_name.strip()[:150]) or privacy.comment_name(actor.user_id),
        text=privacy.mask(checked_text(text, field="text", max_length=COMMENT_MAX)),
        created_at=clock.now(),
    )
    Report.objects.filter(pk=report.pk).update(comments_count=F("comments_count") + 1)
    return comment


@report_action
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
                reason=checked_text(reason, field="reason", required=False, max_length=200),
                created_at=clock.now(),
            )
    except IntegrityError:
        return False
    comment = Comment.objects.select_for_update().select_related("report").get(pk=comment.pk)
    comment.flags_count += 1
    fields = ["flags_count"]
    if comment.flags_count >= COMMENT_AUTO_HIDE_FLAGS and not comment.is_hidden:
        comment.is_hidden = True
        comment.hidden_reason = _("Hidden after several abuse reports, until a moderator decides.")
        fields += ["is_hidden", "hidden_reason"]
    comment.save(update_fields=fields)
    if comment.flags_count == 1:
        report = comment.report
        staff_alert(
            StaffAlert.COMMENT_FLAGGED,
            to=[(None, IOC_DESK)],
            values={
                "code": report.code,
                "text": comment.text[:500],
                "url": f"{settings.SITE_URL}{report.get_absolute_url()}#comment-{comment.pk}",
            },
            dedupe_key=f"comment-flag:{comment.pk}",
            report_id=report.pk,
        )
    return True


@report_action
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


@report_action
def report_follow(*, report: Report, actor: Actor, email: str = "", language: str = "") -> bool:
    """Follow a published report; returns True when the follower is confirmed already.

    Signed in: the account's address, confirmed at once. Otherwise the address gets a link to
    confirm first, so nobody can sign someone else up. The emails are in `language` (the page's;
    without one, the account's, else the site's).
    """
    if language not in dict(settings.LANGUAGES):
        language = user_language(actor.user_id) if actor.user_id else settings.LANGUAGE_CODE
    if not report.is_published:
        raise InvalidTransition(_("Reports can be followed once published."), code="closed")
    if actor.user_id is not None:
        email = user_email(actor.user_id)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvalidInput(
            _("Enter a valid email address."), code="bad_email", fields={"email": "invalid"}
        ) from error
    now = clock.now()
    follower = Follower.objects.filter(report=report, email=email).first()
    if follower is None:
        try:
            with transaction.atomic():
                follower = Follower.objects.create(
                    report=report,
                    email=email,
                    user_id=actor.user_id,
                    created_at=now,
                    language=language,
                )
        except IntegrityError:
            follower = Follower.objects.get(report=report, email=email)
    if follower.language != language:  # following again from a page in the other language
        Follower.objects.filter(pk=follower.pk).update(language=language)
    if follower.confirmed_at:
        return True
    if actor.user_id is not None:
        _confirm(follower, now)
        return True
    with override(language):
        notification_queue(
            to=email,
            subject=_("Confirm that you follow report %(code)s") % {"code": report.code},
            body=_(
                "To get an email each time report %(code)s moves, confirm here:\n%(link)s\n\n"
                "If you did not ask for this, ignore this message."
            )
            % {
                "code": report.code,
                "link": follower_link("publication:report-follow-confirm", report, follower),
            },
            kind="follow_confirmation",
            dedupe_key=f"follow-confirm:{follower.pk}",
            report_id=report.pk,
        )
    return False


def _confirm(follower: Follower, now: datetime) -> None:
    updated = Follower.objects.filter(pk=follower.pk, confirmed_at__isnull=True).update(
        confirmed_at=now
    )
    if updated:
        Report.objects.filter(pk=follower.report_id).update(
            followers_count=F("followers_count") + 1
        )


@report_action
def report_follow_confirm(*, follower_id: int) -> Follower | None:
    """The address followed its confirmation link (twice-safe)."""
    follower = Follower.objects.select_related("report").filter(pk=follower_id).first()
    if follower is not None:
        _confirm(follower, clock.now())
    return follower


@report_action
def report_unfollow(*, follower_id: int) -> Follower | None:
    """Stop the emails (the one-click link in each of them)."""
    follower = Follower.objects.select_related("report").filter(pk=follower_id).first()
    if follower is None:
        return None
    if follower.confirmed_at:
        Report.objects.filter(pk=follower.report_id).update(
            followers_count=F("followers_count") - 1
        )
    follower.delete()
    return follower


def followers_move(*, source: Report, target: Report) -> None:
    """A merged duplicate's followers now follow the primary (once per address); called inside
    the merge's transaction."""
    already = Follower.objects.filter(report=target).values("email")
    moving = Follower.objects.filter(report=source).exclude(email__in=already)
    confirmed = moving.filter(confirmed_at__isnull=False).count()
    moving.update(report=target)
    if confirmed:
        Report.objects.filter(pk=target.pk).update(followers_count=F("followers_count") + confirmed)
