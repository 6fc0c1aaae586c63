"""The console's campaigns at /ops/campaigns/: supervisors create and edit them and their own
categories; the IOC tags reports and watches the dashboard and export; a ward's officers
confirm residents' clean-ups. Thin: every write is one `campaigns.services` call."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phananh.campaigns.models import Campaign, VolunteerEvent
from phananh.campaigns.selectors import (
    campaign_export_rows,
    campaign_get,
    campaign_list_public,
    campaign_standing,
    campaign_state,
    volunteer_events,
)
from phananh.campaigns.services import (
    Step,
    campaign_category_create,
    campaign_cover_set,
    campaign_tag,
    campaign_upsert,
    volunteer_event_confirm,
)
from phananh.core.errors import DomainError
from phananh.ops import access
from phananh.ops.campaign_forms import CampaignCategoryForm, CampaignForm, CampaignTagForm
from phananh.reports.models import Report


def _campaign(slug: str) -> Campaign:
    campaign = campaign_get(slug)
    if campaign is None:
        raise Http404("No campaign with this address.")
    return campaign


def _add_errors(form: CampaignForm | CampaignCategoryForm, error: DomainError) -> None:
    fields = error.fields or {"__all__": ""}
    for field in fields:
        form.add_error(field if field in form.fields else None, str(error.message))


def _initial(campaign: Campaign) -> dict[str, object]:
    return {
        "slug": campaign.slug,
        "name_vi": campaign.name_vi,
        "name_en": campaign.name_en,
        "description_vi": campaign.description_vi,
        "description_en": campaign.description_en,
        "starts_at": campaign.starts_at,
        "ends_at": campaign.ends_at,
        "areas": list(campaign.areas.all()),
        "categories": [u.category for u in campaign.uses.all() if not u.own],
    }


def _save(request: HttpRequest, form: CampaignForm) -> Campaign | None:
    actor = access.staff_actor(request)
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        campaign, _outcome = campaign_upsert(
            slug=data["slug"],
            name_vi=data["name_vi"],
            name_en=data["name_en"],
            description_vi=data["description_vi"],
            description_en=data["description_en"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            areas=data["areas"],
            categories=data["categories"],
            created_by=actor.user_id,
        )
        if data.get("cover"):
            campaign_cover_set(campaign=campaign, upload=data["cover"])
    except DomainError as error:
        _add_errors(form, error)
        return None
    return campaign


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    actor = access.staff_actor(request)
    supervisor = access.is_supervisor(actor)
    form = CampaignForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        access.require(supervisor)
        campaign = _save(request, form)
        if campaign is not None:
            messages.success(request, _("Campaign saved."))
            return redirect("ops:campaign", slug=campaign.slug)
    campaigns = [(c, campaign_state(c)) for c in campaign_list_public()[:200]]
    return render(
        request,
        "ops/campaigns.html",
        {"campaigns": campaigns, "form": form, "supervisor": supervisor},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def campaign_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    actor = access.staff_actor(request)
    campaign = _campaign(slug)
    supervisor = access.is_supervisor(actor)
    form = CampaignForm(initial=_initial(campaign))
    category_form = CampaignCategoryForm()
    status = 200
    if request.method == "POST":
        access.require(supervisor)
        if request.POST.get("form") == "category":
            category_form = CampaignCategoryForm(request.POST)
            if category_form.is_valid():
                data = category_form.cleaned_data
                try:
                    campaign_category_create(
                        campaign=campaign,
                        code=data["code"],
                        name_vi=data["name_vi"],
                        name_en=data["name_en"],
                        group=data["group"],
                        rule=data["rule"],
                        agency=data["agency"],
                        track=data["track"],
                        triage=Step(data["triage_amount"], data["triage_unit"]),
                        acceptance=Step(data["acceptance_amount"], data["acceptance_unit"]),
                        resolution=Step(data["resolution_amount"], data["resolution_unit"]),
                        successor=data["successor"],
                    )
                except DomainError as error:
                    _add_errors(category_form, error)
                else:
                    messages.success(request, _("Category added to the campaign."))
                    return redirect("ops:campaign", slug=campaign.slug)
        else:
            posted = request.POST.copy()
            posted["slug"] = campaign.slug  # the address stays; a new one is a new campaign
            form = CampaignForm(posted, request.FILES)
            saved = _save(request, form)
            if saved is not None:
                messages.success(request, _("Campaign saved."))
                return redirect("ops:campaign", slug=saved.slug)
        status = 400
    return render(
        request,
        "ops/campaign.html",
        {
            "campaign": campaign,
            "state": campaign_state(campaign),
            "standing": campaign_standing(campaign),
            "uses": list(campaign.uses.all()),
            "events": volunteer_events(campaign),
            "form": form,
            "category_form": category_form,
            "tag_form": CampaignTagForm(),
            "supervisor": supervisor,
            "ioc": access.is_ioc(actor),
            "agency_ids": set(actor.agency_ids(*access.AGENCY_ROLES)),
        },
        status=status,
    )


@login_required
@require_POST
def campaign_tag_report(request: HttpRequest, slug: str) -> HttpResponse:
    actor = access.staff_actor(request)
    access.require(access.is_ioc(actor))
    campaign = _campaign(slug)
    form = CampaignTagForm(request.POST)
    code = form.data.get("code", "").strip().upper()
    report = Report.objects.filter(code=code).first()
    if not form.is_valid() or report is None:
        messages.error(request, _("No report with this code."))
        return redirect("ops:campaign", slug=slug)
    if campaign_tag(campaign=campaign, report=report, actor=actor):
        messages.success(request, _("%(code)s is now part of the campaign.") % {"code": code})
    else:
        messages.info(request, _("%(code)s was already part of it.") % {"code": code})
    return redirect("ops:campaign", slug=slug)


@login_required
@require_POST
def volunteer_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = access.staff_actor(request)
    event = VolunteerEvent.objects.filter(pk=pk, campaign__slug=slug).first()
    if event is None:
        raise Http404("No such event.")
    try:
        resolved = volunteer_event_confirm(
            event=event, actor=actor, note=request.POST.get("note", "")
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("ops:campaign", slug=slug)
    messages.success(
        request, _("Confirmed: %(count)d report(s) resolved.") % {"count": len(resolved)}
    )
    return redirect("ops:campaign", slug=slug)


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def campaign_export(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """Its reports as CSV (no reporter identity: the same columns for every reader)."""
    actor = access.staff_actor(request)
    access.require(access.sees_everything(actor))
    campaign = _campaign(slug)
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(
            [
                "code",
                "status",
                "category",
                "ward",
                "agency",
                "joined_by",
                "joined_at",
                "submitted_at",
                "resolved_at",
            ]
        )
        for link in campaign_export_rows(campaign).iterator(chunk_size=2000):
            report = link.report
            yield writer.writerow(
                [
                    report.code,
                    report.status,
                    report.category.code if report.category else "",
                    report.area.code if report.area else "",
                    report.agency.code if report.agency else "",
                    link.joined_by,
                    link.joined_at.isoformat(),
                    report.submitted_at.isoformat(),
                    report.resolved_at.isoformat() if report.resolved_at else "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.slug}.csv"'
    return response
