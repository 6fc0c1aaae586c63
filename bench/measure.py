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
# A measurement on one machine: the embedded mode (a generated secret), whatever the database.
os.environ.setdefault("PHANANH_EMBEDDED", "true")


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
    from phananh.reports.models import Report
    from phananh.sla.models import Deadline
    from phananh.sla.monitor import sla_sweep

    call_command("collectstatic", interactive=False, verbosity=0)
    # What `phananh serve` and the worker do (hourly): planner statistics for fresh bulk data.
    from phananh.core.db import database_optimize

    database_optimize()
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
    measure_statistics(report)
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
    for query in ("duong ngap", "karaoke", "den duong hong"):
        report(
            f"GET /reports/?q={query}",
            5,
            lambda query=query: client.get("/reports/", {"q": query}),
        )
    measure_intelligence(report)
    measure_map(report)
    measure_console(report)
    return 0


def measure_statistics(report: Callable) -> None:
    """The incremental statistics pass: the backfill of a history never tallied (bounded
    passes), a pass with nothing changed, one after 100 actions, and the year's scorecards."""
    from datetime import timedelta

    from django.utils import timezone

    from phananh.analytics.choices import PeriodKind
    from phananh.analytics.services import (
        OVERLAP,
        backfill_days_left,
        daily_counts_refresh_due,
        scorecards_refresh,
        scorecards_refresh_due,
    )
    from phananh.core import clock
    from phananh.sla.models import Deadline
    from phananh.sla.monitor import sla_sweep

    def statistics_pass() -> tuple[int, int]:
        # What the worker's task does: (days recounted, periods rebuilt).
        return daily_counts_refresh_due(), len(scorecards_refresh_due())

    # Each moment past the previous pass's overlap: a pass sees only what happened since.
    moment = clock.now() + OVERLAP
    began, passes = time.perf_counter(), 0
    with clock.at(moment):
        while passes < 100 and backfill_days_left() != 0:
            statistics_pass()
            passes += 1
    elapsed = (time.perf_counter() - began) * 1000
    print(f"{'statistics backfill, until a pass finds nothing':<48} {elapsed:8.1f} ms ({passes})")
    moment += timedelta(minutes=1)
    with clock.at(moment):
        # generate.py stamps some ratings and finished steps after "now": a pass still finds
        # those of its range on a generated database, so this is an upper bound.
        report("statistics pass, no action since the last", 1, statistics_pass)
    moment += timedelta(minutes=1)
    with clock.at(moment):
        ids = list(
            Deadline.objects.filter(state="open", overdue_at__isnull=True)
            .exclude(step="evaluation")
            .values_list("pk", flat=True)[:100]
        )
        Deadline.objects.filter(pk__in=ids).update(due_at=moment - timedelta(minutes=1))
        sla_sweep()  # 100 escalations: 100 events on old reports
    moment += timedelta(minutes=1)
    with clock.at(moment):
        report("statistics pass after 100 escalations", 1, statistics_pass)
        today = timezone.localdate(moment)
        report(
            "scorecards refresh (year, from day tallies)",
            3,
            lambda: scorecards_refresh(kind=PeriodKind.YEAR, day=today),
        )


def measure_intelligence(report: Callable) -> None:
    """Suggestions per text, duplicate lookups, and duplicates' precision and recall."""
    import json
    from datetime import datetime
    from pathlib import Path

    from django.conf import settings

    from phananh.catalog.models import Category
    from phananh.intelligence.corpus import heldout_samples
    from phananh.intelligence.selectors import category_suggest, duplicate_candidates
    from phananh.reports.models import Report

    texts = [s.text for s in heldout_samples()]
    category_suggest(texts[0])  # load the model once, as a running process has
    began = time.perf_counter()
    for text in texts:
        category_suggest(text)
    per_text = (time.perf_counter() - began) * 1000 / len(texts)
    print(f"{'category suggestion, per text':<48} {per_text:8.2f} ms ({len(texts)} texts)")
    path = Path(settings.DATA_DIR) / "duplicate-pairs.json"
    if not path.exists():
        print("no duplicate-pairs.json: run generate.py with --pairs to measure duplicates")
        return
    labels = json.loads(path.read_text())
    categories = {c.code: c for c in Category.objects.all()}
    timings, top1, top5, decoys = [], 0, 0, 0
    for label in labels:
        began = time.perf_counter()
        found = duplicate_candidates(
            Report.objects.all(),
            lat=label["lat"],
            lon=label["lon"],
            category=categories[label["code"]],
            text=label["text"],
            at=datetime.fromisoformat(label["at"]),
        )
        timings.append((time.perf_counter() - began) * 1000)
        ids = [c.report.pk for c in found]
        top1 += bool(ids) and ids[0] == label["primary"]
        top5 += label["primary"] in ids
        # The pair's decoys were inserted right after its primary: ids primary+1…primary+3.
        decoys += sum(1 for pk in ids if label["primary"] < pk <= label["primary"] + 3)
    timings.sort()
    n = len(labels)
    print(
        f"{'duplicate lookup':<48} median {timings[n // 2]:6.1f} ms, "
        f"p95 {timings[int(n * 0.95)]:6.1f} ms ({n} lookups)"
    )
    print(
        f"duplicates: the placed primary first {top1 / n:.1%}, in the top five {top5 / n:.1%}; "
        f"decoys proposed {decoys} of {3 * n}"
    )


def measure_map(report: Callable) -> None:
    """The list page's map: the whole city at zoom 12, and a street at zoom 16 (a 1280×800 view)."""
    from django.db.models import Max, Min
    from django.test import Client

    from phananh.geo.models import Area

    client = Client()
    wards = Area.objects.filter(level__in=["ward", "commune"], lat__isnull=False)
    edges = wards.aggregate(south=Min("lat"), north=Max("lat"), west=Min("lon"), east=Max("lon"))
    if edges["south"] is None:
        print("no areas: the map's boxes need the city's wards")
        return
    city = [
        edges["west"] - 0.05,
        edges["south"] - 0.05,
        edges["east"] + 0.05,
        edges["north"] + 0.05,
    ]
    centre = wards.order_by("code").first()
    lat, lon = (centre.lat, centre.lon) if centre else (edges["south"], edges["west"])
    street = [lon - 0.0137, lat - 0.0079, lon + 0.0137, lat + 0.0079]
    for name, box, zoom in (("whole city", city, 12), ("a street", street, 16)):
        params = {"bbox": ",".join(f"{v:.6f}" for v in box), "zoom": zoom}
        answer = client.get("/reports/map.json", params)
        if answer.status_code != 200:
            print(f"GET /reports/map.json ({name}): {answer.status_code} {answer.json()}")
            continue
        data = answer.json()
        report(
            f"GET /reports/map.json ({name}, zoom {zoom})",
            5,
            lambda params=params: client.get("/reports/map.json", params),
        )
        print(f"    {len(data['features'])} features for {data['count']:,} reports")


if __name__ == "__main__":
    sys.exit(main())


def measure_console(report: Callable) -> None:
    """The IOC's morning: the triage queue (200 rows) and one report's workspace."""
    from django.test import Client

    from phananh.accounts.models import User
    from phananh.reports.models import Report

    waiting = Report.objects.filter(status__in=("new", "returned")).count()
    client = Client()
    client.force_login(User.objects.get(email="operator@demo.phananh.vn"))
    report(
        f"GET /ops/triage/ (200 of {waiting:,} awaiting triage)",
        5,
        lambda: client.get("/ops/triage/"),
    )
    code = Report.objects.filter(status="new").values_list("code", flat=True).first()
    if code:
        report(
            "GET /ops/reports/<code>/ (workspace)", 5, lambda: client.get(f"/ops/reports/{code}/")
        )
