"""Agencies handle what they are given; supervisors decide extensions and reopenings; the IOC
moderates what the public sees. Each through the console's forms."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from phananh.conftest import jpeg_bytes
from phananh.core import clock
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_rate, report_request_reopen, report_resolve
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import MediaState, RatingLevel, Status
from phananh.reports.media import media_process
from phananh.reports.models import Media, Report
from phananh.sla.models import Deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(submit, people):
    return report_assign(report=submit(), actor=people["operator"])


def photo(name="result.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes((120, 90), "green").getvalue(), "image/jpeg")


def test_an_officer_accepts_reports_progress_and_resolves(client, login, assigned):
    login("officer")
    queue = client.get("/ops/agency/", HTTP_ACCEPT_LANGUAGE="en").text
    assert assigned.code in queue
    client.post(f"/ops/reports/{assigned.code}/accept/")
    client.post(f"/ops/reports/{assigned.code}/progress/", {"note": "Chỉ IOC biết"})
    client.post(
        f"/ops/reports/{assigned.code}/progress/", {"note": "Đã nhắc nhở chủ quán", "public": "1"}
    )
    response = client.post(
        f"/ops/reports/{assigned.code}/resolve/",
        {"result": "Quán đã cam kết tắt loa lúc 22 giờ", "uploads": [photo()]},
    )
    assert response.status_code == 302
    report = Report.objects.get(pk=assigned.pk)
    assert report.status == Status.RESOLVED
    assert report.media.filter(purpose="result").count() == 1
    client.logout()
    public = client.get(report.get_absolute_url()).text
    assert "Đã nhắc nhở chủ quán" in public and "Quán đã cam kết" in public
    assert "Chỉ IOC biết" not in public


def test_a_head_puts_an_officer_in_charge(client, login, assigned, people):
    login("head")
    page = client.get(f"/ops/reports/{assigned.code}/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Officer in charge" in page
    client.post(
        f"/ops/reports/{assigned.code}/assign_officer/", {"officer": people["officer"].user_id}
    )
    assert Report.objects.get(pk=assigned.pk).officer_id == people["officer"].user_id
    login("officer")
    response = client.post(
        f"/ops/reports/{assigned.code}/assign_officer/", {"officer": people["officer"].user_id}
    )
    assert response.status_code == 403  # officers do not assign each other


def test_extension_requested_by_the_agency_approved_by_a_supervisor(client, login, assigned):
    login("officer")
    client.post(f"/ops/reports/{assigned.code}/accept/")
    new_due = (clock.now() + timedelta(days=30)).date().isoformat()
    client.post(
        f"/ops/reports/{assigned.code}/request_extension/",
        {"new_due": new_due, "reason": "Cần đặt mua vật tư"},
    )
    login("supervisor")
    page = client.get("/ops/supervision/", HTTP_ACCEPT_LANGUAGE="en").text
    assert assigned.code in page and "Cần đặt mua vật tư" in page
    client.post(
        f"/ops/reports/{assigned.code}/decide_extension/", {"approve": "1", "note": "Đồng ý"}
    )
    resolution = Deadline.objects.get(report=assigned, step="resolution")
    assert resolution.due_at.date().isoformat() == new_due


def test_a_citizens_reopen_request_confirmed_by_a_supervisor(client, login, assigned, people):
    report_agency_accept(report=assigned, actor=people["officer"])
    report = report_resolve(report=assigned, actor=people["officer"], result="Xong")
    report_rate(report=report, actor=people["reporter"], level=RatingLevel.UNSATISFIED)
    report_request_reopen(
        report=report, actor=people["reporter"], reason="Vẫn ồn", uploads=[jpeg_bytes()]
    )
    login("supervisor")
    assert report.code in client.get("/ops/supervision/").text
    client.post(f"/ops/reports/{report.code}/reopen/", {"note": "Kiểm tra lại"})
    assert Report.objects.get(pk=report.pk).status == Status.REOPENED


def test_moderation_of_the_public_text_and_photos(client, login, submit, people):
    report = submit(uploads=[jpeg_bytes((200, 150), "white"), jpeg_bytes((200, 150), "blue")])
    for media in report.media.all():
        media_process(media_id=media.pk)
    report = report_assign(report=report, actor=people["operator"])
    first, second = report.media.order_by("id")
    before = first.public_file.read()
    login("operator")
    client.post(
        f"/ops/reports/{report.code}/edit_public_text/",
        {"public_text": "Karaoke ồn ào ở kiệt 5", "reason": "Bỏ tên người"},
    )
    client.post(
        f"/ops/reports/{report.code}/media_mask/",
        {"media": first.pk, "masks": "0,0,50,50", "reason": "Biển số xe"},
    )
    client.post(
        f"/ops/reports/{report.code}/media_hide/", {"media": second.pk, "reason": "Mặt người"}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.state == MediaState.HIDDEN
    after = first.public_file.read()
    assert after != before
    with Image.open(io.BytesIO(after)) as image:
        assert image.convert("RGB").getpixel((10, 10)) == (0, 0, 0)  # covered
        assert image.convert("RGB").getpixel((190, 140))[0] > 200  # untouched
    assert first.original.size > 0  # the original stays for the audit
    client.logout()
    public = client.get(report.get_absolute_url()).text
    assert "Karaoke ồn ào ở kiệt 5" in public
    assert second.public_file.url not in public
    assert Media.objects.filter(report=report).count() == 2
