"""One-time links for accounts: verify an email address, sign in without a password.

Both reuse Django's PasswordResetTokenGenerator (an HMAC over the user's state and a timestamp):
the token stops working once the state it hashes changes, so each link works once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int

from phananh.core import clock

if TYPE_CHECKING:
    from phananh.accounts.models import User

SIGN_IN_LINK_MINUTES = 30
VERIFY_LINK_DAYS = 3


class _TimedTokenGenerator(PasswordResetTokenGenerator):
    """Tokens with their own lifetime, on the project's clock (so tests can move time)."""

    timeout_seconds: int = 0

    def _now(self) -> datetime:
        # Django compares naive datetimes; UTC keeps making and checking consistent.
        return clock.now().astimezone(UTC).replace(tzinfo=None)

    def check_token(self, user: User | None, token: str | None) -> bool:
        # The parent checks the signature (and PASSWORD_RESET_TIMEOUT, which is longer).
        if token is None or not super().check_token(user, token):
            return False
        try:
            issued = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        age = self._num_seconds(self._now()) - issued
        return 0 <= age <= self.timeout_seconds


class SignInLinkTokenGenerator(_TimedTokenGenerator):
    """Signs in once: signing in changes `last_login`, which the token hashes."""

    key_salt = "phananh.accounts.tokens.SignInLinkTokenGenerator"
    timeout_seconds = SIGN_IN_LINK_MINUTES * 60

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


class EmailVerificationTokenGenerator(_TimedTokenGenerator):
    """Verifies once: verifying activates the account and stamps `email_verified_at`."""

    key_salt = "phananh.accounts.tokens.EmailVerificationTokenGenerator"
    timeout_seconds = VERIFY_LINK_DAYS * 24 * 60 * 60

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        verified = int(user.email_verified_at.timestamp()) if user.email_verified_at else ""
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}{verified}"


sign_in_link_tokens = SignInLinkTokenGenerator()
email_verification_tokens = EmailVerificationTokenGenerator()
