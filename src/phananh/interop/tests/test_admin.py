"""The admin: agencies' send methods, forwards, webhook subscriptions (the secret shown once on
creation) and the delivery log all open for an administrator."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from phananh.interop.models import AgencyEndpoint, WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser(email="root@example.com", password="x")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model", ["agencyendpoint", "forward", "webhooksubscription", "webhookdelivery"]
)
def test_every_interop_page_opens(admin_client, model):
    assert admin_client.get(reverse(f"admin:interop_{model}_changelist")).status_code == 200


def test_a_subscription_made_in_the_admin_shows_its_secret_once(admin_client):
    response = admin_client.post(
        reverse("admin:interop_webhooksubscription_add"),
        {
            "name": "Partner",
            "url": "https://partner.example/hooks",
            "is_active": "on",
            "categories": "[]",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret.startswith("whsec_") and subscription.secret in response.text
    page = admin_client.get(
        reverse("admin:interop_webhooksubscription_change", args=[subscription.pk])
    )
    assert subscription.secret not in page.text


def test_an_agency_send_method_is_set_in_the_admin(admin_client, ward_agency):
    response = admin_client.post(
        reverse("admin:interop_agencyendpoint_add"),
        {
            "agency": ward_agency.pk,
            "method": "open311",
            "open311_url": "https://ward.example/open311/v2/",
            "open311_api_key": "their-key",
            "open311_jurisdiction": "ward.example",
            "service_codes": '{"sanitation": "RUBBISH"}',
            "poll_updates": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    endpoint = AgencyEndpoint.objects.get()
    assert endpoint.service_code_for("sanitation") == "RUBBISH"
    assert endpoint.service_code_for("noise") == "noise"
