"""What the console says after each action: what was done, to which report, what happens next."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phananh.reports.models import Report

DONE = {
    "assign": gettext_lazy("%(code)s referred to %(agency)s; its acceptance deadline runs."),
    "categorize": gettext_lazy("%(code)s: category changed to %(category)s."),
    "relocate": gettext_lazy("%(code)s: the place is corrected (%(area)s)."),
    "merge": gettext_lazy("%(code)s merged into %(into)s; its followers follow that one now."),
    "reject": gettext_lazy("%(code)s rejected; the reason is on its public page."),
    "request_info": gettext_lazy(
        "%(code)s: your question is sent to the reporter; the triage clock waits for the answer."
    ),
    "set_track": gettext_lazy("%(code)s is now on the %(track)s track."),
    "note": gettext_lazy("%(code)s: internal note added (the public does not see it)."),
    "edit_public_text": gettext_lazy("%(code)s: the public text is saved."),
    "report_hide": gettext_lazy("%(code)s is hidden from the public; its page says why."),
    "report_unhide": gettext_lazy("%(code)s is public again."),
    "media_hide": gettext_lazy("%(code)s: the photo is hidden from the public."),
    "media_mask": gettext_lazy("%(code)s: the parts are covered in the public photo."),
    "accept": gettext_lazy("%(code)s accepted for your agency; its handling deadline runs."),
    "return": gettext_lazy("%(code)s returned to the operations centre, with your reason."),
    "progress": gettext_lazy("%(code)s: progress posted."),
    "resolve": gettext_lazy(
        "%(code)s marked as handled: the result is public and the reporter is asked to rate it."
    ),
    "request_extension": gettext_lazy(
        "%(code)s: more time requested; the operations centre decides."
    ),
    "assign_officer": gettext_lazy("%(code)s: %(officer)s is now in charge."),
    "decide_extension": gettext_lazy("%(code)s: the extension decision is recorded."),
    "reopen": gettext_lazy("%(code)s reopened and sent back to %(agency)s."),
    "refuse_reopen": gettext_lazy("%(code)s: reopening refused; the result stands."),
    "close": gettext_lazy("%(code)s closed."),
}


def done_message(action: str, report: Report, data: QueryDict) -> str:
    """The sentence shown after `action` succeeded on `report` (as it is now)."""
    template = DONE.get(action)
    if template is None:
        return _("Done: %(code)s.") % {"code": report.code}
    return str(template) % {
        "code": report.code,
        "agency": report.agency.name if report.agency else "—",
        "category": report.category.name if report.category else "—",
        "area": report.area.name if report.area else "—",
        "into": data.get("into", "").strip().upper() or "—",
        "track": report.get_track_display().lower(),
        "officer": str(report.officer) if report.officer else "—",
    }
