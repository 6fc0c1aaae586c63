"""Optional emails follow the recipient's preferences; everything else is always sent."""

from __future__ import annotations

import pytest

from phananh.accounts.models import User
from phananh.core.errors import InvalidInput
from phananh.notifications.choices import OptionalKind
from phananh.notifications.models import Notification
from phananh.notifications.selectors import notification_wanted
from phananh.notifications.services import (
    notification_forget_address,
    notification_preferences_set,
    notification_queue,
)

pytestmark = pytest.mark.django_db


def _queue(kind: str, key: str, **extra):
    return notification_queue(
        to="lan@example.com", subject="s", body="b", kind=kind, dedupe_key=key, **extra
    )


def test_default_is_wanted_and_choices_are_kept():
    user = User.objects.create_user(email="lan@example.com")
    assert notification_wanted(user.pk, OptionalKind.CLOSED)
    assert notification_wanted(None, OptionalKind.CLOSED)
    notification_preferences_set(user_id=user.pk, wanted=[OptionalKind.RECEIVED])
    assert notification_wanted(user.pk, OptionalKind.RECEIVED)
    assert not notification_wanted(user.pk, OptionalKind.CLOSED)
    assert notification_wanted(user.pk, "sign_in_link")
    with pytest.raises(InvalidInput):
        notification_preferences_set(user_id=user.pk, wanted=["nonsense"])


def test_queue_drops_only_switched_off_optional_kinds():
    user = User.objects.create_user(email="lan@example.com")
    notification_preferences_set(user_id=user.pk, wanted=[])
    assert _queue(OptionalKind.CLOSED, "a", user_id=user.pk) is None
    assert _queue(OptionalKind.CLOSED, "b") is None  # found by address
    assert _queue("report_confirmation", "c", user_id=user.pk) is not None
    assert _queue("sign_in_link", "d") is not None
    other = User.objects.create_user(email="hoa@example.com")
    assert notification_queue(
        to=other.email, subject="s", body="b", kind=OptionalKind.CLOSED, dedupe_key="e"
    )
    assert sorted(Notification.objects.values_list("dedupe_key", flat=True)) == ["c", "d", "e"]


def test_forget_address_removes_its_messages():
    _queue("report_confirmation", "a")
    notification_queue(to="hoa@example.com", subject="s", body="b", kind="x", dedupe_key="b")
    assert notification_forget_address(to="LAN@example.com") == 1
    assert list(Notification.objects.values_list("to", flat=True)) == ["hoa@example.com"]
