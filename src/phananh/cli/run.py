"""`phananh demo`, `phananh serve` and `phananh worker`: run the product."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

from phananh.cli.common import django_setup, migrate
from phananh.config import env


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


def _print_logins() -> None:
    from django.utils import translation

    from phananh.demo.services import demo_logins, demo_people

    translation.activate("en")
    people = demo_people()
    print(f"Demo logins (password for all: {people.password}):")
    for login in demo_logins(people):
        where = f" — {login.agency}" if login.agency else ""
        print(f"  {login.role:<22} {login.email}{where}")


def cmd_demo(args: argparse.Namespace) -> int:
    """Seed the demo, then run the web server and the worker on 127.0.0.1 until Ctrl-C."""
    from phananh.cli.data import cmd_seed

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
    status = cmd_seed(argparse.Namespace(boundaries=None))
    if status:
        return status
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
    """Migrate, then run gunicorn until stopped."""
    django_setup()
    migrate()
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
    """Run db_worker with the periodic scheduler beside it."""
    django_setup()
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


def register(sub: argparse._SubParsersAction) -> None:
    """Add demo, serve and worker to the `phananh` parser."""
    demo = sub.add_parser("demo", help="set up and run the whole product with the demo data")
    demo.add_argument("--port", type=int, default=8000)
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="run the web server (gunicorn)")
    serve.add_argument("--host", default=env.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=env.get_int("PORT", 8000))
    serve.add_argument("--workers", type=int, default=env.get_int("WORKERS", 2))
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run the background worker")
    worker.set_defaults(func=cmd_worker)
