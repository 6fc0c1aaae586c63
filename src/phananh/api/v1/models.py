"""Personal tokens: how a person's mobile app acts for them without keeping their password."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PersonalToken(models.Model):
    """A person's token for an app (`Authorization: Bearer …`); only its secret's hash is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    # The public part of the token (`pat_<prefix>_<secret>`): shown in lists, used to find the row.
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    # SHA-256 (hex) of the secret part: a leaked database does not leak usable tokens.
    secret_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("personal token")
        verbose_name_plural = _("personal tokens")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="token_user_idx")]

    def __str__(self) -> str:
        return f"{self.name or self.prefix} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
