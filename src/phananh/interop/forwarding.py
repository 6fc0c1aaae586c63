"""Forwarding a report to an agency's own system, through the outbox.

An agency whose send method (`AgencyEndpoint`, set in the admin) is not `console` gets each
report referred to it (and each reopening) sent by a fan-out subscriber: one `Forward` row per
step, and one outbox row, so the sending has the outbox's retries and, when it keeps failing,
its IOC alert; the report's workspace shows the forward and its state.

* `open311`: POST requests.xml to the agency's endpoint with FixMyStreet's field names
  (api_key, jurisdiction_id, service_code mapped from our category, description, lat/long or
  address_string, the category's attribute[code] answers, photos as photo1 … photoN parts —
  the public copies), an Idempotency-Key per forward, and the agency's service_request_id kept
  as `remote_id`; a reopening is posted to its servicerequestupdates. Its updates come back by
  polling (`polling.py`).
* `email`: the report, its photos attached and a signed link where the agency answers without
  an account (`views.answer`).

What is sent is the agency's view: the masked text, the place, the photos — never the
reporter's identity (`payloads.py`).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from phananh.core import clock
from phananh.core.dates import moment_text
from phananh.interop import http
from phananh.interop.choices import ForwardState, SendMethod
from phananh.interop.models import AgencyEndpoint, Forward
from phananh.interop.payloads import absolute, place_text, public_media
from phananh.notifications.adapters import DeliveryRefused
from phananh.notifications.services import notification_queue
from phananh.reports import lifecycle
from phananh.reports.choices import Action
from phananh.reports.models import Event

if TYPE_CHECKING:
    from phananh.notifications.models import Notification

logger = logging.getLogger(__name__)

OPEN311_CHANNEL = "forward_open311"
EMAIL_CHANNEL = "forward_email"
KIND = "forward"
FORWARDED_ACTIONS = (Action.ASSIGN, Action.REOPEN)
ANSWER_SALT = "phananh.interop.answer"
ANSWER_MAX_AGE = 90 * 24 * 3600


def forward_wants(event: Event, row: lifecycle.Transition) -> bool:
    return event.action in FORWARDED_ACTIONS


def forward_on_event(event: Event) -> Forward | None:
    """Queue the report's sending to its agency's system, once per step (safe to run twice)."""
    report = event.report
    agency_id = event.agency_id or report.agency_id
    if agency_id is None:
        return None
    endpoint = (
        AgencyEndpoint.objects.select_related("agency")
        .filter(agency_id=agency_id)
        .exclude(method=SendMethod.CONSOLE)
        .first()
    )
    if endpoint is None:
        return None
    forward, _created = Forward.objects.get_or_create(
        event=event,
        defaults={
            "report": report,
            "agency_id": agency_id,
            "method": endpoint.method,
            "created_at": clock.now(),
        },
    )
    if forward.notification_id:
        return forward
    if endpoint.method == SendMethod.EMAIL:
        channel, to = EMAIL_CHANNEL, endpoint.email or endpoint.agency.email
    else:
        channel, to = OPEN311_CHANNEL, endpoint.agency.code
    notification = notification_queue(
        to=to or endpoint.agency.code,
        subject=f"{report.code} → {endpoint.agency.code}",
        body=str(forward.pk),
        kind=KIND,
        dedupe_key=f"forward:{event.pk}",
        report_id=report.pk,
        channel=channel,
    )
    if notification is not None:
        forward.notification = notification
        forward.save(update_fields=["notification"])
    return forward


def _forward_of(notification: Notification) -> Forward:
    forward = (
        Forward.objects.select_related(
            "report", "report__category", "report__area", "agency", "agency__endpoint", "event"
        )
        .filter(pk=int(notification.body or 0))
        .first()
    )
    if forward is None:
        raise DeliveryRefused("the forward was removed")
    return forward


def _description(forward: Forward) -> str:
    report = forward.report
    lines = [report.public_text]
    if forward.event.action == Action.REOPEN and forward.event.public_note:
        lines.append(forward.event.public_note)
    lines.append(f"url: {absolute(report.get_absolute_url())}")
    return "\n\n".join(line for line in lines if line)


def _photo_parts(forward: Forward) -> list[http.FilePart]:
    parts: list[http.FilePart] = []
    for number, item in enumerate(public_media(forward.report)[:5], start=1):
        if item.kind != "photo" or not item.public_file:
            continue
        with item.public_file.open("rb") as handle:
            data = handle.read()
        parts.append((f"photo{number}", f"{forward.report.code}.{number}.jpg", "image/jpeg", data))
    return parts


def _answer_error(status: int, body: bytes) -> Exception:
    detail = body[:300].decode("utf-8", "replace").strip()
    message = f"the agency's system answered HTTP {status}: {detail}"
    if 400 <= status < 500 and status not in (408, 429):
        return DeliveryRefused(message)
    return RuntimeError(message)


def _first(root: ET.Element, path: str) -> str:
    found = root.find(path)
    return (found.text or "").strip() if found is not None else ""


def _request_id(endpoint: AgencyEndpoint, body: bytes) -> str:
    try:
        root = ET.fromstring(body)  # noqa: S314 (the agency's configured system, bounded size)
    except ET.ParseError as error:
        raise RuntimeError(f"the agency's answer is not XML: {body[:200]!r}") from error
    request_id = _first(root, "request/service_request_id")
    token = _first(root, "request/token")
    if not request_id and token:
        status, answer = http.get(
            f"{endpoint.open311_url.rstrip('/')}/tokens/{token}.xml",
            [("jurisdiction_id", endpoint.open311_jurisdiction)],
        )
        if status == 200:
            request_id = _first(ET.fromstring(answer), "request/service_request_id")  # noqa: S314
    if not request_id:
        raise RuntimeError("the agency's system gave no service_request_id yet")
    return request_id


def _earlier_remote_id(forward: Forward) -> str:
    earlier = (
        Forward.objects.filter(report=forward.report, agency=forward.agency)
        .exclude(remote_id="")
        .exclude(pk=forward.pk)
        .order_by("-created_at", "-id")
        .first()
    )
    return earlier.remote_id if earlier else ""


def _sent(forward: Forward, remote_id: str) -> None:
    forward.remote_id = remote_id[:100]
    forward.state = ForwardState.SENT
    forward.sent_at = clock.now()
    forward.save(update_fields=["remote_id", "state", "sent_at"])


def send_open311(notification: Notification) -> None:
    """The outbox adapter for `open311` agencies (see the module's docstring)."""
    forward = _forward_of(notification)
    if forward.state == ForwardState.SENT:
        return
    endpoint = getattr(forward.agency, "endpoint", None)
    if endpoint is None or not endpoint.open311_url:
        raise DeliveryRefused(f"{forward.agency.code} has no Open311 endpoint configured")
    base = endpoint.open311_url.rstrip("/")
    common = [("api_key", endpoint.open311_api_key)]
    if endpoint.open311_jurisdiction:
        common.append(("jurisdiction_id", endpoint.open311_jurisdiction))
    report = forward.report
    earlier = _earlier_remote_id(forward) if forward.event.action == Action.REOPEN else ""
    if earlier:
        status, body = http.post(
            f"{base}/servicerequestupdates.xml",
            [
                *common,
                ("service_request_id", earlier),
                ("status", "OPEN"),
                ("description", _description(forward)),
                ("update_id", f"phananh-{forward.event_id}"),
                ("updated_datetime", forward.event.created_at.isoformat()),
            ],
        )
        if not 200 <= status < 300:
            raise _answer_error(status, body)
        _sent(forward, earlier)
        return
    fields = [
        *common,
        (
            "service_code",
            endpoint.service_code_for(report.category.code if report.category else ""),
        ),
        ("description", _description(forward)),
    ]
    for code, value in sorted((report.attributes or {}).items()):
        if code.startswith("_"):  # our own keeping (a client's media_url), not an answer
            continue
        for item in value if isinstance(value, list) else [value]:
            fields.append((f"attribute[{code}]", str(item)))
    if report.has_point:
        fields += [("lat", f"{report.lat:.6f}"), ("long", f"{report.lon:.6f}")]
    else:
        fields.append(("address_string", place_text(report)))
    status, body = http.post(
        f"{base}/requests.xml",
        fields,
        files=_photo_parts(forward),
        headers={"Idempotency-Key": f"phananh-forward-{forward.pk}"},
    )
    if not 200 <= status < 300:
        raise _answer_error(status, body)
    _sent(forward, _request_id(endpoint, body))


def answer_token(forward: Forward) -> str:
    """The signed part of the link where an email agency answers without an account."""
    return signing.dumps({"f": forward.pk, "r": forward.report_id}, salt=ANSWER_SALT)


def forward_from_token(token: str) -> Forward | None:
    try:
        data = signing.loads(token, salt=ANSWER_SALT, max_age=ANSWER_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        Forward.objects.select_related("report", "agency")
        .filter(pk=data.get("f"), report_id=data.get("r"))
        .first()
    )


def _email_body(forward: Forward, link: str) -> str:
    report = forward.report
    due = moment_text(report.due_at)
    lines = [
        _("The operations centre referred report %(code)s to %(agency)s.")
        % {"code": report.code, "agency": forward.agency.name},
        "",
        _("Category: %(category)s")
        % {"category": report.category.name if report.category else "-"},
        _("Place: %(place)s") % {"place": place_text(report)},
    ]
    if report.has_point:
        lines.append(f"{report.lat:.6f}, {report.lon:.6f}")
    lines += [
        _("Due: %(due)s") % {"due": due},
        "",
        report.public_text,
        "",
        _("Accept it, post progress or the result (with photos) here, no account needed:"),
        link,
        "",
        _("Or reply to this email: your reply is published as the agency's progress."),
        absolute(report.get_absolute_url()),
    ]
    return "\n".join(lines)


def send_email(notification: Notification) -> None:
    """The outbox adapter for `email` agencies: the report, its photos, the answer link."""
    forward = _forward_of(notification)
    link = absolute(reverse("interop:answer", args=[answer_token(forward)]))
    with override(settings.LANGUAGE_CODE):
        subject = _("[%(code)s] Report referred to %(agency)s") % {
            "code": forward.report.code,
            "agency": forward.agency.name,
        }
        body = _email_body(forward, link)
    headers = {"Auto-Submitted": "auto-generated"}
    if settings.INTAKE_EMAIL:
        headers["Reply-To"] = settings.INTAKE_EMAIL
    message = EmailMessage(subject=subject, body=body, to=[notification.to], headers=headers)
    for part in _photo_parts(forward):
        message.attach(part[1], part[3], part[2])
    if message.send() != 1:
        raise RuntimeError("the mail backend did not accept the message")
    _sent(forward, "")
