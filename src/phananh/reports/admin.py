"""Read-only views of reports for administrators: changes go through the services (the console)."""

from django.contrib import admin

from phananh.reports.models import Event, Report


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["created_at", "action", "from_status", "to_status", "actor_label", "agency"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["code", "status", "category", "area", "agency", "channel", "submitted_at"]
    list_filter = ["status", "channel", "track", "category"]
    search_fields = ["code"]
    list_select_related = ["category", "area", "agency"]
    date_hierarchy = "submitted_at"
    show_full_result_count = False
    inlines = [EventInline]
