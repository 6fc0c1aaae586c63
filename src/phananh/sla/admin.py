from django.contrib import admin

from phananh.sla.models import CalendarDay, Deadline, DeadlineExtension, SlaPolicy
from phananh.sla.selectors import calendar_forget


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "triage_amount",
        "triage_unit",
        "acceptance_amount",
        "acceptance_unit",
        "resolution_amount",
        "resolution_unit",
        "evaluation_days",
        "max_extensions",
    ]
    list_filter = ["track"]
    autocomplete_fields = ["category"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "day"

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        calendar_forget()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        calendar_forget()


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["report", "step", "agency", "started_at", "due_at", "state", "outcome"]
    list_filter = ["step", "state", "outcome"]
    list_select_related = ["report", "agency"]
    search_fields = ["report__code"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(report__code=search_term.strip().upper()), False

    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ["deadline", "requested_at", "proposed_due_at", "state", "decided_at"]
    list_filter = ["state"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
