"""The citizen's account pages: sign up, sign in by emailed link, my reports, settings, delete.

They live in publication, not accounts, because they show reports and call the reports and
notifications services, which accounts may not import (docs/architecture.md).
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from phananh.accounts import throttle
from phananh.accounts.models import SignInFailure, User
from phananh.accounts.selectors import user_from_uidb64, user_may_close_own_account
from phananh.accounts.services import user_language_on_sign_in
from phananh.accounts.tokens import email_verification_tokens, sign_in_link_tokens
from phananh.core import dates
from phananh.core.errors import DomainError
from phananh.core.middleware import language_chosen, language_cookie
from phananh.core.net import client_ip
from phananh.core.ratelimit import rate_limit_hit
from phananh.notifications.choices import OptionalKind
from phananh.notifications.selectors import notification_muted_kinds
from phananh.publication import services
from phananh.publication.account_forms import (
    AccountSettingsForm,
    DeleteAccountForm,
    SignInLinkForm,
    SignUpForm,
)
from phananh.reports.choices import OPEN_STATUSES
from phananh.reports.reporter_selectors import report_list_for_reporter, report_list_supported_by

# Emails a person can make us send: per address and per connection, in one hour.
MAILS_PER_ADDRESS = 5
MAILS_PER_CONNECTION = 20
MAIL_WINDOW_SECONDS = 60 * 60
PAGE_SIZE = 20
SUPPORTED_SHOWN = 50
_CHECK_EMAIL_KEY = "phananh:check_email"
_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignedInRequest(HttpRequest):
    """What a login_required view gets: the user is a person, never anonymous."""

    user: User


def _safe_next(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def _posted(request: HttpRequest) -> QueryDict | None:
    """The POST data, even when empty, so an empty form is validated (and says what is missing)."""
    return request.POST if request.method == "POST" else None


def _mail_allowed(request: HttpRequest, email: str) -> bool:
    """Count one emailed link for this address and this connection; False past the limit."""
    by_address = rate_limit_hit(
        "mail-address", email, limit=MAILS_PER_ADDRESS, window_seconds=MAIL_WINDOW_SECONDS
    )
    by_connection = rate_limit_hit(
        "mail-connection",
        client_ip(request),
        limit=MAILS_PER_CONNECTION,
        window_seconds=MAIL_WINDOW_SECONDS,
    )
    return by_address and by_connection


def _too_many(form: forms.Form) -> None:
    form.add_error(
        None,
        _(
            "We have already sent several links for this address or from this connection. "
            "Please wait an hour, then try again. The links already sent still work."
        ),
    )


def _sign_in(request: HttpRequest, user: User, claimed: int) -> None:
    """Sign the person in, in their language, and say which earlier reports joined the account."""
    login(request, user, backend=_BACKEND)
    # The language chosen while browsing wins (and is saved to the account); else the account's.
    translation.activate(user_language_on_sign_in(user=user, chosen=language_chosen(request)))
    if claimed:
        messages.success(
            request,
            ngettext(
                "%(count)d report you sent earlier from this address is now in your account.",
                "%(count)d reports you sent earlier from this address are now in your account.",
                claimed,
            )
            % {"count": claimed},
        )


def _with_language(request: HttpRequest, response: HttpResponse, language: str) -> HttpResponse:
    return language_cookie(response, request, language)


def _check_email(request: HttpRequest, email: str) -> HttpResponse:
    request.session[_CHECK_EMAIL_KEY] = email.strip().lower()
    return redirect("citizen:check-email")


@sensitive_post_parameters("password")
@never_cache
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account: email, full name, and a password only for those who want one."""
    if request.user.is_authenticated:
        return redirect("citizen:reports")
    form = SignUpForm(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            if not _mail_allowed(request, data["email"]):
                _too_many(form)
                status = 429
            else:
                try:
                    services.account_sign_up(
                        email=data["email"],
                        full_name=data["full_name"],
                        password=data["password"] or None,
                        language=translation.get_language() or "vi",
                    )
                except DomainError as error:
                    form.add_error(None, str(error.message))
                else:
                    return _check_email(request, data["email"])
    return render(request, "accounts/signup.html", {"form": form}, status=status)


@never_cache
def check_email(request: HttpRequest) -> HttpResponse:
    """The same answer whether or not the address has an account."""
    return render(
        request, "accounts/check_email.html", {"email": request.session.get(_CHECK_EMAIL_KEY, "")}
    )


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/link_invalid.html", status=400)


@never_cache
def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Confirm the address. Opening the link only shows a button, so mail scanners that open
    links do not spend it; pressing the button activates the account and signs in.
    """
    if request.method == "POST":
        result = services.account_verify(uidb64=uidb64, token=token)
        if result is None:
            return _invalid_link(request)
        user, claimed = result
        _sign_in(request, user, claimed)
        messages.success(request, _("Your email address is confirmed. Welcome!"))
        return _with_language(request, redirect("citizen:reports"), user.language)
    pending = user_from_uidb64(uidb64)
    if (
        pending is None
        or not pending.is_pending
        or not email_verification_tokens.check_token(pending, token)
    ):
        return _invalid_link(request)
    return render(
        request,
        "accounts/link_confirm.html",
        {
            "title": _("Confirm your email address"),
            "button": _("Confirm and sign in"),
            "email": pending.email,
        },
    )


@never_cache
def login_link(request: HttpRequest) -> HttpResponse:
    """Ask for a one-time sign-in link by email."""
    initial = {"email": request.GET.get("email", ""), "next": request.GET.get("next", "")}
    form = SignInLinkForm(_posted(request), initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            email = form.cleaned_data["email"]
            if not _mail_allowed(request, email):
                _too_many(form)
                status = 429
            else:
                services.account_send_sign_in_link(
                    email=email, next_url=_safe_next(request, form.cleaned_data["next"])
                )
                return _check_email(request, email)
    return render(request, "accounts/login_link.html", {"form": form}, status=status)


@never_cache
def login_link_use(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Sign in with an emailed link: once, within 30 minutes (a button, as for verification)."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        result = services.account_use_sign_in_link(uidb64=uidb64, token=token)
        if result is None:
            return _invalid_link(request)
        user, claimed = result
        _sign_in(request, user, claimed)
        messages.success(request, _("You are signed in."))
        return _with_language(request, redirect(next_url or "citizen:reports"), user.language)
    person = user_from_uidb64(uidb64)
    if person is None or not person.is_active or not sign_in_link_tokens.check_token(person, token):
        return _invalid_link(request)
    return render(
        request,
        "accounts/link_confirm.html",
        {"title": _("Sign in"), "button": _("Sign in"), "email": person.email, "next": next_url},
    )


def _cursor(value: str) -> tuple[datetime, int] | None:
    """A keyset cursor "<iso moment>_<id>"; anything else means the first page."""
    try:
        return dates.parse_cursor(value) if value else None
    except ValueError:
        return None


@login_required
def my_reports(request: SignedInRequest) -> HttpResponse:
    """The signed-in person's reports, newest first, and the reports they support."""
    cursor = _cursor(request.GET.get("after", ""))
    page = list(report_list_for_reporter(request.user.pk, after=cursor)[: PAGE_SIZE + 1])
    next_cursor = None
    if len(page) > PAGE_SIZE:
        page = page[:PAGE_SIZE]
        next_cursor = f"{page[-1].submitted_at.isoformat()}_{page[-1].pk}"
    supported = (
        list(report_list_supported_by(request.user.pk)[:SUPPORTED_SHOWN]) if cursor is None else []
    )
    return render(
        request,
        "accounts/my_reports.html",
        {
            "reports": page,
            "supported": supported,
            "next_cursor": next_cursor,
            "is_first_page": cursor is None,
            "open_statuses": OPEN_STATUSES,
        },
    )


@login_required
def account_settings(request: SignedInRequest) -> HttpResponse:
    """Language and which optional emails the person wants."""
    user = request.user
    muted = notification_muted_kinds(user.pk)
    initial = {
        "comment_name": user.comment_name,
        "language": user.language,
        "wanted": [kind for kind in OptionalKind.values if kind not in muted],
    }
    form = AccountSettingsForm(_posted(request), initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.account_settings_save(
                    user=user,
                    language=data["language"],
                    wanted=data["wanted"],
                    comment_name=data["comment_name"],
                )
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                translation.activate(data["language"])
                messages.success(request, _("Your settings are saved."))
                return _with_language(request, redirect("citizen:settings"), data["language"])
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "may_delete": user_may_close_own_account(user)},
        status=status,
    )


@sensitive_post_parameters("password")
@login_required
def delete_account(request: SignedInRequest) -> HttpResponse:
    """Delete my account: reports stay, anonymised. Staff are sent to an administrator."""
    user = request.user
    if not user_may_close_own_account(user):
        return render(request, "accounts/delete.html", {"staff": True}, status=403)
    form = DeleteAccountForm(_posted(request), user=user)
    status = 200
    if request.method == "POST":
        status = 400
        # The password check is throttled like every password form (accounts/throttle.py).
        wait = throttle.signin_wait(request=request, identifier=user.email)
        if wait:
            throttle.signin_failed(
                request=request, identifier=user.email, form=SignInFailure.Form.ACCOUNT, locked=True
            )
            context = {
                "form": DeleteAccountForm(None, user=user),
                "locked": throttle.locked_message(wait),
            }
            response = render(request, "accounts/delete.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        if not form.is_valid() and "password" in form.errors:
            throttle.signin_failed(
                request=request, identifier=user.email, form=SignInFailure.Form.ACCOUNT
            )
        if form.is_valid():
            try:
                services.account_close(user=user)
            except DomainError as error:
                form.add_error(None, str(error.message))
                status = error.status
            else:
                logout(request)
                messages.success(
                    request,
                    _(
                        "Your account is deleted. The reports you sent stay public, "
                        "without your name or contact details."
                    ),
                )
                return redirect(reverse("publication:home"))
    return render(request, "accounts/delete.html", {"form": form}, status=status)
