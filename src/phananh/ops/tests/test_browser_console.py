"""In a real Chromium: a morning at the IOC and in a ward office, through the console alone.

The operator signs in and triages (assigns one, merges one, rejects one, asks about one); the
officer accepts and resolves with a photo; the citizen's rating reopens it; a supervisor confirms
the reopening and later approves an extension; the public page shows each step.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connections

from phananh.accounts.models import User
from phananh.conftest import jpeg_bytes
from phananh.core import clock
from phananh.publication.tests.test_browser import browser  # noqa: F401 (the fixture)
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.deadlines import report_request_extension
from phananh.reports.actions.outcome import report_rate, report_request_reopen
from phananh.reports.choices import RatingLevel, Status
from phananh.reports.models import Report


def sign_in(browser, live_server, people, key):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    user = User.objects.get(pk=people[key].user_id)
    page.goto(f"{live_server.url}/accounts/login/?next=/ops/&lang=en")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("x")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")
    return context, page


@pytest.mark.django_db(transaction=True)
def test_a_report_from_arrival_to_closing_through_the_console(
    browser,  # noqa: F811
    live_server,
    submit,
    people,
    ward_agency,
    tmp_path,
    settings,
):
    settings.MAP_TILE_URL = ""
    start = clock.now() - timedelta(hours=3)
    texts = ["Karaoke ồn ào", "Karaoke ồn ào nữa", "???", "Có vấn đề ở đâu đó"]
    reports = []
    for minutes, text in enumerate(texts):
        with clock.at(start + timedelta(minutes=minutes)):
            reports.append(submit(text=text))
    main, duplicate, nonsense, vague = reports

    operator, page = sign_in(browser, live_server, people, "operator")
    assert "/ops/triage/" in page.url
    assert page.locator("#queue tbody tr[data-code]").count() == 4
    page.locator(f"#row-{main.code} button", has_text="Assign").click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/ops/reports/{duplicate.code}/")
    page.get_by_role("button", name=f"Merge into {main.code}").click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/ops/reports/{nonsense.code}/")
    page.get_by_label("Reject because").select_option("unclear")
    page.get_by_label("Explanation for the public").fill("Không đủ thông tin để xử lý")
    page.get_by_role("button", name="Reject").click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/ops/reports/{vague.code}/")
    page.get_by_label("Ask the reporter").fill("Ở số nhà nào?")
    page.get_by_role("button", name="Ask for more information").click()
    page.wait_for_load_state("networkidle")
    statuses = dict(Report.objects.values_list("code", "status"))
    assert statuses == {
        main.code: Status.ASSIGNED,
        duplicate.code: Status.MERGED,
        nonsense.code: Status.REJECTED,
        vague.code: Status.INFO_REQUESTED,
    }
    operator.close()

    officer, page = sign_in(browser, live_server, people, "officer")
    assert "/ops/agency/" in page.url
    page.get_by_role("link", name=main.code).click()
    page.get_by_role("button", name="Accept for my agency").click()
    page.wait_for_load_state("networkidle")
    photo = tmp_path / "done.jpg"
    photo.write_bytes(jpeg_bytes((320, 240), "green").getvalue())
    page.get_by_label("Result (public)").fill("Đã lập biên bản, quán cam kết tắt loa lúc 22 giờ")
    page.get_by_label("Photos of the result").set_input_files(str(photo))
    page.get_by_role("button", name="Mark as handled").click()
    page.wait_for_load_state("networkidle")
    main.refresh_from_db()
    assert main.status == Status.RESOLVED and main.media.filter(purpose="result").exists()

    report_rate(report=main, actor=people["reporter"], level=RatingLevel.UNSATISFIED)
    report_request_reopen(
        report=main, actor=people["reporter"], reason="Vẫn hát tới 1 giờ", uploads=[jpeg_bytes()]
    )
    supervisor, page = sign_in(browser, live_server, people, "supervisor")
    page.goto(f"{live_server.url}/ops/supervision/")
    page.get_by_role("link", name=main.code).first.click()
    page.get_by_label("Reopen request: your decision (public)").fill("Chưa đạt, xử lý lại")
    page.get_by_role("button", name="Confirm: reopen, back to the agency").click()
    page.wait_for_load_state("networkidle")
    main.refresh_from_db()
    assert main.status == Status.REOPENED

    report_agency_accept(report=main, actor=people["officer"])
    report_request_extension(
        report=main,
        actor=people["officer"],
        reason="Cần phối hợp công an phường",
        new_due=clock.now() + timedelta(days=20),
    )
    page.goto(f"{live_server.url}/ops/reports/{main.code}/")
    page.get_by_role("button", name="Approve the extension").click()
    page.wait_for_load_state("networkidle")
    assert "Extension decided" in page.locator(".audit").text_content()

    page.goto(f"{live_server.url}{main.get_absolute_url()}?lang=en")
    timeline = page.locator(".timeline").text_content()
    for step in ("Referred to an agency", "Agency accepted", "Handled", "Reopened"):
        assert step in timeline
    page.wait_for_load_state("networkidle")
    for context in (officer, supervisor):
        context.close()
    connections.close_all()
