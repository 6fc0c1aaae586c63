"""What alerts say, in the subscriber's language, and only what the public may see of a report
(the masked public copies of `reports/privacy.py`: never the reporter)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, ngettext, override
from django.utils.translation import gettext as _

from phananh.alerts.choices import AlertKind
from phananh.alerts.models import AlertSubscription
from phananh.alerts.tokens import alert_token
from phananh.reports import privacy
from phananh.reports.models import Report

TEXT_LIMIT = 600
DIGEST_TEXT_LIMIT = 240
# A daily email lists at most this many reports (the newest first), then points to the list.
DIGEST_MAX = 50


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    headers: dict[str, str]


def link(name: str, subscription: AlertSubscription) -> str:
    """The absolute signed link of one subscription ("confirm" or "stop"), in its language."""
    token = alert_token(subscription.pk, name)
    path = reverse(f"alerts:{name}", args=[token])
    return f"{settings.SITE_URL}{path}?lang={subscription.language}"


def distance_label(metres: int) -> str:
    """250 m, 1 km, 2.5 km (2,5 km in Vietnamese)."""
    if metres >= 1000:
        km = f"{metres / 1000:g}"
        if (get_language() or "vi").startswith("vi"):
            km = km.replace(".", ",")
        return _("%(km)s km") % {"km": km}
    return _("%(m)d m") % {"m": metres}


def describe(subscription: AlertSubscription) -> str:
    """Where and what, in the active language: "in Phu Xuan Ward, category Noise"."""
    if subscription.kind == AlertKind.WARD and subscription.area is not None:
        where = _("in %(area)s") % {"area": subscription.area.name}
    else:
        where = _("within %(distance)s of %(lat).5f, %(lon).5f") % {
            "distance": distance_label(subscription.radius_m or 0),
            "lat": subscription.lat or 0.0,
            "lon": subscription.lon or 0.0,
        }
    if subscription.category is not None:
        return _("%(where)s, category %(what)s") % {
            "where": where,
            "what": subscription.category.name,
        }
    if subscription.category_group is not None:
        return _("%(where)s, categories of %(what)s") % {
            "where": where,
            "what": subscription.category_group.name,
        }
    return _("%(where)s, every category") % {"where": where}


def _unsubscribe_headers(stop: str) -> dict[str, str]:
    # RFC 2369 and RFC 8058: mail clients offer one-click unsubscribe by POSTing to this link.
    return {"List-Unsubscribe": f"<{stop}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _report_block(report: Report, *, limit: int) -> str:
    """A report as the public reads it: code, category, public status, masked address and text."""
    shown = privacy.report_for(report, sees=False, with_attributes=False)
    category = report.category.name if report.category is not None else _("No category yet")
    lines = [f"{report.code} · {category} · {report.public_status_label}"]
    place = ", ".join(
        part
        for part in (shown.shown_address, report.area.name if report.area is not None else "")
        if part
    )
    if place:
        lines.append(place)
    text = _clip(shown.shown_text, limit)
    if text:
        lines.append(text)
    lines.append(settings.SITE_URL + report.get_absolute_url())
    return "\n".join(lines)


def _footer(subscription: AlertSubscription, stop: str) -> str:
    return _(
        "You get this email because you asked for new reports %(what)s.\n"
        "Stop these alerts (one click): %(stop)s"
    ) % {"what": describe(subscription), "stop": stop}


def confirm_message(subscription: AlertSubscription) -> Message:
    with override(subscription.language):
        body = _(
            "Someone, hopefully you, asked for an email about new public reports %(what)s "
            "(%(frequency)s).\n\nConfirm here:\n%(link)s\n\n"
            "If you did not ask for this, ignore this message: nothing will be sent."
        ) % {
            "what": describe(subscription),
            "frequency": subscription.get_frequency_display(),
            "link": link("confirm", subscription),
        }
        return Message(_("Confirm your alerts about new reports"), body, {})


def immediate_message(subscription: AlertSubscription, report: Report) -> Message:
    with override(subscription.language):
        stop = link("stop", subscription)
        category = report.category.name if report.category is not None else _("No category yet")
        subject = _("New report %(code)s: %(category)s") % {
            "code": report.code,
            "category": category,
        }
        body = "\n\n".join(
            [
                _("A new report %(what)s:") % {"what": describe(subscription)},
                _report_block(report, limit=TEXT_LIMIT),
                "—\n" + _footer(subscription, stop),
            ]
        )
        return Message(subject, body, _unsubscribe_headers(stop))


def _list_url(subscription: AlertSubscription) -> str:
    url = settings.SITE_URL + reverse("publication:report-list")
    if subscription.kind == AlertKind.WARD and subscription.area is not None:
        url += f"?area={subscription.area.code}"
    return url


def digest_message(subscription: AlertSubscription, reports: list[Report]) -> Message:
    with override(subscription.language):
        stop = link("stop", subscription)
        count = len(reports)
        subject = ngettext(
            "%(count)d new report %(what)s", "%(count)d new reports %(what)s", count
        ) % {"what": describe(subscription), "count": count}
        blocks = [_report_block(report, limit=DIGEST_TEXT_LIMIT) for report in reports[:DIGEST_MAX]]
        if count > DIGEST_MAX:
            blocks.append(
                _("…and %(more)d more on the list of reports: %(url)s")
                % {"more": count - DIGEST_MAX, "url": _list_url(subscription)}
            )
        body = "\n\n".join(
            [
                _("New public reports since the last email (%(what)s):")
                % {"what": describe(subscription)},
                *blocks,
                "—\n" + _footer(subscription, stop),
            ]
        )
        return Message(subject, body, _unsubscribe_headers(stop))
