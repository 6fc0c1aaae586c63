"""Forms of the citizen's account pages: visible labels, precise messages, both languages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from phananh.accounts.models import User
from phananh.notifications.choices import OptionalKind

LANGUAGE_CHOICES = [("vi", "Tiếng Việt"), ("en", "English")]


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        help_text=_("We send a link to this address to confirm that it is yours."),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=_("Password (optional)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 8 characters. Leave it empty to sign in with a link we email you instead."
        ),
    )

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password") or ""
        if password:
            # Fields are cleaned in order: the email and name are known here.
            person = User(
                email=self.cleaned_data.get("email", ""),
                full_name=self.cleaned_data.get("full_name", ""),
            )
            password_validation.validate_password(password, user=person)
        return password


class SignInLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)


class AccountSettingsForm(forms.Form):
    comment_name = forms.CharField(
        label=_("Name on my comments"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        help_text=_(
            "Shown next to your comments. Leave it empty to sign them “A resident”: your "
            "full name and email are never shown."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of pages and emails"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )
    wanted = forms.MultipleChoiceField(
        label=_("Email me when"),
        choices=OptionalKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The email to confirm a report you send without signing in, and sign-in links, "
            "are always sent."
        ),
    )


class DeleteAccountForm(forms.Form):
    email = forms.EmailField(
        label=_("Type your email address to confirm"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email != self.user.email.lower():
            raise forms.ValidationError(
                _("This is not the email address of your account."), code="mismatch"
            )
        return email

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password") or ""
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password
