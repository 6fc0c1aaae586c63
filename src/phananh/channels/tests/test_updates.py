"""News about a report reaches the chat it came from; questions are answered there by code."""

from __future__ import annotations

import pytest

from phananh.channels.tests.conftest import fb_text, zalo_text
from phananh.reports.choices import Status
from phananh.reports.models import Report

pytestmark = pytest.mark.django_db


def file_by_chat(say, platform: str, sender: str, text: str) -> Report:
    send = {"facebook": fb_text, "zalo": zalo_text}[platform]
    say(platform, send(sender, text))
    say(platform, send(sender, "skip"))
    say(platform, send(sender, "Phú Xuân"))
    say(platform, send(sender, "yes"))
    return Report.objects.get(reporter_channel_id=sender)


def test_status_updates_reach_the_chat_through_the_outbox(
    social, say, people, phu_xuan, ward_agency, django_capture_on_commit_callbacks
):
    from phananh.reports.actions.triage import report_assign

    psid = "6024587002"
    report = file_by_chat(say, "facebook", psid, "Karaoke ồn ào đến 1 giờ sáng ở kiệt 5")
    sent_before = len(social.sent)
    with django_capture_on_commit_callbacks(execute=True):
        report_assign(report=report, actor=people["operator"], agency=ward_agency)
    assert len(social.sent) == sent_before + 1
    update = social.sent[-1]["json"]
    assert update["recipient"] == {"id": psid}
    assert update["messaging_type"] == "MESSAGE_TAG"
    assert report.code in update["message"]["text"]


def test_a_question_is_answered_in_the_chat_with_the_code(
    social, say, people, phu_xuan, django_capture_on_commit_callbacks
):
    from phananh.reports.actions.triage import report_request_info
    from phananh.reports.choices import Action

    user = "246845883529197999"
    report = file_by_chat(say, "zalo", user, "There is a big hole in the road near the school")
    # A status check by code.
    say("zalo", zalo_text(user, report.code.lower()))
    assert social.texts(user)[-1].startswith(f"Report {report.code}: Received.")
    with django_capture_on_commit_callbacks(execute=True):
        report_request_info(report=report, actor=people["operator"], question="Which school?")
    assert "Which school?" in social.texts(user)[-1]
    say("zalo", zalo_text(user, report.code))
    assert "Please write your answer after the code" in social.texts(user)[-1]
    say("zalo", zalo_text(user, f"{report.code}: Trường tiểu học Lê Lợi, cổng sau"))
    report.refresh_from_db()
    assert report.status == Status.NEW
    event = report.events.get(action=Action.ANSWER_INFO)
    assert event.internal_note == "Trường tiểu học Lê Lợi, cổng sau"
    # The answer was written in Vietnamese, so the thanks come in Vietnamese.
    assert social.texts(user)[-1].startswith("Cảm ơn bạn: câu trả lời đã được bổ sung")
    # Nobody else's code works from this chat, and no new draft was started by these messages.
    say("zalo", zalo_text("someone-else", f"{report.code} it is fixed"))
    assert social.texts("someone-else")[-1].startswith(f"No report {report.code}")
    assert Report.objects.count() == 1
