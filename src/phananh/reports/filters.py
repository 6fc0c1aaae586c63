"""The one filter definition for report lists: public pages, the console, the API and exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from phananh.core import clock, dates
from phananh.reports.choices import PUBLIC_STATUS, Channel, PublicStatus, Status, Track
from phananh.reports.search import report_search


@dataclass
class ReportFilter:
    """Parsed, validated filters; `errors` says in the caller's language what was wrong."""

    statuses: list[str] = field(default_factory=list)
    category: str = ""
    area: str = ""
    agency: str = ""
    channel: str = ""
    track: str = ""
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool | None = None
    q: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_query(cls, query: QueryDict) -> ReportFilter:
        result = cls()
        for status in query.getlist("status"):
            if not status:
                continue
            if status in Status.values:
                result.statuses.append(status)
            else:
                result.errors["status"] = _("Unknown status “%(value)s”.") % {"value": status[:40]}
        public = query.get("state", "")
        if public:
            if public in PublicStatus.values:
                result.statuses.extend(
                    status for status, shown in PUBLIC_STATUS.items() if shown == public
                )
            else:
                result.errors["state"] = _("Unknown status “%(value)s”.") % {"value": public[:40]}
        result.category = query.get("category", "").strip()[:40]
        result.area = query.get("area", "").strip()[:32]
        result.agency = query.get("agency", "").strip()[:64]
        channel = query.get("channel", "")
        if channel and channel not in Channel.values:
            result.errors["channel"] = _("Unknown channel.")
        result.channel = channel if channel in Channel.values else ""
        track = query.get("track", "")
        result.track = track if track in Track.values else ""
        for name in ("from", "to"):
            raw = query.get(name, "").strip()
            if not raw:
                continue
            try:
                value = dates.parse_day(raw)
            except dates.DateRangeError as error:
                result.errors[name] = str(error)
                continue
            except ValueError:
                result.errors[name] = _("Dates are written YYYY-MM-DD.")
                continue
            setattr(result, f"date_{name}", value)
        if result.date_from and result.date_to and result.date_from > result.date_to:
            result.errors["to"] = _("The end date is before the start date.")
        overdue = query.get("overdue", "")
        result.overdue = {"1": True, "true": True, "0": False, "false": False}.get(overdue)
        result.q = query.get("q", "").strip()[:200]
        return result

    def only(self, *names: str) -> bool:
        """Whether no filter but these is set (`only("statuses", "category")`)."""
        unset = ReportFilter()
        return all(
            getattr(self, name) == getattr(unset, name)
            for name in self.__dataclass_fields__
            if name not in (*names, "errors")
        )

    def apply(self, reports: QuerySet, *, search: bool = True) -> QuerySet:
        """Narrow a report queryset (whose visibility was already decided by a selector);
        without the words of `q` when `search` is false (the caller searches, newest first:
        reports/search.py, `newest_matches`)."""
        conditions = Q()
        if self.statuses:
            conditions &= Q(status__in=self.statuses)
        if self.category:
            conditions &= Q(category__code=self.category)
        if self.area:
            conditions &= Q(area__code=self.area)
        if self.agency:
            conditions &= Q(agency__code=self.agency)
        if self.channel:
            conditions &= Q(channel=self.channel)
        if self.track:
            conditions &= Q(track=self.track)
        if self.date_from:
            conditions &= Q(submitted_at__gte=clock.start_of_day(self.date_from))
        if self.date_to:
            conditions &= Q(submitted_at__lt=clock.start_of_day(self.date_to + timedelta(days=1)))
        if self.overdue is not None:
            conditions &= Q(is_overdue=self.overdue)
        reports = reports.filter(conditions)
        return report_search(reports, self.q) if self.q and search else reports
