from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

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

    def save_model(
        self, request: HttpRequest, obj: CalendarDay, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        calendar_forget()

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        super().delete_model(request, obj)
        calendar_forget()


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["report", "step", "agency", "started_at", "due_at", "state", "outcome"]
    list_filter = ["step", "state", "outcome"]
    list_select_related = ["report", "agency"]
    search_fields = ["report__code"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Deadline], search_term: str
    ) -> tuple[QuerySet[Deadline], bool]:
        if not search_term.strip():
            return queryset, False
        return queryset.filter(report__code=search_term.strip().upper()), False

    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ["deadline", "requested_at", "proposed_due_at", "state", "decided_at"]
    list_filter = ["state"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
