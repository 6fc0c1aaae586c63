"""The cluster's own state in the admin: the workers alive, the periodic jobs' claimed slots."""

from __future__ import annotations

from django.contrib import admin

from phananh.core.models import PeriodicRun, WorkerBeat


@admin.register(WorkerBeat)
class WorkerBeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "host", "pid", "started_at", "seen_at")
    ordering = ("-seen_at",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(PeriodicRun)
class PeriodicRunAdmin(admin.ModelAdmin):
    list_display = ("job", "slot", "claimed_at", "worker")
    list_filter = ("job",)
    ordering = ("-slot",)
    date_hierarchy = "slot"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
