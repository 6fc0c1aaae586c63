from django.contrib import admin

from phananh.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to", "subject", "state", "attempts"]
    list_filter = ["state", "kind", "channel"]
    search_fields = ["to", "subject"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "muted", "updated_at"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "muted", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False
