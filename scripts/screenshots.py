"""Walk the main pages of a running demo in Chromium: screenshots, sideways scroll, axe-core.

    .venv/bin/phananh demo --port 8712 &        # in another shell, from a scratch directory
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8712 [--shots docs/screenshots]

Prints, for each page, width and language, the page's width when wider than the screen and the
serious or critical axe-core violations; with --shots, writes the README's screenshots.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "phananh-demo"  # the demo's people.json
PUBLIC = ["/", "/reports/", "{report}", "/report/new/", "/agencies/", "/agencies/methodology/"]
SIGNED = {
    "citizen": ["/accounts/reports/"],
    "operator": ["/ops/triage/", "/ops/reports/{report}", "/ops/switchboard/"],
    "observer": ["/ops/dashboard/"],
}
# name, path, login, width, language (and an element to scroll to, after a "|")
SHOTS = [
    ("home.png", "/", None, 1366, "vi"),
    ("reports-map.png", "/reports/", None, 1366, "vi"),
    ("reports-map-phone.png", "/reports/", None, 360, "vi"),
    ("agencies.png", "/agencies/", None, 1366, "vi"),
    ("agencies-phone-en.png", "/agencies/|.scores-wrap", None, 360, "en"),
    ("report-form-phone-en.png", "/report/new/", None, 360, "en"),
    ("report-detail-phone-en.png", "{report}", None, 360, "en"),
    ("console-triage.png", "/ops/triage/", "operator", 1366, "en"),
    ("console-workspace.png", "/ops/reports/{report}", "operator", 1366, "vi"),
    ("dashboard.png", "/ops/dashboard/", "observer", 1366, "vi"),
]


def sign_in(page: Page, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(f"{login}@demo.phananh.vn")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator(
        "form.account-form button[type=submit], main form button[type=submit]"
    ).first.click()
    page.wait_for_load_state("networkidle")


def sideways(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--no-axe", action="store_true")
    parser.add_argument("--shots-only", action="store_true", help="skip the page checks")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        probe = browser.new_page()
        probe.goto(f"{base}/reports/")
        href = probe.locator(".cards a.card-link").first.get_attribute("href") or ""
        report = href
        code = re.search(r"PA-[0-9A-Z]+", href).group(0)
        probe.close()

        def url(path: str) -> str:
            path = path.replace("/ops/reports/{report}", f"/ops/reports/{code}/")
            return base + path.replace("{report}", report)

        for width in () if args.shots_only else (360, 1366):
            for lang in ("vi", "en"):
                groups = [(None, PUBLIC), *SIGNED.items()]
                for login, paths in groups:
                    context = browser.new_context(viewport={"width": width, "height": 800})
                    page = context.new_page()
                    page.goto(f"{base}/?lang={lang}")
                    if login:
                        sign_in(page, base, login)
                    for path in paths:
                        response = page.goto(url(path))
                        page.wait_for_load_state("networkidle")
                        extra = sideways(page)
                        found = [] if response and response.ok else [f"HTTP {response.status}"]
                        if not args.no_axe:
                            result = axe.run(page)
                            for violation in result.response["violations"]:
                                if violation["impact"] in ("serious", "critical"):
                                    targets = [n["target"] for n in violation["nodes"]][:3]
                                    found.append(f"{violation['id']} {targets}")
                        if extra > 0 or found:
                            problems += 1
                            print(width, lang, path, f"+{extra}px" if extra > 0 else "", found)
                    context.close()
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)
            for name, path, login, width, lang in SHOTS:
                height = 740 if width < 500 else 900
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                page.goto(f"{base}/?lang={lang}")
                if login:
                    sign_in(page, base, login)
                path, _bar, scroll = path.partition("|")
                page.goto(url(path))
                page.wait_for_load_state("networkidle")
                if scroll:
                    page.locator(scroll).first.evaluate(
                        "(el) => { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -8); }"
                    )
                page.screenshot(path=str(args.shots / name))
                context.close()
        browser.close()
    print("pages with problems:", problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
