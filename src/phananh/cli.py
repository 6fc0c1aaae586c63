"""The `phananh` command: demo, serve, worker, seed, manage, areas import (design §8).

Each subcommand sets Django up, then calls one service or one Django command.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from phananh.config import env

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phananh.config.settings")


def _setup() -> None:
    import django

    django.setup()


def _migrate(verbosity: int = 0) -> None:
    """Bring the database schema and the collected static files up to date."""
    from django.core.management import call_command

    from phananh.core.db import database_optimize

    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=0)
    database_optimize()


def _gunicorn(host: str, port: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "phananh.config.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "5",
        ]
    )


def _worker() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "phananh.cli", "worker"])


def _wait_healthy(url: str, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def _supervise(children: list[subprocess.Popen]) -> int:
    """Run until Ctrl-C or a child dies, then stop them all."""

    def stop(*_args) -> None:
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, lambda *_: stop())
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    stop()
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    return 0


def _default_boundaries() -> list[Path]:
    """Huế's ward polygons when this checkout sits beside the workplace's shared data."""
    folder = Path(env.get("DEMO_BOUNDARIES") or "../shared/data/hue/wards")
    return sorted(folder.glob("*.geojson")) if folder.is_dir() else []


def cmd_seed(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from phananh.demo.services import demo_seed

    def progress(done: int, total: int) -> None:
        if done % 25 == 0 or done == total:
            print(f"  sample reports: {done}/{total}", flush=True)

    boundaries = [Path(p) for p in args.boundaries] if args.boundaries else _default_boundaries()
    _logins, created = demo_seed(boundaries=boundaries, progress=progress)
    print(f"Demo data ready ({created} new sample reports).")
    if boundaries:
        print(f"Ward boundaries imported from {len(boundaries)} file(s).")
    return 0


def _print_logins() -> None:
    from django.utils import translation

    from phananh.demo.services import DEMO_PASSWORD, demo_logins

    translation.activate("en")
    print(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for login in demo_logins():
        where = f" — {login.agency}" if login.agency else ""
        print(f"  {login.role:<22} {login.email}{where}")


def cmd_demo(args: argparse.Namespace) -> int:
    # A demo city of 300 reports has few agencies with 10 handled ones: rank from 3 instead.
    os.environ.setdefault("PHANANH_SCORECARD_MIN_VOLUME", "3")
    host = "127.0.0.1"
    base = f"http://{host}:{args.port}"
    # Links in messages point at this demo; the demo's messages (hundreds, from 90 days of
    # sample reports) go to files, not to the terminal where the URLs and logins are printed.
    os.environ.setdefault("PHANANH_SITE_URL", base)
    os.environ.setdefault(
        "PHANANH_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
    )
    cmd_seed(argparse.Namespace(boundaries=None))
    children = [_gunicorn(host, args.port, workers=2), _worker()]
    if not _wait_healthy(f"{base}/healthz"):
        print("The web server did not become healthy in time.", file=sys.stderr)
        for child in children:
            child.terminate()
        return 1
    print()
    print(f"Phananh is running at {base}/")
    print(f"  Public reports: {base}/reports/")
    print(f"  Send a report:  {base}/report/new/")
    print(f"  Console:        {base}/ops/ (staff)")
    print(f"  Administration: {base}/admin/")
    print(f"  REST API:       {base}/api/v1/docs")
    print(f"  Open311:        {base}/open311/v2/ (a key: phananh apikey create NAME)")
    print(f"  Health:         {base}/healthz")
    from django.conf import settings

    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        print(f"  Emails sent:    {settings.EMAIL_FILE_PATH}/ (one file per batch)")
    _print_logins()
    print("Press Ctrl-C to stop.", flush=True)
    return _supervise(children)


def cmd_serve(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    return _supervise([_gunicorn(args.host, args.port, workers=args.workers)])


def _schedule_periodic(stop: threading.Event) -> None:
    """Enqueue the periodic jobs (deadline monitor, statistics) while the worker runs."""
    from django.conf import settings
    from django.db import connection

    from phananh.analytics.tasks import refresh_backlog, refresh_statistics
    from phananh.core.tasks import optimize_database
    from phananh.intelligence.tasks import detect_hot_issues, train_classifier_due
    from phananh.notifications.tasks import deliver_due
    from phananh.sla.tasks import sweep_deadlines

    jobs = [
        (sweep_deadlines, settings.SLA_SWEEP_SECONDS),
        (refresh_backlog, 60),
        (refresh_statistics, settings.STATS_REFRESH_MINUTES * 60),
        (detect_hot_issues, 300),
        (train_classifier_due, 900),
        (optimize_database, 3600),
        (deliver_due, 60),
    ]
    next_run = [0.0] * len(jobs)
    while not stop.is_set():
        now = time.monotonic()
        for index, (job, every) in enumerate(jobs):
            if now < next_run[index]:
                continue
            next_run[index] = now + every
            try:
                job.enqueue()
            except Exception:  # a busy database must not kill the scheduler
                logging.getLogger("phananh.worker").exception(
                    "could not schedule %s", job.module_path
                )
            finally:
                connection.close()
        stop.wait(max(1.0, min(next_run) - time.monotonic()))


def cmd_worker(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import call_command
    from django_tasks_db.management.commands.db_worker import Command as DbWorker

    class Worker(DbWorker):
        """db_worker, logging at PHANANH_TASKS_LOG_LEVEL (it sets INFO itself: a line per task)."""

        def configure_logging(self, verbosity: int) -> None:
            super().configure_logging(verbosity)
            level = env.get("TASKS_LOG_LEVEL", "WARNING").upper()
            for name in ("django_tasks", "django_tasks_db"):
                logging.getLogger(name).setLevel(level)

    stop = threading.Event()
    threading.Thread(target=_schedule_periodic, args=(stop,), daemon=True).start()
    try:
        call_command(Worker(), "--no-startup-delay", "--interval", "1")
    finally:
        stop.set()
    return 0


def cmd_sla_due(args: argparse.Namespace) -> int:
    _setup()
    from datetime import datetime

    from phananh.sla.calendar import UNITS
    from phananh.sla.selectors import calendar_current

    try:
        start = datetime.fromisoformat(args.start)
        amount = float(args.amount)
        if args.unit not in UNITS:
            raise ValueError(f"UNIT must be one of {', '.join(UNITS)}")
        if args.unit == "working_days":
            if not amount.is_integer():
                raise ValueError("working_days takes a whole number")
            amount = int(amount)
        due = calendar_current().due(start, amount, args.unit)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(due.isoformat())
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    """stdin: one text per line → stdout: one JSON object per line, suggestions best first."""
    _setup()
    _migrate()
    if args.train:
        from phananh.intelligence.services import classifier_train

        model = classifier_train(reason="on_demand")
        print(
            f"classifier v{model.pk}: {model.seed_samples} seed texts, "
            f"{model.operator_samples} decided reports, {model.training_seconds} s; held-out "
            f"accuracy {model.heldout_top1} (first), {model.heldout_top3} (top three)"
        )
        return 0
    if args.evaluate:
        from phananh.intelligence.evaluation import evaluation_report

        print(json.dumps(evaluation_report(), ensure_ascii=False, indent=2))
        return 0
    from phananh.intelligence.selectors import category_scores

    lines = [line.rstrip("\r\n") for line in sys.stdin]
    for start in range(0, len(lines), 256):
        batch = lines[start : start + 256]
        for text, scores in zip(batch, category_scores(batch, only=_active_codes()), strict=True):
            suggestions = [{"category": code, "score": score} for code, score in scores]
            print(json.dumps({"text": text, "suggestions": suggestions}, ensure_ascii=False))
    return 0


def _active_codes() -> set[str] | None:
    from phananh.catalog.models import Category

    codes = set(Category.objects.filter(is_active=True).values_list("code", flat=True))
    return codes or None  # no catalogue installed yet: every code the model knows


def cmd_manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["phananh manage", *args.rest])
    return 0


def cmd_areas_import(args: argparse.Namespace) -> int:
    _setup()
    from phananh.core.errors import DomainError
    from phananh.geo.services import PropertyMapping, area_import_files

    mapping = PropertyMapping(
        code=args.code_property,
        name_vi=args.name_property,
        name_en=args.name_en_property,
        level=args.level_property,
        default_level=args.level,
    )
    try:
        result = area_import_files(paths=[Path(p) for p in args.files], mapping_=mapping)
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    print(
        f"areas: {result.created} created, {result.updated} updated, {result.unchanged} unchanged"
    )
    return 0


def cmd_apikey_create(args: argparse.Namespace) -> int:
    """Create an integrator's key; the key itself is printed alone on the last line (design §8)."""
    _setup()
    _migrate()
    from phananh.accounts.choices import DEFAULT_API_KEY_SCOPES
    from phananh.accounts.models import Agency
    from phananh.accounts.services import apikey_create
    from phananh.core.errors import DomainError

    agency = None
    if args.agency:
        agency = Agency.objects.filter(code=args.agency).first()
        if agency is None:
            print(f"error: no agency with code {args.agency!r}", file=sys.stderr)
            return 2
    try:
        key, raw_key = apikey_create(
            name=args.name, scopes=args.scope or DEFAULT_API_KEY_SCOPES, agency=agency
        )
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    print(f"API key {key.prefix} created: {key.name}")
    print(f"  scopes: {', '.join(key.scopes) or '(none)'}")
    if key.agency:
        print(f"  acts for agency: {key.agency.code}")
    print("  Keep it secret; it is shown only this once.")
    print(raw_key)
    return 0


def cmd_apikey_revoke(args: argparse.Namespace) -> int:
    _setup()
    from phananh.accounts.selectors import apikey_get
    from phananh.accounts.services import apikey_revoke

    key = apikey_get(args.prefix)
    if key is None:
        print(f"error: no API key with prefix {args.prefix!r}", file=sys.stderr)
        return 2
    key = apikey_revoke(key=key)
    print(f"API key {key.prefix} ({key.name}) revoked at {key.revoked_at.isoformat()}")
    return 0


def cmd_apikey_list(args: argparse.Namespace) -> int:
    _setup()
    from phananh.accounts.selectors import apikey_list

    for key in apikey_list():
        state = f"revoked {key.revoked_at.isoformat()}" if key.revoked_at else "active"
        used = key.last_used_at.isoformat() if key.last_used_at else "never used"
        agency = key.agency.code if key.agency else "-"
        scopes = ",".join(key.scopes) or "-"
        print(f"{key.prefix}\t{key.name}\t{scopes}\t{agency}\t{state}\t{used}")
    return 0


def cmd_smtpd(args: argparse.Namespace) -> int:
    """Receive reports by email until interrupted (docs/channels.md)."""
    _setup()
    from django.conf import settings

    from phananh.channels.smtpd import smtpd_controller

    if not settings.INTAKE_EMAIL:
        print("error: set PHANANH_INTAKE_EMAIL, the address reports are sent to", file=sys.stderr)
        return 2
    controller = smtpd_controller(host=args.host, port=args.port)
    controller.start()
    print(
        f"phananh smtpd: mail for {settings.INTAKE_EMAIL} on "
        f"{controller.hostname}:{controller.port}",
        flush=True,
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    return 0


def cmd_imap_poll(args: argparse.Namespace) -> int:
    """Read the intake mailbox every PHANANH_IMAP_POLL_SECONDS (or once)."""
    _setup()
    from django.conf import settings

    from phananh.channels.imap import imap_poll_once, mailbox_from_url

    try:
        mailbox_from_url(settings.IMAP_URL)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    log = logging.getLogger("phananh.imap")
    while True:
        try:
            counts = imap_poll_once(settings.IMAP_URL)
            if counts or args.once:
                print(f"phananh imap-poll: {counts or 'nothing new'}", flush=True)
        except Exception:  # a mailbox briefly down must not stop the poller
            log.exception("IMAP poll failed")
            if args.once:
                return 1
        if args.once:
            return 0
        time.sleep(max(5, settings.IMAP_POLL_SECONDS))


def cmd_bench(args: argparse.Namespace) -> int:
    """Run bench/generate.py or bench/measure.py from a checkout (they are not installed)."""
    import runpy

    script = Path(args.bench_dir) / f"{args.action}.py"
    if not script.exists():
        print(
            f"error: {script} not found (run from a checkout, or pass --bench-dir)", file=sys.stderr
        )
        return 2
    sys.argv = [str(script), *args.rest]
    runpy.run_path(str(script), run_name="__main__")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="phananh", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="set up and run the whole product with the Huế demo data")
    demo.add_argument("--port", type=int, default=8000)
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="run the web server (gunicorn)")
    serve.add_argument("--host", default=env.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=env.get_int("PORT", 8000))
    serve.add_argument("--workers", type=int, default=env.get_int("WORKERS", 2))
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run the background worker")
    worker.set_defaults(func=cmd_worker)

    seed = sub.add_parser("seed", help="load data sets")
    seed_sub = seed.add_subparsers(dest="dataset", required=True)
    seed_demo = seed_sub.add_parser("demo", help="the Huế demo (idempotent)")
    seed_demo.add_argument("--boundaries", nargs="*", help="GeoJSON files with ward polygons")
    seed_demo.set_defaults(func=cmd_seed)

    classify = sub.add_parser(
        "classify", help="suggest categories: one text per line on stdin, JSON lines out"
    )
    classify.add_argument("--train", action="store_true", help="retrain the model now and exit")
    classify.add_argument(
        "--evaluate", action="store_true", help="measure accuracy (cross-validated, held out)"
    )
    classify.set_defaults(func=cmd_classify)

    manage = sub.add_parser("manage", help="Django management commands")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)

    areas = sub.add_parser("areas", help="administrative areas")
    areas_sub = areas.add_subparsers(dest="action", required=True)
    areas_import = areas_sub.add_parser("import", help="import GeoJSON boundaries (idempotent)")
    areas_import.add_argument("files", nargs="+")
    areas_import.add_argument("--code-property", default="code")
    areas_import.add_argument("--name-property", default="fullName")
    areas_import.add_argument("--name-en-property", default="fullNameEn")
    areas_import.add_argument("--level-property", default=None)
    areas_import.add_argument("--level", default="ward", help="level when not given by a property")
    areas_import.set_defaults(func=cmd_areas_import)

    sla = sub.add_parser("sla", help="deadlines")
    sla_sub = sla.add_subparsers(dest="action", required=True)
    sla_due = sla_sub.add_parser(
        "due", help="the due moment of AMOUNT UNIT from START, with the configured calendar"
    )
    sla_due.add_argument("start", help="ISO 8601 moment with offset, e.g. 2026-12-04T16:00+07:00")
    sla_due.add_argument("amount")
    sla_due.add_argument("unit", help="working_hours, working_days or hours")
    sla_due.set_defaults(func=cmd_sla_due)

    apikey = sub.add_parser("apikey", help="integrators' API keys (REST API, Open311)")
    apikey_sub = apikey.add_subparsers(dest="action", required=True)
    apikey_create = apikey_sub.add_parser(
        "create", help="create a key; prints the key alone on its last line"
    )
    apikey_create.add_argument("name")
    apikey_create.add_argument(
        "--scope",
        action="append",
        help="reports:read, reports:write or updates:write (repeat for several; "
        "default: reports:read and reports:write)",
    )
    apikey_create.add_argument("--agency", help="code of the agency the key acts for")
    apikey_create.set_defaults(func=cmd_apikey_create)
    apikey_revoke = apikey_sub.add_parser("revoke", help="revoke a key by its prefix")
    apikey_revoke.add_argument("prefix")
    apikey_revoke.set_defaults(func=cmd_apikey_revoke)
    apikey_list = apikey_sub.add_parser("list", help="list keys (prefix, name, scopes, state)")
    apikey_list.set_defaults(func=cmd_apikey_list)

    smtpd = sub.add_parser("smtpd", help="receive reports by email (SMTP, for the intake address)")
    smtpd.add_argument("--host", default=None, help="default PHANANH_SMTPD_HOST")
    smtpd.add_argument("--port", type=int, default=None, help="default PHANANH_SMTPD_PORT")
    smtpd.set_defaults(func=cmd_smtpd)

    imap_poll = sub.add_parser("imap-poll", help="take in reports from PHANANH_IMAP_URL's mailbox")
    imap_poll.add_argument("--once", action="store_true", help="read once and exit")
    imap_poll.set_defaults(func=cmd_imap_poll)

    bench = sub.add_parser("bench", help="benchmarks: generate a large data set, or measure")
    bench.add_argument("action", choices=["generate", "measure"])
    bench.add_argument("--bench-dir", default="bench")
    bench.add_argument("rest", nargs=argparse.REMAINDER, help="options for the script")
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
