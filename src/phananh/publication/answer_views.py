"""The reporter answers the operations centre's question: from the emailed signed link (no
account needed), or signed in, from the report's page and "My reports". Every way ends in the
one lifecycle action, `report_answer_info`, which resumes triage and writes the timeline entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.selectors import actor_for_user
from phananh.core.errors import DomainError
from phananh.publication.forms import AnswerForm
from phananh.reports.actions.triage import report_answer_info
from phananh.reports.models import Event, Report
from phananh.reports.selectors import report_question_open
from phananh.reports.tokens import question_from_answer_token


def _invalid(request: HttpRequest) -> HttpResponse:
    return HttpResponseBadRequest(render(request, "publication/confirm_invalid.html").content)


def _answer(
    request: HttpRequest, report: Report, question: Event, actor: Actor, action: str
) -> HttpResponse:
    """The form (GET), or the answer taken through the lifecycle action (POST)."""
    form = AnswerForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                report_answer_info(
                    report=report,
                    actor=actor,
                    answer=form.cleaned_data["answer"],
                    uploads=form.cleaned_data["photos"],
                )
            except DomainError as error:
                for field, _code in (error.fields or {"__all__": ""}).items():
                    field = "photos" if field == "uploads" else field  # the media checks'
                    form.add_error(field if field in form.fields else None, str(error.message))
            else:
                messages.success(
                    request,
                    _("Thank you: the operations centre has your answer and resumes its work."),
                )
                return redirect(f"{report.get_absolute_url()}#timeline")
    return render(
        request,
        "publication/report_answer.html",
        {"report": report, "question": question, "form": form, "action": action},
        status=status,
    )


def _not_waiting(request: HttpRequest, report: Report) -> HttpResponse:
    messages.info(request, _("This question has already been answered."))
    return redirect(report.get_absolute_url())


def report_answer_link(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """From the emailed link: signed, expiring, for this report and this question only."""
    report = Report.objects.filter(code=code.upper()).first()
    question_id = question_from_answer_token(token, report.pk) if report else None
    if report is None or question_id is None:
        return _invalid(request)
    question = report_question_open(report)
    if question is None:
        return _not_waiting(request, report)
    if question.pk != question_id:
        # A newer question was asked since this link was sent: its own email has its link.
        messages.info(
            request, _("The operations centre has asked a newer question: use its email.")
        )
        return redirect(report.get_absolute_url())
    action = reverse("publication:report-answer-link", args=[report.code, token])
    return _answer(request, report, question, Actor.reporter_link(report.pk), action)


def report_answer(request: HttpRequest, code: str) -> HttpResponse:
    """Signed in as the report's reporter (its page and "My reports" lead here)."""
    report = Report.objects.filter(code=code.upper()).first()
    if report is None:
        raise Http404("No report with this code.")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    if report.reporter_id != request.user.pk:
        raise Http404("No report of yours with this code.")
    question = report_question_open(report)
    if question is None:
        return _not_waiting(request, report)
    action = reverse("publication:report-answer", args=[report.code])
    return _answer(request, report, question, actor_for_user(request.user), action)
