"""The PostgreSQL path of generate.py: reports and their rows streamed with `COPY … FROM STDIN`.

Rows are written as COPY text lines built from one precomputed template per table (every
column the model has, its Django default filled in), so a report costs a few string
operations, not a model instance. Before loading, the tables' secondary indexes are dropped
and foreign-key triggers switched off for the session (`session_replication_role = replica`:
the generator writes only ids it just made or read); after loading the indexes are rebuilt
from their saved definitions (also when the load fails), the id sequences set past the
generated ids (`setval`) and the tables analysed.

Generated timeline events are **outside the transparency hash chain** (`seq` is NULL and the
hashes are blank, as for events inserted outside the recorder): computing the city's chain
over tens of millions of synthetic events is not what a benchmark measures, and
`phananh audit verify` reports the first of them as "an event without a place in the chain".
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

CHUNK = 2000  # rows of each table sent to the server per write


def esc(value: str) -> str:
    """A string as a COPY text field."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def _field_text(field: Any, connection: Any, now: datetime) -> str:
    """The COPY text of a column's Django default (or NULL)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now.isoformat()
    if field.has_default():
        value = field.get_default()
    elif field.null:
        return "\\N"
    else:
        value = ""
    internal = field.get_internal_type()
    if internal == "JSONField":
        return esc(json.dumps(value))
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return esc(str(value))


class Table:
    """One model's COPY statement and row template: `line(**values)` for the columns set."""

    def __init__(self, model: Any, connection: Any, now: datetime, sets: tuple[str, ...]) -> None:
        self.model = model
        # An id not given is left to the sequence.
        fields = [
            f
            for f in model._meta.local_concrete_fields
            if not (f.primary_key and f.attname not in sets)
        ]
        self.fields = fields
        names = {f.attname for f in fields}
        unknown = set(sets) - names
        if unknown:
            raise ValueError(f"{model.__name__} has no column(s) {sorted(unknown)}")
        quote = connection.ops.quote_name
        self.table = model._meta.db_table
        columns = ", ".join(quote(f.column) for f in fields)
        self.sql = f"COPY {quote(self.table)} ({columns}) FROM STDIN"
        parts = []
        for f in fields:
            if f.attname in sets:
                parts.append("{" + f.attname + "}")
            else:
                parts.append(_field_text(f, connection, now).replace("{", "{{").replace("}", "}}"))
        self.template = "\t".join(parts) + "\n"
        self.line: Callable[..., str] = self.template.format
        self.buffer: list[str] = []
        self.count = 0


def _secondary_indexes(cursor: Any, tables: list[str]) -> list[tuple[str, str]]:
    """(name, definition) of the indexes that back no constraint on these tables."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        """,
        [tables],
    )
    return list(cursor.fetchall())


def copy_generate(args: Any, context: dict[str, Any]) -> int:
    """Generate `args.reports` reports with deadlines, ratings, events and media by COPY."""
    from django.db import connection

    from phananh.reports.choices import MediaKind, MediaPurpose, MediaState, Visibility
    from phananh.reports.models import Event, Media, Rating, Report
    from phananh.sla.choices import Step, Unit
    from phananh.sla.models import Deadline

    now: datetime = context["now"].astimezone(UTC).replace(tzinfo=None)
    codes = context["codes"]
    # Every seed text once, escaped, with its folded form.
    texts = {
        code: [(esc(text), esc(context["fold"](text))) for text in context["texts_by_code"][code]]
        for code in codes
    }
    report_t = Table(
        Report,
        connection,
        now,
        (
            "id",
            "code",
            "text",
            "public_text",
            "search_text",
            "category_id",
            "lat",
            "lon",
            "cell",
            "area_id",
            "channel",
            "status",
            "agency_id",
            "due_at",
            "is_overdue",
            "rating",
            "resolution_round",
            "media_count",
            "submitted_at",
            "confirmed_at",
            "assigned_at",
            "resolved_at",
            "closed_at",
            "created_at",
            "updated_at",
        ),
    )
    deadline_t = Table(
        Deadline,
        connection,
        now,
        (
            "report_id",
            "agency_id",
            "started_at",
            "due_at",
            "original_due_at",
            "reminder_at",
            "reminded_at",
            "overdue_at",
            "completed_at",
            "state",
            "outcome",
        ),
    )
    rating_t = Table(Rating, connection, now, ("report_id", "level", "agency_id", "created_at"))
    event_t = Table(
        Event,
        connection,
        now,
        ("id", "report_id", "created_at", "action", "agency_id", "from_status", "to_status"),
    )
    media_t = Table(
        Media,
        connection,
        now,
        (
            "report_id",
            "original",
            "public_file",
            "thumbnail",
            "width",
            "height",
            "sha256",
            "size",
            "created_at",
        ),
    )
    # Constant columns of the templates, filled once.
    deadline_consts = {
        "step": Step.RESOLUTION,
        "cause": "assign",
        "amount": "7",
        "unit": Unit.WORKING_DAYS,
    }
    for table, consts in (
        (deadline_t, deadline_consts),
        (event_t, {"visibility": Visibility.PUBLIC}),
        (rating_t, {"resolution_round": "1"}),
        (
            media_t,
            {
                "purpose": MediaPurpose.REPORT,
                "kind": MediaKind.PHOTO,
                "state": MediaState.READY,
                "content_type": "image/jpeg",
            },
        ),
    ):
        fields = {f.attname: f for f in table.fields}
        template = table.template
        for name, value in consts.items():
            default = _field_text(fields[name], connection, now).replace("{", "{{")
            # Swap the default in the column's place for the constant.
            cells = template[:-1].split("\t")
            index = list(fields).index(name)
            assert cells[index] == default, (name, cells[index], default)
            cells[index] = value
            template = "\t".join(cells) + "\n"
        table.template = template
        table.line = template.format

    tables = [report_t, deadline_t, rating_t, event_t, media_t]
    names = [t.table for t in tables]
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM reports_report")
        start_id = cursor.fetchone()[0] + 1
        cursor.execute("SELECT coalesce(max(id), 0) FROM reports_event")
        if cursor.fetchone()[0] >= start_id * 4:
            raise SystemExit("events with ids above 4 × the first new report's id exist")
        indexes = _secondary_indexes(cursor, names)
    print(f"dropping {len(indexes)} secondary indexes for the load", flush=True)
    began = time.perf_counter()
    raw = connection.connection  # the psycopg 3 connection
    raw.autocommit = True
    jobs = max(1, args.jobs)
    try:
        with raw.cursor() as cursor:
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        state = {
            "tables": tables,
            "texts": texts,
            "now": now,
            "args": args,
            "context": context,
            "params": connection.get_connection_params(),
        }
        share = -(-args.reports // jobs)
        ranges = [
            (start_id + i * share, min(share, args.reports - i * share), 7 + i)
            for i in range(jobs)
            if args.reports - i * share > 0
        ]
        _STATE.update(state)
        fork = multiprocessing.get_context("fork")
        with fork.Pool(len(ranges)) as pool:
            counts = pool.starmap(_load_range, ranges)
        totals = [sum(column) for column in zip(*counts, strict=True)]
        made = totals[0]
        loaded = time.perf_counter() - began
        listed = ", ".join(f"{n:,} {t.table}" for n, t in zip(totals, tables, strict=True))
        print(f"copied {listed} in {loaded:.0f} s", flush=True)
    finally:
        with raw.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for name, definition in indexes:
                step = time.perf_counter()
                definition = definition.replace(" INDEX ", " INDEX IF NOT EXISTS ", 1)
                cursor.execute(definition)
                print(f"  index {name}: {time.perf_counter() - step:.0f} s", flush=True)
            for table in names:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
            # VACUUM too, not only ANALYZE: rows copied in are seen by no vacuum yet, so every
            # index-only scan would visit the table and every first read would write hint bits
            # (a city's tables are kept vacuumed by autovacuum; this is what they look like).
            step = time.perf_counter()
            cursor.execute("VACUUM (ANALYZE)")
            print(f"  vacuum and analyze: {time.perf_counter() - step:.0f} s", flush=True)
    print(f"generated {made:,} reports in {time.perf_counter() - began:.0f} s (indexes included)")
    return start_id + made


_STATE: dict[str, Any] = {}


def _load_range(first: int, count: int, seed: int) -> list[int]:
    """In a forked child: COPY `count` reports from id `first`, one connection per table."""
    import psycopg
    from psycopg.copy import QueuedLibpqWriter

    from phananh.geo.grid import point_cell_id
    from phananh.reports.choices import Action, Status
    from phananh.sla.choices import DeadlineState, Outcome

    tables = _STATE["tables"]
    texts = _STATE["texts"]
    now = _STATE["now"]
    args = _STATE["args"]
    context = _STATE["context"]
    wards = context["wards"]
    agencies = context["agencies"]
    channels = [str(c) for c in context["channels"]]
    codes = context["codes"]
    category_ids = context["category_ids"]
    levels = [str(level) for level in context["levels"]]
    rng = random.Random(seed)
    # Plain strings: an enum member's attribute lookup costs more than the row's formatting.
    new, assigned_s, in_progress, resolved_s, closed_s = (
        str(Status.NEW),
        str(Status.ASSIGNED),
        str(Status.IN_PROGRESS),
        str(Status.RESOLVED),
        str(Status.CLOSED),
    )
    a_submit, a_assign, a_resolve, a_close = (
        str(Action.SUBMIT),
        str(Action.ASSIGN),
        str(Action.RESOLVE),
        str(Action.CLOSE),
    )
    st_open, st_done = str(DeadlineState.OPEN), str(DeadlineState.DONE)
    on_time, late = str(Outcome.ON_TIME), str(Outcome.LATE)
    open_statuses = [new, assigned_s, in_progress, in_progress]
    keep = ("dbname", "user", "password", "host", "port", "sslmode", "options")
    params = {key: value for key, value in _STATE["params"].items() if key in keep}
    connections, copies, stack = [], [], contextlib.ExitStack()
    with stack:
        for table in tables:
            conn = psycopg.connect(**params)
            stack.enter_context(conn)
            conn.execute("SET session_replication_role = replica")
            conn.execute("SET synchronous_commit = off")
            conn.execute("SET TIME ZONE 'UTC'")
            cursor = stack.enter_context(conn.cursor())
            copy = stack.enter_context(cursor.copy(table.sql, writer=QueuedLibpqWriter(cursor)))
            connections.append(conn)
            copies.append(copy)
        r_line, d_line, ra_line, e_line, m_line = (t.line for t in tables)
        r_buf: list[str] = []
        d_buf: list[str] = []
        ra_buf: list[str] = []
        e_buf: list[str] = []
        m_buf: list[str] = []
        buffers = [r_buf, d_buf, ra_buf, e_buf, m_buf]
        counts = [0] * len(tables)
        random_ = rng.random
        uniform = rng.uniform
        choice = rng.choice
        seconds = args.days * 86400
        iso = datetime.isoformat
        began = time.perf_counter()
        made = 0
        while made < count:
            pk = first + made
            submitted = now - timedelta(seconds=uniform(0, seconds))
            s_text = iso(submitted)
            area_id, lat, lon = choice(wards)
            is_open = random_() < args.open
            status = choice(open_statuses) if is_open else closed_s
            code = choice(codes)
            text, folded = choice(texts[code])
            agency = "\\N" if status == new else choice(agencies)
            has_photo = random_() < 0.4
            due_text, overdue, rating, assigned_text, resolved_text, closed_text = (
                "\\N",
                "f",
                "",
                "\\N",
                "\\N",
                "\\N",
            )
            e_buf.append(
                e_line(
                    id=pk * 4 + 0,
                    report_id=pk,
                    created_at=s_text,
                    action=a_submit,
                    agency_id="\\N",
                    from_status="",
                    to_status=new,
                )
            )
            updated = s_text
            if agency != "\\N":
                assigned = min(now, submitted + timedelta(hours=uniform(0.2, 6)))
                assigned_text = iso(assigned)
                due = assigned + timedelta(days=9)
                due_iso = iso(due)
                reminder = assigned + timedelta(days=6)
                e_buf.append(
                    e_line(
                        id=pk * 4 + 1,
                        report_id=pk,
                        created_at=assigned_text,
                        action=a_assign,
                        agency_id=agency,
                        from_status=new,
                        to_status=assigned_s,
                    )
                )
                updated = assigned_text
                if is_open:
                    finished_text, state, outcome = "\\N", st_open, ""
                    due_text = due_iso
                    overdue = "t" if due < now else "f"
                else:
                    finished = min(now, assigned + timedelta(hours=rng.expovariate(1 / 100)))
                    finished_text = iso(finished)
                    state = st_done
                    outcome = on_time if finished <= due else late
                    closed = min(now, finished + timedelta(hours=uniform(1, 100)))
                    resolved_text, closed_text = finished_text, iso(closed)
                    updated = closed_text
                    e_buf.append(
                        e_line(
                            id=pk * 4 + 2,
                            report_id=pk,
                            created_at=finished_text,
                            action=a_resolve,
                            agency_id=agency,
                            from_status=in_progress,
                            to_status=resolved_s,
                        )
                    )
                    e_buf.append(
                        e_line(
                            id=pk * 4 + 3,
                            report_id=pk,
                            created_at=closed_text,
                            action=a_close,
                            agency_id="\\N",
                            from_status=resolved_s,
                            to_status=closed_s,
                        )
                    )
                    if random_() < 0.6:
                        rating = rng.choices(levels, weights=[3, 5, 2, 1])[0]
                        ra_buf.append(
                            ra_line(
                                report_id=pk, level=rating, agency_id=agency, created_at=closed_text
                            )
                        )
                d_buf.append(
                    d_line(
                        report_id=pk,
                        agency_id=agency,
                        started_at=assigned_text,
                        due_at=due_iso,
                        original_due_at=due_iso,
                        reminder_at=iso(reminder),
                        # What the monitor would have done already: past reminders were sent.
                        reminded_at=iso(reminder) if reminder < now else "\\N",
                        overdue_at=due_iso if (is_open and due < now) else "\\N",
                        completed_at=finished_text,
                        state=state,
                        outcome=outcome,
                    )
                )
            if has_photo:
                m_buf.append(
                    m_line(
                        report_id=pk,
                        original=f"originals/bench/{pk}.jpg",
                        # Names only: the files do not exist (pages link to them, nobody fetches).
                        public_file=f"public/bench/{pk}.jpg",
                        thumbnail=f"thumbs/bench/{pk}.jpg",
                        width=1600,
                        height=1200,
                        sha256=f"{pk:064x}",
                        size=180_000 + pk % 90_000,
                        created_at=s_text,
                    )
                )
            point_lat, point_lon = lat + uniform(-0.01, 0.01), lon + uniform(-0.01, 0.01)
            r_buf.append(
                r_line(
                    id=pk,
                    code=f"BN-{pk:09d}",
                    text=text,
                    public_text=text,
                    search_text=folded,
                    category_id=category_ids[code],
                    lat=point_lat,
                    lon=point_lon,
                    cell=point_cell_id(point_lat, point_lon),
                    area_id=area_id,
                    channel=choice(channels),
                    status=status,
                    agency_id=agency,
                    due_at=due_text,
                    is_overdue=overdue,
                    rating=rating,
                    resolution_round=0 if agency == "\\N" else 1,
                    media_count=1 if has_photo else 0,
                    submitted_at=s_text,
                    confirmed_at=s_text,
                    assigned_at=assigned_text,
                    resolved_at=resolved_text,
                    closed_at=closed_text,
                    created_at=s_text,
                    updated_at=updated,
                )
            )
            made += 1
            if made % CHUNK == 0 or made == count:
                for index, buffer in enumerate(buffers):
                    if buffer:
                        copies[index].write("".join(buffer))
                        counts[index] += len(buffer)
                        buffer.clear()
                if made % 200_000 == 0:
                    rate = made / (time.perf_counter() - began)
                    print(f"  [{seed}] {made:,} reports ({rate:,.0f}/s)", flush=True)
    # Leaving the stack ended each COPY and committed each connection.
    return counts
