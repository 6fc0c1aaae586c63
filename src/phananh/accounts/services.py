"""Writes for accounts: citizens sign up, verify their address, sign in by link, leave."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _

from phananh.accounts.models import User
from phananh.accounts.selectors import user_may_close_own_account
from phananh.accounts.tokens import email_verification_tokens, sign_in_link_tokens
from phananh.core import clock
from phananh.core.errors import ActionNotAllowed, InvalidInput

LANGUAGES = ("vi", "en")


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
