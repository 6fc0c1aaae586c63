"""The console at /ops/: the IOC's triage queue and workspace, the switchboard, the agency queue,
the supervisors' lists. Thin: every write goes through `actions.HANDLERS` → one service.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import Membership
from phananh.accounts.selectors import agency_choices_active
from phananh.catalog.selectors import category_choices_active, category_list_active
from phananh.core.dates import moment_text
from phananh.core.errors import ActionNotAllowed, Conflict, DomainError, InvalidTransition
from phananh.core.pages import Page, page_read
from phananh.geo.selectors import area_choices_leaf
from phananh.intelligence.selectors import duplicate_candidates, photo_warnings
from phananh.interop.selectors import forwards_of
from phananh.ops import access, actions, selectors
from phananh.ops.done import done_message
from phananh.ops.forms import CallForm
from phananh.ops.presence import presence_touch
from phananh.reports import privacy
from phananh.reports.actions.intake import report_intake
from phananh.reports.choices import Channel, HiddenReason, Status, Track
from phananh.reports.filters import ReportFilter
from phananh.reports.lifecycle import allowed_actions
from phananh.reports.models import Media, Report, RoutingDecision

STATUS_FOR_ERROR = {ActionNotAllowed: 403, InvalidTransition: 409, Conflict: 409}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = access.staff_actor(request)
    if access.is_ioc(actor):
        return redirect("ops:triage")
    if actor.agency_ids(*access.AGENCY_ROLES):
        return redirect("ops:agency")
    return redirect("analytics:dashboard")


def _filtered(
    request: HttpRequest, reports: QuerySet[Report]
) -> tuple[ReportFilter, QuerySet[Report]]:
    filters = ReportFilter.from_query(request.GET)
    return filters, filters.apply(reports)


@login_required
def triage(request: HttpRequest) -> HttpResponse:
    """The morning queue: urgent first, then oldest; filters; one-click assign; bulk assign."""
    actor = access.staff_actor(request)
    access.require(access.sees_everything(actor))
    filters, reports = _filtered(request, Report.objects.all())
    sees = access.sees_reporter(actor)
    page: Page[Report] = page_read(
        selectors.triage_queue(reports), request.GET.get("page"), selectors.TRIAGE_PAGE_SIZE
    )
    queue = [privacy.report_for(report, sees=sees, with_attributes=False) for report in page]
    query = request.GET.copy()
    for name in ("page", "partial"):
        query.pop(name, None)
    context = {
        "queue": queue,
        "page": page,
        "page_query": query.urlencode(),
        "filters": filters,
        "can_act": access.is_ioc(actor),
        "waiting": selectors.triage_waiting_count(),
        "channels": Channel.choices,
        "categories": category_choices_active(),
        "areas": area_choices_leaf(),
        "agencies": agency_choices_active(),
    }
    template = "ops/_queue.html" if request.GET.get("partial") else "ops/triage.html"
    return render(request, template, context, status=400 if filters.errors else 200)


@login_required
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    """Refer many reports at once, each to the given agency or to its own suggestion."""
    actor = access.staff_actor(request)
    access.require(access.is_ioc(actor))
    codes = request.POST.getlist("codes")[: selectors.QUEUE_LIMIT]
    done, failed = 0, []
    for report in Report.objects.filter(code__in=codes):
        try:
            actions.HANDLERS["assign"](request.POST, request.FILES, report, actor)
            done += 1
        except DomainError as error:
            failed.append(f"{report.code}: {error.message}")
    if done:
        messages.success(request, _("%(count)d reports referred.") % {"count": done})
    for line in failed:
        messages.error(request, line)
    return redirect("ops:triage")


def _workspace_context(request: HttpRequest, actor: Actor, report: Report) -> dict:
    can = set(allowed_actions(report, actor))
    # Who reported and what they typed, only for the IOC; everyone else reads masked copies.
    sees = access.sees_reporter(actor)
    privacy.report_for(report, sees=sees)
    duplicates = []
    if (
        report.lat is not None
        and report.lon is not None
        and report.status
        in (
            *selectors.TRIAGE_STATUSES,
            Status.INFO_REQUESTED,
        )
    ):
        duplicates = duplicate_candidates(
            Report.objects.select_related("category", "agency"),
            lat=report.lat,
            lon=report.lon,
            category=report.category,
            text=report.text,
            exclude_id=report.pk,
        )
        for candidate in duplicates:
            privacy.report_for(candidate.report, sees=sees, with_attributes=False)
    officers = []
    if "assign_officer" in can and report.agency_id:
        officers = list(
            Membership.objects.filter(
                agency_id=report.agency_id, role__in=(Role.OFFICER, Role.HEAD), user__is_active=True
            )
            .select_related("user")
            .order_by("user__full_name")
        )
    # report_for_staff prefetched its media and routing decisions (`Prefetch(to_attr=...)`).
    media: list[Media] = report.all_media  # type: ignore[attr-defined]
    decisions: list[RoutingDecision] = report.decisions  # type: ignore[attr-defined]
    return {
        "report": report,
        "actor_can": can,
        "read_only": not can,
        "sees_reporter": sees,
        "events": [
            privacy.event_for(event, report, sees=sees)
            for event in selectors.events_for(actor, report)
        ],
        "warnings": photo_warnings(report, media),
        "duplicates": duplicates,
        "proposal": decisions[0] if decisions else None,
        "version": f"{report.updated_at.timestamp():.6f}",
        "agencies": agency_choices_active(),
        "categories": category_list_active(),
        "officers": officers,
        "reject_reasons": actions.REJECT_REASONS,
        # Sent to the agency's own system (email, Open311): how the sending went.
        "forwards": list(forwards_of(report)) if report.agency_id else [],
        "hidden_reasons": HiddenReason.choices,
        "tracks": Track.choices,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
    }


def _visible_report(actor: Actor, code: str) -> Report:
    report = selectors.report_for_staff(code)
    if report is None:
        raise Http404("No report with this code.")
    access.report_visible(actor, report)
    return report


@login_required
def report_workspace(request: HttpRequest, code: str) -> HttpResponse:
    actor = access.staff_actor(request)
    report = _visible_report(actor, code)
    return render(request, "ops/report.html", _workspace_context(request, actor, report))


@login_required
@require_POST
def report_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """One action on one report, refused (409) if the report changed since the form was shown."""
    actor = access.staff_actor(request)
    handler = actions.HANDLERS.get(action)
    if handler is None:
        raise Http404("No such action.")
    report = _visible_report(actor, code)
    try:
        with transaction.atomic():
            current = Report.objects.select_for_update().get(pk=report.pk)
            version = request.POST.get("version", "")
            if version and version != f"{current.updated_at.timestamp():.6f}":
                raise Conflict(_stale_message(current, actor), code="stale")
            handler(request.POST, request.FILES, current, actor)
    except DomainError as error:
        report = _visible_report(actor, code)
        context = _workspace_context(request, actor, report)
        context["error"] = str(error.message)
        status = next((s for kind, s in STATUS_FOR_ERROR.items() if isinstance(error, kind)), 400)
        return render(request, "ops/report.html", context, status=status)
    fresh = selectors.report_for_staff(report.code) or report
    messages.success(request, done_message(action, fresh, request.POST))
    if action in actions.TRIAGE_DONE and request.POST.get("then") == "next":
        following = selectors.triage_queue().exclude(pk=report.pk).first()
        if following is not None:
            return redirect("ops:report", code=following.code)
        return redirect("ops:triage")
    merged_into = Report.objects.filter(pk=report.pk).values_list("status", flat=True).first()
    if merged_into == Status.MERGED or action == "merge":
        return redirect("ops:triage")
    if not access.sees_everything(actor) and not allowed_actions(fresh, actor):
        # Handled, returned…: nothing is left for this officer here, so back to their queue.
        messages.info(
            request,
            _("Nothing more is yours to do on %(code)s now: here is your queue.")
            % {"code": report.code},
        )
        return redirect("ops:home")
    return redirect("ops:report", code=report.code)


def _stale_message(current: Report, actor: Actor) -> str:
    last = current.events.order_by("-id").first()
    sees = access.sees_reporter(actor)
    who = privacy.actor_label(last, current, sees=sees) if last else _("someone")
    when = moment_text(current.updated_at)
    return _(
        "%(who)s changed this report at %(when)s, after you opened it. Nothing was saved: "
        "look at the report again, then act."
    ) % {"who": who, "when": when}


@login_required
def report_presence(request: HttpRequest, code: str) -> JsonResponse:
    """Heartbeat from an open workspace; answers who else is looking at the report."""
    actor = access.staff_actor(request)
    report = Report.objects.filter(code=code.upper()).only("pk", "agency_id").first()
    if report is None:
        raise Http404("No report with this code.")
    access.report_visible(actor, report)
    # A staff actor is always a signed-in account.
    assert actor.user_id is not None
    others = presence_touch(report_id=report.pk, user_id=actor.user_id, label=actor.label)
    return JsonResponse({"others": others})


@login_required
def switchboard(request: HttpRequest) -> HttpResponse:
    """A report from a phone call: the operator types it in; the caller's number stays private."""
    actor = access.staff_actor(request)
    access.require(access.is_ioc(actor))
    form = CallForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            # The caller is answered in the city's language, whatever the operator reads.
            draft = form.draft(channel=Channel.PHONE, language=settings.LANGUAGE_CODE)
            report = report_intake(actor=actor, draft=draft)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Call logged as %(code)s.") % {"code": report.code})
            return redirect("ops:report", code=report.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "ops/switchboard.html",
        {
            "form": form,
            "map_tiles": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_ATTRIBUTION,
        },
        status=status,
    )


@login_required
def agency(request: HttpRequest) -> HttpResponse:
    actor = access.staff_actor(request)
    access.require(bool(actor.agency_ids(*access.AGENCY_ROLES)))
    filters, reports = _filtered(request, selectors.agency_queue(actor))
    page: Page[Report] = page_read(reports, request.GET.get("page"), selectors.AGENCY_PAGE_SIZE)
    return render(
        request,
        "ops/agency.html",
        {"page": page, "filters": filters},
        status=400 if filters.errors else 200,
    )


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    actor = access.staff_actor(request)
    access.require(access.is_supervisor(actor) or actor.has_role(Role.OBSERVER))
    lists = selectors.supervision_lists()
    sees = access.sees_reporter(actor)
    for request_row in lists["reopen"]:
        request_row.shown_reason = privacy.text_for(request_row.reason, sees=sees)
    for extension in lists["extensions"]:
        extension.shown_reason = privacy.text_for(extension.reason, sees=sees)
    return render(request, "ops/supervision.html", lists)
