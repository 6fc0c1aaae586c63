"""Whole conversations on Messenger and Zalo, through the webhooks, ending in a report."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.utils import translation
from django.utils.translation import gettext as _

from phananh.catalog.services import category_install_defaults
from phananh.channels.conversation import EXPIRY, MAX_PHOTOS
from phananh.channels.models import Conversation, ConversationState, InboundMessage
from phananh.channels.tests.conftest import (
    FB_PAGE_TOKEN,
    FB_SECRET,
    ZALO_TOKEN,
    fb_image,
    fb_location,
    fb_text,
    zalo_image,
    zalo_location,
    zalo_text,
)
from phananh.conftest import jpeg_bytes
from phananh.core import clock
from phananh.intelligence.models import Classification
from phananh.reports.choices import Channel, Status
from phananh.reports.models import Media, Report

pytestmark = pytest.mark.django_db


def drafts() -> list[Path]:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "chat-drafts"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_messenger_conversation_files_a_report(social, say, phu_xuan, vy_da):
    category_install_defaults()
    psid = "6024587001"
    photo = social.serve_file("pile.jpg", jpeg_bytes(color="green").getvalue())

    say("facebook", fb_text(psid, "Xin chào"))
    conversation = Conversation.objects.get()
    assert conversation.state == ConversationState.DESCRIBE and conversation.language == "vi"
    assert len(social.texts(psid)) == 1

    say("facebook", fb_text(psid, "Rác thải đổ đống ở đầu kiệt 5 Lê Lợi mấy ngày nay, bốc mùi"))
    say("facebook", fb_image(psid, photo))
    assert social.downloads == ["/files/pile.jpg"]
    assert len(drafts()) == 1
    say("facebook", fb_text(psid, "xong"))
    assert Conversation.objects.get().state == ConversationState.PLACE
    say("facebook", fb_location(psid, 16.4705, 107.5760))
    conversation = Conversation.objects.get()
    assert conversation.state == ConversationState.CONFIRM
    assert "16.47050, 107.57600" in social.texts(psid)[-1]
    assert not Report.objects.exists()

    say("facebook", fb_text(psid, "Có"))
    report = Report.objects.get()
    assert report.channel == Channel.FACEBOOK
    assert report.reporter_channel_id == psid
    assert report.status == Status.NEW and report.confirmed_at is not None
    assert report.text.startswith("Rác thải đổ đống")
    assert (report.lat, report.lon) == (16.4705, 107.5760)
    assert report.area == phu_xuan
    assert report.language == "vi"
    assert report.media_count == 1
    assert Media.objects.get(report=report).content_type == "image/jpeg"
    assert Classification.objects.get(report=report).top_category.code == "sanitation"
    assert drafts() == []  # the report keeps its own copy
    conversation = Conversation.objects.get()
    assert conversation.state == ConversationState.IDLE and conversation.last_report == report

    # Every answer went through the Send API, one per message, as replies.
    texts = social.texts(psid)
    assert len(texts) == 6
    assert report.code in texts[-1]
    assert f"https://phananh.example/reports/{report.code}/" in texts[-1]
    call = social.sent[-1]
    assert call["path"].startswith("/v19.0/me/messages?")
    assert f"access_token={FB_PAGE_TOKEN}" in call["path"]
    assert "appsecret_proof=" in call["path"]
    assert call["json"]["messaging_type"] == "RESPONSE"
    assert call["json"]["recipient"] == {"id": psid}
    # Nothing of the chat reaches the public text.
    assert psid not in report.public_text


def test_a_zalo_conversation_in_english_with_a_typed_address(social, say, phu_xuan, vy_da):
    category_install_defaults()
    user = "246845883529197922"
    photo = social.serve_file("lamp.jpg", jpeg_bytes(color="black").getvalue())

    say("zalo", zalo_text(user, "hello"))
    assert "automated assistant" in social.texts(user)[-1]
    say("zalo", zalo_text(user, "The street light in front of my hotel is broken, dark at night"))
    assert "photos" in social.texts(user)[-1]
    say("zalo", zalo_image(user, photo))
    assert social.texts(user)[-1].startswith("1 photo received")
    say("zalo", zalo_text(user, "done"))
    say("zalo", zalo_text(user, "somewhere near the river"))
    assert "could not find a ward" in social.texts(user)[-1]
    say("zalo", zalo_text(user, "12 Le Loi, Phu Xuan ward"))
    summary = social.texts(user)[-1]
    assert summary.startswith("Please check your report")
    assert "Phu Xuan Ward" in summary and "Photos: 1" in summary
    say("zalo", zalo_text(user, "yes"))

    report = Report.objects.get()
    assert report.channel == Channel.ZALO
    assert report.reporter_channel_id == user
    assert report.language == "en"
    assert report.address == "12 Le Loi, Phu Xuan ward"
    assert report.area == phu_xuan
    assert report.media_count == 1
    assert Classification.objects.get(report=report).top_category.code == "lighting"
    answer = social.texts(user)[-1]
    assert answer.startswith("Thank you! Your report has been received.")
    assert report.code in answer
    call = social.sent[-1]
    assert call["path"] == "/v3.0/oa/message/cs"
    assert call["headers"]["access_token"] == ZALO_TOKEN
    assert call["json"] == {"recipient": {"user_id": user}, "message": {"text": answer}}


def test_a_shared_location_first_then_text_and_no_photo(social, say, phu_xuan, vy_da):
    user = "1001"
    say("zalo", zalo_location(user, 16.4751, 107.6105))
    # Nothing written yet: the answer is in Vietnamese, the default.
    with translation.override("vi"):
        assert _("Now please describe the problem in a message.") in social.texts(user)[-1]
    say("zalo", zalo_text(user, "Cây xanh đổ chắn ngang đường Nguyễn Sinh Cung"))
    assert Conversation.objects.get().state == ConversationState.PHOTOS
    say("zalo", zalo_text(user, "bỏ qua"))
    # The place is known already: straight to the summary.
    assert Conversation.objects.get().state == ConversationState.CONFIRM
    say("zalo", zalo_text(user, "ok"))
    report = Report.objects.get()
    assert report.area == vy_da and report.media_count == 0


def test_no_at_the_summary_and_cancel_drop_the_draft(social, say, phu_xuan):
    psid = "77"
    photo = social.serve_file("a.jpg", jpeg_bytes().getvalue())
    say("facebook", fb_text(psid, "Street flooded after the rain"))
    say("facebook", fb_image(psid, photo))
    assert len(drafts()) == 1
    say("facebook", fb_text(psid, "hủy"))
    conversation = Conversation.objects.get()
    assert conversation.state == ConversationState.DESCRIBE
    assert conversation.text == "" and conversation.photos == []
    assert drafts() == []

    say("facebook", fb_text(psid, "Street flooded after the rain"))
    say("facebook", fb_text(psid, "skip"))
    say("facebook", fb_text(psid, "skip"))
    assert Conversation.objects.get().state == ConversationState.CONFIRM
    assert "Place: not given" in social.texts(psid)[-1]
    say("facebook", fb_text(psid, "maybe"))
    assert 'answer "yes"' in social.texts(psid)[-1]
    say("facebook", fb_text(psid, "no"))
    assert not Report.objects.exists()
    assert Conversation.objects.get().text == ""


def test_files_that_are_not_photos_or_too_large_are_refused(social, say, settings):
    psid = "88"
    say("facebook", fb_text(psid, "Loud karaoke at the hotel next door until 1 am"))
    fake = social.serve_file("virus.jpg", b"MZ\x90\x00 not an image at all", "image/jpeg")
    say("facebook", fb_image(psid, fake))
    assert social.texts(psid)[-1].startswith("Sorry, a file could not be used")
    missing = f"{social.url}/files/gone.jpg"
    say("facebook", fb_image(psid, missing))
    settings.MEDIA_MAX_BYTES = 200
    big = social.serve_file("big.jpg", jpeg_bytes(size=(400, 300)).getvalue())
    say("facebook", fb_image(psid, big))
    assert Conversation.objects.get().photos == []
    assert drafts() == []


def test_at_most_five_photos(social, say):
    psid = "99"
    say("facebook", fb_text(psid, "There is a big hole in the road"))
    for index in range(MAX_PHOTOS + 1):
        url = social.serve_file(f"p{index}.jpg", jpeg_bytes(color=f"#{index:02x}0000").getvalue())
        say("facebook", fb_image(psid, url))
    assert len(Conversation.objects.get().photos) == MAX_PHOTOS
    assert "enough photos" in social.texts(psid)[-1]
    assert len(drafts()) == MAX_PHOTOS


def test_an_unfinished_draft_expires(social, say):
    psid = "55"
    say("facebook", fb_text(psid, "Nước sinh hoạt bị đục"))
    later = clock.now() + EXPIRY + timedelta(minutes=1)
    conversation = Conversation.objects.get()
    assert conversation.state == ConversationState.PHOTOS
    with clock.at(later):
        from phananh.channels.inbound import inbound_prune

        inbound_prune()
    conversation = Conversation.objects.get()
    assert conversation.state == ConversationState.IDLE and conversation.text == ""


def test_each_message_is_handled_once(social, say):
    from phananh.channels.inbound import inbound_process

    psid = "66"
    say("facebook", fb_text(psid, "Xin chào"))
    message = InboundMessage.objects.get()
    assert message.state == "done"
    inbound_process(inbound_id=message.pk)
    assert len(social.sent) == 1


def test_the_draft_photo_folder_is_private(social, say):
    psid = "44"
    say("facebook", fb_text(psid, "Đèn đường hỏng"))
    say("facebook", fb_image(psid, social.serve_file("x.jpg", jpeg_bytes().getvalue())))
    name = Conversation.objects.get().photos[0]
    assert name.startswith("chat-drafts/facebook/")
    assert storages["private"].exists(name)
    assert not Path(settings.MEDIA_ROOT, name).exists()
    assert FB_SECRET not in name
