"""Every page under the Content-Security-Policy, in a real Chromium: no violation anywhere.

The policy allows nothing inline, so a page that still had an inline script or style, or loaded
something from another origin, would report a violation here (and break for visitors). The map
tiles' host (PHANANH_MAP_TILE_URL) is allowed: with the default tiles the pages ask for them
(there is no internet here, so they fail to load, but not because of the policy).
"""

from __future__ import annotations

import pytest
from django.db import connections

from phananh.accounts.models import User
from phananh.ops.tests.test_browser_console import sign_in
from phananh.publication.tests.test_browser import browser  # noqa: F401 (the fixture)
from phananh.reports.actions.triage import report_assign

# Collect violations the page sees (Playwright's init scripts are not subject to the policy).
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def _visit(page, url: str, messages: list[str]) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__violations")
    return found + [m for m in messages if "Content Security Policy" in m]


@pytest.mark.django_db(transaction=True)
def test_no_page_breaks_the_content_security_policy(
    browser,  # noqa: F811
    live_server,
    submit,
    people,
    ward_agency,
    settings,
):
    settings.SITE_URL = live_server.url
    User.objects.filter(pk=people["admin"].user_id).update(is_staff=True, is_superuser=True)
    report = report_assign(report=submit(), actor=people["operator"])
    pending = submit()
    public = [
        "/",
        "/reports/",
        f"/reports/{report.code}/",
        "/report/new/",
        "/agencies/",
        "/agencies/methodology/",
        "/accounts/login/",
        "/accounts/signup/",
        "/api/v1/docs",
        "/offline/",
    ]
    staff = [
        "/ops/triage/",
        f"/ops/reports/{pending.code}/",
        f"/ops/reports/{report.code}/",
        "/ops/switchboard/",
        "/ops/supervision/",
        "/ops/dashboard/",
        "/admin/",
        "/admin/reports/report/",
        "/admin/accounts/signinfailure/",
    ]
    anonymous = browser.new_context(locale="en-US")
    page = anonymous.new_page()
    page.add_init_script(LISTEN)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    response = page.goto(f"{live_server.url}/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    for url in public:
        assert _visit(page, f"{live_server.url}{url}", messages) == [], url
    anonymous.close()

    context, page = sign_in(browser, live_server, people, "admin")
    page.add_init_script(LISTEN)
    page.on("console", lambda message: messages.append(message.text))
    for url in staff:
        assert _visit(page, f"{live_server.url}{url}", messages) == [], url
    # The pages that draw a map did ask for the tiles' host.
    context.close()
    connections.close_all()
