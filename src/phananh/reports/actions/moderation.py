"""Moderation of what the public sees: the report's text, its photos, comments.

Each is the `moderate` action: the status is untouched and the event internal, with the reason.
The reporter's own words and the photos' originals stay in the record, private.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.core.errors import InvalidInput
from phananh.reports import privacy
from phananh.reports.actions._base import checked_text, lock, report_action, transition
from phananh.reports.choices import Action, HiddenReason, MediaState
from phananh.reports.media import media_republish
from phananh.reports.models import Comment, Media, Report

Box = tuple[float, float, float, float]


@report_action
def report_hide(
    *, report: Report, actor: Actor, hide: bool = True, reason: str = "", note: str = ""
) -> Report:
    """The IOC takes a report out of public view (spam, abuse, personal data) or restores it.

    Hidden, it is gone from every list, map, feed, Open311 and API answer and webhook
    (reports/visibility.py); its page answers 410 with the short public `reason`
    (`HiddenReason`). `note` is the internal why. The report's own handling goes on.
    """
    if hide and reason not in HiddenReason.values:
        raise InvalidInput(
            _("Choose why the report is hidden."), code="bad_reason", fields={"reason": "invalid"}
        )
    locked = lock(report)
    if locked.is_hidden == hide:
        return locked
    report, _event = transition(
        locked,
        actor,
        Action.MODERATE,
        changes={"is_hidden": hide, "hidden_reason": reason if hide else None},
        internal_note=checked_text(note, field="note", required=False),
        payload={"report_hidden": hide, "reason": reason if hide else ""},
    )
    return report


@report_action
def report_edit_public_text(*, report: Report, actor: Actor, text: str, reason: str) -> Report:
    """The IOC rewrites what the public reads (the reporter's own words stay in the record)."""
    text = privacy.mask(checked_text(text, field="public_text", max_length=5000))
    locked = lock(report)
    report, _event = transition(
        locked,
        actor,
        Action.MODERATE,
        changes={"public_text": text},
        internal_note=checked_text(reason, field="reason"),
        payload={"public_text": True, "before": locked.public_text[:5000]},
    )
    return report


@report_action
def media_moderate(
    *,
    media: Media,
    actor: Actor,
    hide: bool = False,
    masks: list[Box] | None = None,
    reason: str,
) -> Media:
    """Hide a photo from the public, or black out parts of it (boxes as fractions 0–1 of the
    width and height: x, y, w, h). The original is kept, private, for the audit.
    """
    masks = masks or []
    for box in masks:
        if len(box) != 4 or not all(0 <= v <= 1 for v in box) or box[2] <= 0 or box[3] <= 0:
            raise InvalidInput(_("A mask is x, y, width, height between 0 and 1."), code="bad_mask")
    if not hide and not masks:
        raise InvalidInput(_("Hide the photo or mark what to cover."), code="nothing_to_do")
    media = Media.objects.select_for_update().get(pk=media.pk)
    transition(
        media.report,
        actor,
        Action.MODERATE,
        internal_note=checked_text(reason, field="reason"),
        payload={"media": media.pk, "hidden": hide, "masks": [list(b) for b in masks]},
    )
    if hide:
        media.state = MediaState.HIDDEN
        media.save(update_fields=["state"])
    else:
        media_republish(media=media, masks=masks)
    return media


@report_action
def comment_moderate(*, comment: Comment, actor: Actor, hide: bool, reason: str = "") -> Comment:
    """The IOC hides an abusive comment (with a reason) or restores it."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    reason = checked_text(reason, field="reason", required=hide, max_length=200)
    transition(
        comment.report,
        actor,
        Action.MODERATE,
        internal_note=reason,
        payload={"comment": comment.pk, "hidden": hide},
    )
    comment.is_hidden = hide
    comment.hidden_reason = reason if hide else ""
    comment.save(update_fields=["is_hidden", "hidden_reason"])
    return comment
