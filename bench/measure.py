"""Time what must stay fast at scale, on whatever data set the database holds.

    PHANANH_DATA_DIR=var/bench python bench/measure.py

Prints one line per measurement (best of several runs, milliseconds) and the data set's size.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phananh.config.settings")


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        timings.append((time.perf_counter() - began) * 1000)
    return min(timings), statistics.median(timings)


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from phananh.accounts.models import User
    from phananh.analytics.choices import PeriodKind
    from phananh.analytics.services import daily_counts_refresh_due, scorecards_refresh
    from phananh.reports.models import Report
    from phananh.sla.models import Deadline
    from phananh.sla.monitor import sla_sweep

    call_command("collectstatic", interactive=False, verbosity=0)
    setup_test_environment()
    reports = Report.objects.count()
    open_deadlines = Deadline.objects.filter(state="open").count()
    print(
        f"database: {connection.vendor}; reports: {reports:,}; open deadlines: {open_deadlines:,}"
    )

    def report(name: str, runs: int, action: Callable[[], object]) -> None:
        low, median = best_of(runs, action)
        print(f"{name:<48} best {low:8.1f} ms   median {median:8.1f} ms", flush=True)

    # The first sweep escalates whatever the generator left overdue; time the steady state.
    sla_sweep(batch=100_000)
    report("sla sweep (steady state, nothing due)", 5, sla_sweep)

    def hundred_due() -> None:
        # A busy minute: 100 running steps reach their deadline at once.
        from datetime import timedelta

        from django.utils import timezone

        ids = list(
            Deadline.objects.filter(state="open", overdue_at__isnull=True)
            .exclude(step="evaluation")
            .values_list("pk", flat=True)[:100]
        )
        Deadline.objects.filter(pk__in=ids).update(due_at=timezone.now() - timedelta(minutes=1))
        began = time.perf_counter()
        result = sla_sweep()
        elapsed = (time.perf_counter() - began) * 1000
        print(f"{'sla sweep escalating 100 due steps':<48} {elapsed:8.1f} ms ({result})")

    hundred_due()
    report(
        "daily counts refresh (last 7 days)", 1, lambda: daily_counts_refresh_due(backfill_days=0)
    )
    from django.utils import timezone

    today = timezone.localdate()
    for kind in (PeriodKind.ROLLING_30, PeriodKind.MONTH, PeriodKind.YEAR):
        report(
            f"scorecards refresh ({kind})",
            1,
            lambda kind=kind: scorecards_refresh(kind=kind, day=today),
        )
    daily_counts_refresh_due(backfill_days=120)
    client = Client()
    report("GET /agencies/ (ranking)", 5, lambda: client.get("/agencies/"))
    report(
        "GET /agencies/?period=year&by=area",
        5,
        lambda: client.get("/agencies/?period=year&by=area"),
    )
    observer = User.objects.get(email="observer@demo.phananh.vn")
    client.force_login(observer)
    report("GET /ops/dashboard/?days=365", 5, lambda: client.get("/ops/dashboard/?days=365"))
    report("GET /reports/ (public list, first page)", 5, lambda: client.get("/reports/"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
