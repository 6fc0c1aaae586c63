"""Read-only views of reports for administrators: changes go through the services (the console)."""

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from phananh.reports.models import Event, Report


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


EVENT_FIELDS = ("created_at", "action", "from_status", "to_status", "actor_label", "agency")


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["code", "status", "category", "area", "agency", "channel", "submitted_at"]
    list_filter = ["status", "channel", "track", "category"]
    # Search is by exact tracking code, on the unique index; no date hierarchy (it would scan
    # every report), and no full count of the unfiltered list.
    search_fields = ["code"]
    search_help_text = "PA-XXXXXXX"
    list_select_related = ["category", "area", "agency"]
    show_full_result_count = False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Report], search_term: str
    ) -> tuple[QuerySet[Report], bool]:
        if not search_term.strip():
            return queryset, False
        return queryset.filter(code=search_term.strip().upper()), False

    inlines = [EventInline]
