"""What one step of a report's life does to its deadlines, as plain data.

The lifecycle table (`reports/lifecycle.py`) gives each action an `Effect`; `sla.services`
applies it. This module knows steps only, nothing of reports or their actions.
"""

from __future__ import annotations

from dataclasses import dataclass

from phananh.sla.choices import Step

AGENCY_STEPS: tuple[str, ...] = (Step.ACCEPTANCE, Step.RESOLUTION)


@dataclass(frozen=True)
class Effect:
    """Steps an action finishes, starts, pauses, resumes, cancels as returned, or cancels."""

    finish: tuple[str, ...] = ()
    start: tuple[str, ...] = ()
    pause: tuple[str, ...] = ()
    resume: tuple[str, ...] = ()
    returned: tuple[str, ...] = ()
    cancel: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any((self.finish, self.start, self.pause, self.resume, self.returned, self.cancel))

    @property
    def steps(self) -> frozenset[str]:
        """Every step this effect touches."""
        return frozenset(
            (*self.finish, *self.start, *self.pause, *self.resume, *self.returned, *self.cancel)
        )


NO_EFFECT = Effect()
