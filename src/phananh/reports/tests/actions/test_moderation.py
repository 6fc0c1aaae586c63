"""Moderation of what the public sees; the originals stay in the record."""

from __future__ import annotations

import pytest

from phananh.accounts.choices import Role
from phananh.conftest import jpeg_bytes
from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.reports.actions.moderation import (
    comment_moderate,
    media_moderate,
    report_edit_public_text,
)
from phananh.reports.choices import Action, MediaState, Visibility
from phananh.reports.models import Comment

pytestmark = pytest.mark.django_db


def test_the_public_text_is_rewritten_masked_and_the_original_kept(submit, people):
    report = submit(text="Karaoke ồn, gọi tôi 0905 123 456")
    report = report_edit_public_text(
        report=report,
        actor=people[Role.OPERATOR],
        text="Karaoke ồn ào, liên hệ 0912 345 678",
        reason="Bỏ số điện thoại",
    )
    assert "0912 345 678" not in report.public_text
    assert report.text == "Karaoke ồn, gọi tôi 0905 123 456"
    event = report.events.get(action=Action.MODERATE)
    assert event.visibility == Visibility.INTERNAL and event.internal_note == "Bỏ số điện thoại"


def test_a_photo_is_hidden_or_partly_covered_never_lost(
    submit, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = submit(uploads=[jpeg_bytes((200, 100))])
    photo = report.media.get()
    operator = people[Role.OPERATOR]
    with pytest.raises(InvalidInput):
        media_moderate(media=photo, actor=operator, reason="Biển số")
    with pytest.raises(InvalidInput):
        media_moderate(media=photo, actor=operator, masks=[(0.5, 0.5, 0.8, 2)], reason="x")
    covered = media_moderate(
        media=photo, actor=operator, masks=[(0.1, 0.1, 0.3, 0.3)], reason="Biển số"
    )
    assert covered.state == MediaState.READY and covered.public_file.name != photo.public_file.name
    hidden = media_moderate(media=photo, actor=operator, hide=True, reason="Mặt người")
    assert hidden.state == MediaState.HIDDEN
    assert hidden.original.name == photo.original.name  # the original is kept, private


def test_hiding_a_comment_needs_a_reason_restoring_does_not(assigned, people):
    report = assigned()
    comment = Comment.objects.create(report=report, text="Quảng cáo", created_at=clock.now())
    with pytest.raises(InvalidInput):
        comment_moderate(comment=comment, actor=people[Role.OPERATOR], hide=True)
    comment = comment_moderate(
        comment=comment, actor=people[Role.OPERATOR], hide=True, reason="Spam"
    )
    assert comment.is_hidden and comment.hidden_reason == "Spam"
    comment = comment_moderate(comment=comment, actor=people[Role.OPERATOR], hide=False)
    assert not comment.is_hidden and comment.hidden_reason == ""
    assert report.events.filter(action=Action.MODERATE).count() == 2
