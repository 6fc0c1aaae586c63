"""Middleware of our own: `?lang=en` (or `vi`) on any URL, remembered in the language cookie;
NUL characters refused with a clear 400."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def language_cookie(response: HttpResponse, request: HttpRequest, language: str) -> HttpResponse:
    """Remember the language chosen; the cookie is Secure on an HTTPS site or request."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
    )
    return response


def language_chosen(request: HttpRequest) -> str | None:
    """The language the visitor chose while browsing (`lang` parameter, else the cookie), if any."""
    for language in (
        request.GET.get("lang", ""),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
    ):
        if language in LANGUAGES:
            return language
    return None


class LanguageQueryMiddleware:
    """After LocaleMiddleware: a valid `lang` parameter wins, and is kept in the language cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.GET.get("lang", "")
        if language not in LANGUAGES:
            return self.get_response(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return language_cookie(response, request, language)


class RejectNulMiddleware:
    """A NUL character in a form or query field is refused with a clear 400.

    PostgreSQL cannot store it, so it would otherwise surface as a 500 wherever the text lands.
    The API, Open311 and the webhooks answer it in their own formats, so they are left to it.
    """

    OWN_FORMATS = ("/api/", "/open311/", "/channels/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(self.OWN_FORMATS) and self._has_nul(request):
            from django.http import HttpResponseBadRequest, JsonResponse
            from django.utils.translation import gettext as _

            message = _("The form contains an invalid character (NUL). Remove it and send again.")
            if request.path.endswith(".json"):  # the map's data: answered as JSON, like its errors
                return JsonResponse({"error": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        fields = [request.GET]
        if request.method == "POST":
            fields.append(request.POST)
        return any(
            "\x00" in value
            for data in fields
            for values in data.lists()
            for value in values[1] + [values[0]]
        )
