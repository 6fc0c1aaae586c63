from django.contrib import admin

from phananh.alerts.models import AlertDelivery, AlertSubscription


@admin.register(AlertSubscription)
class AlertSubscriptionAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "kind",
        "area",
        "radius_m",
        "category",
        "category_group",
        "frequency",
        "language",
        "created_at",
        "confirmed_at",
        "stopped_at",
    )
    list_filter = ("kind", "frequency", "language")
    search_fields = ("email",)
    raw_id_fields = ("area", "category", "category_group", "user")
    date_hierarchy = "created_at"
    readonly_fields = ("created_at",)


@admin.register(AlertDelivery)
class AlertDeliveryAdmin(admin.ModelAdmin):
    list_display = ("subscription", "report", "state", "matched_at", "sent_at")
    list_filter = ("state",)
    raw_id_fields = ("subscription", "report")
    search_fields = ("subscription__email", "report__code")
    readonly_fields = ("matched_at", "sent_at", "message_key")
