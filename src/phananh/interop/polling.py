"""Reading back an agency's own system: its servicerequestupdates become lifecycle steps.

The worker polls every `open311` agency (`PHANANH_FORWARD_POLL_SECONDS`) from where it last
read to now (with a small overlap; each update is applied once, by its update_id). An update of
a request we forwarded becomes the agency's step (`agency_steps.py`): accepted or progress for
open / investigating / in_progress / action_scheduled, resolved with its text and photo for
fixed / closed, returned to the operations centre for not_councils_responsibility and the like —
with deadlines and scorecards exactly as for an agency working in the console.
"""

from __future__ import annotations

import io
import logging
import xml.etree.ElementTree as ET
from datetime import timedelta

from django.conf import settings

from phananh.core import clock
from phananh.core.errors import DomainError
from phananh.interop import http
from phananh.interop.agency_steps import agency_actor, agency_step, step_for_status
from phananh.interop.choices import SendMethod
from phananh.interop.models import AgencyEndpoint, Forward, ForwardUpdate
from phananh.reports.models import Event

logger = logging.getLogger(__name__)

OVERLAP = timedelta(minutes=5)
FIRST_WINDOW = timedelta(days=1)


def _text(node: ET.Element, name: str) -> str:
    found = node.find(name)
    return (found.text or "").strip() if found is not None else ""


def _photo(url: str) -> list[io.BytesIO]:
    """The result photo the agency's system points to (checked like any upload later)."""
    if not url.startswith(("http://", "https://")):
        return []
    try:
        data = http.get_bytes(url, settings.MEDIA_MAX_BYTES)
    except RuntimeError as error:
        logger.warning("forwarding: could not fetch %s: %s", url[:200], error)
        return []
    upload = io.BytesIO(data)
    upload.name = url.rsplit("/", 1)[-1][:80] or "result.jpg"
    return [upload]


def update_apply(endpoint: AgencyEndpoint, node: ET.Element) -> ForwardUpdate | None:
    """Apply one request_update of the agency's system, once; None when it is not ours."""
    remote_id = _text(node, "service_request_id")
    update_id = _text(node, "update_id")
    if not remote_id or not update_id:
        return None
    forward = (
        Forward.objects.select_related("report")
        .filter(agency=endpoint.agency, remote_id=remote_id)
        .order_by("-created_at", "-id")
        .first()
    )
    if (
        forward is None
        or ForwardUpdate.objects.filter(forward=forward, update_id=update_id).exists()
    ):
        return None
    status = _text(node, "status")
    description = _text(node, "description")
    step = step_for_status(status)
    update = ForwardUpdate(
        forward=forward,
        update_id=update_id[:100],
        status=status[:40],
        description=description,
        received_at=clock.now(),
    )
    if not step:
        update.outcome = f"status {status!r} not understood"
    else:
        before = Event.objects.filter(report=forward.report).order_by("-id").values("id").first()
        uploads = _photo(_text(node, "media_url")) if step == "resolve" else []
        actor = agency_actor(endpoint.agency, "its system")
        try:
            try:
                agency_step(
                    report=forward.report, actor=actor, step=step, text=description, uploads=uploads
                )
            except DomainError as error:
                if not uploads or not str(error.code).startswith("media_"):
                    raise
                # A photo our checks refuse does not hold the agency's result back.
                logger.warning("forwarding: %s's photo refused: %s", endpoint.agency.code, error)
                agency_step(report=forward.report, actor=actor, step=step, text=description)
        except DomainError as error:
            update.outcome = str(error.message)[:200]
        else:
            latest = Event.objects.filter(report=forward.report).order_by("-id").first()
            if latest is not None and (before is None or latest.pk != before["id"]):
                update.event = latest
            update.outcome = step
    update.save()
    return update


def endpoint_poll(endpoint: AgencyEndpoint) -> int:
    """Read the agency's updates since the last poll and apply them; returns how many applied."""
    now = clock.now()
    start = (endpoint.last_polled_at - OVERLAP) if endpoint.last_polled_at else now - FIRST_WINDOW
    params = [
        ("api_key", endpoint.open311_api_key),
        ("start_date", start.isoformat(timespec="seconds")),
        ("end_date", (now + timedelta(seconds=1)).isoformat(timespec="seconds")),
    ]
    if endpoint.open311_jurisdiction:
        params.append(("jurisdiction_id", endpoint.open311_jurisdiction))
    try:
        status, body = http.get(
            f"{endpoint.open311_url.rstrip('/')}/servicerequestupdates.xml", params
        )
        if status != 200:
            raise RuntimeError(f"HTTP {status}: {body[:200]!r}")
        root = ET.fromstring(body)  # noqa: S314 (the agency's configured system, bounded size)
    except (RuntimeError, ET.ParseError) as error:
        AgencyEndpoint.objects.filter(pk=endpoint.pk).update(last_poll_error=str(error)[:2000])
        logger.warning("forwarding: polling %s failed: %s", endpoint.agency.code, error)
        return 0
    applied = 0
    for node in root.findall("request_update"):
        update = update_apply(endpoint, node)
        if update is not None and update.event_id:
            applied += 1
    AgencyEndpoint.objects.filter(pk=endpoint.pk).update(last_polled_at=now, last_poll_error="")
    return applied


def agencies_poll() -> int:
    """Poll every agency working in its own Open311 system (the periodic job)."""
    endpoints = (
        AgencyEndpoint.objects.select_related("agency")
        .filter(method=SendMethod.OPEN311, poll_updates=True)
        .exclude(open311_url="")
    )
    return sum(endpoint_poll(endpoint) for endpoint in endpoints)
