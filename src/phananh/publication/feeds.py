"""RSS and Atom feeds of newly published reports, for a ward and/or a category."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from phananh.core.names import city_name
from phananh.reports.filters import ReportFilter
from phananh.reports.models import Report
from phananh.reports.selectors import report_list_public

FEED_SIZE = 50


class ReportFeed(Feed):
    """The newest published reports; `?area=` and `?category=` narrow it (codes)."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> ReportFilter:
        filters = ReportFilter.from_query(request.GET)
        if filters.errors:
            raise BadRequest(" ".join(filters.errors.values()))
        return filters

    def title(self, filters: ReportFilter) -> str:
        return _("New reports · %(city)s") % {"city": city_name()}

    def link(self, filters: ReportFilter) -> str:
        return "/reports/"

    def description(self, filters: ReportFilter) -> str:
        return _("Reports accepted by the operations centre, newest first.")

    def items(self, filters: ReportFilter) -> QuerySet[Report]:
        return filters.apply(report_list_public())[:FEED_SIZE]

    def item_title(self, item: Report) -> str:
        category = item.category.name if item.category else _("Report")
        area = f" · {item.area.name}" if item.area else ""
        return f"{item.code} · {category}{area}"

    def item_description(self, item: Report) -> str:
        return item.public_text

    def item_pubdate(self, item: Report) -> datetime:
        return item.submitted_at

    def item_link(self, item: Report) -> str:
        return item.get_absolute_url()


class ReportAtomFeed(ReportFeed):
    feed_type = Atom1Feed
    subtitle = ReportFeed.description
