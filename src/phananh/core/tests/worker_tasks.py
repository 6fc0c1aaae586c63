"""Tasks for the worker tests only: slow enough to be killed mid-run, and countable."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task


@task()
def slow_mark(path: str, seconds: float) -> None:
    """Sleep, then append one line to `path` (a run killed before the end writes nothing)."""
    time.sleep(seconds)
    with Path(path).open("a") as handle:
        handle.write("done\n")
