"""In a real Chromium, at 360 px and 1366 px, in Vietnamese and English: the reporter answers
the operations centre's question from the link in the real email and the timeline shows it;
the rating page shows the agency's result first; the language survives signing in.

One browser for the module, one context per test, the viewport changed between rounds.
"""

from __future__ import annotations

import os
import re

import pytest
from django.core import mail
from django.db import connections
from django.utils import translation

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.conftest import jpeg_bytes
from phananh.publication.tests.test_browser import CHROMIUM
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign, report_request_info
from phananh.reports.choices import Action, Status
from phananh.reports.models import Report

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# (language, viewport width): both languages at both widths.
ROUNDS = [("vi", 360), ("en", 1366), ("en", 360), ("vi", 1366)]
NAME, EMAIL, PHONE = "Phạm Thị Hoa", "hoa.private@example.com", "0987654321"


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, settings):
    settings.SITE_URL = live_server.url
    settings.MAP_TILE_URL = ""  # no internet here
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()
    connections.close_all()


def _sized(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def _link(kind: str, to: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [to] and f"/{kind}/" in m.body]
    return re.search(rf"https?://\S+/{kind}/\S+", message.body).group(0)


@pytest.mark.django_db(transaction=True)
def test_the_reporter_answers_from_the_email_link(page, submit, people, tmp_path, noise, phu_xuan):
    photo = tmp_path / "gate.jpg"
    photo.write_bytes(jpeg_bytes((320, 240), "green").getvalue())
    for language, width in ROUNDS:
        mail.outbox.clear()
        report = submit(
            actor=Actor.anonymous(),
            reporter_name=NAME,
            reporter_email=EMAIL,
            reporter_phone=PHONE,
            is_anonymous=True,
            language=language,
        )
        report_request_info(
            report=report, actor=people[Role.OPERATOR], question="Nhà số mấy? Which number?"
        )
        link = _link("answer", EMAIL)  # read out of the real email, in the reporter's language
        with translation.override(language):
            labels = {
                "answer": translation.gettext("Your answer"),
                "photos": translation.gettext("Photos or videos (optional)"),
                "send": translation.gettext("Send my answer"),
                "added": translation.gettext("Information added"),
                "reporter": translation.gettext("Reporter"),
            }
        _sized(page, width)
        page.goto(f"{link}?lang={language}")
        assert "Which number?" in page.locator("blockquote.question").text_content()
        _no_sideways_scroll(page)
        page.get_by_label(labels["answer"]).fill(f"Số 12, kiệt 5 — {width}px")
        page.get_by_label(labels["photos"]).set_input_files(str(photo))
        page.get_by_role("button", name=labels["send"]).click()
        page.wait_for_url(re.compile(rf"/reports/{report.code}/"), wait_until="domcontentloaded")
        entry = page.locator(".timeline li", has_text=labels["added"])
        assert f"Số 12, kiệt 5 — {width}px" in entry.text_content()
        assert labels["reporter"] in entry.locator(".by").text_content()
        assert entry.locator("img").count() == 1
        html = page.content()
        for personal in (NAME, EMAIL, PHONE):
            assert personal not in html
        report = Report.objects.get(pk=report.pk)
        assert report.status == Status.NEW
        assert report.events.filter(action=Action.ANSWER_INFO).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_rating_page_shows_the_result(page, submit, people, ward_agency):
    for language, width in ROUNDS:
        mail.outbox.clear()
        report = submit(actor=Actor.anonymous(), reporter_email=EMAIL, language=language)
        report_assign(report=report, actor=people[Role.OPERATOR], agency=ward_agency)
        report_agency_accept(report=report, actor=people[Role.OFFICER])
        report_resolve(
            report=report,
            actor=people[Role.OFFICER],
            result=f"Đã thay bóng đèn cột 12 ({language})",
            uploads=[jpeg_bytes((320, 240), "yellow")],
        )
        _sized(page, width)
        page.goto(f"{_link('rate', EMAIL)}?lang={language}")
        result = page.locator(".rate-result")
        assert f"Đã thay bóng đèn cột 12 ({language})" in result.text_content()
        with translation.override(language):
            agency = type(ward_agency).objects.get(pk=ward_agency.pk).name
        assert agency in result.text_content()
        assert result.locator("img").count() == 1
        # The result comes before the four levels.
        above = page.evaluate(
            "() => document.querySelector('.rate-result').getBoundingClientRect().bottom"
            " <= document.querySelector('input[name=level]').getBoundingClientRect().top"
        )
        assert above
        assert page.locator("input[name=level]").count() == 4
        _no_sideways_scroll(page)


@pytest.mark.django_db(transaction=True)
def test_the_language_survives_sign_in(page):
    for n, (language, width) in enumerate(ROUNDS):
        saved = "en" if language == "vi" else "vi"  # the account's saved language: the other
        user = User.objects.create_user(
            email=f"signin{n}@example.com", password="pw-12345678", language=saved
        )
        page.context.clear_cookies()
        _sized(page, width)
        page.goto(f"/reports/?lang={language}")  # browsing in one language…
        page.goto("/accounts/login/")
        assert page.locator("html").get_attribute("lang") == language
        page.locator("#id_username").fill(user.email)
        page.locator("#id_password").fill("pw-12345678")
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/accounts/reports/"))
        assert page.locator("html").get_attribute("lang") == language  # …stays after sign-in
        with translation.override(language):
            assert translation.gettext("My reports") in page.locator("h1").text_content()
        user.refresh_from_db()
        assert user.language == language  # and is saved to the account
