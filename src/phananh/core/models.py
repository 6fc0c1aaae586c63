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
