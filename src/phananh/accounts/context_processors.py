"""Template context about the signed-in person, computed only when a template asks."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def membership(request: HttpRequest) -> dict:
    """`is_staff_member`: the person belongs to the IOC or an agency (shows the console link)."""

    def staff() -> bool:
        from phananh.accounts.selectors import actor_for_user

        return bool(actor_for_user(getattr(request, "user", None)).memberships)

    return {"is_staff_member": SimpleLazyObject(staff)}
