"""The password sign-in forms, throttled (accounts/throttle.py): the portal's and console's
page and the admin site's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from phananh.accounts import throttle
from phananh.accounts.models import SignInFailure

if TYPE_CHECKING:
    # The mixin is only ever combined with an AuthenticationForm (its data, request and clean).
    _LoginBase = AuthenticationForm
else:
    _LoginBase = object


class ThrottledLogin(_LoginBase):
    """Refuses a locked account or address before the password is checked; counts failures."""

    throttle_form = SignInFailure.Form.PORTAL
    # Seconds still to wait when the form was refused for being locked (the view says 429).
    locked_for = 0

    def clean(self) -> dict[str, Any]:
        identifier = (self.data.get("username") or "")[:254]
        request = self.request
        # Every sign-in view gives the form its request: the throttle counts by address.
        assert request is not None
        wait = throttle.signin_wait(request=request, identifier=identifier)
        if wait:
            throttle.signin_failed(
                request=request, identifier=identifier, form=self.throttle_form, locked=True
            )
            self.locked_for = wait
            raise forms.ValidationError(throttle.locked_message(wait), code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.signin_failed(request=request, identifier=identifier, form=self.throttle_form)
            raise
        throttle.signin_succeeded(request=request, identifier=identifier)
        return cleaned


class SignInForm(ThrottledLogin, AuthenticationForm):
    """/accounts/login/: citizens and staff."""


class AdminSignInForm(ThrottledLogin, AdminAuthenticationForm):
    """/admin/login/."""

    throttle_form = SignInFailure.Form.ADMIN
