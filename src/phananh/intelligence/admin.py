from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from phananh.intelligence.models import ClassifierModel, HotIssue
from phananh.intelligence.tasks import train_classifier


@admin.register(ClassifierModel)
class ClassifierModelAdmin(admin.ModelAdmin):
    """Trained models, newest first; 'retrain now' asks the worker for a new one."""

    list_display = [
        "id",
        "created_at",
        "reason",
        "sklearn_version",
        "seed_samples",
        "operator_samples",
        "heldout_top1",
        "heldout_top3",
        "training_seconds",
    ]
    list_filter = ["reason"]
    readonly_fields = [f.name for f in ClassifierModel._meta.fields if f.name != "payload"]
    exclude = ["payload"]
    actions = ["retrain"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    @admin.action(description=_("Retrain the classifier now (in the background)"))
    def retrain(self, request: HttpRequest, queryset: QuerySet[ClassifierModel]) -> None:
        train_classifier.enqueue("on_demand")
        messages.success(request, _("The worker is training a new model; it is used once stored."))


@admin.register(HotIssue)
class HotIssueAdmin(admin.ModelAdmin):
    list_display = [
        "category",
        "area",
        "state",
        "report_count",
        "first_report_at",
        "last_report_at",
    ]
    list_filter = ["state", "category"]
    list_select_related = ["category", "area"]
    readonly_fields = [
        "category",
        "area",
        "detected_at",
        "first_report_at",
        "last_report_at",
        "report_count",
        "closed_at",
    ]
    fields = [*readonly_fields, "state"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
