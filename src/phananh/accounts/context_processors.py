"""Template context about the signed-in person, computed only when a template asks."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from phananh.accounts.choices import Role

_IOC = {Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN}


def membership(request: HttpRequest) -> dict:
    """`is_staff_member` (shows the console link) and `console` (which console pages to offer)."""

    def roles() -> frozenset[str]:
        from phananh.accounts.selectors import actor_for_user

        return actor_for_user(getattr(request, "user", None)).roles

    def pages() -> dict[str, bool]:
        held = roles()
        return {
            "triage": bool(held & _IOC),
            "agency": bool(held & {Role.OFFICER, Role.HEAD}),
            "supervision": bool(held & {Role.SUPERVISOR, Role.ADMIN, Role.OBSERVER}),
            "dashboard": bool(held & (_IOC | {Role.OBSERVER})),
        }

    return {
        "is_staff_member": SimpleLazyObject(lambda: bool(roles())),
        "console": SimpleLazyObject(pages),
    }
