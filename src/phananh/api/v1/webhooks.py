"""Webhook subscriptions for integrators (docs/api.md): an API key with `webhooks:manage`
subscribes a URL to every public event of the reports it may see (an agency's key: its
agency's). Deliveries are signed as Standard Webhooks says (`phananh.interop.webhooks`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view

from phananh.accounts.choices import ApiKeyScope
from phananh.api.v1.auth import API_KEY, principal_of, require_scope
from phananh.api.v1.errors import ApiError, not_found
from phananh.api.v1.http import JSON, accepts
from phananh.api.v1.schemas import ErrorOut
from phananh.geo.models import Area
from phananh.interop.models import WebhookSubscription
from phananh.interop.selectors import subscriptions_of_key
from phananh.interop.services import webhook_subscribe, webhook_unsubscribe

router = Router(tags=["webhooks"])
ERRORS = frozenset({400, 401, 403, 404, 415, 429})


class WebhookIn(Schema):
    url: str
    name: str = ""
    area: str = ""
    categories: list[str] = []


class WebhookOut(Schema):
    id: int
    name: str
    url: str
    area: str | None
    agency: str | None
    categories: list[str]
    created_at: str
    # Only in the answer that creates it: keep it to verify the signatures.
    secret: str | None = None


class WebhookList(Schema):
    results: list[WebhookOut]


def _key(request: HttpRequest) -> Any:
    principal = principal_of(request)
    if principal.kind != API_KEY:
        raise ApiError(
            401, "not_authenticated", _("Webhooks are managed with an integrator's API key.")
        )
    require_scope(principal, ApiKeyScope.WEBHOOKS)
    return principal.api_key


def _out(subscription: WebhookSubscription, secret: str | None = None) -> dict[str, Any]:
    return {
        "id": subscription.pk,
        "name": subscription.name,
        "url": subscription.url,
        "area": subscription.area.code if subscription.area_id and subscription.area else None,
        "agency": (
            subscription.agency.code if subscription.agency_id and subscription.agency else None
        ),
        "categories": list(subscription.categories or []),
        "created_at": subscription.created_at.isoformat(),
        "secret": secret,
    }


@router.post("/webhooks", response={201: WebhookOut, ERRORS: ErrorOut}, summary="Subscribe")
@decorate_view(accepts(JSON))
def webhook_create(request: HttpRequest, payload: WebhookIn) -> Status[dict[str, Any]]:
    """Subscribe a URL; the answer carries the signing secret (`whsec_…`), shown once."""
    key = _key(request)
    area = None
    if payload.area:
        area = Area.objects.filter(code=payload.area[:64]).first()
        if area is None:
            raise not_found(_("No ward or commune with this code."))
    subscription, secret = webhook_subscribe(
        name=payload.name,
        url=payload.url,
        agency=key.agency if key.agency_id else None,
        area=area,
        categories=payload.categories,
        api_key=key,
    )
    return Status(201, _out(subscription, secret))


@router.get("/webhooks", response={200: WebhookList, ERRORS: ErrorOut}, summary="My webhooks")
def webhook_list(request: HttpRequest) -> dict[str, Any]:
    key = _key(request)
    rows = subscriptions_of_key(key.pk).select_related("area", "agency").defer("area__geometry")
    return {"results": [_out(s) for s in rows]}


@router.delete(
    "/webhooks/{webhook_id}", response={204: None, ERRORS: ErrorOut}, summary="Unsubscribe"
)
def webhook_delete(request: HttpRequest, webhook_id: int) -> Status[None]:
    key = _key(request)
    subscription = subscriptions_of_key(key.pk).filter(pk=webhook_id).first()
    if subscription is None:
        raise not_found(_("No webhook with this id."))
    webhook_unsubscribe(subscription=subscription)
    return Status(204, None)
