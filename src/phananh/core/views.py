from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponseBadRequest:
    """The 400 page, without Django's CSRF check (which reads the body again: an unreadable body,
    such as a form in UTF-16 sent with a csrftoken cookie, made that check a 500)."""
    return HttpResponseBadRequest(loader.get_template("400.html").render())


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and `make demo`."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})
