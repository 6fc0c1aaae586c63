"""What higher apps add to the one intake, inside its transaction.

A hook is registered once, from an app's `apps.py` `ready()` (the campaigns app links a report
to the campaigns it belongs to, and checks the campaign a reporter picked); `report_intake`
runs every hook after the report, its event and its media are written, in the same
transaction — a hook that raises `InvalidInput` refuses the whole report. Unlike the fan-out
(`reports/fanout.py`), which runs after the commit, a hook decides whether the report is taken.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from phananh.accounts.actors import Actor
    from phananh.reports.drafts import ReportDraft
    from phananh.reports.models import Report

IntakeHook = Callable[["Report", "ReportDraft", "Actor"], None]
_hooks: dict[str, IntakeHook] = {}


def intake_hook_register(name: str, hook: IntakeHook) -> None:
    """Declare a hook (registering a name again replaces it)."""
    _hooks[name] = hook


def intake_hooks_run(*, report: Report, draft: ReportDraft, actor: Actor) -> None:
    for name in sorted(_hooks):
        _hooks[name](report, draft, actor)
