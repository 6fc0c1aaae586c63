"""Every row of the lifecycle table, allowed and forbidden, through the real services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.catalog.models import Category
from phananh.conftest import jpeg_bytes
from phananh.core import clock
from phananh.core.errors import ActionNotAllowed, InvalidTransition
from phananh.reports import lifecycle
from phananh.reports.actions.agency import (
    report_agency_accept,
    report_assign_officer,
    report_progress,
    report_return,
)
from phananh.reports.actions.deadlines import (
    report_decide_extension,
    report_escalate,
    report_request_extension,
)
from phananh.reports.actions.intake import report_confirm
from phananh.reports.actions.moderation import comment_moderate
from phananh.reports.actions.outcome import (
    report_auto_close,
    report_close,
    report_rate,
    report_refuse_reopen,
    report_reopen,
    report_request_reopen,
    report_resolve,
)
from phananh.reports.actions.privacy import report_claim_by_email, reports_anonymise_reporter
from phananh.reports.actions.triage import (
    report_answer_info,
    report_assign,
    report_categorize,
    report_merge,
    report_note,
    report_reject,
    report_relocate,
    report_request_info,
    report_set_track,
)
from phananh.reports.choices import Action, RatingLevel, Status, Track, Visibility
from phananh.reports.models import Comment, Event, Report

pytestmark = pytest.mark.django_db


# The service that takes each action, called with valid arguments (every row of the table but
# `submit`, which creates the report: test_submit_is_one_event).
CALLS: dict[str, Callable[[Report, Actor, dict, dict], Report]] = {
    Action.CONFIRM: lambda report, actor, people, extra: report_confirm(report=report, actor=actor),
    Action.CLAIM: lambda report, actor, people, extra: _claim(report, actor),
    Action.ANONYMISE: lambda report, actor, people, extra: _anonymise(report, actor, people),
    Action.ASSIGN: lambda report, actor, people, extra: report_assign(
        report=report, actor=actor, **extra
    ),
    Action.REJECT: lambda report, actor, people, extra: report_reject(
        report=report, actor=actor, reason="Không rõ"
    ),
    Action.MERGE: lambda report, actor, people, extra: report_merge(
        report=report, actor=actor, into=extra["into"]
    ),
    Action.REQUEST_INFO: lambda report, actor, people, extra: report_request_info(
        report=report, actor=actor, question="Số nhà bao nhiêu?"
    ),
    Action.ANSWER_INFO: lambda report, actor, people, extra: report_answer_info(
        report=report, actor=actor, answer="Số 12"
    ),
    Action.AGENCY_ACCEPT: lambda report, actor, people, extra: report_agency_accept(
        report=report, actor=actor
    ),
    Action.RETURN: lambda report, actor, people, extra: report_return(
        report=report, actor=actor, reason="Không phải"
    ),
    Action.PROGRESS: lambda report, actor, people, extra: report_progress(
        report=report, actor=actor, note="Đang làm"
    ),
    Action.RESOLVE: lambda report, actor, people, extra: report_resolve(
        report=report, actor=actor, result="Đã xử lý"
    ),
    Action.RATE: lambda report, actor, people, extra: report_rate(
        report=report, actor=actor, level=extra.get("level", RatingLevel.SATISFIED)
    ),
    Action.REQUEST_REOPEN: lambda report, actor, people, extra: report_request_reopen(
        report=report, actor=actor, reason="Vẫn còn", uploads=[jpeg_bytes()]
    ),
    Action.REOPEN: lambda report, actor, people, extra: report_reopen(
        report=report, actor=actor, note="Chưa đạt"
    ),
    Action.REFUSE_REOPEN: lambda report, actor, people, extra: report_refuse_reopen(
        report=report, actor=actor, note="Đã đạt"
    ),
    Action.CLOSE: lambda report, actor, people, extra: report_close(report=report, actor=actor),
    Action.AUTO_CLOSE: lambda report, actor, people, extra: report_auto_close(
        report=report, actor=actor
    ),
    Action.ESCALATE: lambda report, actor, people, extra: report_escalate(
        report=report,
        actor=actor,
        deadline=report.deadlines.filter(state="open").last() or report.deadlines.last(),
    ),
    Action.REQUEST_EXTENSION: lambda report, actor, people, extra: report_request_extension(
        report=report,
        actor=actor,
        reason="Cần thêm vật tư",
        new_due=timezone.now() + timedelta(days=30),
    ),
    Action.DECIDE_EXTENSION: lambda report, actor, people, extra: report_decide_extension(
        report=report, actor=actor, approve=True
    ),
    Action.MODERATE: lambda report, actor, people, extra: (
        comment_moderate(
            comment=Comment.objects.create(report=report, text="Quảng cáo", created_at=clock.now()),
            actor=actor,
            hide=True,
            reason="Spam",
        ).report
    ),
    Action.RELOCATE: lambda report, actor, people, extra: report_relocate(
        report=report, actor=actor, lat=16.4751, lon=107.6106, address="12 Nguyễn Sinh Cung"
    ),
    Action.SET_TRACK: lambda report, actor, people, extra: report_set_track(
        report=report,
        actor=actor,
        track=Track.URGENT if report.track == Track.NORMAL else Track.NORMAL,
    ),
    Action.NOTE: lambda report, actor, people, extra: report_note(
        report=report, actor=actor, text="Đã gọi điện"
    ),
    Action.ASSIGN_OFFICER: lambda report, actor, people, extra: report_assign_officer(
        report=report, actor=actor, officer_id=people[Role.OFFICER].user_id
    ),
    Action.CATEGORIZE: lambda report, actor, people, extra: report_categorize(
        report=report,
        actor=actor,
        category=Category.objects.get_or_create(
            code="sanitation",
            defaults={"name_vi": "Rác thải", "group": report.category.group},
        )[0],
    ),
}


def perform(action: str, report: Report, actor: Actor, people, **extra) -> Report:
    """Call the service for `action` with valid arguments."""
    return CALLS[action](report, actor, people, extra)


def _claim(report: Report, actor: Actor) -> Report:
    # As if sent without an account from an address the actor has just proved is theirs.
    Report.objects.filter(pk=report.pk).update(reporter=None, reporter_email="lan@example.com")
    claimed = report_claim_by_email(actor=actor, email="lan@example.com")
    return next(r for r in claimed if r.pk == report.pk)


def _anonymise(report: Report, actor: Actor, people) -> Report:
    # Sent from the account, or (held unconfirmed) from the address the account proved.
    Report.objects.filter(pk=report.pk, reporter=None).update(reporter_email="lan@example.com")
    reports_anonymise_reporter(
        actor=actor, user_id=people["reporter"].user_id, email="lan@example.com"
    )
    return Report.objects.get(pk=report.pk)


# Steps taken by the table's other services, with their own tests: `submit` creates the report
# (test_submit_is_one_event); `claim` is taken by whoever proved the address (its service's
# caller vouches for the proof, so no role can be refused: test_claim_needs_an_account).
CREATES = {Action.SUBMIT}
# What the reporter of a report held unconfirmed does through its emailed link (no account).
LINK_ACTIONS = {Action.CONFIRM}
ROLE_BY_PROOF = {Action.CLAIM}


# How to reach each status from a fresh `new` report: (action, actor key) steps.
PATHS: dict[str, list[tuple[str, str]]] = {
    Status.NEW: [],
    Status.INFO_REQUESTED: [(Action.REQUEST_INFO, Role.OPERATOR)],
    Status.ASSIGNED: [(Action.ASSIGN, Role.OPERATOR)],
    Status.IN_PROGRESS: [(Action.ASSIGN, Role.OPERATOR), (Action.AGENCY_ACCEPT, Role.OFFICER)],
    Status.RETURNED: [(Action.ASSIGN, Role.OPERATOR), (Action.RETURN, Role.OFFICER)],
    Status.RESOLVED: [
        (Action.ASSIGN, Role.OPERATOR),
        (Action.AGENCY_ACCEPT, Role.OFFICER),
        (Action.RESOLVE, Role.OFFICER),
    ],
    Status.REOPENED: [
        (Action.ASSIGN, Role.OPERATOR),
        (Action.AGENCY_ACCEPT, Role.OFFICER),
        (Action.RESOLVE, Role.OFFICER),
        (Action.REOPEN, Role.SUPERVISOR),
    ],
    Status.CLOSED: [
        (Action.ASSIGN, Role.OPERATOR),
        (Action.AGENCY_ACCEPT, Role.OFFICER),
        (Action.RESOLVE, Role.OFFICER),
        (Action.CLOSE, Role.OPERATOR),
    ],
    Status.REJECTED: [(Action.REJECT, Role.OPERATOR)],
}


def actor_for(key: str, people, report: Report) -> Actor:
    if key == lifecycle.REPORTER:
        return people["reporter"]
    if key == lifecycle.SYSTEM:
        return Actor.system()
    return people[key]


def bring(status: str, submit, people) -> Report:
    """A report in `status`, reached through the services."""
    if status == Status.UNCONFIRMED:
        return submit(confirmed=False, actor=Actor.anonymous())
    if status == Status.MERGED:
        primary = submit()
        report = submit()
        return perform(Action.MERGE, report, people[Role.OPERATOR], people, into=primary)
    report = submit()
    for action, key in PATHS[status]:
        report = perform(action, report, actor_for(key, people, report), people)
    assert report.status == status
    return report


def prepare(action: str, report: Report, people) -> dict:
    """What an action needs beyond the report: a merge target, a pending request, time."""
    if action == Action.MERGE:
        other = Report.objects.exclude(pk=report.pk).filter(status=Status.NEW).first()
        return {"into": other}
    if action == Action.REFUSE_REOPEN:
        report_request_reopen(
            report=report, actor=people["reporter"], reason="Vẫn còn", uploads=[jpeg_bytes()]
        )
    if action == Action.DECIDE_EXTENSION:
        report_request_extension(
            report=report,
            actor=people[Role.OFFICER],
            reason="Cần thêm vật tư",
            new_due=timezone.now() + timedelta(days=30),
        )
    return {}


ROWS = [
    (t.action, source, role)
    for t in lifecycle.TRANSITIONS
    if t.action not in CREATES
    for source in sorted(t.sources)
    for role in sorted(t.roles)
]


@pytest.mark.parametrize(("action", "source", "role"), ROWS)
def test_every_allowed_transition(action, source, role, submit, people):
    report = bring(source, submit, people)
    if action == Action.MERGE:
        submit()  # a primary to merge into
    if source == Status.UNCONFIRMED and role == lifecycle.REPORTER and action in LINK_ACTIONS:
        actor = Actor.reporter_link(report.pk)
    else:
        actor = actor_for(role, people, report)
    extra = prepare(action, report, people)
    before = Event.objects.filter(report=report).count()
    if action == Action.AUTO_CLOSE:
        later = report.resolved_at + timedelta(days=8)
        with clock.at(later):
            result = perform(action, report, actor, people, **extra)
    else:
        result = perform(action, report, actor, people, **extra)
    expected = lifecycle.TABLE[action].target_from(source)
    assert result.status == expected
    events = list(Event.objects.filter(report=report).order_by("id"))
    assert len(events) == before + 1, "exactly one event per action"
    assert events[-1].action == action
    assert events[-1].from_status == source
    assert events[-1].to_status == expected


@pytest.mark.parametrize(
    "action",
    [
        t.action
        for t in lifecycle.TRANSITIONS
        if set(Status.values) - t.sources and t.action not in CREATES
    ],
)
def test_wrong_status_is_refused(action, submit, people):
    transition = lifecycle.TABLE[action]
    wrong = next(
        s for s in [Status.CLOSED, Status.NEW, Status.REJECTED] if s not in transition.sources
    )
    report = bring(wrong, submit, people)
    role = sorted(transition.roles)[0]
    extra = {"into": submit()} if action == Action.MERGE else {}
    with pytest.raises(InvalidTransition):
        perform(action, report, actor_for(role, people, report), people, **extra)
    assert Report.objects.get(pk=report.pk).status == wrong


ALL_KEYS = [
    Role.OPERATOR,
    Role.SUPERVISOR,
    Role.OBSERVER,
    Role.ADMIN,
    Role.OFFICER,
    Role.HEAD,
    "citizen",
    lifecycle.REPORTER,
    lifecycle.SYSTEM,
]


@pytest.mark.parametrize(
    "action",
    [t.action for t in lifecycle.TRANSITIONS if t.action not in CREATES | ROLE_BY_PROOF],
)
def test_wrong_role_is_refused(action, submit, people):
    transition = lifecycle.TABLE[action]
    source = sorted(transition.sources)[0]
    outsiders = [k for k in ALL_KEYS if k not in transition.roles]
    for key in outsiders:
        report = bring(source, submit, people)
        if action == Action.MERGE:
            submit()
        extra = prepare(action, report, people)
        before = Event.objects.filter(report=report).count()
        with pytest.raises(ActionNotAllowed):
            perform(action, report, actor_for(key, people, report), people, **extra)
        assert Report.objects.get(pk=report.pk).status == source, key
        assert Event.objects.filter(report=report).count() == before


@pytest.mark.parametrize(
    ("action", "source"),
    [
        (Action.AGENCY_ACCEPT, Status.ASSIGNED),
        (Action.RETURN, Status.IN_PROGRESS),
        (Action.PROGRESS, Status.IN_PROGRESS),
        (Action.RESOLVE, Status.IN_PROGRESS),
    ],
)
def test_officer_of_another_agency_is_refused(action, source, submit, people):
    report = bring(source, submit, people)
    with pytest.raises(ActionNotAllowed):
        perform(action, report, people["other_officer"], people)
    assert Report.objects.get(pk=report.pk).status == source


def test_timeline_lists_every_action_in_order(submit, people):
    report = submit()
    steps = [
        (Action.REQUEST_INFO, Role.OPERATOR),
        (Action.ANSWER_INFO, lifecycle.REPORTER),
        (Action.ASSIGN, Role.OPERATOR),
        (Action.RETURN, Role.OFFICER),
        (Action.ASSIGN, Role.SUPERVISOR),
        (Action.AGENCY_ACCEPT, Role.HEAD),
        (Action.PROGRESS, Role.OFFICER),
        (Action.RESOLVE, Role.OFFICER),
        (Action.RATE, lifecycle.REPORTER),
    ]
    start = timezone.now()
    for minute, (action, key) in enumerate(steps, start=1):
        with clock.at(start + timedelta(minutes=minute)):
            report = perform(action, report, actor_for(key, people, report), people)
    actions = list(report.events.order_by("created_at", "id").values_list("action", flat=True))
    assert actions == [Action.SUBMIT, *[a for a, _ in steps]]
    assert report.status == Status.CLOSED
    internal = report.events.get(action=Action.RETURN)
    assert internal.visibility == Visibility.INTERNAL
    assert internal.internal_note == "Không phải"


def test_events_are_append_only(submit):
    report = submit()
    event = report.events.get()
    event.public_note = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    with pytest.raises(ValueError, match="append-only"):
        Event.objects.filter(report=report).update(public_note="x")
    with pytest.raises(ValueError, match="append-only"):
        Event.objects.filter(report=report).delete()


def test_table_covers_every_status():
    reachable = {s for t in lifecycle.TRANSITIONS for s in t.sources} | {
        target for t in lifecycle.TRANSITIONS for target in t.targets if target
    }
    assert reachable == {lifecycle.NOWHERE, *Status.values}


def test_submit_is_one_event(submit, people):
    report = submit()
    (event,) = report.events.all()
    assert (event.action, event.from_status, event.to_status) == (
        Action.SUBMIT,
        lifecycle.NOWHERE,
        Status.NEW,
    )
    held = submit(actor=Actor.anonymous(), confirmed=False, reporter_email="lan@example.com")
    assert held.events.get().to_status == Status.UNCONFIRMED


def test_claim_needs_an_account(submit, people):
    submit(actor=Actor.anonymous(), reporter_email="lan@example.com")
    with pytest.raises(ActionNotAllowed):
        report_claim_by_email(actor=Actor.system(), email="lan@example.com")
