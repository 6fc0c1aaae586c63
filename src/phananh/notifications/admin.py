from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from phananh.notifications.models import Notification, NotificationPreference
from phananh.notifications.services import notification_retry_now


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox: what was sent to whom on which channel, what failed and why."""

    list_display = [
        "created_at",
        "kind",
        "channel",
        "to",
        "subject",
        "state",
        "attempts",
        "next_attempt_at",
        "short_error",
    ]
    list_filter = ["state", "channel", "kind", "created_at"]
    search_fields = ["to", "subject", "dedupe_key", "report__code"]
    list_select_related = ["report"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["retry_now"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("last error"))
    def short_error(self, obj: Notification) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("Retry now"), permissions=["change"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        count = notification_retry_now(notification_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "%(count)d message will be sent again.",
                "%(count)d messages will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "muted", "updated_at"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "muted", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
