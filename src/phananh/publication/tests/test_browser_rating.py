"""In a real Chromium on a phone: the reporter rates a handled report "unsatisfied" with a photo
from the emailed link; the reopen request shows on the public page — in Vietnamese and English.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connections
from django.utils import translation

from phananh.accounts.actors import Actor
from phananh.conftest import jpeg_bytes
from phananh.publication.tests.test_browser import browser  # noqa: F401 (the fixture)
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign
from phananh.reports.models import ReopenRequest


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.django_db(transaction=True)
def test_unsatisfied_rating_with_a_photo_asks_to_reopen(
    browser,  # noqa: F811
    live_server,
    submit,
    people,
    ward_agency,
    settings,
    tmp_path,
    language,
):
    settings.SITE_URL = live_server.url
    settings.MAP_TILE_URL = ""
    report = submit(actor=Actor.anonymous(), reporter_email="lan@example.com", language=language)
    report_assign(report=report, actor=people["operator"], agency=ward_agency)
    report_agency_accept(report=report, actor=people["officer"])
    report_resolve(report=report, actor=people["officer"], result="Đã nhắc nhở chủ quán")
    link = re.search(r"https?://\S+/rate/\S+", mail.outbox[-1].body).group(0)
    photo = tmp_path / "still.jpg"
    photo.write_bytes(jpeg_bytes((320, 240), "navy").getvalue())

    with translation.override(language):
        labels = {
            "unsatisfied": translation.gettext("Unsatisfied"),
            "reopen": translation.gettext("Ask to reopen: it is not fixed"),
            "reason": translation.gettext("What is still wrong?"),
            "evidence": translation.gettext("Photos showing the problem now"),
            "send": translation.gettext("Send my rating"),
            "requested": translation.gettext("Reopening requested"),
        }
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{link}?lang={language}")
    page.get_by_label(labels["unsatisfied"]).check()
    page.get_by_label(labels["reopen"]).check()
    page.get_by_label(labels["reason"]).fill("Quán vẫn hát karaoke tới 1 giờ sáng")
    page.get_by_label(labels["evidence"]).set_input_files(str(photo))
    page.get_by_role("button", name=labels["send"]).click()
    page.wait_for_url(re.compile(rf"/reports/{report.code}/"))
    facts = page.locator("dl.facts").text_content()
    assert labels["requested"] in facts
    assert "1" in page.locator(".reopen-count").text_content()
    assert labels["requested"] in page.locator(".timeline").text_content()
    page.wait_for_load_state("networkidle")
    page.close()
    request = ReopenRequest.objects.get(report=report)
    assert request.reason == "Quán vẫn hát karaoke tới 1 giờ sáng"
    assert report.media.filter(purpose="reopen").count() == 1
    connections.close_all()
