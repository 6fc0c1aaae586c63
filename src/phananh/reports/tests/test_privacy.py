"""No trace of the reporter outside the operations centre (docs/privacy.md).

Markers — account name and email, typed name, email and phone, caller's name and number, chat
id, the sender of an email, ID and phone numbers typed in descriptions, addresses and comments —
are planted through every channel (the portal signed in and not, the REST API with a token and
with a key, Open311, the switchboard, Messenger, email). Then every page, feed, export, API and
Open311 answer, and every message queued for staff, that an agency officer, an agency head, an
observer and an anonymous visitor can reach is read in full and searched for them. The
operations centre's own workspace is read too: it must show them (the markers are real).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core import mail
from django.test import Client

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.accounts.services import apikey_create
from phananh.api.v1.services import token_create
from phananh.channels.email_intake import email_receive
from phananh.channels.tests.conftest import (  # noqa: F401 (fixtures)
    _no_failed_messages,
    fb_location,
    fb_text,
    say,
    social,
    stub,
)
from phananh.core import clock
from phananh.notifications.models import Notification
from phananh.reports.actions.agency import report_agency_accept, report_progress
from phananh.reports.actions.outcome import report_rate, report_resolve
from phananh.reports.actions.triage import report_answer_info, report_assign, report_request_info
from phananh.reports.models import Report
from phananh.reports.tokens import reporter_token
from phananh.sla.monitor import sla_sweep

pytestmark = pytest.mark.django_db

ACCOUNT_NAME = "Zqaccount Fullname"
ACCOUNT_EMAIL = "zq.account.marker@example.com"
TYPED_NAME = "Zqtyped Person"
TYPED_EMAIL = "zq.typed.marker@example.com"
TYPED_PHONE = "0903 777 111"
CALLER_NAME = "Zqcaller Onphone"
CALLER_PHONE = "0912 444 555"
APIKEY_NAME = "Zqapikey Sender"
APIKEY_EMAIL = "zq.apikey.marker@example.com"
APIKEY_PHONE = "0988 765 432"
OPEN311_FIRST, OPEN311_LAST = "Zqopen", "Zqthreeeleven"
OPEN311_EMAIL = "zq.open311.marker@example.com"
OPEN311_PHONE = "0977 123 321"
CHAT_ID = "77001234509876"
MAIL_SENDER_NAME = "Zqmail Sender"
MAIL_SENDER = "zq.mail.sender@example.com"
# Typed in the free text of the reports themselves.
TEXT_PHONE = "0966 111 210"
TEXT_CCCD = "046203009876"
TEXT_EMAIL = "zq.desc.marker@gmail.com"
ADDRESS_PHONE = "0966 111 211"
COMMENT_PHONE = "0905 888 999"
ANSWER_PHONE = "0935 444 777"
AGENCY_NOTE_PHONE = "0914 567 123"
CHAT_PHONE = "0935 222 999"
MAIL_CCCD = "046203001111"

NAMES = [
    ACCOUNT_NAME,
    ACCOUNT_EMAIL,
    TYPED_NAME,
    TYPED_EMAIL,
    CALLER_NAME,
    APIKEY_NAME,
    APIKEY_EMAIL,
    OPEN311_FIRST,
    OPEN311_LAST,
    OPEN311_EMAIL,
    CHAT_ID,
    MAIL_SENDER_NAME,
    MAIL_SENDER,
    TEXT_EMAIL,
    TEXT_CCCD,
    MAIL_CCCD,
]
PHONES = [
    TYPED_PHONE,
    CALLER_PHONE,
    APIKEY_PHONE,
    OPEN311_PHONE,
    TEXT_PHONE,
    ADDRESS_PHONE,
    COMMENT_PHONE,
    ANSWER_PHONE,
    AGENCY_NOTE_PHONE,
    CHAT_PHONE,
]


def _needles() -> list[str]:
    needles = [n.lower() for n in NAMES]
    for phone in PHONES:
        digits = phone.replace(" ", "")
        # The number in every form it could be written back in: spaced, plain, without the 0.
        needles += [phone, digits, digits[1:], phone.replace(" ", ".")]
    return needles


def leaks(body: str) -> list[str]:
    """The markers found in this text (JSON escapes undone first)."""
    text = body.lower()
    if "\\u" in text:
        text = text.encode().decode("unicode_escape", "ignore").lower()
    return [needle for needle in _needles() if needle in text]


def _read(client: Client, url: str, **extra) -> str:
    response = client.get(url, **extra)
    assert response.status_code < 500, (url, response.status_code)
    assert response.status_code in (200, 301, 302), (url, response.status_code)
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data[:2] == b"PK":  # an XLSX export: every part of the workbook
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return data.decode("utf-8-sig", "replace")


def _email(subject: str, text: str) -> bytes:
    message = EmailMessage()
    message["From"] = f"{MAIL_SENDER_NAME} <{MAIL_SENDER}>"
    message["To"] = "phan-anh@hue.example"
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="example.com")
    message.set_content(text)
    return message.as_bytes()


@pytest.fixture
def planted(
    settings,
    people,
    noise,
    phu_xuan,
    ward_agency,
    social,  # noqa: F811
    say,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """Ten reports carrying markers, through every channel, referred to the Phú Xuân committee
    and carried through its life (accepted, progress, question and answer, result, rating,
    comments)."""
    settings.INTAKE_EMAIL = "phan-anh@hue.example"
    settings.API_RATE_PER_MINUTE = 0
    settings.API_KEY_RATE_PER_MINUTE = 0
    reporter = User.objects.get(pk=people["reporter"].user_id)
    reporter.full_name = ACCOUNT_NAME
    reporter.email = ACCOUNT_EMAIL
    reporter.save()
    description = (
        f"Karaoke ồn đến 1 giờ sáng ở kiệt 5 Lê Lợi. Gọi {TEXT_PHONE}, CCCD {TEXT_CCCD}, "
        f"email {TEXT_EMAIL}."
    )
    address = f"Kiệt 10 (gọi {ADDRESS_PHONE})"
    place = {"lat": "16.4705", "lon": "107.5760"}
    codes: list[str] = []
    with django_capture_on_commit_callbacks(execute=True):
        # The portal, signed in as the account.
        portal = Client()
        portal.force_login(reporter)
        response = portal.post(
            "/report/new/",
            {"text": description, "category": "noise", "address": address, **place},
        )
        assert response.status_code == 302, response.content[:2000]
        codes.append(Report.objects.latest("id").code)
        # The portal without an account, confirmed by the emailed link.
        response = Client().post(
            "/report/new/",
            {
                "text": description,
                "address": address,
                "name": TYPED_NAME,
                "email": TYPED_EMAIL,
                "phone": TYPED_PHONE,
                **place,
            },
        )
        assert response.status_code == 302, response.content[:2000]
        typed = Report.objects.latest("id")
        Client().get(f"/reports/{typed.code}/confirm/{reporter_token(typed.pk)}/")
        codes.append(typed.code)
        # The REST API with the account's token, and with an integrator's key.
        _token, raw_token = token_create(user=reporter, name="phone")
        response = Client().post(
            "/api/v1/reports",
            {"text": description, "address": address, **place},
            HTTP_AUTHORIZATION=f"Bearer {raw_token}",
        )
        assert response.status_code == 201, response.content
        codes.append(response.json()["report"]["code"])
        _key, raw_key = apikey_create(name="app", scopes=["reports:read", "reports:write"])
        response = Client().post(
            "/api/v1/reports",
            {
                "text": description,
                "address": address,
                "name": APIKEY_NAME,
                "email": APIKEY_EMAIL,
                "phone": APIKEY_PHONE,
                **place,
            },
            HTTP_X_API_KEY=raw_key,
        )
        assert response.status_code == 201, response.content
        codes.append(response.json()["report"]["code"])
        # Open311, as FixMyStreet sends it.
        response = Client().post(
            "/open311/v2/requests.json",
            {
                "api_key": raw_key,
                "service_code": "noise",
                "description": description,
                "address_string": address,
                "lat": "16.4705",
                "long": "107.5760",
                "first_name": OPEN311_FIRST,
                "last_name": OPEN311_LAST,
                "email": OPEN311_EMAIL,
                "phone": OPEN311_PHONE,
            },
        )
        assert response.status_code == 200, response.content
        codes.append(response.json()[0]["service_request_id"])
        # The switchboard: an operator types in a call.
        operator = Client()
        operator.force_login(User.objects.get(pk=people[Role.OPERATOR].user_id))
        response = operator.post(
            "/ops/switchboard/",
            {
                "text": description,
                "address": address,
                "name": CALLER_NAME,
                "phone": CALLER_PHONE,
                "category": "noise",
                **place,
            },
        )
        assert response.status_code == 302, response.content[:2000]
        codes.append(Report.objects.latest("id").code)
        # Messenger: a conversation that gives a phone number in the description.
        say("facebook", fb_text(CHAT_ID, "Xin chào"))
        say("facebook", fb_text(CHAT_ID, f"Karaoke ồn quá, tôi ở kiệt 5, số tôi {CHAT_PHONE}"))
        say("facebook", fb_text(CHAT_ID, "xong"))
        say("facebook", fb_location(CHAT_ID, 16.4705, 107.5760))
        say("facebook", fb_text(CHAT_ID, "Có"))
        codes.append(Report.objects.latest("id").code)
        # Email.
        email_receive(
            _email("Karaoke ồn ở Phú Xuân", f"Ồn đến 2 giờ sáng ở kiệt 5. CCCD {MAIL_CCCD}.")
        )
        codes.append(Report.objects.latest("id").code)
    assert len(set(codes)) == 8
    reports = list(Report.objects.filter(code__in=codes).order_by("id"))
    assert {r.channel for r in reports} == {
        "web",
        "app",
        "api",
        "open311",
        "phone",
        "facebook",
        "email",
    }
    operator_actor = people[Role.OPERATOR]
    officer = people[Role.OFFICER]
    account_report = reports[0]
    with django_capture_on_commit_callbacks(execute=True):
        # The account's report is asked a question and answered with contact details.
        report_request_info(report=account_report, actor=operator_actor, question="Ở đâu?")
        report_answer_info(
            report=account_report,
            actor=people["reporter"],
            answer=f"Kiệt 5, nhà thứ ba; gọi {ANSWER_PHONE}",
        )
        for report in reports:
            report_assign(report=report, actor=operator_actor, agency=ward_agency)
        for report in reports[:4]:
            report_agency_accept(report=report, actor=officer)
            report_progress(
                report=report, actor=officer, note=f"Đã liên hệ, gọi {AGENCY_NOTE_PHONE}"
            )
            report_progress(
                report=report,
                actor=officer,
                note=f"Nội bộ: người báo {AGENCY_NOTE_PHONE}",
                public=False,
            )
        report_resolve(report=account_report, actor=officer, result="Đã nhắc nhở chủ quán")
        report_rate(
            report=account_report,
            actor=people["reporter"],
            level="unsatisfied",
            comment=f"Vẫn ồn, gọi {COMMENT_PHONE}",
        )
        # The reporter comments on their own report, from the portal, signed in.
        response = portal.post(
            f"/reports/{account_report.code}/comment/",
            {"text": f"Tối qua vẫn ồn, ai cần gọi {COMMENT_PHONE}"},
        )
        assert response.status_code == 302
        # …and through the API with the token.
        response = Client().post(
            f"/api/v1/reports/{reports[2].code}/comments",
            data=json.dumps({"text": "Vẫn còn"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw_token}",
        )
        assert response.status_code == 201, response.content
    return reports


def _public_urls(reports) -> list[str]:
    urls = [
        "/",
        "/reports/",
        "/reports/?q=karaoke",
        "/feeds/reports.rss",
        "/feeds/reports.atom",
        "/reports/map.json?bbox=107.57,16.46,107.58,16.48&zoom=18",
        "/report/nearby/?lat=16.4705&lon=107.5760",
        "/agencies/",
        "/agencies/ubnd-19753/",
        "/api/v1/reports",
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        "/open311/v2/servicerequestupdates.json",
        "/open311/v2/servicerequestupdates.xml",
    ]
    for report in reports:
        urls += [
            f"/reports/{report.code}/",
            f"/api/v1/reports/{report.code}",
            f"/api/v1/reports/{report.code}/timeline",
            f"/api/v1/reports/{report.code}/comments",
            f"/open311/v2/requests/{report.code}.json",
            f"/open311/v2/requests/{report.code}.xml",
        ]
    return urls


def _assert_clean(client: Client, urls: list[str], who: str, **extra) -> int:
    read = 0
    for url in urls:
        found = leaks(_read(client, url, **extra))
        assert not found, f"{who} reads {found} at {url}"
        read += 1
    return read


def test_nobody_outside_the_operations_centre_sees_the_reporter(planted, people, ward_agency):
    reports = planted
    public = _public_urls(reports)
    read = _assert_clean(Client(), public, "anonymous")

    for role in (Role.OFFICER, Role.HEAD, Role.OBSERVER):
        client = Client()
        client.force_login(User.objects.get(pk=people[role].user_id))
        staff = [f"/ops/reports/{r.code}/" for r in reports]
        if role == Role.OBSERVER:
            staff += [
                "/ops/triage/",
                "/ops/supervision/",
                "/ops/dashboard/",
                "/ops/dashboard/export.csv",
                "/ops/dashboard/export.xlsx",
                "/ops/dashboard/export.csv?lang=en",
            ]
        else:
            staff += ["/ops/agency/", "/ops/agency/?q=karaoke"]
        read += _assert_clean(client, staff + public, role)

    # The agency's own system (Open311 key) and an integrator's read key.
    _key, agency_key = apikey_create(name="ward", scopes=["updates:write"], agency=ward_agency)
    _key, read_key = apikey_create(name="reader", scopes=["reports:read"])
    open311 = [u for u in public if u.startswith("/open311/")]
    read += _assert_clean(Client(), [f"{u}?api_key={agency_key}" for u in open311], "agency key")
    api = [u for u in public if u.startswith("/api/v1/")]
    read += _assert_clean(Client(), api, "read key", HTTP_X_API_KEY=read_key)
    # An officer's and a head's own tokens read the API as the public does.
    for role in (Role.OFFICER, Role.HEAD):
        _token, raw = token_create(user=User.objects.get(pk=people[role].user_id), name="app")
        api_as = [*api, "/api/v1/me", "/api/v1/me/reports"]
        read += _assert_clean(Client(), api_as, f"{role} token", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert read > 150


def test_the_operations_centre_does_see_the_reporter(planted, people):
    """The control: the markers are there, for those who must call back."""
    client = Client()
    client.force_login(User.objects.get(pk=people[Role.OPERATOR].user_id))
    seen = " ".join(_read(client, f"/ops/reports/{r.code}/") for r in planted).lower()
    for marker in (ACCOUNT_EMAIL, TYPED_NAME, TYPED_EMAIL, CALLER_NAME, APIKEY_EMAIL):
        assert marker.lower() in seen
    for phone in (TYPED_PHONE, CALLER_PHONE, TEXT_PHONE, ADDRESS_PHONE, OPEN311_PHONE):
        assert phone in seen
    assert TEXT_CCCD in seen and MAIL_SENDER in seen


def test_the_agency_reads_the_reporter_as_the_reporter(planted, people):
    client = Client()
    client.force_login(User.objects.get(pk=people[Role.OFFICER].user_id))
    page = _read(client, f"/ops/reports/{planted[0].code}/")
    # The account's own steps: sent, answered, rated.
    assert page.count("the reporter") + page.count("người phản ánh") >= 3
    # The masked description and address.
    assert "*** *** ***" in page and "Kiệt 10" in page


def test_staff_messages_name_nobody(planted, people, settings, django_capture_on_commit_callbacks):
    """Reminders and escalations to the agency and observers carry no marker."""
    with (
        django_capture_on_commit_callbacks(execute=True),
        clock.at(clock.now() + timedelta(days=30)),
    ):
        sla_sweep()
    staff = {
        User.objects.get(pk=people[role].user_id).email
        for role in (Role.OFFICER, Role.HEAD, Role.OBSERVER, Role.SUPERVISOR)
    }
    messages = list(Notification.objects.filter(to__in=staff))
    assert messages, "the sweep wrote to the agency"
    for message in messages:
        assert not leaks(f"{message.subject}\n{message.body}"), message.body
    for sent in mail.outbox:
        if set(sent.to) & staff:
            assert not leaks(f"{sent.subject}\n{sent.body}")


def test_comments_are_signed_by_a_chosen_name_only(planted, people):
    comments = [c for r in planted for c in r.comments.all()]
    assert comments and all(c.author_name == "" for c in comments)
    page = _read(Client(), f"/reports/{planted[0].code}/")
    assert ACCOUNT_NAME.lower() not in page.lower()
    assert "Người dân" in page or "A resident" in page
    reporter = User.objects.get(pk=people["reporter"].user_id)
    client = Client()
    client.force_login(reporter)
    response = client.post(
        "/accounts/settings/",
        {"comment_name": "Cô Ba kiệt 5", "language": "vi", "wanted": []},
    )
    assert response.status_code == 302, response.content[:2000]
    client.post(f"/reports/{planted[0].code}/comment/", {"text": "Cảm ơn"})
    assert re.search("Cô Ba kiệt 5", _read(Client(), f"/reports/{planted[0].code}/"))


def test_the_migration_masks_what_was_stored_before(submit, people):
    """Rows written before the masked address existed get one, and their public copies are
    masked again with the masker that also finds ID numbers."""
    import importlib

    from django.apps import apps

    from phananh.reports.models import Comment, Event

    migration = importlib.import_module("phananh.reports.migrations.0012_report_public_address")
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    old_text = f"Ồn quá. CCCD {TEXT_CCCD}"
    Report.objects.filter(pk=report.pk).update(
        public_address=None, address=f"Kiệt 10 (gọi {ADDRESS_PHONE})", public_text=old_text
    )
    event = report.events.filter(action="assign").get()
    Event._base_manager.filter(pk=event.pk).update(public_note=f"CCCD {TEXT_CCCD}")
    author = User.objects.get(pk=people["citizen"].user_id)
    author.full_name = ACCOUNT_NAME
    author.save()
    chosen = Comment.objects.create(
        report=report, author=author, author_name="Cô Ba", text="a", created_at=clock.now()
    )
    default = Comment.objects.create(
        report=report,
        author=author,
        author_name=ACCOUNT_NAME,
        text=f"CCCD {TEXT_CCCD}",
        created_at=clock.now(),
    )

    migration.forward(apps, None)

    report.refresh_from_db()
    assert report.public_address == "Kiệt 10 (gọi *** *** ***)"
    assert TEXT_CCCD not in report.public_text and "Ồn quá" in report.public_text
    assert TEXT_CCCD not in Event.objects.get(pk=event.pk).public_note
    default.refresh_from_db()
    chosen.refresh_from_db()
    assert default.author_name == "" and TEXT_CCCD not in default.text
    assert chosen.author_name == "Cô Ba"
