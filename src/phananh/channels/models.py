"""What the chat channels (Messenger, Zalo OA) keep: each message once, each chat's draft."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    """Chat platforms; the values are also the report's channel and the outbox channel."""

    FACEBOOK = "facebook", _("Facebook Messenger")
    ZALO = "zalo", _("Zalo")


class InboundKind(models.TextChoices):
    START = "start", _("Started the chat")
    TEXT = "text", _("Text")
    MEDIA = "media", _("Photo or video")
    LOCATION = "location", _("Shared location")
    OTHER = "other", _("Something else")


class InboundState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    DONE = "done", _("Taken in")
    FAILED = "failed", _("Failed")


class ConversationState(models.TextChoices):
    IDLE = "idle", _("No report in progress")
    DESCRIBE = "describe", _("Asked what is wrong")
    PHOTOS = "photos", _("Asked for photos")
    PLACE = "place", _("Asked where")
    CONFIRM = "confirm", _("Asked to confirm")


class InboundMessage(models.Model):
    """One message a person sent us, stored once per platform message id (platforms redeliver).

    The webhook only stores it; the worker feeds it to the conversation, in the order sent.
    """

    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    message_id = models.CharField(_("platform message id"), max_length=200)
    sender_id = models.CharField(_("sender id"), max_length=128)
    kind = models.CharField(_("kind"), max_length=16, choices=InboundKind.choices)
    text = models.TextField(_("text"), blank=True)
    # [{"type": "image" | "video", "url": "https://…"}] as the platform sent them.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"))
    received_at = models.DateTimeField(_("received"))
    state = models.CharField(
        _("state"), max_length=10, choices=InboundState.choices, default=InboundState.PENDING
    )
    error = models.TextField(_("error"), blank=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        verbose_name = _("chat message received")
        verbose_name_plural = _("chat messages received")
        constraints = [
            models.UniqueConstraint(fields=["platform", "message_id"], name="inbound_message_once")
        ]
        indexes = [
            models.Index(
                fields=["platform", "sender_id", "state", "sent_at"], name="inbound_sender_idx"
            ),
            models.Index(fields=["sent_at"], name="inbound_sent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.message_id}"


class Conversation(models.Model):
    """The short chat with one person on one platform that collects a report, and its draft."""

    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    sender_id = models.CharField(_("sender id"), max_length=128)
    state = models.CharField(
        _("state"), max_length=10, choices=ConversationState.choices, default=ConversationState.IDLE
    )
    language = models.CharField(_("language"), max_length=8, default="vi")
    text = models.TextField(_("description"), blank=True)
    # Names of downloaded photos in the private storage, until the report takes them.
    photos = models.JSONField(_("photos"), default=list, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    area = models.ForeignKey(
        "geo.Area",
        verbose_name=_("ward or commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place_attempts = models.PositiveSmallIntegerField(default=0)
    last_report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("last report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"))
    # The draft is dropped when the person is silent past this moment.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("chat conversation")
        verbose_name_plural = _("chat conversations")
        constraints = [
            models.UniqueConstraint(fields=["platform", "sender_id"], name="conversation_once")
        ]
        indexes = [models.Index(fields=["expires_at"], name="conversation_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.platform}:{self.sender_id} ({self.state})"


class EmailOutcome(models.TextChoices):
    """What became of one email sent to the intake address."""

    REPORT = "report", _("New report")
    ANSWER = "answer", _("Answer to a question")
    COMMENT = "comment", _("Comment")
    FORWARDED = "forwarded", _("Passed to the operations centre")
    IGNORED = "ignored", _("Ignored: sent by a machine")
    REFUSED = "refused", _("Refused")


class InboundEmail(models.Model):
    """One email received (SMTP or IMAP), stored once per Message-ID: servers deliver again."""

    message_id = models.CharField(_("message id"), max_length=200, unique=True)
    sender = models.CharField(_("sender"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("received"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=EmailOutcome.choices)
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Why it was ignored or refused, attachments skipped, the place asked for.
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("email received")
        verbose_name_plural = _("emails received")
        indexes = [models.Index(fields=["received_at"], name="inbound_email_received_idx")]

    def __str__(self) -> str:
        return f"{self.sender}: {self.subject}"
