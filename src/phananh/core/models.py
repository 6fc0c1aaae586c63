"""Base models shared by every domain app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language


class TimeStampedModel(models.Model):
    """Adds creation and last-change moments."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class BilingualNameMixin:
    """`name` in the active language: English where asked and available, Vietnamese otherwise."""

    name_vi: str
    name_en: str

    @property
    def name(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name_vi

    def __str__(self) -> str:
        return self.name


class PeriodicRun(models.Model):
    """One run of a periodic job in one wall-clock slot: claimed once across every worker."""

    job = models.CharField(max_length=64)
    slot = models.DateTimeField()
    claimed_at = models.DateTimeField()
    worker = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="periodicrun_once_per_slot")
        ]
        indexes = [models.Index(fields=["claimed_at"], name="periodicrun_claimed_idx")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M:%S}"


class WorkerBeat(models.Model):
    """A worker process that is alive: its task runs are its own while it beats."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
