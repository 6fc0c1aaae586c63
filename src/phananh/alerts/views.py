"""The pages of alerts by place: subscribe, confirm, stop (thin: the form and the services)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from phananh.alerts.forms import SubscribeForm
from phananh.alerts.messages import describe
from phananh.alerts.models import AlertSubscription
from phananh.alerts.services import alert_confirm, alert_stop, alert_subscribe
from phananh.alerts.tokens import subscription_id_from_token
from phananh.core.net import client_ip
from phananh.core.ratelimit import rate_limit_hit

# Confirmation emails one address may be sent, and one connection may ask for, per hour: the
# form cannot be used to fill someone's inbox.
PER_ADDRESS = 3
PER_CONNECTION = 10
WINDOW_SECONDS = 60 * 60
PREFILL = ("kind", "area", "lat", "lon", "radius", "category", "frequency")


def _allowed(request: HttpRequest, email: str) -> bool:
    by_connection = rate_limit_hit(
        "alert-connection", client_ip(request), limit=PER_CONNECTION, window_seconds=WINDOW_SECONDS
    )
    by_address = rate_limit_hit(
        "alert-address", email, limit=PER_ADDRESS, window_seconds=WINDOW_SECONDS
    )
    return by_connection and by_address


def _form_page(request: HttpRequest, form: SubscribeForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "alerts/subscribe.html",
        {
            "form": form,
            "map_tiles": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_ATTRIBUTION,
        },
        status=status,
    )


def subscribe(request: HttpRequest) -> HttpResponse:
    """The form (prefilled from the link: ?area=…, ?lat=…&lon=…, ?category=…); a POST records
    the alert and emails the link that confirms it."""
    if request.method != "POST":
        initial = {key: request.GET[key] for key in PREFILL if request.GET.get(key)}
        if request.user.is_authenticated:
            initial["email"] = getattr(request.user, "email", "")
        if "kind" not in initial and "lat" in initial and "lon" in initial:
            initial["kind"] = "radius"
        return _form_page(request, SubscribeForm(initial=initial))
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if not _allowed(request, form.cleaned_data["email"]):
        form.add_error(
            None,
            _(
                "We have already sent several confirmation links for this address or from this "
                "connection. Please wait an hour, then try again. The links sent still work."
            ),
        )
        return _form_page(request, form, status=429)
    user_id = request.user.pk if request.user.is_authenticated else None
    subscription = alert_subscribe(
        request=form.request(language=translation.get_language() or "vi", user_id=user_id)
    )
    return render(
        request,
        "alerts/sent.html",
        {"email": subscription.email, "what": describe(subscription)},
    )


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/invalid.html", status=400)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation email (valid for a week)."""
    subscription_id = subscription_id_from_token(token, "confirm")
    subscription = alert_confirm(subscription_id=subscription_id) if subscription_id else None
    if subscription is None:
        return _invalid(request)
    return render(
        request,
        "alerts/confirmed.html",
        {"subscription": subscription, "what": describe(subscription)},
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie
def stop(request: HttpRequest, token: str) -> HttpResponse:
    """The stop link of every alert: a POST stops at once (the mail client's one-click, or the
    page's button); a GET shows the button, so a mail scanner opening links stops nothing."""
    subscription_id = subscription_id_from_token(token, "stop")
    if subscription_id is None:
        return _invalid(request)
    if request.method == "POST":
        subscription = alert_stop(subscription_id=subscription_id)
        if subscription is None:
            return _invalid(request)
        return render(request, "alerts/stopped.html", {"what": describe(subscription)})
    subscription = AlertSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return _invalid(request)
    if subscription.stopped_at is not None:
        return render(request, "alerts/stopped.html", {"what": describe(subscription)})
    return render(
        request, "alerts/stop.html", {"subscription": subscription, "what": describe(subscription)}
    )
