"""Every console action: the form fields it reads and the one service it calls.

The view (`views.report_act`) locks the report, refuses a stale form with a 409 naming who acted
first, then calls the handler here; domain errors come back as 400/403/409 with their message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phananh.accounts.actors import Actor
from phananh.accounts.models import Agency
from phananh.catalog.models import Category
from phananh.core import dates
from phananh.core.errors import InvalidInput
from phananh.reports.actions.agency import (
    report_agency_accept,
    report_assign_officer,
    report_progress,
    report_return,
)
from phananh.reports.actions.deadlines import report_decide_extension, report_request_extension
from phananh.reports.actions.moderation import (
    media_moderate,
    report_edit_public_text,
    report_hide,
)
from phananh.reports.actions.outcome import (
    report_close,
    report_refuse_reopen,
    report_reopen,
    report_resolve,
)
from phananh.reports.actions.triage import (
    report_assign,
    report_categorize,
    report_merge,
    report_note,
    report_reject,
    report_relocate,
    report_request_info,
    report_set_track,
)
from phananh.reports.models import Media, Report

Handler = Callable[[QueryDict, MultiValueDict, Report, Actor], object]


def _agency(data: QueryDict) -> Agency | None:
    code = data.get("agency", "").strip()
    if not code:
        return None  # the suggested agency
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise InvalidInput(_("Choose the agency from the list."), code="bad_agency")
    return agency


def _category(data: QueryDict) -> Category:
    category = Category.objects.filter(code=data.get("category", ""), is_active=True).first()
    if category is None:
        raise InvalidInput(_("Choose the category from the list."), code="bad_category")
    return category


def _float(data: QueryDict, name: str) -> float:
    try:
        value = float(data.get(name, ""))
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError
        return value
    except ValueError as error:
        raise InvalidInput(_("Place the pin on the map."), code="bad_point") from error


def _report(data: QueryDict) -> Report:
    code = data.get("into", "").strip().upper()
    report = Report.objects.filter(code=code).first() if code else None
    if report is None:
        raise InvalidInput(
            _("No report with the code “%(code)s”.") % {"code": code[:30]}, code="bad_report"
        )
    return report


def _int(data: QueryDict, name: str) -> int:
    value = data.get(name, "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else 0


def _media(data: QueryDict, report: Report) -> Media:
    media = Media.objects.filter(pk=_int(data, "media"), report=report).first()
    if media is None:
        raise InvalidInput(_("Choose a photo of this report."), code="bad_media")
    return media


def _masks(data: QueryDict) -> list[tuple[float, float, float, float]]:
    """Boxes typed as "x,y,w,h" in percent of the photo, one per line or separated by ";"."""
    boxes = []
    for chunk in data.get("masks", "").replace("\n", ";").split(";"):
        if not chunk.strip():
            continue
        try:
            x, y, w, h = (float(v) / 100 for v in chunk.split(","))
        except ValueError as error:
            raise InvalidInput(
                _("Write each box as x,y,width,height in percent, e.g. 10,20,30,15."),
                code="bad_mask",
            ) from error
        boxes.append((x, y, w, h))
    return boxes


def _moment(data: QueryDict, name: str) -> datetime:
    raw = data.get(name, "").strip()[:40]
    try:
        moment = parse_datetime(raw) if "T" in raw or " " in raw else None
        day = None if moment else parse_date(raw)
    except ValueError:  # well formed but impossible, like 2026-02-30
        moment = day = None
    if day is not None:
        moment = datetime.combine(day, time(17, 0))
    if moment is None:
        raise InvalidInput(_("Give the new deadline as a date."), code="bad_date")
    try:
        return dates.bounded_moment(moment)
    except dates.DateRangeError as error:
        raise InvalidInput(str(error), code="bad_date") from None


HANDLERS: dict[str, Handler] = {
    "assign": lambda d, f, r, a: report_assign(
        report=r, actor=a, agency=_agency(d), note=d.get("note", "")
    ),
    "categorize": lambda d, f, r, a: report_categorize(
        report=r, actor=a, category=_category(d), note=d.get("note", "")
    ),
    "relocate": lambda d, f, r, a: report_relocate(
        report=r, actor=a, lat=_float(d, "lat"), lon=_float(d, "lon"), address=d.get("address", "")
    ),
    "merge": lambda d, f, r, a: report_merge(
        report=r, actor=a, into=_report(d), note=d.get("note", "")
    ),
    "reject": lambda d, f, r, a: report_reject(
        report=r, actor=a, reason=d.get("reason", ""), reason_code=d.get("reason_code", "")
    ),
    "request_info": lambda d, f, r, a: report_request_info(
        report=r, actor=a, question=d.get("question", "")
    ),
    "set_track": lambda d, f, r, a: report_set_track(
        report=r, actor=a, track=d.get("track", ""), note=d.get("note", "")
    ),
    "note": lambda d, f, r, a: report_note(report=r, actor=a, text=d.get("text", "")),
    "edit_public_text": lambda d, f, r, a: report_edit_public_text(
        report=r, actor=a, text=d.get("public_text", ""), reason=d.get("reason", "")
    ),
    "report_hide": lambda d, f, r, a: report_hide(
        report=r, actor=a, hide=True, reason=d.get("reason", ""), note=d.get("note", "")
    ),
    "report_unhide": lambda d, f, r, a: report_hide(
        report=r, actor=a, hide=False, note=d.get("note", "")
    ),
    "media_hide": lambda d, f, r, a: media_moderate(
        media=_media(d, r), actor=a, hide=True, reason=d.get("reason", "")
    ),
    "media_mask": lambda d, f, r, a: media_moderate(
        media=_media(d, r), actor=a, masks=_masks(d), reason=d.get("reason", "")
    ),
    "accept": lambda d, f, r, a: report_agency_accept(report=r, actor=a, note=d.get("note", "")),
    "return": lambda d, f, r, a: report_return(report=r, actor=a, reason=d.get("reason", "")),
    "progress": lambda d, f, r, a: report_progress(
        report=r,
        actor=a,
        note=d.get("note", ""),
        public=d.get("public") == "1",
        uploads=f.getlist("uploads"),
    ),
    "resolve": lambda d, f, r, a: report_resolve(
        report=r, actor=a, result=d.get("result", ""), uploads=f.getlist("uploads")
    ),
    "request_extension": lambda d, f, r, a: report_request_extension(
        report=r, actor=a, reason=d.get("reason", ""), new_due=_moment(d, "new_due")
    ),
    "assign_officer": lambda d, f, r, a: report_assign_officer(
        report=r, actor=a, officer_id=_int(d, "officer")
    ),
    "decide_extension": lambda d, f, r, a: report_decide_extension(
        report=r, actor=a, approve=d.get("approve") == "1", note=d.get("note", "")
    ),
    "reopen": lambda d, f, r, a: report_reopen(report=r, actor=a, note=d.get("note", "")),
    "refuse_reopen": lambda d, f, r, a: report_refuse_reopen(
        report=r, actor=a, note=d.get("note", "")
    ),
    "close": lambda d, f, r, a: report_close(report=r, actor=a, note=d.get("note", "")),
}

# Actions after which the operator moves on to the next report of the triage queue.
TRIAGE_DONE = {"assign", "merge", "reject", "request_info"}

# Lazy: read in the language of the page that shows them, not of the process that imported.
REJECT_REASONS = [
    ("not_city", gettext_lazy("Not the city's responsibility")),
    ("private", gettext_lazy("A private dispute")),
    ("unclear", gettext_lazy("Too unclear to act on")),
    ("abusive", gettext_lazy("Abusive or spam")),
    ("handled", gettext_lazy("Already handled")),
]
