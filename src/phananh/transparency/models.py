"""The published heads of the city's event chain: one signed row per day."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TransparencyHead(models.Model):
    """A day's head of the event chain and Merkle root of its events, signed (Ed25519).

    It covers the events `first_seq`…`last_seq` of the city's chain (every event recorded since
    the previous head); `statement` is the exact text that was signed.
    """

    day = models.DateField(_("day"), unique=True)
    first_seq = models.PositiveBigIntegerField()
    last_seq = models.PositiveBigIntegerField()
    count = models.PositiveIntegerField(_("events"))
    chain_head = models.CharField(_("chain head"), max_length=64)
    merkle_root = models.CharField(_("Merkle root"), max_length=64)
    published_at = models.DateTimeField(_("published"))
    statement = models.TextField()
    signature = models.CharField(max_length=128)
    key_id = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("published chain head")
        verbose_name_plural = _("published chain heads")
        ordering = ["-day"]
        indexes = [models.Index(fields=["last_seq"], name="head_last_seq_idx")]

    def __str__(self) -> str:
        return f"{self.day}: {self.chain_head[:12]}"

    def covers(self, seq: int) -> bool:
        return self.first_seq <= seq <= self.last_seq
