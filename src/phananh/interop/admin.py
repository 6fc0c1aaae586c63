"""Admin: agencies' send methods, forwards with their updates, webhook subscriptions and the
delivery log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from phananh.interop.models import (
    AgencyEndpoint,
    Forward,
    ForwardUpdate,
    WebhookDelivery,
    WebhookSubscription,
)
from phananh.interop.webhooks import secret_new

# URLs typed without a scheme are taken as https (Django 6's default, said now).
URL_FIELDS: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}
}


@admin.register(AgencyEndpoint)
class AgencyEndpointAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("agency", "method", "email", "open311_url", "last_polled_at")
    list_filter = ("method",)
    search_fields = ("agency__code", "agency__name_vi", "email", "open311_url")
    readonly_fields = ("last_polled_at", "last_poll_error")
    autocomplete_fields = ("agency",)


class ForwardUpdateInline(admin.TabularInline):
    model = ForwardUpdate
    extra = 0
    can_delete = False
    readonly_fields = ("update_id", "status", "description", "received_at", "event", "outcome")


@admin.register(Forward)
class ForwardAdmin(admin.ModelAdmin):
    list_display = ("report", "agency", "method", "state", "remote_id", "created_at", "sent_at")
    list_filter = ("method", "state")
    search_fields = ("report__code", "remote_id", "agency__code")
    readonly_fields = [f.name for f in Forward._meta.fields]
    inlines = [ForwardUpdateInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    can_delete = False
    ordering = ("-attempted_at",)
    readonly_fields = (
        "webhook_id",
        "event_type",
        "report_code",
        "attempted_at",
        "status_code",
        "ok",
        "error",
        "duration_ms",
    )


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("name", "url", "is_active", "agency", "area", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name", "url")
    readonly_fields = ("created_at", "api_key")
    exclude = ("secret",)
    inlines = [WebhookDeliveryInline]

    def save_model(self, request: HttpRequest, obj: WebhookSubscription, form, change) -> None:  # noqa: ANN001
        from phananh.core import clock

        if not change:
            obj.secret = secret_new()
            obj.created_at = clock.now()
        super().save_model(request, obj, form, change)
        if not change:
            messages.warning(
                request,
                _("The signing secret (shown once, keep it to verify deliveries): %(secret)s")
                % {"secret": obj.secret},
            )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "attempted_at",
        "subscription",
        "event_type",
        "report_code",
        "status_code",
        "ok",
        "duration_ms",
    )
    list_filter = ("ok", "event_type")
    search_fields = ("webhook_id", "report_code")
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
