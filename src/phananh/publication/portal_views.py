"""The citizen's side of the portal: send a report, confirm it, see that it arrived."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phananh.accounts.selectors import actor_for_user
from phananh.core.errors import ActionNotAllowed, DomainError
from phananh.intelligence.selectors import category_suggest
from phananh.publication.forms import RatingForm, ReportForm
from phananh.reports.actions import moderation, outcome, participation
from phananh.reports.actions.intake import report_confirm, report_intake
from phananh.reports.actions.outcome import report_request_reopen
from phananh.reports.actions.participation import comment_add
from phananh.reports.choices import OPEN_STATUSES, Channel, Status
from phananh.reports.models import Comment, Report
from phananh.reports.selectors import report_result_public
from phananh.reports.tokens import (
    FOLLOW_CONFIRM_MAX_AGE,
    actor_from_reporter_token,
    follower_id_from_token,
)
from phananh.sla.choices import Step
from phananh.sla.selectors import deadline_open

_SESSION_KEY = "phananh:sent"


def report_new(request: HttpRequest) -> HttpResponse:
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"submission_key": uuid.uuid4().hex, "campaign": request.GET.get("campaign", "")},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = report_intake(
                    actor=actor_for_user(request.user),
                    draft=form.draft(
                        channel=Channel.WEB,
                        language=translation.get_language() or "vi",
                        confirmed=request.user.is_authenticated,
                    ),
                )
            except DomainError as error:
                for field, _code in (error.fields or {"__all__": ""}).items():
                    target = field if field in form.fields else None
                    form.add_error(target, str(error.message))
            else:
                request.session[_SESSION_KEY] = [
                    *request.session.get(_SESSION_KEY, [])[-9:],
                    report.code,
                ]
                return redirect("publication:report-sent", code=report.code)
        status = 400
    return render(
        request,
        "publication/report_new.html",
        {
            "form": form,
            "map_tiles": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_ATTRIBUTION,
            # The open reports shown on the form's map (form-open-reports.js).
            "open_statuses": ",".join(OPEN_STATUSES),
        },
        status=status,
    )


def report_sent(request: HttpRequest, code: str) -> HttpResponse:
    """What happens next and by when, for the person who just sent the report."""
    if code not in request.session.get(_SESSION_KEY, []):
        return redirect("publication:report-detail", code=code)
    report = Report.objects.filter(code=code).first()
    if report is None:
        return redirect("publication:home")
    triage = deadline_open(report.pk, Step.TRIAGE)
    return render(request, "publication/report_sent.html", {"report": report, "triage": triage})


def report_confirm_link(request: HttpRequest, code: str, token: str) -> HttpResponse:
    report = Report.objects.filter(code=code.upper()).first()
    actor = actor_from_reporter_token(token, report.pk) if report else None
    if report is None or actor is None:
        return HttpResponseBadRequest(render(request, "publication/confirm_invalid.html").content)
    if report.status == Status.UNCONFIRMED:
        try:
            report_confirm(report=report, actor=actor)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Thank you: your report is confirmed and in the queue."))
    else:
        messages.info(request, _("This report was already confirmed."))
    return redirect("publication:report-detail", code=report.code)


def category_suggestions(request: HttpRequest) -> JsonResponse:
    """Top categories the classifier proposes for the text typed so far, with scores."""
    text = request.GET.get("text", "")[:2000]
    return JsonResponse(
        {
            "suggestions": [
                {"category": s.category.code, "name": s.category.name, "score": s.score}
                for s in category_suggest(text)
            ]
        }
    )


def report_rate(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """The reporter rates the result from the emailed link, and may ask to reopen with photos."""
    report = Report.objects.filter(code=code.upper()).select_related("agency").first()
    actor = actor_from_reporter_token(token, report.pk) if report else None
    if report is None or actor is None:
        return HttpResponseBadRequest(render(request, "publication/confirm_invalid.html").content)
    if report.status != Status.RESOLVED or report.rating:
        messages.info(request, _("This result has already been rated, or is not ready to rate."))
        return redirect("publication:report-detail", code=report.code)
    form = RatingForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    outcome.report_rate(
                        report=report, actor=actor, level=data["level"], comment=data["comment"]
                    )
                    if data["reopen"]:
                        report_request_reopen(
                            report=report,
                            actor=actor,
                            reason=data["reason"],
                            uploads=data["evidence"],
                        )
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("Thank you: your rating is published."))
                return redirect("publication:report-detail", code=report.code)
        status = 400
    return render(
        request,
        "publication/report_rate.html",
        # What is rated comes first: the agency's result, its text and its photos.
        {"report": report, "form": form, "result": report_result_public(report)},
        status=status,
    )


def _report_for_signed_in(
    request: HttpRequest, code: str, why: str = ""
) -> tuple[Report, HttpResponse | None]:
    """The report (404 if unknown), and a redirect to sign in, saying why, when nobody is."""
    report = Report.objects.filter(code=code.upper()).first()
    if report is None:
        raise Http404("No report with this code.")
    if not request.user.is_authenticated:
        messages.info(request, why or _("Sign in first: then you are brought back to the report."))
        return report, redirect(f"{reverse('accounts:login')}?next={report.get_absolute_url()}")
    return report, None


@require_POST
def report_comment(request: HttpRequest, code: str) -> HttpResponse:
    """A signed-in person comments on a published report."""
    report, sign_in = _report_for_signed_in(request, code)
    if sign_in:
        return sign_in
    try:
        comment_add(
            report=report, actor=actor_for_user(request.user), text=request.POST.get("text", "")
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your comment is published."))
    return redirect(f"{report.get_absolute_url()}#comments")


@require_POST
def report_follow(request: HttpRequest, code: str) -> HttpResponse:
    """Follow a published report by email (an account's address, or one confirmed by link)."""
    report = Report.objects.filter(code=code.upper()).first()
    if report is None:
        raise Http404("No report with this code.")
    if request.POST.get("stop") and request.user.is_authenticated:
        follower = report.followers.filter(email=request.user.email.strip().lower()).first()
        if follower is not None:
            participation.report_unfollow(follower_id=follower.pk)
        messages.success(request, _("Done: you no longer get emails about this report."))
        return redirect(f"{report.get_absolute_url()}#follow")
    try:
        confirmed = participation.report_follow(
            report=report,
            actor=actor_for_user(request.user),
            email=request.POST.get("email", ""),
            language=translation.get_language() or "vi",
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if not confirmed:
            pending = request.session.get("follow_pending", [])
            request.session["follow_pending"] = [*pending[-19:], report.code]
        messages.success(
            request,
            _("You follow this report: we will email you when it moves.")
            if confirmed
            else _("Almost done: open the link we emailed you to confirm."),
        )
    return redirect(f"{report.get_absolute_url()}#follow")


def report_follow_confirm(request: HttpRequest, code: str, token: str) -> HttpResponse:
    follower_id = follower_id_from_token(token, max_age=FOLLOW_CONFIRM_MAX_AGE)
    follower = participation.report_follow_confirm(follower_id=follower_id) if follower_id else None
    if follower is None or follower.report.code != code.upper():
        return HttpResponseBadRequest(render(request, "publication/confirm_invalid.html").content)
    messages.success(request, _("You follow this report: we will email you when it moves."))
    return redirect(follower.report.get_absolute_url())


def report_unfollow(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """The link in every follower email: a button (so mail scanners do not unsubscribe)."""
    follower_id = follower_id_from_token(token)
    report = Report.objects.filter(code=code.upper()).first()
    if follower_id is None or report is None:
        return HttpResponseBadRequest(render(request, "publication/confirm_invalid.html").content)
    if request.method == "POST":
        participation.report_unfollow(follower_id=follower_id)
        messages.success(request, _("Done: you no longer get emails about this report."))
        return redirect(report.get_absolute_url())
    return render(request, "publication/unfollow.html", {"report": report})


def _comment_of(report: Report, comment_id: int) -> Comment:
    comment = Comment.objects.filter(pk=comment_id, report=report).first()
    if comment is None:
        raise Http404("No such comment.")
    return comment


@require_POST
def comment_flag(request: HttpRequest, code: str, comment_id: int) -> HttpResponse:
    """A signed-in person reports a comment as abusive."""
    report, sign_in = _report_for_signed_in(request, code)
    if sign_in:
        return sign_in
    comment = _comment_of(report, comment_id)
    try:
        added = participation.comment_flag(
            comment=comment,
            actor=actor_for_user(request.user),
            reason=request.POST.get("reason", ""),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Thank you: a moderator will look at this comment.")
            if added
            else _("You have already reported this comment."),
        )
    return redirect(f"{report.get_absolute_url()}#comments")


@require_POST
def comment_moderate(request: HttpRequest, code: str, comment_id: int) -> HttpResponse:
    """The IOC hides a comment with a reason, or restores it."""
    report, sign_in = _report_for_signed_in(request, code)
    if sign_in:
        return sign_in
    comment = _comment_of(report, comment_id)
    hide = request.POST.get("hide") == "1"
    try:
        moderation.comment_moderate(
            comment=comment,
            actor=actor_for_user(request.user),
            hide=hide,
            reason=request.POST.get("reason", ""),
        )
    except ActionNotAllowed as error:
        raise PermissionDenied(str(error.message)) from error
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The comment is hidden.") if hide else _("The comment is back.")
        )
    return redirect(f"{report.get_absolute_url()}#comments")


@require_POST
def report_support(request: HttpRequest, code: str) -> HttpResponse:
    """ "Me too": a signed-in person adds their weight to a published report."""
    why = _(
        "To add your support, sign in or create an account (free, with just an email): "
        "each person counts once. You come back to the report afterwards."
    )
    report, sign_in = _report_for_signed_in(request, code, why)
    if sign_in:
        return sign_in
    try:
        added = participation.report_support(report=report, actor=actor_for_user(request.user))
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if added:
            messages.success(request, _("Thank you: your support is counted."))
        else:
            messages.info(request, _("You already support this report."))
    return redirect(report.get_absolute_url())
