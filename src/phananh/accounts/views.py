"""Sign in and out with email and password (the citizen's other account pages: publication)."""

from collections.abc import Callable

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from phananh.accounts.forms import SignInForm
from phananh.accounts.selectors import user_is_staff_member
from phananh.accounts.services import user_language_on_sign_in
from phananh.core.middleware import language_chosen, language_cookie


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = SignInForm

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        if isinstance(form, SignInForm) and form.locked_for:
            # Too many failures: 429 with how long to wait (accounts/throttle.py).
            response.status_code = 429
            response["Retry-After"] = str(form.locked_for)
        return response

    def get_default_redirect_url(self) -> str:
        # Staff go to the console (each role to its page); a citizen to the reports they sent.
        user = self.request.user
        if user.is_authenticated and user_is_staff_member(user):
            return super().get_default_redirect_url()
        return reverse("citizen:reports")

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        # The language chosen while browsing wins (and is saved); else the account's.
        language = user_language_on_sign_in(
            user=form.get_user(), chosen=language_chosen(self.request)
        )
        return language_cookie(response, self.request, language)


class LogoutView(auth_views.LogoutView):
    pass


def admin_login_throttled(login: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The admin site's sign-in view, answering 429 with Retry-After while locked, as ours does."""

    def view(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        response = login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        locked_for = getattr(form, "locked_for", 0)
        if locked_for:
            response.status_code = 429
            response["Retry-After"] = str(locked_for)
        return response

    return view
