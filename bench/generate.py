"""Generate a large, realistic data set fast (bulk inserts, not the services) for benchmarks.

    PHANANH_DATA_DIR=var/bench python bench/generate.py --reports 1000000 --open 0.3

Needs the Huế demo configuration first (`phananh seed demo` with --limit 0 is enough: the
command below runs it). Reports are spread over the last `--days` days; open reports get running
acceptance/resolution deadlines, finished ones get done deadlines and ratings, so the monitor,
scorecards and dashboards have real work to do.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Field

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phananh.config.settings")
# A measurement on one machine: the embedded mode (a generated secret), whatever the database.
os.environ.setdefault("PHANANH_EMBEDDED", "true")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--open", type=float, default=0.3, help="fraction of reports still open")
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument(
        "--pairs",
        type=int,
        default=0,
        help="also place this many labelled duplicate pairs, with decoys, in the last 20 days "
        "(labels written to <data dir>/duplicate-pairs.json for measure.py)",
    )
    parser.add_argument(
        "--no-copy",
        action="store_true",
        help="on PostgreSQL, insert with executemany like on SQLite instead of COPY",
    )
    parser.add_argument("--jobs", type=int, default=2, help="COPY processes on PostgreSQL")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from phananh.accounts.models import Agency
    from phananh.analytics.map_rollup import map_rollup_reset
    from phananh.catalog.models import Category
    from phananh.cities.data import city_read
    from phananh.cities.loader import city_load_data
    from phananh.core.text import fold
    from phananh.demo.data import demo_people_read
    from phananh.demo.people import demo_seed_people
    from phananh.demo.services import demo_city_dir
    from phananh.geo.models import Area
    from phananh.intelligence.corpus import seed_samples
    from phananh.reports.choices import Channel, RatingLevel, Status, Track
    from phananh.reports.models import Rating, Report
    from phananh.sla.choices import DeadlineState, Outcome, Step, Unit
    from phananh.sla.models import Deadline

    call_command("migrate", verbosity=0)
    city = city_read(demo_city_dir())
    loaded = city_load_data(data=city, boundaries=[])
    demo_seed_people(demo_people_read(city), loaded.agencies)

    def converter(field: Field) -> Callable[[Any], Any]:
        """A fast value → database conversion for the field types the generator writes."""
        internal = field.get_internal_type()
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            stamp = field.get_db_prep_save(now, connection)
            return lambda _value: stamp
        if internal == "DateTimeField":
            if connection.vendor == "sqlite":
                return lambda v: (
                    None if v is None else v.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
                )
            return lambda v: v
        if internal == "JSONField":
            return lambda v: json.dumps(v)
        if internal == "DecimalField" and connection.vendor == "sqlite":
            return lambda v: None if v is None else str(v)
        return lambda v: v

    plans: dict = {}

    def insert(objects: list) -> None:
        """executemany with precomputed conversions: no per-row ORM work beyond __init__."""
        if not objects:
            return
        model = type(objects[0])
        if model not in plans:
            fields = [
                f
                for f in model._meta.local_concrete_fields
                if not (f.primary_key and objects[0].pk is None)
            ]
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            marks = ", ".join(["%s"] * len(fields))
            table = connection.ops.quote_name(model._meta.db_table)
            plans[model] = (
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 (model metadata)
                [(f.attname, converter(f)) for f in fields],
            )
        sql, plan = plans[model]
        rows = [[convert(obj.__dict__[name]) for name, convert in plan] for obj in objects]
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    rng = random.Random(7)
    category_ids = dict(Category.objects.values_list("code", "pk"))
    group_of = dict(Category.objects.values_list("code", "group_id"))
    texts_by_code: dict[str, list[str]] = {}
    for sample in seed_samples():
        if sample.category in category_ids:
            texts_by_code.setdefault(sample.category, []).append(sample.text)
    codes = sorted(texts_by_code)
    wards = list(Area.objects.filter(level__in=["ward", "commune"]).values_list("pk", "lat", "lon"))
    agencies = list(Agency.objects.exclude(kind="ioc").values_list("pk", flat=True))
    channels = Channel.values
    now = timezone.now()
    start_id = (Report.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    open_statuses = [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.IN_PROGRESS]
    levels = [
        RatingLevel.VERY_SATISFIED,
        RatingLevel.SATISFIED,
        RatingLevel.ACCEPTABLE,
        RatingLevel.UNSATISFIED,
    ]

    def place_pairs(count: int, first_pk: int) -> list[dict]:
        """Duplicate pairs a person would merge, each surrounded by decoys they would not.

        Primary: an open report 0–20 days old. Duplicate: the same category, 10–120 m away,
        0–3 days later, in other words (another seed text). Decoys near each pair: another
        category group within 60 m, the same category 250–400 m away, the same category at the
        same spot but 45 days older.
        """
        pk = first_pk
        rows, labels = [], []

        def add(
            code: str, lat: float, lon: float, when: datetime, status: str = Status.ASSIGNED
        ) -> int:
            nonlocal pk
            text = rng.choice(texts_by_code[code])
            rows.append(
                Report(
                    pk=pk,
                    code=f"BD-{pk:09d}",
                    text=text,
                    public_text=text,
                    public_address="",
                    search_text=fold(text),
                    category_id=category_ids[code],
                    lat=lat,
                    lon=lon,
                    area_id=rng.choice(wards)[0],
                    channel=Channel.WEB,
                    track=Track.NORMAL,
                    status=status,
                    agency_id=rng.choice(agencies),
                    submitted_at=when,
                    confirmed_at=when,
                )
            )
            pk += 1
            return pk - 1

        def offset(lat: float, lon: float, metres: float) -> tuple[float, float]:
            angle = rng.uniform(0, 6.283)
            dlat = metres * math.cos(angle) / 111_320
            dlon = metres * math.sin(angle) / (111_320 * math.cos(math.radians(lat)))
            return lat + dlat, lon + dlon

        for _ in range(count):
            code = rng.choice(codes)
            _area, lat, lon = rng.choice(wards)
            lat, lon = offset(lat, lon, rng.uniform(0, 1500))
            first = now - timedelta(days=rng.uniform(3, 20))
            primary = add(code, lat, lon, first)
            dup_lat, dup_lon = offset(lat, lon, rng.uniform(10, 120))
            when = first + timedelta(hours=rng.uniform(1, 72))
            other_group = rng.choice([c for c in codes if group_of[c] != group_of[code]])
            add(other_group, *offset(lat, lon, rng.uniform(5, 60)), first)
            add(code, *offset(lat, lon, rng.uniform(250, 400)), first)
            add(code, lat, lon, first - timedelta(days=45), Status.CLOSED)
            labels.append(
                {
                    "primary": primary,
                    "code": code,
                    "lat": dup_lat,
                    "lon": dup_lon,
                    "at": when.isoformat(),
                    "text": rng.choice(texts_by_code[code]),
                }
            )
        with transaction.atomic():
            insert(rows)
        return labels

    began = time.perf_counter()
    made = 0
    if connection.vendor == "postgresql" and not args.no_copy:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from copy_load import copy_generate

        context = {
            "now": now,
            "wards": wards,
            "agencies": agencies,
            "channels": channels,
            "codes": codes,
            "category_ids": category_ids,
            "levels": levels,
            "texts_by_code": texts_by_code,
            "fold": fold,
        }
        made = copy_generate(args, context) - start_id
    while made < args.reports:
        count = min(args.batch, args.reports - made)
        reports, deadlines, ratings = [], [], []
        for offset in range(count):
            pk = start_id + made + offset
            submitted = now - timedelta(seconds=rng.uniform(0, args.days * 86400))
            area_id, lat, lon = rng.choice(wards)
            is_open = rng.random() < args.open
            status = rng.choice(open_statuses) if is_open else Status.CLOSED
            agency = None if status == Status.NEW else rng.choice(agencies)
            code = rng.choice(codes)
            text = rng.choice(texts_by_code[code])
            reports.append(
                Report(
                    pk=pk,
                    code=f"BN-{pk:09d}",
                    text=text,
                    public_text=text,
                    public_address="",
                    search_text=fold(text),
                    category_id=category_ids[code],
                    lat=lat + rng.uniform(-0.01, 0.01),
                    lon=lon + rng.uniform(-0.01, 0.01),
                    area_id=area_id,
                    channel=rng.choice(channels),
                    track=Track.NORMAL,
                    status=status,
                    agency_id=agency,
                    submitted_at=submitted,
                    confirmed_at=submitted,
                )
            )
            if agency is None:
                continue
            assigned = min(now, submitted + timedelta(hours=rng.uniform(0.2, 6)))
            due = assigned + timedelta(days=9)
            finished = (
                None if is_open else min(now, assigned + timedelta(hours=rng.expovariate(1 / 100)))
            )
            if is_open:
                state, outcome = DeadlineState.OPEN, ""
            else:
                state = DeadlineState.DONE
                outcome = Outcome.ON_TIME if finished <= due else Outcome.LATE
            deadlines.append(
                Deadline(
                    report_id=pk,
                    step=Step.RESOLUTION,
                    agency_id=agency,
                    cause="assign",
                    amount=Decimal(7),
                    unit=Unit.WORKING_DAYS,
                    started_at=assigned,
                    due_at=due,
                    original_due_at=due,
                    reminder_at=assigned + timedelta(days=6),
                    # What the monitor would have done already: past reminders were sent.
                    reminded_at=assigned + timedelta(days=6)
                    if assigned + timedelta(days=6) < now
                    else None,
                    overdue_at=due if (is_open and due < now) else None,
                    completed_at=finished,
                    state=state,
                    outcome=outcome,
                )
            )
            if finished is not None and rng.random() < 0.6:
                ratings.append(
                    Rating(
                        report_id=pk,
                        resolution_round=1,
                        level=rng.choices(levels, weights=[3, 5, 2, 1])[0],
                        agency_id=agency,
                        created_at=min(now, finished + timedelta(hours=rng.uniform(1, 100))),
                    )
                )
        with transaction.atomic():
            insert(reports)
            insert(deadlines)
            insert(ratings)
        made += count
        rate = made / (time.perf_counter() - began)
        print(f"  {made:,} reports ({rate:,.0f}/s)", flush=True)
    print(f"generated {made:,} reports in {time.perf_counter() - began:.0f} s")
    if args.pairs:
        labels = place_pairs(args.pairs, start_id + made)
        path = Path(settings.DATA_DIR) / "duplicate-pairs.json"
        path.write_text(json.dumps(labels))
        print(f"placed {len(labels):,} labelled duplicate pairs with decoys; labels in {path}")
    # Explicit ids leave PostgreSQL's identity sequence behind them: the next intake would 500.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Report, Deadline, Rating]):
            cursor.execute(sql)
    # The rows were written behind the events' back: the map's next pass counts everything again.
    map_rollup_reset()
    return 0


if __name__ == "__main__":
    sys.exit(main())
