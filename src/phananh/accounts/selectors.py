"""Reads for accounts: the actor behind a request, agencies, staff of an agency, API keys."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from phananh.accounts.actors import Actor
from phananh.accounts.choices import AgencyKind
from phananh.accounts.models import Agency, ApiKey, User
from phananh.core.configcache import config_cached
from phananh.core.credentials import credential_match
from phananh.core.names import Named

API_KEY_PREFIX = "pa"
# last_used_at is written at most this often per key, so busy integrators cost no write per call.
API_KEY_TOUCH_EVERY = timedelta(minutes=1)
# `pa_<prefix>_<secret>`: a hex prefix, then a token_urlsafe secret (which may hold "_").
_RAW_KEY = re.compile(rf"{API_KEY_PREFIX}_([0-9a-f]{{8,16}})_([A-Za-z0-9_-]{{20,128}})", re.ASCII)


def actor_for_user(user: User | AnonymousUser | None) -> Actor:
    """The Actor for a signed-in user (roles from memberships), or an anonymous one."""
    if user is None or not user.is_authenticated:
        return Actor.anonymous()
    # Read once per request (the user object lives as long as the request): the page's
    # navigation and the view's permission check share it.
    memberships = getattr(user, "_phananh_memberships", None)
    if memberships is None:
        memberships = frozenset(
            (role, agency_id)
            for role, agency_id in user.memberships.filter(agency__is_active=True).values_list(
                "role", "agency_id"
            )
        )
        user._phananh_memberships = memberships
    return Actor(
        user_id=user.pk,
        label=str(user),
        memberships=memberships,
        is_superuser=user.is_superuser,
    )


def agency_list_active() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).select_related("parent")


def agency_choices_active() -> tuple[Named, ...]:
    """`agency_list_active()` as options (code and names), from the process's copy."""
    return config_cached(
        "accounts.agency_choices",
        lambda: tuple(
            Named(*row)
            for row in Agency.objects.filter(is_active=True).values_list(
                "code", "name_vi", "name_en"
            )
        ),
    )


def agency_ioc() -> Agency | None:
    """The operations centre (the first active IOC agency)."""
    return Agency.objects.filter(kind=AgencyKind.IOC, is_active=True).order_by("pk").first()


def agency_serving_area(area_id: int, kind: str = AgencyKind.WARD) -> Agency | None:
    """The agency of this kind whose served areas include this area."""
    return config_cached(f"accounts.serving.{kind}", lambda: _agencies_serving(kind)).get(area_id)


def _agencies_serving(kind: str) -> dict[int, Agency]:
    """The first active agency of this kind (by id) serving each area."""
    serving: dict[int, Agency] = {}
    agencies = Agency.objects.filter(kind=kind, is_active=True).prefetch_related("areas")
    for agency in agencies.order_by("-pk"):
        for area in agency.areas.all():
            serving[area.pk] = agency
    return serving


def staff_recipients(
    groups: Iterable[tuple[int | None, tuple[str, ...]]],
) -> list[tuple[str, str]]:
    """(email, language) of active members holding one of the roles of each (agency, roles)
    group — `None` for the agency means the operations centre — once per address."""
    from phananh.accounts.models import Membership

    found: dict[str, str] = {}
    for agency_id, roles in groups:
        memberships = Membership.objects.filter(role__in=roles, user__is_active=True)
        if agency_id is None:
            memberships = memberships.filter(agency__kind=AgencyKind.IOC, agency__is_active=True)
        else:
            memberships = memberships.filter(agency_id=agency_id)
        for email, language in memberships.values_list("user__email", "user__language"):
            found.setdefault(email, language)
    return sorted(found.items())


def staff_emails(*, agency_id: int | None, roles: tuple[str, ...]) -> list[str]:
    """Emails of active members with these roles (of one agency, or of the IOC when None)."""
    return [email for email, _language in staff_recipients([(agency_id, roles)])]


def user_email(user_id: int) -> str:
    """The account's address (where its messages go)."""
    return User.objects.values_list("email", flat=True).get(pk=user_id)


def user_language(user_id: int) -> str:
    """The language an account chose ("vi" or "en")."""
    return User.objects.filter(pk=user_id).values_list("language", flat=True).first() or "vi"


def user_by_email(email: str) -> User | None:
    """The account with this address (stored in lower case), if any."""
    return User.objects.filter(email=(email or "").strip().lower()).first()


def user_is_staff_member(user: User) -> bool:
    """Works for the city: a membership of an agency, or access to the admin site."""
    return user.is_staff or user.is_superuser or user.memberships.exists()


def user_may_close_own_account(user: User) -> bool:
    """Citizens may delete their own account; staff may not (an administrator does it)."""
    return not user_is_staff_member(user)


def user_from_uidb64(uidb64: str) -> User | None:
    """The user named by the id in an emailed link (base64 of the primary key), if any."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk).first()


def apikey_authenticate(raw_key: str) -> ApiKey | None:
    """The active key matching `pa_<prefix>_<secret>`, or None (wrong, malformed or revoked)."""
    active = config_cached("accounts.apikeys", _apikeys_active)
    return credential_match(active, _RAW_KEY, raw_key, API_KEY_TOUCH_EVERY)


def _apikeys_active() -> dict[str, ApiKey]:
    keys = ApiKey.objects.filter(revoked_at__isnull=True).select_related("agency")
    return {key.prefix: key for key in keys}


def apikey_get(prefix: str) -> ApiKey | None:
    """A key (active or revoked) by its public prefix, or by a whole raw key's prefix."""
    prefix = (prefix or "").strip()
    match = _RAW_KEY.fullmatch(prefix)
    if match is not None:
        prefix = match.group(1)
    if not re.fullmatch(r"[0-9a-f]{1,16}", prefix):
        return None
    return ApiKey.objects.filter(prefix=prefix).select_related("agency").first()


def apikey_list() -> QuerySet[ApiKey]:
    """Every key, newest first, with its agency."""
    return ApiKey.objects.select_related("agency").order_by("-created_at", "-id")


def actor_for_api_key(key: ApiKey) -> Actor:
    """The Actor for an integrator's key: no account; with an agency, that agency's officer.

    Never a `system` actor: a key may submit reports and, for its own agency, do what an
    officer may do — not what the operations centre or the worker does.
    """
    active_agency = key.agency_id is not None and key.agency is not None and key.agency.is_active
    return Actor.api_key(
        key.pk, f"{key.name} (API)"[:150], key.agency_id if active_agency else None
    )
