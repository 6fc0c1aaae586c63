"""Stable values of the report domain (they appear in the API, Open311 and exports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A report's track is a deadline notion (sla decides what it means); reports store it.
from phananh.sla.choices import Track as Track


class Status(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Awaiting confirmation")
    NEW = "new", _("Awaiting triage")
    INFO_REQUESTED = "info_requested", _("Awaiting more information")
    ASSIGNED = "assigned", _("Referred for handling")
    IN_PROGRESS = "in_progress", _("In progress")
    RETURNED = "returned", _("Returned to the operations centre")
    RESOLVED = "resolved", _("Handled")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Not accepted")
    MERGED = "merged", _("Duplicate")


class PublicStatus(models.TextChoices):
    """What citizens see: four steps."""

    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    HANDLED = "handled", _("Handled")
    CLOSED = "closed", _("Closed")


PUBLIC_STATUS: dict[str, PublicStatus] = {
    Status.UNCONFIRMED: PublicStatus.RECEIVED,
    Status.NEW: PublicStatus.RECEIVED,
    Status.INFO_REQUESTED: PublicStatus.RECEIVED,
    Status.ASSIGNED: PublicStatus.IN_PROGRESS,
    Status.IN_PROGRESS: PublicStatus.IN_PROGRESS,
    Status.RETURNED: PublicStatus.IN_PROGRESS,
    Status.REOPENED: PublicStatus.IN_PROGRESS,
    Status.RESOLVED: PublicStatus.HANDLED,
    Status.CLOSED: PublicStatus.CLOSED,
    Status.REJECTED: PublicStatus.CLOSED,
    Status.MERGED: PublicStatus.CLOSED,
}

# Statuses of reports the operations centre accepted (referred to an agency, and after): the
# public ones when PHANANH_PUBLISH_ON=triage. reports/visibility.py decides what is public.
ACCEPTED_STATUSES = (
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.RETURNED,
    Status.REOPENED,
    Status.RESOLVED,
    Status.CLOSED,
)
# Every status of a confirmed report: the public ones when PHANANH_PUBLISH_ON=confirm (the
# default). A rejected report stays public and says why; a merged one points to the original.
CONFIRMED_STATUSES = tuple(s for s in Status.values if s != Status.UNCONFIRMED)
# Kept for the name older code and migrations use.
PUBLISHED_STATUSES = ACCEPTED_STATUSES
# Statuses in which the city still owes the reporter something.
OPEN_STATUSES = (
    Status.NEW,
    Status.INFO_REQUESTED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.RETURNED,
    Status.REOPENED,
)


class HiddenReason(models.TextChoices):
    """Why the operations centre took a report out of public view (the reader is told which)."""

    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Abusive or offensive content")
    PERSONAL_DATA = "personal_data", _("It revealed someone's personal data")
    OTHER = "other", _("Withdrawn by the operations centre")


class Channel(models.TextChoices):
    WEB = "web", _("Web portal")
    APP = "app", _("Mobile app")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")
    EMAIL = "email", _("Email")
    FACEBOOK = "facebook", _("Facebook Messenger")
    ZALO = "zalo", _("Zalo")
    PHONE = "phone", _("Switchboard")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")


class RatingLevel(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    ACCEPTABLE = "acceptable", _("Acceptable")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


# Ratings that accept the result and close the report.
ACCEPTING_RATINGS = (RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.ACCEPTABLE)


class MediaKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")


class MediaPurpose(models.TextChoices):
    REPORT = "report", _("Reporter's evidence")
    INFO = "info", _("Additional information")
    PROGRESS = "progress", _("Progress")
    RESULT = "result", _("Handling result")
    REOPEN = "reopen", _("Evidence for reopening")


class MediaState(models.TextChoices):
    PENDING = "pending", _("Being processed")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
    HIDDEN = "hidden", _("Hidden by a moderator")


class ReopenState(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class Action(models.TextChoices):
    """Every kind of timeline event."""

    SUBMIT = "submit", _("Report received")
    CONFIRM = "confirm", _("Reporter confirmed")
    ASSIGN = "assign", _("Referred to an agency")
    REJECT = "reject", _("Not accepted")
    MERGE = "merge", _("Merged as a duplicate")
    REQUEST_INFO = "request_info", _("More information requested")
    ANSWER_INFO = "answer_info", _("Information added")
    AGENCY_ACCEPT = "agency_accept", _("Agency accepted")
    RETURN = "return", _("Returned by the agency")
    PROGRESS = "progress", _("Progress update")
    RESOLVE = "resolve", _("Handled")
    RATE = "rate", _("Rated")
    REQUEST_REOPEN = "request_reopen", _("Reopening requested")
    REOPEN = "reopen", _("Reopened")
    REFUSE_REOPEN = "refuse_reopen", _("Reopening refused")
    CLOSE = "close", _("Closed")
    AUTO_CLOSE = "auto_close", _("Closed automatically")
    ESCALATE = "escalate", _("Deadline passed")
    REQUEST_EXTENSION = "request_extension", _("More time requested")
    DECIDE_EXTENSION = "decide_extension", _("Extension decided")
    # Not lifecycle steps: the reporter's account changed (internal events, status unchanged).
    CLAIM = "claim", _("Linked to the reporter's account")
    ANONYMISE = "anonymise", _("Reporter's account deleted")
    CATEGORIZE = "categorize", _("Category changed")
    MODERATE = "moderate", _("Moderated")
    RELOCATE = "relocate", _("Place corrected")
    SET_TRACK = "set_track", _("Urgency changed")
    NOTE = "note", _("Internal note")
    ASSIGN_OFFICER = "assign_officer", _("Officer in charge")
