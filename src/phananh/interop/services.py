"""Writes of the interop app: webhook subscriptions and agencies' send methods."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from phananh.accounts.models import Agency, ApiKey
from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.geo.models import Area
from phananh.interop.choices import SendMethod
from phananh.interop.models import AgencyEndpoint, WebhookSubscription
from phananh.interop.webhooks import secret_new


@transaction.atomic
def webhook_subscribe(
    *,
    name: str,
    url: str,
    agency: Agency | None = None,
    area: Area | None = None,
    categories: Sequence[str] = (),
    api_key: ApiKey | None = None,
) -> tuple[WebhookSubscription, str]:
    """A new subscription; returns it and its secret (shown once: keep it to verify)."""
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InvalidInput(
            _("Give the URL that receives the webhooks (http or https)."),
            code="bad_url",
            fields={"url": "invalid"},
        ) from None
    if len(url) > 500:
        raise InvalidInput(_("The URL is too long."), code="bad_url", fields={"url": "too_long"})
    secret = secret_new()
    subscription = WebhookSubscription.objects.create(
        name=(name or "").strip()[:150] or url[:150],
        url=url,
        secret=secret,
        agency=agency,
        area=area,
        categories=[str(code)[:64] for code in categories][:50],
        api_key=api_key,
        created_at=clock.now(),
    )
    return subscription, secret


@transaction.atomic
def webhook_unsubscribe(*, subscription: WebhookSubscription) -> None:
    subscription.is_active = False
    subscription.save(update_fields=["is_active"])


@transaction.atomic
def agency_endpoint_set(*, agency: Agency, method: str, **values: object) -> AgencyEndpoint:
    """Set how an agency receives its reports (the admin, the tests, a city's loader)."""
    if method not in SendMethod.values:
        raise InvalidInput(_("Unknown send method."), code="bad_method")
    endpoint, _created = AgencyEndpoint.objects.update_or_create(
        agency=agency, defaults={"method": method, **values}
    )
    return endpoint
