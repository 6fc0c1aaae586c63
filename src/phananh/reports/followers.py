"""Following a report by email: confirmed by link for visitors, at once for signed-in people;
every public step of the report then reaches its followers through the outbox.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from phananh.accounts.actors import Actor
from phananh.core import clock
from phananh.core.errors import InvalidInput, InvalidTransition
from phananh.notifications.services import notification_queue
from phananh.reports.choices import Action, Visibility
from phananh.reports.models import Event, Follower, Report
from phananh.reports.tokens import follower_token

# The public steps a follower hears about.
NOTIFIED_ACTIONS = frozenset(
    {
        Action.ASSIGN,
        Action.AGENCY_ACCEPT,
        Action.PROGRESS,
        Action.RESOLVE,
        Action.REOPEN,
        Action.CLOSE,
        Action.AUTO_CLOSE,
        Action.REJECT,
        Action.MERGE,
        Action.ESCALATE,
        Action.DECIDE_EXTENSION,
    }
)


def _link(name: str, report: Report, follower: Follower) -> str:
    return settings.SITE_URL + reverse(name, args=[report.code, follower_token(follower.pk)])


@transaction.atomic
def report_follow(*, report: Report, actor: Actor, email: str = "", language: str = "vi") -> bool:
    """Follow a published report; returns True when the follower is confirmed already.

    Signed in: the account's address, confirmed at once. Otherwise the address gets a link to
    confirm first, so nobody can sign someone else up.
    """
    if not report.is_published:
        raise InvalidTransition(_("Reports can be followed once published."), code="closed")
    if actor.user_id is not None:
        from phananh.accounts.models import User

        email = User.objects.values_list("email", flat=True).get(pk=actor.user_id)
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
                    report=report, email=email, user_id=actor.user_id, created_at=now
                )
        except IntegrityError:
            follower = Follower.objects.get(report=report, email=email)
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
                "link": _link("publication:report-follow-confirm", report, follower),
            },
            kind="follow_confirmation",
            dedupe_key=f"follow-confirm:{follower.pk}",
            report_id=report.pk,
        )
    return False


def _confirm(follower: Follower, now) -> None:
    updated = Follower.objects.filter(pk=follower.pk, confirmed_at__isnull=True).update(
        confirmed_at=now
    )
    if updated:
        Report.objects.filter(pk=follower.report_id).update(
            followers_count=F("followers_count") + 1
        )


@transaction.atomic
def report_follow_confirm(*, follower_id: int) -> Follower | None:
    """The address followed its confirmation link (twice-safe)."""
    follower = Follower.objects.select_related("report").filter(pk=follower_id).first()
    if follower is not None:
        _confirm(follower, clock.now())
    return follower


@transaction.atomic
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


def followers_notify_later(event: Event) -> None:
    """Called by the lifecycle for every event: followers hear about the public steps."""
    if event.action in NOTIFIED_ACTIONS and event.visibility == Visibility.PUBLIC:
        from phananh.reports.tasks import notify_followers

        transaction.on_commit(lambda: notify_followers.enqueue(event.pk))


def followers_notify(*, event_id: int) -> int:
    """Email every confirmed follower about one public step; returns how many were queued."""
    event = Event.objects.select_related("report", "agency").filter(pk=event_id).first()
    if event is None:
        return 0
    report = event.report
    queued = 0
    for follower in Follower.objects.filter(report=report, confirmed_at__isnull=False):
        with override(settings.LANGUAGE_CODE):
            subject = _("Report %(code)s: %(step)s") % {
                "code": report.code,
                "step": event.get_action_display(),
            }
            body = _(
                "Report %(code)s that you follow: %(step)s.\n%(note)s\n\nSee it: %(url)s\n\n"
                "Stop these emails: %(stop)s"
            ) % {
                "code": report.code,
                "step": event.get_action_display(),
                "note": event.public_note,
                "url": settings.SITE_URL + report.get_absolute_url(),
                "stop": _link("publication:report-unfollow", report, follower),
            }
        if notification_queue(
            to=follower.email,
            subject=subject,
            body=body,
            kind="report_update",
            dedupe_key=f"follow:{event.pk}:{follower.pk}",
            report_id=report.pk,
            user_id=follower.user_id,
        ):
            queued += 1
    return queued


def followers_move(*, source: Report, target: Report) -> None:
    """A merged duplicate's followers now follow the primary (once per address)."""
    already = Follower.objects.filter(report=target).values("email")
    moving = Follower.objects.filter(report=source).exclude(email__in=already)
    confirmed = moving.filter(confirmed_at__isnull=False).count()
    moving.update(report=target)
    if confirmed:
        Report.objects.filter(pk=target.pk).update(followers_count=F("followers_count") + confirmed)
