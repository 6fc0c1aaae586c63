"""Writes for accounts: citizens sign up, verify their address, sign in by link, leave;
integrators' API keys are created and revoked; agencies and staff are loaded from a city's data.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _

from phananh.accounts.choices import ApiKeyScope
from phananh.accounts.models import Agency, ApiKey, Membership, SignInFailure, User
from phananh.accounts.selectors import API_KEY_PREFIX, user_may_close_own_account
from phananh.accounts.tokens import email_verification_tokens, sign_in_link_tokens
from phananh.core import clock
from phananh.core.credentials import secret_hash
from phananh.core.errors import ActionNotAllowed, InvalidInput
from phananh.core.upsert import Outcome, row_upsert

if TYPE_CHECKING:
    from phananh.geo.models import Area

LANGUAGES = ("vi", "en")
API_KEY_NAME_MAX = 100


def normalise_email(email: str) -> str:
    """Addresses are stored and compared in lower case (as the user manager saves them)."""
    return (email or "").strip().lower()


@transaction.atomic
def user_sign_up(
    *, email: str, full_name: str, password: str | None = None, language: str = "vi"
) -> tuple[User, bool]:
    """A new, inactive account until its address is verified; an existing one is returned as is.

    The caller answers the same either way, so a sign-up never tells whether an address has an
    account; nothing about an existing account changes here.
    """
    email = normalise_email(email)
    if not email:
        raise InvalidInput(_("Enter your email address."), code="required", fields={"email": ""})
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        if password:
            make_password(password)  # the same work as a new account, so timing tells nothing
        return existing, False
    user = User.objects.create_user(
        email=email,
        password=password or None,
        full_name=full_name.strip()[:150],
        language=language if language in LANGUAGES else "vi",
        is_active=False,
    )
    return user, True


def _user_from_uid(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.select_for_update().filter(pk=pk).first()


@transaction.atomic
def user_verify_email(*, uidb64: str, token: str) -> User | None:
    """Follow a verification link: the account becomes active; None if the link is not valid."""
    user = _user_from_uid(uidb64)
    if user is None or not email_verification_tokens.check_token(user, token):
        return None
    if not user.is_pending:
        return None  # verified already, or closed by an administrator
    user.is_active = True
    user.email_verified_at = clock.now()
    user.save(update_fields=["is_active", "email_verified_at"])
    return user


@transaction.atomic
def user_use_sign_in_link(*, uidb64: str, token: str) -> User | None:
    """Spend a one-time sign-in link (under a row lock, so two clicks cannot both succeed)."""
    user = _user_from_uid(uidb64)
    if user is None or not user.is_active or not sign_in_link_tokens.check_token(user, token):
        return None
    # Moving last_login is what makes the link single-use; the link also proves the address.
    user.last_login = timezone.now()
    fields = ["last_login"]
    if user.email_verified_at is None:
        user.email_verified_at = clock.now()
        fields.append("email_verified_at")
    user.save(update_fields=fields)
    return user


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """The language of the pages after sign-in and of the emails the person receives."""
    if language not in LANGUAGES:
        raise InvalidInput(_("Choose Vietnamese or English."), code="bad_language")
    user.language = language
    user.save(update_fields=["language"])
    return user


def user_language_on_sign_in(*, user: User, chosen: str | None) -> str:
    """The language a person signs in with: the one they chose while browsing wins and becomes
    the account's (its pages and emails); without a choice, the account's saved one."""
    if chosen in LANGUAGES and chosen != user.language:
        user_set_language(user=user, language=chosen)
    return user.language


@transaction.atomic
def user_set_comment_name(*, user: User, name: str) -> User:
    """The name the person signs comments with (empty: "a resident"); never their email."""
    name = " ".join((name or "").split())[:80]
    if "@" in name:
        raise InvalidInput(_("Choose a name, not an email address."), code="bad_name")
    user.comment_name = name
    user.save(update_fields=["comment_name"])
    return user


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete a citizen's own account row (their reports were anonymised by the caller first).

    Staff (memberships, admin-site access) are refused: their actions are part of the audit
    trail and an administrator closes those accounts.
    """
    if not user_may_close_own_account(user):
        raise ActionNotAllowed(
            _("Staff accounts are closed by an administrator, not here."), code="staff"
        )
    User.objects.filter(pk=user.pk).delete()


def _apikey_scopes(scopes: Iterable[str], agency: Agency | None) -> list[str]:
    chosen: list[str] = []
    for scope in scopes:
        if scope not in ApiKeyScope.values:
            raise InvalidInput(
                _("Unknown scope “%(scope)s”. Choose from: %(known)s.")
                % {"scope": str(scope)[:40], "known": ", ".join(ApiKeyScope.values)},
                code="bad_scope",
                fields={"scopes": "unknown"},
            )
        if scope not in chosen:
            chosen.append(scope)
    if ApiKeyScope.UPDATES_WRITE in chosen and agency is None:
        raise InvalidInput(
            _("A key that posts updates acts for an agency: name the agency."),
            code="agency_required",
            fields={"agency": "required"},
        )
    return chosen


@transaction.atomic
def apikey_create(
    *, name: str, scopes: Iterable[str], agency: Agency | None = None
) -> tuple[ApiKey, str]:
    """A new key for an integrator; the raw key is returned once and never stored.

    The raw key is `pa_<prefix>_<secret>`: the prefix finds the row, the secret is checked
    against its SHA-256 (a random 256-bit secret needs no slow hash).
    """
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("Give the key a name."), code="required", fields={"name": "required"})
    if len(name) > API_KEY_NAME_MAX:
        raise InvalidInput(
            _("Please keep this under %(max)d characters.") % {"max": API_KEY_NAME_MAX},
            code="too_long",
            fields={"name": "too_long"},
        )
    chosen = _apikey_scopes(scopes, agency)
    if agency is not None and not agency.is_active:
        raise InvalidInput(_("This agency is not active."), code="agency_inactive")
    secret = secrets.token_urlsafe(32)
    for _attempt in range(5):
        prefix = secrets.token_hex(4)
        try:
            with transaction.atomic():
                key = ApiKey.objects.create(
                    name=name,
                    prefix=prefix,
                    secret_hash=secret_hash(secret),
                    scopes=chosen,
                    agency=agency,
                    created_at=clock.now(),
                )
            break
        except IntegrityError:
            if ApiKey.objects.filter(prefix=prefix).exists():
                continue
            raise
    else:  # pragma: no cover - 5 collisions of 32 random bits
        raise InvalidInput(_("Please try again."), code="retry")
    return key, f"{API_KEY_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def apikey_revoke(*, key: ApiKey) -> ApiKey:
    """Stop a key from working, at once and for good (the row stays for the record)."""
    locked = ApiKey.objects.select_for_update().get(pk=key.pk)
    if locked.revoked_at is None:
        locked.revoked_at = clock.now()
        locked.save(update_fields=["revoked_at"])
    return locked


@transaction.atomic
def agency_upsert(
    *,
    code: str,
    name_vi: str,
    name_en: str = "",
    kind: str,
    email: str | None = None,
    phone: str | None = None,
    address: str | None = None,
) -> tuple[Agency, Outcome]:
    """Create an agency or bring it to these values; a contact field given as None is kept."""
    values: dict[str, Any] = {"name_vi": name_vi, "name_en": name_en, "kind": kind}
    for name, value in (("email", email), ("phone", phone), ("address", address)):
        if value is not None:
            values[name] = value
    return row_upsert(Agency, lookup={"code": code}, values=values)


@transaction.atomic
def agency_set_parent(*, agency: Agency, parent: Agency | None) -> bool:
    """Place an agency under another (or at the top); True when that changed anything."""
    if agency.parent_id == (parent.pk if parent else None):
        return False
    agency.parent = parent
    agency.save(update_fields=["parent", "updated_at"])
    return True


@transaction.atomic
def agency_set_areas(*, agency: Agency, areas: Iterable[Area]) -> bool:
    """The areas an agency serves (a People's Committee its ward); True when they changed."""
    wanted = list(areas)
    if set(agency.areas.values_list("pk", flat=True)) == {area.pk for area in wanted}:
        return False
    agency.areas.set(wanted)
    return True


@transaction.atomic
def user_ensure(
    *, email: str, full_name: str, password: str | None, superuser: bool = False
) -> tuple[User, bool]:
    """An account for configured staff (or demo people); an existing one is left as it is."""
    user = User.objects.filter(email=normalise_email(email)).first()
    if user is not None:
        return user, False
    create = User.objects.create_superuser if superuser else User.objects.create_user
    return create(email=email, password=password, full_name=full_name), True


@transaction.atomic
def membership_ensure(*, user: User, agency: Agency, role: str) -> bool:
    """Give a person a role in an agency; True when the membership is new."""
    _membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    return created


def signin_failure_record(
    *, identifier: str, client_ip: str, form: str, locked: bool = False
) -> SignInFailure:
    """Keep one refused password sign-in for the audit: when, the account tried, from where."""
    identifier = (identifier or "").strip().lower()[:254]
    return SignInFailure.objects.create(
        created_at=clock.now(),
        identifier=identifier,
        user=User.objects.filter(email=identifier).first() if identifier else None,
        client_ip=(client_ip or "unknown")[:64],
        form=form if form in SignInFailure.Form.values else SignInFailure.Form.PORTAL,
        locked=locked,
    )
