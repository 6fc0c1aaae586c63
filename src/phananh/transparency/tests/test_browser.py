""" "Verify this timeline" in a real Chromium: an intact timeline passes; an edited row, a
deleted row and a reordered row are each named on the page."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.db import connections

from phananh.core import clock
from phananh.reports.models import Event
from phananh.transparency.services import heads_publish

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def _check(browser, url: str) -> tuple[str, list[str]]:
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="en-US")
    page.goto(url)
    page.get_by_role("button", name="Verify this timeline").click()
    # A function, not an expression: Playwright evaluates an expression with eval, which the
    # Content-Security-Policy refuses.
    page.wait_for_function(
        "() => ['verify-ok', 'verify-bad'].some(c => "
        "document.querySelector('.verify-result').classList.contains(c))"
    )
    text = page.locator(".verify-result").text_content()
    failed = page.locator(".timeline li.verify-failed").evaluate_all(
        "items => items.map(item => item.dataset.seq)"
    )
    page.close()
    return text, failed


@pytest.mark.django_db(transaction=True)
def test_the_page_names_the_row_that_was_touched(browser, live_server, extended):
    report = extended()
    with clock.at(clock.now() + timedelta(days=1)):
        heads_publish()
    url = f"{live_server.url}/reports/{report.code}/?lang=en"
    text, failed = _check(browser, url)
    assert text.startswith("Verified: the 7 events"), text
    assert "5 of them are in the signed daily heads" not in text  # all 7, internal ones too
    assert "7 of them are in the signed daily heads" in text and failed == []

    events = list(Event.objects.filter(report=report).order_by("seq"))
    decided = next(e for e in events if e.action == "decide_extension")
    original = decided.payload
    Event._base_manager.filter(pk=decided.pk).update(
        payload={**original, "due_at": "2030-01-01T17:00:00+07:00"}
    )
    text, failed = _check(browser, url)
    assert "does not match" in text and "Extension decided" in text, text
    assert failed == [str(decided.seq)]
    Event._base_manager.filter(pk=decided.pk).update(payload=original)

    progress = events[-1]
    accepted = next(e for e in events if e.action == "agency_accept")
    Event._base_manager.filter(pk=accepted.pk).update(created_at=progress.created_at)
    Event._base_manager.filter(pk=progress.pk).update(created_at=accepted.created_at)
    text, failed = _check(browser, url)
    assert failed == [str(accepted.seq)], text
    Event._base_manager.filter(pk=progress.pk).update(created_at=progress.created_at)
    Event._base_manager.filter(pk=accepted.pk).update(created_at=accepted.created_at)

    assigned = next(e for e in events if e.action == "assign")
    Event._base_manager.filter(pk=assigned.pk).delete()
    text, failed = _check(browser, url)
    assert "Agency accepted" in text and failed == [str(accepted.seq)], text
    connections.close_all()
