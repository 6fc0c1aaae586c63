"""The password sign-in forms, throttled (accounts/throttle.py): the portal's and console's
page and the admin site's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from phananh.accounts import throttle
from phananh.accounts.models import SignInFailure


class ThrottledLogin:
    """Refuses a locked account or address before the password is checked; counts failures."""

    throttle_form = SignInFailure.Form.PORTAL
    # Seconds still to wait when the form was refused for being locked (the view says 429).
    locked_for = 0

    def clean(self) -> dict[str, Any]:
        identifier = (self.data.get("username") or "")[:254]
        wait = throttle.signin_wait(request=self.request, identifier=identifier)
        if wait:
            throttle.signin_failed(
                request=self.request, identifier=identifier, form=self.throttle_form, locked=True
            )
            self.locked_for = wait
            raise forms.ValidationError(throttle.locked_message(wait), code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.signin_failed(
                request=self.request, identifier=identifier, form=self.throttle_form
            )
            raise
        throttle.signin_succeeded(request=self.request, identifier=identifier)
        return cleaned


class SignInForm(ThrottledLogin, AuthenticationForm):
    """/accounts/login/: citizens and staff."""


class AdminSignInForm(ThrottledLogin, AdminAuthenticationForm):
    """/admin/login/."""

    throttle_form = SignInFailure.Form.ADMIN
