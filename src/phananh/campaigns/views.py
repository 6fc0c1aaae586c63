"""Public campaign pages: the list, one campaign (map, reports before/after, progress, ward
ranking, timeline, volunteer events), its map data; residents' volunteer events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phananh.campaigns.choices import CampaignState
from phananh.campaigns.forms import AfterPhotoForm, VolunteerEventForm
from phananh.campaigns.models import Campaign, VolunteerEvent
from phananh.campaigns.selectors import (
    PAGE_SIZE,
    campaign_get,
    campaign_list_public,
    campaign_map_points,
    campaign_reports_public,
    campaign_standing,
    campaign_state,
    campaign_timeline,
    volunteer_events,
)
from phananh.campaigns.services import (
    volunteer_event_create,
    volunteer_event_join,
    volunteer_event_post_after,
)
from phananh.core.errors import DomainError
from phananh.core.pages import Page, page_read

if TYPE_CHECKING:
    from phananh.reports.models import Report


def _campaign(slug: str) -> Campaign:
    campaign = campaign_get(slug)
    if campaign is None:
        raise Http404("No campaign with this address.")
    return campaign


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = [(c, campaign_state(c)) for c in campaign_list_public()[:100]]
    return render(request, "campaigns/list.html", {"campaigns": campaigns})


def _page_context(request: HttpRequest, campaign: Campaign) -> dict[str, object]:
    page: Page[Report] = page_read(
        campaign_reports_public(campaign), request.GET.get("page"), PAGE_SIZE
    )
    state = campaign_state(campaign)
    return {
        "campaign": campaign,
        "state": state,
        "running": state == CampaignState.RUNNING,
        "ended": state == CampaignState.ENDED,
        "page": page,
        "standing": campaign_standing(campaign),
        "timeline": campaign_timeline(campaign),
        "events": volunteer_events(campaign),
        "categories": [use.category for use in campaign.uses.all()],
        "areas": list(campaign.areas.all()),
        "min_volume": settings.SCORECARD_MIN_VOLUME,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
        "event_form": VolunteerEventForm(),
    }


@require_GET
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "campaigns/detail.html", _page_context(request, _campaign(slug)))


@require_GET
def campaign_map(request: HttpRequest, slug: str) -> JsonResponse:
    return JsonResponse({"points": campaign_map_points(_campaign(slug))})


@login_required
@require_POST
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug)
    form = VolunteerEventForm(request.POST)
    if form.is_valid():
        try:
            volunteer_event_create(
                campaign=campaign,
                organiser_id=int(request.user.pk or 0),
                title=form.cleaned_data["title"],
                place=form.cleaned_data["place"],
                starts_at=form.cleaned_data["starts_at"],
                report_codes=form.report_codes(),
            )
        except DomainError as error:
            field = next(iter(error.fields or {}), None)
            form.add_error(field if field in form.fields else None, str(error))
        else:
            messages.success(request, _("Your event is announced. Thank you!"))
            return redirect(campaign.get_absolute_url() + "#events")
    context = _page_context(request, campaign)
    context["event_form"] = form
    return render(request, "campaigns/detail.html", context, status=400)


def _event(pk: int) -> VolunteerEvent:
    return get_object_or_404(VolunteerEvent.objects.select_related("campaign"), pk=pk)


@login_required
@require_POST
def event_join(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    volunteer_event_join(event=event, user_id=int(request.user.pk or 0))
    messages.success(request, _("You are counted in. See you there!"))
    return redirect(event.campaign.get_absolute_url() + f"#event-{event.pk}")


@login_required
@require_POST
def event_after(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    form = AfterPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the photo taken after the clean-up."))
        return redirect(event.campaign.get_absolute_url() + f"#event-{event.pk}")
    try:
        volunteer_event_post_after(
            event=event, user_id=int(request.user.pk or 0), upload=form.cleaned_data["photo"]
        )
    except DomainError as error:
        messages.error(request, str(error))
        status = 403 if error.code == "forbidden" else 400
        return render(
            request, "campaigns/detail.html", _page_context(request, event.campaign), status=status
        )
    messages.success(request, _("Thank you! The ward will confirm and close the reports."))
    return redirect(event.campaign.get_absolute_url() + f"#event-{event.pk}")
