"""One language per page: every page (public, citizen, console for each role — enumerated from the
URL resolver), every email and every export, rendered in each language, holds no words of the
other one — beyond proper names (wards, agencies, the city) and what people typed.

English pages fail on words with Vietnamese letters (ă â đ ê ô ơ ư and the tone marks);
Vietnamese pages fail on English words and raw codes a reader should never see (`agency`,
`unconfirmed → new`, `anonymous`, `drainage 0,78`, `phone`, `false`).
"""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from phananh.accounts.choices import Role
from phananh.accounts.models import Agency, User
from phananh.catalog.defaults import default_category_codes
from phananh.core import clock
from phananh.geo.models import Area
from phananh.notifications.templates import (
    ReporterEvent,
    StaffAlert,
    reporter_message,
    staff_message,
)
from phananh.reports.actions.agency import report_agency_accept, report_progress
from phananh.reports.actions.deadlines import report_request_extension
from phananh.reports.actions.outcome import report_rate, report_resolve
from phananh.reports.actions.triage import (
    report_assign,
    report_merge,
    report_reject,
    report_request_info,
)
from phananh.reports.choices import Channel, Status
from phananh.reports.models import Comment, Event, Report
from phananh.reports.tokens import reporter_token

pytestmark = pytest.mark.django_db

VIETNAMESE_LETTERS = "ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ"
VIETNAMESE_WORD = re.compile(rf"\w*[{VIETNAMESE_LETTERS}]\w*", re.IGNORECASE)
WORD = re.compile(r"\w+(?:\.\w+)*")  # then only the all-ASCII ones: "toàn" is not "to"
# English a Vietnamese page must not show: everyday words, and the codes behind its labels.
ENGLISH = {
    "the", "and", "of", "by", "with", "from", "to", "for", "at", "is", "not", "yes", "no",
    "agency", "area", "table", "fixed", "anonymous", "unconfirmed", "new", "assigned",
    "in_progress", "info_requested", "returned", "resolved", "closed", "rejected", "merged",
    "reopened", "phone", "web", "switchboard", "urgent", "normal", "satisfied",
    "very_satisfied", "unsatisfied", "acceptable", "true", "false", "none", "pending",
    "ready", "failed", "public", "internal", "report", "reports", "due", "overdue", "p.m",
    "a.m", "submitted", "category", "status", "ward", "triage", "acceptance", "resolution",
    "evaluation", "running", "paused", "done", "approved", "waiting", "refused", "operator",
    "officer", "supervisor", "observer", "reporter", "system", "monitor", "resident",
}  # fmt: skip
ENGLISH |= set(default_category_codes())
# Not a language: formats, protocols, brands, our units, code points of the page.
NEUTRAL = {"email", "api", "open311", "zalo", "facebook", "messenger", "csv", "xlsx", "ioc"}
URL = re.compile(r"(https?://|/)[\w./?=&%#:;,+~-]*|[\w.+-]+@[\w.-]+")
SKIP_TAG = re.compile(r"<(script|style|svg)\b.*?</\1>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
ATTRIBUTE = re.compile(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"')
# Pages that are not pages for people (JSON, feeds, files, webhooks, the API and Open311,
# which keep codes by contract), or that only act on a POST.
NOT_A_PAGE = (
    "admin:",
    "api-v1:",
    "open311:",
    "channels:",
    "transparency:heads",
    "transparency:log",
    "transparency:key",
    "transparency:report",
    ":healthz",
    ":set_language",
    "geo:",
    "publication:report-map-data",
    "publication:report-suggest",
    "publication:report-nearby",
    "publication:manifest",
    "publication:service-worker",
    "publication:feed-",
    "campaigns:map",
    "campaigns:feed-",
    "ops:presence",
    "accounts:logout",
    ":None",
)


def visible_text(page: str) -> str:
    page = SKIP_TAG.sub(" ", page)
    attributes = " ".join(ATTRIBUTE.findall(page))
    text = TAG.sub(" ", page) + " " + attributes
    return URL.sub(" ", html.unescape(text))


def allowed_words() -> set[str]:
    """Proper names and what people typed: their words may be in either language."""
    texts: list[str] = []
    for area in Area.objects.all():
        texts += [area.name_vi, area.name_en]
    for agency in Agency.objects.all():
        texts += [agency.name_vi, agency.name_en, agency.code]
    for report in Report.objects.all():
        texts += [report.text, report.public_text, report.address, report.public_address]
        texts += [report.reporter_name, report.code, report.hidden_reason]
    for event in Event.objects.all():
        texts += [event.public_note, event.internal_note, event.actor_label]
    texts += list(Comment.objects.values_list("text", flat=True))
    texts += [user.full_name for user in User.objects.all()]
    from django.conf import settings

    # The city's name is a proper name; its service's name is not (an English page says it in
    # English: the footer and the home page's title once said "Phản ánh hiện trường").
    texts += [settings.CITY_NAME, "Tiếng Việt", "English"]
    words: set[str] = set()
    for text in texts:
        words |= {w.lower() for w in re.findall(r"\w+", text or "")}
    return words


def foreign_words(text: str, language: str, allowed: set[str]) -> list[str]:
    if language == "en":
        found = VIETNAMESE_WORD.findall(text)
    else:
        found = [w for w in WORD.findall(text) if w.isascii() and w.lower() in ENGLISH]
    return sorted({w for w in found if w.lower() not in allowed and w.lower() not in NEUTRAL})


@pytest.fixture
def city(people, submit, ward_agency, noise, phu_xuan):
    """Reports in each status, as the demo has them, with the deadlines, routing and events."""
    operator, officer, reporter = people[Role.OPERATOR], people[Role.OFFICER], people["reporter"]
    reports = {"new": submit(text="Cống ngập nước trước nhà số 3", is_anonymous=True)}
    reports["unconfirmed"] = submit(text="Rác ùn ứ chưa xác nhận", confirmed=False)
    for name in ("assigned", "progress", "resolved", "closed", "info", "rejected", "merged"):
        channel = Channel.PHONE if name == "assigned" else Channel.WEB
        reports[name] = submit(text=f"Karaoke ồn ào, {name}", channel=channel)
    for name in ("assigned", "progress", "resolved", "closed"):
        reports[name] = report_assign(report=reports[name], actor=operator, agency=ward_agency)
    for name in ("progress", "resolved", "closed"):
        reports[name] = report_agency_accept(report=reports[name], actor=officer)
    report_progress(report=reports["progress"], actor=officer, note="Đã nhắc nhở lần một")
    report_request_extension(
        report=reports["progress"],
        actor=officer,
        reason="Cần phối hợp công an",
        new_due=clock.now() + timedelta(days=20),
    )
    for name in ("resolved", "closed"):
        reports[name] = report_resolve(
            report=reports[name], actor=officer, result="Đã lập biên bản"
        )
    report_rate(report=reports["closed"], actor=reporter, level="satisfied")
    report_request_info(report=reports["info"], actor=operator, question="Số nhà mấy?")
    report_reject(report=reports["rejected"], actor=operator, reason="Trùng", reason_code="unclear")
    report_merge(report=reports["merged"], actor=operator, into=reports["assigned"])
    return reports


def pages(reports: dict[str, Report]) -> list[tuple[str, str]]:
    """(name, path) of every page the resolver knows, its arguments taken from the fixtures."""
    from django.urls import reverse

    args = {
        "code": reports["progress"].code,
        "token": reporter_token(reports["resolved"].pk),
        "slug": "none",
        "pk": 1,
        "comment_id": 1,
        "action": "assign",
        "fmt": "csv",
        "uidb64": "x",
    }
    found: list[tuple[str, str]] = []

    def walk(resolver, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                walk(entry, entry.namespace or namespace)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}"
                if name.startswith(NOT_A_PAGE):
                    continue
                keys = entry.pattern.regex.groupindex
                found.append((name, reverse(name, kwargs={k: args[k] for k in keys})))

    walk(get_resolver(), "")
    extra = [  # the same page in another state, and the rating page of a handled report
        ("publication:report-detail", f"/reports/{code.code}/")
        for key, code in reports.items()
        if key != "progress"
    ]
    extra += [("publication:report-rate", f"/reports/{reports['resolved'].code}/rate/x/")]
    extra += [("ops:report", f"/ops/reports/{report.code}/") for report in reports.values()]
    return found + extra


ROLES = [None, "reporter", Role.OPERATOR, Role.SUPERVISOR, Role.OFFICER, Role.HEAD, Role.OBSERVER]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_page_speaks_one_language(client, people, city, language):
    allowed = allowed_words()
    paths = pages(city)
    problems: list[str] = []
    seen = 0
    for role in ROLES:
        client.logout()
        if role:
            user = User.objects.get(pk=people[role].user_id)
            user.language = language
            user.save(update_fields=["language"])
            client.force_login(user)
        for name, path in paths:
            response = client.get(path, {"lang": language}, HTTP_ACCEPT_LANGUAGE=language)
            kind = response.headers.get("Content-Type", "")
            if response.status_code in (301, 302, 405) or "html" not in kind:
                continue
            seen += 1
            words = foreign_words(visible_text(response.text), language, allowed)
            if words:
                text = visible_text(response.text)
                where = [text[max(0, text.find(w) - 40) : text.find(w) + 40] for w in words[:3]]
                problems.append(f"{role or 'visitor'} {name} {path}: {words[:12]} {where}")
    assert seen > 60
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_email_speaks_one_language(city, language):
    allowed = allowed_words()
    report = city["progress"]
    values = {
        "code": report.code,
        "url": "https://example.org/r",
        "rate_url": "https://example.org/rate",
        "agency": report.agency.name,
        "due": report.due_at,
        "question": "Q",
        "result": "R",
        "reason": "R",
        "into": "PA-X",
        "intake": "intake@example.org",
        "note": "",
    }
    problems = []
    for event in ReporterEvent:
        for channel in ("email", "sms", "zalo"):
            with translation.override(language):
                from phananh.core.dates import moment_text

                filled = {k: moment_text(v) if k == "due" else v for k, v in values.items()}
            message = reporter_message(event, language=language, channel=channel, values=filled)
            text = f"{message.subject}\n{message.body}"
            words = foreign_words(text, language, allowed)
            if words or ".." in text:
                problems.append(f"{event} {channel}: {words} {text!r}")
    staff_values = {
        "code": report.code,
        "url": "u",
        "when": report.due_at,
        "step": "S",
        "text": "T",
        "count": 3,
        "category": "C",
        "area": "A",
        "hours": 24,
        "sender": "s@example.org",
        "why": "W",
        "subject": "S",
        "media": 0,
        "id": 1,
        "channel": "email",
        "kind": "K",
        "report": "",
        "to": "t@example.org",
        "attempts": 3,
        "error": "E",
        "link": "l",
    }
    for alert in StaffAlert:
        message = staff_message(alert, language=language, values=staff_values)
        text = f"{message.subject}\n{message.body}"
        words = foreign_words(text, language, allowed)
        if words or ".." in text:
            problems.append(f"{alert}: {words} {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_export_speaks_one_language(client, people, city, language, fmt):
    allowed = allowed_words()
    client.force_login(User.objects.get(pk=people[Role.OPERATOR].user_id))
    response = client.get(f"/ops/dashboard/export.{fmt}", {"lang": language})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        rows = [
            [str(v) if v is not None else "" for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    assert len(rows) > 5
    cells = " ".join(" ".join(row) for row in rows)
    words = foreign_words(URL.sub(" ", cells), language, allowed)
    assert not words, words


def test_the_checks_catch_the_other_language():
    """The detector itself: it must see what the pages once showed."""
    assert foreign_words("Hạn xử lý: 2/12", "en", set()) == ["Hạn", "lý", "xử"]
    assert foreign_words("Đơn vị: agency · unconfirmed → new · drainage 0,78", "vi", set()) == [
        "agency",
        "drainage",
        "new",
        "unconfirmed",
    ]
    assert foreign_words("Phường Phú Xuân", "en", {"phường", "phú", "xuân"}) == []
    assert Status.NEW.value in ENGLISH
