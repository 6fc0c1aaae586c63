"""The citizen's account, across apps: sign up, links by email, settings, closing the account.

These live here, not in accounts, because they also write reports (claiming and anonymising)
and queue emails, and accounts imports no other domain app (docs/architecture.md). Each
function is one business action in one transaction, calling the owning apps' services.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from phananh.accounts import services as account_services
from phananh.accounts.models import User
from phananh.accounts.selectors import actor_for_user, user_by_email, user_may_close_own_account
from phananh.accounts.tokens import (
    SIGN_IN_LINK_MINUTES,
    VERIFY_LINK_DAYS,
    email_verification_tokens,
    sign_in_link_tokens,
)
from phananh.core.errors import ActionNotAllowed
from phananh.core.names import service_name
from phananh.notifications.services import (
    notification_forget_address,
    notification_preferences_set,
    notification_queue,
)
from phananh.reports.actions.privacy import report_claim_by_email, reports_anonymise_reporter

# Kinds of the account's own emails: never switched off by preferences.
KIND_VERIFY = "email_verification"
KIND_SIGN_IN = "sign_in_link"


def _link(url_name: str, user: User, token: str, next_url: str = "") -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = settings.SITE_URL + reverse(url_name, args=[uid, token])
    return f"{link}?{urlencode({'next': next_url})}" if next_url else link


def _mail(user: User, kind: str, subject: str, body: str) -> None:
    notification_queue(
        to=user.email,
        subject=subject,
        body=body,
        kind=kind,
        # Every request is its own message; the rate limit, not the key, bounds them.
        dedupe_key=f"{kind}:{user.pk}:{secrets.token_hex(8)}",
        user_id=user.pk,
    )


def _mail_verification(user: User) -> None:
    link = _link("citizen:verify", user, email_verification_tokens.make_token(user))
    with override(user.language):
        _mail(
            user,
            KIND_VERIFY,
            _("Confirm your email address"),
            _(
                "Welcome to %(service)s. Open this link within %(days)d days to confirm your "
                "email address and start using your account:\n%(link)s\n\n"
                "If you did not sign up, ignore this message: nothing happens without the link."
            )
            % {"service": service_name(), "days": VERIFY_LINK_DAYS, "link": link},
        )


def _mail_sign_in_link(user: User, next_url: str = "", *, at_sign_up: bool = False) -> None:
    link = _link("citizen:login-link-use", user, sign_in_link_tokens.make_token(user), next_url)
    with override(user.language):
        intro = (
            _(
                "Someone, probably you, tried to sign up with this address, "
                "which already has an account."
            )
            + "\n\n"
            if at_sign_up
            else ""
        )
        _mail(
            user,
            KIND_SIGN_IN,
            _("Your sign-in link"),
            intro
            + _(
                "Open this link within %(minutes)d minutes to sign in. It works only once:\n"
                "%(link)s\n\nIf you did not ask for it, ignore this message."
            )
            % {"minutes": SIGN_IN_LINK_MINUTES, "link": link},
        )


@transaction.atomic
def account_sign_up(
    *, email: str, full_name: str, password: str | None = None, language: str = "vi"
) -> None:
    """Create the account and email a verification link; an address that already has an account
    gets a sign-in link instead (a closed one gets nothing). Callers answer the same in every case.
    """
    user, created = account_services.user_sign_up(
        email=email, full_name=full_name, password=password, language=language
    )
    if created or user.is_pending:
        _mail_verification(user)
    elif user.is_active:
        _mail_sign_in_link(user, at_sign_up=True)


@transaction.atomic
def account_send_sign_in_link(*, email: str, next_url: str = "") -> None:
    """Email a one-time sign-in link to the account with this address, if there is one.

    An account still waiting for verification gets the verification link again (it signs in
    too); an unknown or closed address gets nothing, and the caller answers the same.
    """
    user = user_by_email(email)
    if user is None:
        return
    if user.is_pending:
        _mail_verification(user)
    elif user.is_active:
        _mail_sign_in_link(user, next_url)


@transaction.atomic
def account_verify(*, uidb64: str, token: str) -> tuple[User, int] | None:
    """Follow the verification link: activate, and claim earlier reports sent from the address."""
    user = account_services.user_verify_email(uidb64=uidb64, token=token)
    if user is None:
        return None
    claimed = report_claim_by_email(actor=actor_for_user(user), email=user.email)
    return user, len(claimed)


@transaction.atomic
def account_use_sign_in_link(*, uidb64: str, token: str) -> tuple[User, int] | None:
    """Spend a one-time sign-in link; it proves the address, so reports sent from it are claimed."""
    user = account_services.user_use_sign_in_link(uidb64=uidb64, token=token)
    if user is None:
        return None
    claimed = report_claim_by_email(actor=actor_for_user(user), email=user.email)
    return user, len(claimed)


@transaction.atomic
def account_settings_save(
    *, user: User, language: str, wanted: Iterable[str], comment_name: str | None = None
) -> None:
    """Save the person's language, the optional emails they want and the name on comments."""
    account_services.user_set_language(user=user, language=language)
    if comment_name is not None:
        account_services.user_set_comment_name(user=user, name=comment_name)
    notification_preferences_set(user_id=user.pk, wanted=wanted)


@transaction.atomic
def account_close(*, user: User) -> int:
    """Delete a citizen's account; their reports and comments stay, anonymised.

    The user row is deleted rather than deactivated: every reference to a user is nullable
    (SET_NULL) except supports, which go with it while the reports' support counts stay, so
    nothing needs the row and the address becomes free to sign up again. Returns how many
    reports were anonymised.
    """
    if not user_may_close_own_account(user):
        raise ActionNotAllowed(
            _("Staff accounts are closed by an administrator, not here."), code="staff"
        )
    count = reports_anonymise_reporter(
        actor=actor_for_user(user), user_id=user.pk, email=user.email
    )
    notification_forget_address(to=user.email)
    account_services.user_delete(user=user)
    return count
