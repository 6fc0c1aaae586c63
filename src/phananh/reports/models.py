"""The report, its media, its append-only timeline, comments, ratings and reopen requests."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from phananh.core.models import TimeStampedModel
from phananh.geo.fields import PointCellField
from phananh.reports.choices import (
    CONFIRMED_STATUSES,
    OPEN_STATUSES,
    PUBLIC_STATUS,
    Action,
    Channel,
    HiddenReason,
    MediaKind,
    MediaPurpose,
    MediaState,
    RatingLevel,
    Status,
    Track,
    Visibility,
)


def _private_storage() -> Storage:
    return storages["private"]


class Report(TimeStampedModel):
    """One problem reported by one person, from submission to closure."""

    code = models.CharField(_("tracking code"), max_length=20, unique=True)
    text = models.TextField(_("description"))
    # What the public reads: the text with personal data redacted, or as a moderator edited it.
    public_text = models.TextField(_("public description"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    category = models.ForeignKey(
        "catalog.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    # The point's finest map cell (geo/grid.py), kept by the field from lat and lon: the map's
    # rollup and the duplicate lookup read a place through its index.
    cell = PointCellField(_("map cell"))
    address = models.CharField(_("address"), max_length=255, blank=True)
    # What agencies and the public read: the address with personal data masked, made when the
    # address is written (reports/privacy.py). Nullable so SQLite adds it in place (see
    # submission_key); every row is filled by migration 0012.
    public_address = models.CharField(  # noqa: DJ001
        _("public address"), max_length=255, null=True, blank=True
    )
    area = models.ForeignKey(
        "geo.Area",
        verbose_name=_("ward or commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    language = models.CharField(_("reporter's language"), max_length=8, default="vi")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    reporter_name = models.CharField(_("reporter's name"), max_length=150, blank=True)
    reporter_email = models.EmailField(_("reporter's email"), blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=32, blank=True)
    # Channel-specific address to answer on (a Messenger PSID, a Zalo user id…).
    reporter_channel_id = models.CharField(max_length=128, blank=True, editable=False)
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Hide the reporter from the public and agencies."),
    )
    track = models.CharField(_("track"), max_length=8, choices=Track.choices, default=Track.NORMAL)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("handling agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handling officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    # The current step's deadline; the SLA engine keeps it in step with its deadline records.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    is_overdue = models.BooleanField(_("overdue"), default=False)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    # Why it was hidden (HiddenReason), said on its page; nullable so SQLite adds it in place.
    hidden_reason = models.CharField(  # noqa: DJ001
        _("why hidden"), max_length=16, choices=HiddenReason.choices, null=True, blank=True
    )
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    rating = models.CharField(_("rating"), max_length=16, choices=RatingLevel.choices, blank=True)
    resolution_round = models.PositiveSmallIntegerField(default=0, editable=False)
    # The sender's own key for this submission (a form's hidden field, an API Idempotency-Key):
    # the same key twice is the same report, so a double tap or a resent draft files it once.
    # Nullable on purpose: SQLite adds a nullable column in place, while a NOT NULL one makes
    # Django rebuild the table and lose the full-text triggers.
    submission_key = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )
    supports_count = models.PositiveIntegerField(default=0, editable=False)
    followers_count = models.PositiveIntegerField(default=0, editable=False)
    comments_count = models.PositiveIntegerField(default=0, editable=False)
    media_count = models.PositiveIntegerField(default=0, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    # Not a column: the count analytics.selectors.reports_most_disputed attaches.
    disputes: int
    # Not columns: what one reader may see, set by reports.privacy.report_for.
    shown_text: str
    shown_address: str
    shown_attributes: list[tuple[str, str]]

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            # A partial unique index, not a unique column: on SQLite a unique column would make
            # Django rebuild the table, which drops the full-text triggers (reports/search.py).
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=models.Q(submission_key__isnull=False),
                name="report_submission_key_once",
            )
        ]
        indexes = [
            models.Index(fields=["status", "-submitted_at", "-id"], name="report_status_idx"),
            # The public list (every published report, newest first) without sorting them all.
            models.Index(
                fields=["-submitted_at", "-id"],
                condition=models.Q(status__in=CONFIRMED_STATUSES, is_hidden=False),
                name="report_public_idx",
            ),
            # The home page's most-supported reports: only reports someone supported.
            models.Index(
                fields=["-supports_count", "-submitted_at", "-id"],
                condition=models.Q(supports_count__gte=1),
                name="report_supported_idx",
            ),
            # The IOC's triage queue: urgent first, then oldest, only what awaits triage.
            models.Index(
                fields=["-track", "submitted_at", "id"],
                condition=models.Q(status__in=("new", "returned")),
                name="report_triage_idx",
            ),
            models.Index(fields=["agency", "status", "-submitted_at"], name="report_agency_idx"),
            # An agency's work queue: earliest deadline first, only what the agency must act on
            # (ops.selectors.agency_queue); without it the queue filtered the deadline index.
            models.Index(
                fields=["agency", "due_at", "submitted_at", "id"],
                condition=models.Q(status__in=("assigned", "in_progress", "reopened")),
                name="report_agency_queue_idx",
            ),
            models.Index(fields=["area", "status", "-submitted_at"], name="report_area_idx"),
            models.Index(
                fields=["category", "status", "-submitted_at"], name="report_category_idx"
            ),
            models.Index(fields=["lat", "lon"], name="report_point_idx"),
            models.Index(fields=["cell"], name="report_cell_idx"),
            # The duplicate lookup: open reports of a few map cells, recent first. Through the
            # cell index alone it visited every report ever filed there (2,181 table pages, 8.6 s
            # from a cold disk at 10 M reports) to keep the handful still open.
            models.Index(
                fields=["cell", "-submitted_at"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="report_open_cell_idx",
            ),
            models.Index(fields=["due_at"], name="report_due_idx"),
            # Reports sent without an account, found by address when that address signs up.
            models.Index(
                fields=["reporter_email"],
                condition=models.Q(reporter__isnull=True) & ~models.Q(reporter_email=""),
                name="report_unclaimed_email_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A point written moves its map cell with it (PointCellField computes it on save).
        fields = kwargs.get("update_fields")
        if fields is not None and {"lat", "lon"} & set(fields) and "cell" not in fields:
            kwargs["update_fields"] = [*fields, "cell"]
        super().save(*args, **kwargs)

    @property
    def public_status(self) -> str:
        return PUBLIC_STATUS[Status(self.status)]

    @property
    def public_status_label(self) -> str:
        from phananh.reports.choices import PublicStatus

        return str(PublicStatus(self.public_status).label)

    @property
    def is_published(self) -> bool:
        """Public under the one rule of reports/visibility.py."""
        from phananh.reports.visibility import is_published

        return is_published(self.status, self.is_hidden)

    @property
    def hidden_reason_label(self) -> str:
        from phananh.reports.visibility import hidden_reason_label

        return hidden_reason_label(self.hidden_reason)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("publication:report-detail", kwargs={"code": self.code})


class EventQuerySet(models.QuerySet):
    """Refuses bulk rewrites: the timeline is append-only."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise ValueError("Timeline events are append-only.")

    def delete(self) -> NoReturn:
        raise ValueError("Timeline events are append-only.")


class Event(models.Model):
    """One step in a report's life: the audit row and, when public, the timeline entry."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events"
    )
    created_at = models.DateTimeField(_("when"), db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    actor_role = models.CharField(_("actor's role"), max_length=20, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices, blank=True)
    public_note = models.TextField(_("public note"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    payload = models.JSONField(_("details"), default=dict, blank=True)
    # The hash chains (reports/chain.py): the place in the city's chain and the three hashes.
    seq = models.PositiveBigIntegerField(null=True, unique=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    report_hash = models.CharField(max_length=64, blank=True, editable=False)
    chain_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = EventQuerySet.as_manager()
    # Not columns: what one reader may see, set by reports.privacy.event_for.
    shown_actor: str
    shown_public_note: str
    shown_internal_note: str

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["report", "created_at", "id"], name="event_report_idx"),
            # A report's latest public note (an Open311 request's status_notes, one lookup per
            # row of a thousand-request list): one probe instead of walking its events.
            models.Index(
                fields=["report", "-created_at", "-id"],
                condition=models.Q(visibility="public") & ~models.Q(public_note=""),
                name="event_public_note_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Events are append-only: the audit log must not be rewritten.
        if not self._state.adding:
            raise ValueError("Timeline events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValueError("Timeline events are append-only.")

    @property
    def actor_role_label(self) -> str:
        """The role the actor acted in, for people (the code is what the chain hashes)."""
        from phananh.accounts.choices import Role

        if self.actor_role in Role.values:
            return str(Role(self.actor_role).label)
        nameless = {
            "reporter": _("the reporter"),
            "system": _("the system"),
            "anyone": _("A resident"),
        }
        return str(nameless.get(self.actor_role, self.actor_role))

    @property
    def rating_label(self) -> str:
        """The rating given, for `rate` events."""
        level = self.payload.get("level")
        return str(RatingLevel(level).label) if level in RatingLevel.values else ""


class ChainHead(models.Model):
    """The end of the city's event chain: one row, locked by each event's writer in turn."""

    length = models.PositiveBigIntegerField(default=0)
    head = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.length}: {self.head[:12]}"


class RoutingDecision(models.Model):
    """Which agency a rule (or a person) chose for a report, and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="routing_decisions")
    created_at = models.DateTimeField()
    category = models.ForeignKey("catalog.Category", null=True, on_delete=models.SET_NULL)
    area = models.ForeignKey("geo.Area", null=True, on_delete=models.SET_NULL)
    agency = models.ForeignKey(
        "accounts.Agency", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule = models.CharField(max_length=16)
    # Why, as a code (catalog.selectors.ROUTE_REASONS): shown in the reader's language. The text
    # stays as the decision read when made; rows older than `reason` are read from their rule.
    reason = models.CharField(max_length=16, blank=True)
    explanation = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied = models.BooleanField(default=False, help_text="True when the report was sent there.")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.agency_id} ({self.rule})"

    @property
    def explanation_shown(self) -> str:
        """Why, in the active language, from the decision's data (not its stored text)."""
        from phananh.catalog.selectors import route_explanation, route_reason_guess

        reason = self.reason or route_reason_guess(
            self.rule, agency=self.agency, category=self.category, area=self.area
        )
        return route_explanation(
            reason, agency=self.agency, category=self.category, area=self.area
        ) or str(self.explanation)

    @property
    def rule_label(self) -> str:
        from phananh.catalog.selectors import rule_label

        return rule_label(self.rule)


class Media(models.Model):
    """A photo or video: the private original with its hash, and a public copy without metadata."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="media")
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="media"
    )
    purpose = models.CharField(max_length=16, choices=MediaPurpose.choices)
    kind = models.CharField(max_length=8, choices=MediaKind.choices)
    state = models.CharField(max_length=10, choices=MediaState.choices, default=MediaState.PENDING)
    original = models.FileField(storage=_private_storage, upload_to="originals/%Y/%m/")
    sha256 = models.CharField(max_length=64, db_index=True)
    content_type = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    taken_at = models.DateTimeField(null=True, blank=True)
    gps_lat = models.FloatField(null=True, blank=True)
    gps_lon = models.FloatField(null=True, blank=True)
    public_file = models.FileField(upload_to="public/%Y/%m/", blank=True)
    thumbnail = models.FileField(upload_to="thumbs/%Y/%m/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo or video")
        verbose_name_plural = _("photos and videos")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["report", "state"], name="media_report_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.sha256[:12]}"


# Registered here with the reports app (Django finds an app's models through `models`).
from phananh.reports.participation_models import (  # noqa: E402
    Comment,
    CommentFlag,
    Follower,
    Rating,
    ReopenRequest,
    Support,
)

__all__ = [
    "ChainHead",
    "Comment",
    "CommentFlag",
    "Event",
    "EventQuerySet",
    "Follower",
    "Media",
    "Rating",
    "ReopenRequest",
    "Report",
    "RoutingDecision",
    "Support",
]
