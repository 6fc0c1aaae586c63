"""What leaves the building about a report: its public face, never the reporter's identity.

Webhook payloads and forwarded reports are built here alone, from the public fields: the
masked text, category, place, agency, status, deadline and the public (metadata-free) copies of
its photos. The reporter's name, email, phone and account are never read.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from phananh.reports.choices import MediaPurpose, MediaState
from phananh.reports.models import Event, Media, Report


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def public_media(report: Report, *, event: Event | None = None) -> list[Media]:
    """The ready photos and videos of the report (or of one step), oldest first."""
    media = Media.objects.filter(report=report, state=MediaState.READY)
    media = (
        media.filter(event=event)
        if event is not None
        else media.filter(purpose=MediaPurpose.REPORT)
    )
    return list(media.order_by("created_at", "id"))


def place_text(report: Report) -> str:
    """The typed address (its masked public copy where the model keeps one), else the ward and
    the city, in the jurisdiction's language (as Open311 answers it)."""
    public = getattr(report, "public_address", None)
    typed = public if public is not None else report.address
    if typed:
        return str(typed)
    parts: list[str] = [
        report.area.name_vi if report.area_id and report.area else "",
        str(settings.CITY_NAME or ""),
    ]
    return ", ".join(part for part in parts if part)


def report_data(report: Report) -> dict[str, Any]:
    """The public face of a report."""
    return {
        "code": report.code,
        "url": absolute(report.get_absolute_url()),
        "status": report.status,
        "public_status": report.public_status,
        "category": (
            {"code": report.category.code, "name": report.category.name_vi}
            if report.category_id and report.category
            else None
        ),
        "area": (
            {"code": report.area.code, "name": report.area.name_vi}
            if report.area_id and report.area
            else None
        ),
        "agency": (
            {"code": report.agency.code, "name": report.agency.name_vi}
            if report.agency_id and report.agency
            else None
        ),
        "text": report.public_text,
        "address": place_text(report),
        "lat": report.lat,
        "lon": report.lon,
        "urgent": report.track == "urgent",
        "submitted_at": report.submitted_at.isoformat(),
        "updated_at": report.updated_at.isoformat(),
        "due_at": report.due_at.isoformat() if report.due_at else None,
        "overdue": report.is_overdue,
        "media": [
            absolute(item.public_file.url) for item in public_media(report) if item.public_file
        ],
    }


def event_data(event: Event) -> dict[str, Any]:
    """One public step of a report."""
    return {
        "id": event.pk,
        "action": event.action,
        "status": event.to_status or event.report.status,
        "note": event.public_note,
        "agency": event.agency.name_vi if event.agency_id and event.agency else None,
        "at": event.created_at.isoformat(),
        "media": [
            absolute(item.public_file.url)
            for item in public_media(event.report, event=event)
            if item.public_file
        ],
    }
