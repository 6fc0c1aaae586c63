"""`phananh demo`, `phananh serve` and `phananh worker`: run the product."""

from __future__ import annotations

import argparse
import fcntl
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from datetime import timedelta

from phananh.cli.common import django_setup, migrate, pending_migrations
from phananh.config import env


def _gunicorn_argv(host: str, port: int, workers: int, threads: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "phananh.config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        # The threaded worker always: its main thread keeps the worker's heartbeat while a
        # request runs, so a long streamed export is never taken for a hung worker (the sync
        # worker would be killed by the arbiter after its timeout, mid-download). One thread,
        # one request at a time per process, for a process behind a proxy that buffers
        # requests and answers (deploy/nginx.conf): four threads taking turns on one
        # interpreter cost an Open311 POST a quarter more CPU (bench/README.md). More threads
        # for a process that browsers reach directly (the demo).
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "5",
    ]


def _gunicorn(host: str, port: int, workers: int) -> subprocess.Popen:
    """The demo's web server: browsers reach it directly, so threads serve a slow phone's
    upload beside the other pages."""
    return subprocess.Popen(_gunicorn_argv(host, port, workers, threads=4))


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
    """Run until Ctrl-C, SIGTERM or a child dies, then stop them all.

    Exit status 0 when asked to stop; when a child died on its own, its status (or 1), so a
    supervisor that restarts on failure (systemd's Restart=on-failure) brings the site back.
    """
    asked = threading.Event()

    def stop(*_args: object) -> None:
        asked.set()
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while not asked.is_set() and all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        asked.set()
    died = [child for child in children if child.poll() is not None]
    stop()
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    if asked.is_set() and not died:
        return 0
    status = next((child.returncode for child in died if child.returncode), 1)
    print(f"phananh: a process stopped unexpectedly (exit {status}); stopping.", file=sys.stderr)
    return status if status > 0 else 1


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

    # The demo is the embedded mode: SQLite, local media, a secret kept in the data dir.
    os.environ["PHANANH_EMBEDDED"] = "true"
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


def _ready_to_run(command: str) -> int:
    """0 when this process may run: the system checks pass; in the embedded mode it brings the
    database up to date itself (SQLite only), otherwise `phananh migrate` must have run. A clear
    message and 2 if not.
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError
    from django.db import connection

    try:
        call_command("check", fail_level="ERROR")
    except SystemCheckError as error:
        print(f"error: phananh {command} cannot start:\n{error}", file=sys.stderr)
        return 2

    if settings.EMBEDDED:
        if connection.vendor != "sqlite":
            print(
                f"error: phananh {command} in the embedded mode runs on SQLite only; for "
                f"{connection.vendor}, turn PHANANH_EMBEDDED off (docs/deploy.md)",
                file=sys.stderr,
            )
            return 2
        # A web server and a worker started together take turns (one data dir, one machine).
        with open(settings.DATA_DIR / ".migrate.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            migrate()
        return 0
    pending = pending_migrations()
    if pending:
        print(
            f"error: the database is not up to date ({len(pending)} migrations to apply, "
            f"first {pending[0]}): run `phananh migrate` first (docs/deploy.md)",
            file=sys.stderr,
        )
        return 2
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Django's system checks and ours; with --deploy, what a production install must set.
    Exit 1 on any warning or error, each naming the setting to change."""
    django_setup()
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=args.deploy, fail_level="WARNING")
    except SystemCheckError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Bring the database, the collected static files and the planner's statistics up to date:
    the one step an upgrade runs before rolling the web and worker processes."""
    django_setup()
    migrate(verbosity=1)
    print("phananh migrate: database and static files up to date.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Run gunicorn until stopped (never migrating, outside the embedded mode)."""
    django_setup()
    status = _ready_to_run("serve")
    if status:
        return status
    # gunicorn takes this process's place: its exit status is serve's (non-zero when it fails),
    # SIGTERM stops it gracefully, and a kill -9 leaves no web worker serving behind it (they
    # notice their master is gone), so a supervisor's restart can bind the port again.
    argv = _gunicorn_argv(args.host, args.port, workers=args.workers, threads=args.threads)
    # glibc gives each thread that allocates its own heap arena, and after a large block is
    # freed it serves the next ones from the heap, which seldom shrinks: with 4 threads a worker
    # a photo storm left the server at ~950 MiB. Two arenas a process, and blocks of 1 MiB or
    # more always mapped (so returned when freed): ~830 MiB, and lower again after (an
    # operator's own values are kept).
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(1024 * 1024))
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(argv[0], argv)  # noqa: S606 (our own interpreter and arguments)


def _every(period: timedelta, stop: threading.Event, work: Callable[[], object]) -> None:
    """Call `work` every `period` until `stop`; a failure (a database briefly away) is logged
    and tried again next time, never the end of the loop."""
    from django.db import connection

    log = logging.getLogger("phananh.worker")
    while not stop.is_set():
        try:
            work()
        except Exception:
            log.exception("worker loop %s failed", getattr(work, "__name__", work))
        finally:
            connection.close()
        stop.wait(period.total_seconds())


def cmd_worker(args: argparse.Namespace) -> int:
    """Run db_worker, with this worker's heartbeat and its periodic scheduler beside it."""
    django_setup()
    status = _ready_to_run("worker")
    if status:
        return status
    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.management.commands.db_worker import Command as DbWorker

    from phananh.core.periodic import periodic_tick
    from phananh.core.workers import beat_every, worker_beat, worker_gone

    class Worker(DbWorker):
        """db_worker, logging at PHANANH_TASKS_LOG_LEVEL (it sets INFO itself: a line per task)."""

        def configure_logging(self, verbosity: int) -> None:
            super().configure_logging(verbosity)
            level = env.get("TASKS_LOG_LEVEL", "WARNING").upper()
            for name in ("django_tasks", "django_tasks_db"):
                logging.getLogger(name).setLevel(level)

    worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(4)}"
    # db_worker's ids are at most 64 characters of [A-Za-z0-9_-.]
    worker_id = "".join(c if c.isalnum() or c in "-_." else "-" for c in worker_id)[:64]
    started = timezone.now()
    seen: dict = {}

    def beat() -> None:
        worker_beat(
            worker_id=worker_id, host=socket.gethostname(), pid=os.getpid(), started_at=started
        )

    def schedule() -> None:
        periodic_tick(worker=worker_id, seen=seen)

    stop = threading.Event()
    beat()  # alive before the first task is claimed
    for period, work in ((beat_every(), beat), (timedelta(seconds=1), schedule)):
        threading.Thread(target=_every, args=(period, stop, work), daemon=True).start()
    try:
        call_command(Worker(), "--no-startup-delay", "--interval", "1", "--worker-id", worker_id)
    finally:
        stop.set()
        worker_gone(worker_id=worker_id)
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
    serve.add_argument(
        "--threads",
        type=int,
        default=env.get_int("THREADS", 1),
        help="requests at once per process (1 behind a buffering proxy; more if served directly)",
    )
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run the background worker")
    worker.set_defaults(func=cmd_worker)

    migrate = sub.add_parser(
        "migrate", help="bring the database and the static files up to date (before serve/worker)"
    )
    migrate.set_defaults(func=cmd_migrate)

    check = sub.add_parser("check", help="check the configuration (--deploy: for production)")
    check.add_argument(
        "--deploy", action="store_true", help="also what a production install must set"
    )
    check.set_defaults(func=cmd_check)
