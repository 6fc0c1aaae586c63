"""The signed link where an agency reached by email answers without an account."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from phananh.core.errors import DomainError
from phananh.interop.agency_steps import STEPS, agency_actor, agency_step
from phananh.interop.forwarding import forward_from_token
from phananh.reports.lifecycle import allowed_actions

# The form's step, to the lifecycle action that must be allowed for it to be offered.
OFFERED = {
    "accept": "agency_accept",
    "progress": "progress",
    "resolve": "resolve",
    "return": "return",
}


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    forward = forward_from_token(token)
    if forward is None:
        raise Http404("This link is not valid.")
    report = forward.report
    actor = agency_actor(forward.agency, _("email link"))
    error = ""
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step not in STEPS:
            error = _("Choose what to do.")
        else:
            try:
                agency_step(
                    report=report,
                    actor=actor,
                    step=step,
                    text=request.POST.get("text", "")[:5000],
                    uploads=request.FILES.getlist("uploads")[:5],
                )
            except DomainError as exc:
                error = str(exc.message)
            else:
                return redirect(request.path + "?done=1")
    report.refresh_from_db()
    can = set(allowed_actions(report, actor))
    offered = [step for step, action in OFFERED.items() if action in can]
    if "agency_accept" in can and "resolve" not in offered:
        offered.append("resolve")  # accepted and resolved in one go
    return render(
        request,
        "interop/answer.html",
        {
            "forward": forward,
            "report": report,
            "offered": offered,
            "error": error,
            "done": request.GET.get("done") == "1",
        },
        status=400 if error else 200,
    )
