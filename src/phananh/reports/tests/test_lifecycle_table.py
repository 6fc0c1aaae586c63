"""The lifecycle table is complete: a row that leaves out one consequence of its action fails here.

For every action: its `Action` value and its row; its service (a `@report_action` function of
`reports/actions/`), exercised by the table walk of test_lifecycle.py; a deadline effect that
leaves exactly the steps the new status runs; an event visibility; and, wherever the row tells
someone, a message in Vietnamese and English. (NetBox's `test_missing_filters` is the model.)
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django.utils import translation

from phananh.notifications.templates import (
    ReporterEvent,
    StaffAlert,
    reporter_message,
    staff_message,
)
from phananh.reports import actions, lifecycle
from phananh.reports.choices import Action, Status, Visibility
from phananh.reports.tests.test_lifecycle import CALLS, CREATES
from phananh.sla.choices import Step

S = Status
TRIAGE, ACCEPTANCE, RESOLUTION, EVALUATION = (
    Step.TRIAGE,
    Step.ACCEPTANCE,
    Step.RESOLUTION,
    Step.EVALUATION,
)
# The deadline steps that may be running (or paused) while a report is in each status, and
# those that must be: an effect that leaves anything else behind is incomplete.
MAY_RUN: dict[str, frozenset[str]] = {
    lifecycle.NOWHERE: frozenset(),
    S.UNCONFIRMED: frozenset(),
    S.NEW: frozenset({TRIAGE}),
    S.INFO_REQUESTED: frozenset({TRIAGE}),
    S.RETURNED: frozenset({TRIAGE}),
    S.ASSIGNED: frozenset({ACCEPTANCE, RESOLUTION}),
    S.IN_PROGRESS: frozenset({RESOLUTION}),
    S.REOPENED: frozenset({ACCEPTANCE, RESOLUTION}),
    # Evaluation stops while a reopening request waits for the supervisor.
    S.RESOLVED: frozenset({EVALUATION}),
    S.CLOSED: frozenset(),
    S.REJECTED: frozenset(),
    S.MERGED: frozenset(),
}
MUST_RUN: dict[str, frozenset[str]] = {
    **{status: frozenset() for status in MAY_RUN},
    S.NEW: frozenset({TRIAGE}),
    S.INFO_REQUESTED: frozenset({TRIAGE}),
    S.RETURNED: frozenset({TRIAGE}),
    S.ASSIGNED: frozenset({ACCEPTANCE, RESOLUTION}),
    S.IN_PROGRESS: frozenset({RESOLUTION}),
    S.REOPENED: frozenset({ACCEPTANCE, RESOLUTION}),
}


def _services() -> dict[str, object]:
    """Every public function of reports/actions/, by name."""
    found = {}
    for module_info in pkgutil.iter_modules(actions.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{actions.__name__}.{module_info.name}")
        for name, value in inspect.getmembers(module, inspect.isfunction):
            if value.__module__ == module.__name__ and not name.startswith("_"):
                found[name] = value
    return found


def test_every_action_has_its_row_and_every_row_its_action():
    assert set(lifecycle.TABLE) == set(Action.values)
    assert len(lifecycle.TABLE) == len(lifecycle.TRANSITIONS), "one row per action"


def test_every_row_is_walked_by_the_lifecycle_test():
    assert set(CALLS) | CREATES == set(lifecycle.TABLE)


def test_every_service_is_one_business_action():
    """Each public function of reports/actions/ runs as @report_action (one transaction, its
    events fanned out), except the helpers named here, called inside another action."""
    helpers = {"followers_move"}
    services = _services()
    assert services, "reports/actions/ has services"
    missing = [
        name
        for name, function in services.items()
        if name not in helpers and not getattr(function, "report_action", False)
    ]
    assert missing == []
    # The table walk calls the services themselves, not copies.
    for name in ("report_assign", "report_resolve", "report_claim_by_email"):
        assert name in services


@pytest.mark.parametrize("row", lifecycle.TRANSITIONS, ids=lambda row: row.action)
def test_the_deadline_effect_leaves_what_the_new_status_runs(row):
    stops = set(row.deadlines.finish) | set(row.deadlines.returned) | set(row.deadlines.cancel)
    for source in row.sources:
        for target in row.targets:
            after = source if target is None else target
            running = set(MAY_RUN[source])
            if row.deadlines_apply_to(after):
                running = (running - stops) | set(row.deadlines.start)
            assert running <= MAY_RUN[after], (source, after, running)
            if source != after:
                assert MUST_RUN[after] <= running, (source, after, running)


def test_only_known_steps_and_statuses_appear():
    for row in lifecycle.TRANSITIONS:
        assert row.deadlines.steps <= set(Step.values), row.action
        assert row.sources <= {lifecycle.NOWHERE, *Status.values}, row.action
        assert {t for t in row.targets if t} <= set(Status.values), row.action
        assert row.deadlines_when <= set(Status.values), row.action
        assert row.visibility in {*Visibility.values, lifecycle.EITHER}, row.action


@pytest.mark.parametrize("row", lifecycle.TRANSITIONS, ids=lambda row: row.action)
def test_nobody_is_told_about_an_internal_step(row):
    """The reporter and followers hear about public events only: a row that tells them may not
    be internal (staff may be alerted about internal steps)."""
    if row.tells.reporter or row.tells.followers:
        assert row.visibility != Visibility.INTERNAL


def _differs_in_vietnamese(render) -> None:
    english, vietnamese = render("en"), render("vi")
    assert english and vietnamese
    assert english != vietnamese, f"not translated: {english!r}"


REPORTER_VALUES = {
    "code": "PA-7X3K9QM",
    "url": "https://example.org/reports/PA-7X3K9QM/",
    "agency": "UBND",
    "due": "08/12/2026 17:00",
    "question": "?",
    "result": "OK",
    "rate_url": "https://example.org/rate/",
    "reason": "-",
    "into": "PA-AAAAAAA",
    "note": "",
    "intake": "phananh@example.org",
}
STAFF_VALUES = {
    "code": "PA-7X3K9QM",
    "url": "https://example.org/reports/PA-7X3K9QM/",
    "when": "08/12/2026 17:00",
    "step": "triage",
    "text": "…",
    "count": 5,
    "category": "drainage",
    "area": "Phú Xuân",
    "hours": 6,
    "sender": "lan@example.com",
    "subject": "-",
    "why": "-",
    "media": 0,
    "id": 1,
    "kind": "-",
    "report": "",
    "channel": "email",
    "to": "-",
    "attempts": 3,
    "error": "-",
    "link": "-",
}


@pytest.mark.parametrize(
    "row", [r for r in lifecycle.TRANSITIONS if r.tells], ids=lambda row: row.action
)
def test_whoever_is_told_has_a_message_in_both_languages(row):
    if row.tells.reporter:
        event = ReporterEvent(row.tells.reporter)
        for channel in ("email", "sms"):
            _differs_in_vietnamese(
                lambda language, channel=channel: (
                    reporter_message(
                        event, language=language, channel=channel, values=REPORTER_VALUES
                    ).body
                )
            )
    if row.tells.staff:
        alert = StaffAlert(row.tells.staff)
        _differs_in_vietnamese(
            lambda language: staff_message(alert, language=language, values=STAFF_VALUES).body
        )
    if row.tells.followers:
        # Followers read the step's own name (the event's action label).
        def label(language: str) -> str:
            with translation.override(language):
                return str(Action(row.action).label)

        _differs_in_vietnamese(label)
