"""RSS and Atom feeds of one campaign's published reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from phananh.campaigns.models import Campaign
from phananh.campaigns.selectors import campaign_get, campaign_reports_public
from phananh.reports.models import Report

FEED_SIZE = 50


class CampaignFeed(Feed):
    """The campaign's newest published reports."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Campaign:
        campaign = campaign_get(kwargs["slug"])
        if campaign is None:
            raise Http404("No campaign with this address.")
        return campaign

    def title(self, campaign: Campaign) -> str:
        return _("Campaign · %(name)s") % {"name": campaign.name}

    def link(self, campaign: Campaign) -> str:
        return campaign.get_absolute_url()

    def description(self, campaign: Campaign) -> str:
        return campaign.description or campaign.name

    def items(self, campaign: Campaign) -> QuerySet[Report]:
        return campaign_reports_public(campaign)[:FEED_SIZE]

    def item_title(self, item: Report) -> str:
        category = item.category.name if item.category else _("Report")
        return f"{item.code} · {category} · {item.public_status_label}"

    def item_description(self, item: Report) -> str:
        return item.public_text

    def item_pubdate(self, item: Report) -> datetime:
        return item.submitted_at

    def item_link(self, item: Report) -> str:
        return item.get_absolute_url()


class CampaignAtomFeed(CampaignFeed):
    feed_type = Atom1Feed
    subtitle = CampaignFeed.description
