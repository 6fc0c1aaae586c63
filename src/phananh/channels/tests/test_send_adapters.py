"""The Messenger and Zalo send adapters, through the outbox, against the local stub."""

from __future__ import annotations

from datetime import timedelta

import pytest

from phananh.channels import facebook, zalo
from phananh.channels.social import split_text
from phananh.channels.tests.conftest import FB_PAGE_TOKEN, ZALO_TOKEN
from phananh.channels.webclient import WebClient, WebError
from phananh.core import clock
from phananh.notifications.adapters import adapter_for
from phananh.notifications.models import Notification, NotificationState
from phananh.notifications.services import notification_queue, notifications_deliver_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    def _queue(channel: str, to: str, body: str = "Phản ánh PA-1234567 đã được chuyển xử lý."):
        with django_capture_on_commit_callbacks(execute=True):
            notification = notification_queue(
                to=to,
                subject="Cập nhật",
                body=body,
                kind="report_assigned",
                dedupe_key=f"test:{channel}:{to}:{body[:20]}",
                channel=channel,
            )
        notification.refresh_from_db()
        return notification

    return _queue


def test_the_channels_register_their_adapters():
    assert adapter_for("facebook") is facebook.send_notification
    assert adapter_for("zalo") is zalo.send_notification


def test_a_messenger_update_failing_first_arrives_on_retry(social, queue):
    social.failures.append((500, {"error": {"message": "An unexpected error", "code": 2}}))
    notification = queue("facebook", "6024587001")
    assert notification.state == NotificationState.PENDING
    assert notification.attempts == 1
    assert "HTTP 500" in notification.last_error
    assert FB_PAGE_TOKEN not in notification.last_error
    with clock.at(clock.now() + timedelta(minutes=6)):
        assert notifications_deliver_due() == 1
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT and notification.attempts == 2
    assert len(social.sent) == 2
    update = social.sent[-1]["json"]
    # A later update, outside the reply window, goes with a message tag.
    assert update["messaging_type"] == "MESSAGE_TAG" and update["tag"] == "ACCOUNT_UPDATE"
    assert update["message"]["text"] == "Phản ánh PA-1234567 đã được chuyển xử lý."


def test_messenger_refusals_are_not_retried(social, queue):
    social.failures.append(
        (400, {"error": {"message": "This person isn't available right now.", "code": 551}})
    )
    notification = queue("facebook", "123")
    assert notification.state == NotificationState.FAILED
    assert "code 551" in notification.last_error


def test_messenger_rate_limits_are_retried(social, queue):
    social.failures.append(
        (400, {"error": {"message": "Calls to this api have exceeded", "code": 613}})
    )
    assert queue("facebook", "123").state == NotificationState.PENDING


def test_a_zalo_update_failing_first_arrives_on_retry(social, queue):
    # Zalo answers HTTP 200 with an error code in the body.
    social.failures.append((200, {"error": -32, "message": "Exceed rate limit"}))
    notification = queue("zalo", "246845883529197922")
    assert notification.state == NotificationState.PENDING
    assert "-32" in notification.last_error
    with clock.at(clock.now() + timedelta(minutes=6)):
        notifications_deliver_due()
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    call = social.sent[-1]
    assert call["headers"]["access_token"] == ZALO_TOKEN
    assert call["json"]["recipient"] == {"user_id": "246845883529197922"}


def test_zalo_refusals_and_broken_answers(social, queue):
    social.failures.append((200, {"error": -213, "message": "User has not followed the OA"}))
    assert queue("zalo", "1").state == NotificationState.FAILED
    social.failures.append((502, {"oops": True}))
    assert queue("zalo", "2").state == NotificationState.PENDING


def test_unconfigured_or_unreachable_platforms(social, queue, settings):
    settings.FACEBOOK_PAGE_TOKEN = ""
    assert queue("facebook", "1").state == NotificationState.FAILED
    settings.ZALO_API_URL = "http://127.0.0.1:9"  # nothing listens there
    notification = queue("zalo", "1")
    assert notification.state == NotificationState.PENDING
    assert "unreachable" in notification.last_error


def test_long_messages_are_sent_in_parts(social, queue):
    body = ("Kết quả xử lý: đã thu gom rác. " * 40 + "\n\n") * 3
    queue("facebook", "321", body=body)
    parts = social.texts("321")
    assert len(parts) > 1 and all(len(part) <= 2000 for part in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == body.replace(" ", "").replace(
        "\n", ""
    )
    assert Notification.objects.get().state == NotificationState.SENT


def test_split_text_keeps_short_texts_whole():
    assert split_text("ngắn") == ["ngắn"]
    assert split_text("x" * 4500) == ["x" * 2000, "x" * 2000, "x" * 500]


def test_the_web_client_bounds_what_it_fetches(stub):
    client = WebClient(timeout=5)
    url = stub.serve_file("big.bin", b"x" * 5000, "application/octet-stream")
    assert client.download(url, max_bytes=5000).body == b"x" * 5000
    with pytest.raises(WebError):
        client.download(url, max_bytes=4999)
    with pytest.raises(WebError):
        client.download("file:///etc/passwd", max_bytes=10_000)
    with pytest.raises(WebError):
        client.download(f"{stub.url}/files/none", max_bytes=10)
