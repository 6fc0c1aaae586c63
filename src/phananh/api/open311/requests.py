"""What an Open311 request looks like, built from the plain rows of api/open311/selectors.py
(never a model per row: a 1000-item list reads no polygon and no JSON column)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation

from phananh.api.open311 import media, selectors
from phananh.api.open311.formats import render, render_stream


def request_data(request: HttpRequest, row: dict[str, Any], english: bool, city: str) -> dict:
    """One request of an answer (`city`: the city's name in the answer's language, read once
    per answer, not once per row: it is a lazy translation)."""
    status = selectors.open311_status(row["status"])
    typed = row["public_address"] if row["public_address"] is not None else row["address"]
    return {
        "service_request_id": row["code"],
        "status": status,
        "status_notes": row["status_notes"] or None,
        "service_name": _name(row, "category", english),
        "service_code": row["category__code"],
        "description": row["public_text"] or None,
        "agency_responsible": _name(row, "agency", english),
        "service_notice": None,
        "requested_datetime": row["requested"],
        "updated_datetime": row["updated"],
        "expected_datetime": row["expected"] if status == "open" else None,
        # interop.payloads.place_text, read from the row: the typed address, else ward and city.
        "address": str(typed) if typed else _ward_and_city(row["area__name_vi"], city),
        "address_id": None,
        "zipcode": None,
        "lat": row["lat"],
        "long": row["lon"],
        "media_url": media.request_media_url(request, row),
    }


def _name(row: dict[str, Any], relation: str, english: bool) -> str | None:
    """A related row's name in the active language (BilingualNameMixin.name), None without one."""
    name_vi = row[f"{relation}__name_vi"]
    if name_vi is None:
        return None
    return row[f"{relation}__name_en"] if english and row[f"{relation}__name_en"] else name_vi


def _ward_and_city(ward: str | None, city: str) -> str:
    return f"{ward}, {city}" if ward and city else ward or city


def _language() -> tuple[bool, str]:
    """Whether the answer is in English, and the city's name in its language."""
    english = (translation.get_language() or "vi").startswith("en")
    return english, str(settings.CITY_NAME or "")


def requests_response(request: HttpRequest, fmt: str, rows: list[dict[str, Any]]) -> HttpResponse:
    english, city = _language()
    data = [request_data(request, row, english, city) for row in rows]
    return render(fmt, data, root="service_requests", item="request")


def requests_stream(
    request: HttpRequest, fmt: str, chunks: Iterator[list[dict[str, Any]]]
) -> HttpResponseBase:
    """A list of requests from its chunks of rows (selectors.request_row_chunks): answered
    whole when it fits in the first, streamed otherwise, each chunk built as the answer is
    written."""
    english, city = _language()
    first = next(chunks, [])
    if len(first) < selectors.CHUNK_ROWS:
        return requests_response(request, fmt, first)

    def items() -> Iterator[list[dict]]:
        yield [request_data(request, row, english, city) for row in first]
        for rows in chunks:
            yield [request_data(request, row, english, city) for row in rows]

    return render_stream(fmt, items(), root="service_requests", item="request")
