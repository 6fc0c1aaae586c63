"""The report's followers hear about each public step the lifecycle table tells them of."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from phananh.notifications.services import notification_queue
from phananh.reports import lifecycle
from phananh.reports.choices import Visibility
from phananh.reports.models import Event, Follower, Report
from phananh.reports.tokens import follower_token


def follower_link(name: str, report: Report, follower: Follower) -> str:
    """An absolute signed link for one follower (confirm, stop)."""
    return settings.SITE_URL + reverse(name, args=[report.code, follower_token(follower.pk)])


def followers_wants(event: Event, row: lifecycle.Transition) -> bool:
    """The fan-out's condition: the table tells followers, and the step is public."""
    return row.tells.followers and event.visibility == Visibility.PUBLIC


def followers_notice(event: Event) -> int:
    """Email every confirmed follower about one public step; returns how many were queued."""
    report = event.report
    queued = 0
    for follower in Follower.objects.filter(report=report, confirmed_at__isnull=False):
        with override(follower.language):
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
                "stop": follower_link("publication:report-unfollow", report, follower),
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
