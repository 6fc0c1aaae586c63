"""The lists read plain rows now, not models: their answers must stay byte for byte what the
former model-based rendering produced (external Open311 clients parse them). The reference below
is that rendering, kept verbatim: full `Report` objects with their relations and prefetches."""

from __future__ import annotations

import pytest
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.fields.json import KT
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from phananh.accounts.choices import Role
from phananh.api.open311 import media as open311_media
from phananh.api.open311 import selectors
from phananh.api.open311.formats import render
from phananh.api.open311.tests.conftest import BASE, LAT, LON
from phananh.conftest import file_report, jpeg_bytes
from phananh.interop.payloads import place_text
from phananh.reports.actions.agency import report_agency_accept, report_progress
from phananh.reports.actions.intake import MEDIA_URL_ATTRIBUTE
from phananh.reports.choices import Channel, MediaPurpose, MediaState, Visibility
from phananh.reports.media import media_process
from phananh.reports.models import Event, Media, Report
from phananh.reports.selectors import report_list_public


def _former_rows(reports):
    note = Subquery(
        Event.objects.filter(report=OuterRef("pk"), visibility=Visibility.PUBLIC)
        .exclude(public_note="")
        .order_by("-created_at", "-id")
        .values("public_note")[:1]
    )
    media = Media.objects.filter(purpose=MediaPurpose.REPORT).order_by("created_at", "id")
    return list(
        reports.annotate(
            status_notes=note, client_media_url=KT(f"attributes__{MEDIA_URL_ATTRIBUTE}")
        ).prefetch_related(
            Prefetch("media", media.filter(state=MediaState.READY), to_attr="ready_media"),
            Prefetch("media", media.filter(state=MediaState.PENDING), to_attr="pending_media"),
        )
    )


def _former_media_url(request, report):
    ready = open311_media.media_url(request, report.ready_media)
    if ready:
        return ready
    if report.pending_media:
        return request.build_absolute_uri(
            reverse(
                "open311:media",
                kwargs={"code": report.code, "media_id": report.pending_media[0].pk},
            )
        )
    return str(report.client_media_url) if report.client_media_url else None


def _former_data(request, report):
    status = selectors.open311_status(report.status)
    return {
        "service_request_id": report.code,
        "status": status,
        "status_notes": getattr(report, "status_notes", None) or None,
        "service_name": report.category.name if report.category else None,
        "service_code": report.category.code if report.category else None,
        "description": report.public_text or None,
        "agency_responsible": report.agency.name if report.agency else None,
        "service_notice": None,
        "requested_datetime": report.submitted_at,
        "updated_datetime": report.updated_at,
        "expected_datetime": report.due_at if status == "open" else None,
        "address": place_text(report),
        "address_id": None,
        "zipcode": None,
        "lat": report.lat,
        "long": report.lon,
        "media_url": _former_media_url(request, report),
    }


@pytest.fixture
def variety(people, published, catalog, ward_agency):
    """Reports with a ready photo, a pending one, a client's link, a public note, no category
    or agency, no typed address, in both languages' names."""

    def with_photos(text: str) -> Report:
        return file_report(
            actor=people["reporter"],
            text=text,
            channel=Channel.WEB,
            category=catalog["sanitation"],
            lat=float(LAT),
            lon=float(LON),
            uploads=[jpeg_bytes(), jpeg_bytes(color="blue")],
        )

    pending = with_photos("Ảnh đang xử lý")
    ready = with_photos("Có ảnh")
    media_process(media_id=ready.media.order_by("id").first().pk)
    noted = published(text="Có ghi chú")
    report_agency_accept(report=noted, actor=people[Role.OFFICER])
    report_progress(report=noted, actor=people[Role.OFFICER], note="Đã cử đội thu gom.")
    bare = file_report(actor=people["reporter"], text="Không có danh mục", channel=Channel.EMAIL)
    Report.objects.filter(pk=bare.pk).update(
        address="", public_address=None, category=None, agency=None
    )
    linked = published(text="Ảnh của khách")
    Report.objects.filter(pk=linked.pk).update(
        attributes={MEDIA_URL_ATTRIBUTE: "https://fms.example/p/1.jpg"}, public_address=""
    )
    return [ready, pending, noted, bare, linked]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_lists_and_one_request_answer_the_former_bytes(client, variety, fmt, language):
    codes = [report.code for report in variety]
    request = RequestFactory().get("/")
    with translation.override(language):
        listed = _former_rows(report_list_public().filter(submitted_at__isnull=False))
        expected = render(
            fmt,
            [_former_data(request, report) for report in listed],
            root="service_requests",
            item="request",
        ).content
        one = _former_rows(Report.objects.filter(code=codes[1]))
        expected_one = render(
            fmt, [_former_data(request, one[0])], root="service_requests", item="request"
        ).content
    assert len(listed) >= 4  # every public one: the list really compares something
    answer = client.get(f"{BASE}/requests.{fmt}?lang={language}")
    assert answer.status_code == 200
    assert answer.content == expected
    answer_one = client.get(f"{BASE}/requests/{codes[1]}.{fmt}?lang={language}")
    assert answer_one.content == expected_one
    assert b"/media/public/" in expected  # a ready photo, and a pending one's own address:
    assert f"/open311/v2/media/{codes[1]}/".encode() in expected_one
