"""Soak: the production topology on this machine, a burst of reports with kill -9, then counts.

    .venv/bin/python bench/soak.py --reports 5000 --concurrency 24

Starts what a city runs — two `phananh serve` (two ports), two `phananh worker`, on a fresh
PostgreSQL database (127.0.0.1:5432), the Redis of this machine (127.0.0.1:6379), moto's S3
server and an SMTP receiver (both started here) — then sends the reports through Open311 and the
REST API across both web processes, a third with a photo, kills one web process and one worker
with SIGKILL mid-burst and restarts them, waits for the queue to drain and checks:

- every report answered 2xx exists;
- every accepted photo was processed once (one public copy and one thumbnail) and is served;
- each reporter's "received" notice was delivered exactly once (counted at the SMTP receiver);
- each periodic job ran once per slot;
- no 5xx, beside connections refused by the killed process.

Prints a summary and the lines for bench/README.md; exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import io
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import psycopg
from aiosmtpd.controller import Controller
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
PUBLIC, PRIVATE = "soak-public", "soak-private"
S3_KEYS = {"aws_access_key_id": "soak", "aws_secret_access_key": "soak"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=3).close()  # noqa: S310 (loopback)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not come up") from None
            time.sleep(0.3)


class Mailbox:
    """An SMTP receiver that counts the messages to each address."""

    def __init__(self) -> None:
        self.received: Counter[tuple[str, str]] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        # Subjects are RFC 2047 encoded (Vietnamese): read them as a mail client does.
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        subject = str(message.get("subject", ""))
        with self.lock:
            for to in envelope.rcpt_tos:
                self.received[(to.lower(), subject)] += 1
        return "250 OK"


@dataclass
class Sent:
    channel: str
    server: int
    status: int
    seconds: float
    code: str = ""
    email: str = ""
    photo: bool = False
    error: str = ""


@dataclass
class Topology:
    env: dict[str, str]
    ports: list[int]
    web: list[subprocess.Popen] = field(default_factory=list)
    workers: list[subprocess.Popen] = field(default_factory=list)

    def start(self, *command: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "phananh.cli", *command],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def serve(self, index: int) -> subprocess.Popen:
        return self.start("serve", "--port", str(self.ports[index]), "--workers", "2")


def photo_bytes() -> bytes:
    buffer = io.BytesIO()
    rng = random.Random(7)
    image = Image.new("RGB", (1600, 1200))
    image.putdata([(rng.randrange(256), 90, 140) for _ in range(1600 * 1200)])
    exif = Image.Exif()
    exif[0x010F] = "SoakPhone"
    image.save(buffer, "JPEG", quality=80, exif=exif)
    return buffer.getvalue()


def multipart(fields: dict[str, str], photo: bytes | None) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    if photo is not None:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="media"; '
            f'filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
            + photo
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def send(n: int, base: str, server: int, key: str, photo: bytes | None) -> Sent:
    email = f"soak{n}@example.com"
    if n % 2:
        channel, url = "open311", f"{base}/open311/v2/requests.json"
        fields = {
            "api_key": key,
            "service_code": "sidewalk",
            "lat": f"{16.47 + random.uniform(-0.01, 0.01):.5f}",
            "long": f"{107.58 + random.uniform(-0.01, 0.01):.5f}",
            "description": f"Lấn chiếm vỉa hè số {n}",
            "email": email,
        }
        headers = {}
    else:
        channel, url = "api", f"{base}/api/v1/reports"
        fields = {
            "text": f"Lấn chiếm vỉa hè số {n}",
            "category": "sidewalk",
            "lat": f"{16.47 + random.uniform(-0.01, 0.01):.5f}",
            "lon": f"{107.58 + random.uniform(-0.01, 0.01):.5f}",
            "email": email,
        }
        headers = {"X-Api-Key": key, "Idempotency-Key": f"soak-{n:08d}"}
    body, content_type = multipart(fields, photo)
    request = urllib.request.Request(  # noqa: S310 (loopback)
        url, data=body, headers={"Content-Type": content_type, **headers}
    )
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            status, answer = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, answer = error.code, error.read()
    except OSError as error:  # the killed process's connections
        return Sent(channel, server, 0, time.perf_counter() - began, error=str(error)[:80])
    seconds = time.perf_counter() - began
    code = ""
    if 200 <= status < 300:
        data = json.loads(answer)
        code = data[0]["service_request_id"] if channel == "open311" else data["report"]["code"]
    return Sent(channel, server, status, seconds, code, email, photo is not None)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=24)
    parser.add_argument("--photos", type=float, default=1 / 3, help="share sent with a photo")
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--drain-minutes", type=float, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database for a look")
    args = parser.parse_args()

    database = f"phananh_soak_{int(time.time())}"
    with psycopg.connect(args.admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    database_url = args.admin_url.rsplit("/", 1)[0] + f"/{database}"
    data_dir = Path(tempfile.mkdtemp(prefix=f"{database}-"))

    s3_port, smtp_port = free_port(), free_port()
    s3 = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{s3_port}"
    wait_http(endpoint)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **S3_KEYS)
    for bucket in (PUBLIC, PRIVATE):
        client.create_bucket(Bucket=bucket)
    client.put_bucket_policy(
        Bucket=PUBLIC,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{PUBLIC}/*",
                    }
                ],
            }
        ),
    )
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()

    ports = [free_port(), free_port()]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PHANANH_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "phananh.config.settings",
            "PHANANH_EMBEDDED": "0",
            "PHANANH_SECRET_KEY": "soak-" + uuid.uuid4().hex * 2,
            "PHANANH_DATA_DIR": str(data_dir),
            "PHANANH_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PHANANH_SITE_URL": f"http://127.0.0.1:{ports[0]}",
            # Plain HTTP on loopback: no proxy, no TLS in this benchmark.
            "PHANANH_SSL_REDIRECT": "0",
            "PHANANH_SECURE_COOKIES": "0",
            "PHANANH_HSTS_SECONDS": "0",
            "PHANANH_PROXY_SSL_HEADER": " ",
            "PHANANH_DATABASE_URL": database_url,
            "PHANANH_CACHE_URL": "redis://127.0.0.1:6379/14",
            "PHANANH_CACHE_PREFIX": database,
            "PHANANH_MEDIA_STORAGE": "s3",
            "PHANANH_S3_ENDPOINT_URL": endpoint,
            "PHANANH_S3_REGION": "us-east-1",
            "PHANANH_S3_BUCKET": PUBLIC,
            "PHANANH_S3_PRIVATE_BUCKET": PRIVATE,
            "PHANANH_S3_ACCESS_KEY_ID": "soak",
            "PHANANH_S3_SECRET_ACCESS_KEY": "soak",
            "PHANANH_S3_PUBLIC_URL": f"{endpoint}/{PUBLIC}",
            "PHANANH_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "PHANANH_EMAIL_HOST": "127.0.0.1",
            "PHANANH_EMAIL_PORT": str(smtp_port),
            # Limits per API key far above the burst (this is not a rate-limit test).
            "PHANANH_API_KEY_RATE_PER_MINUTE": "0",
            "PHANANH_API_RATE_PER_MINUTE": "0",
            # A dead worker is noticed within seconds, and its half-sent message within a minute.
            "PHANANH_WORKER_BEAT_SECONDS": "1",
            "PHANANH_WORKER_LEASE_SECONDS": "6",
            "PHANANH_ORPHANS_SWEEP_SECONDS": "5",
            "PHANANH_NOTIFICATION_LEASE_SECONDS": "60",
            "PHANANH_TASKS_LOG_LEVEL": "ERROR",
        }
    )
    topology = Topology(env, ports)

    def phananh(*command: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "phananh.cli", *command],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    print(f"soak: database {database}, S3 {endpoint}, SMTP 127.0.0.1:{smtp_port}", flush=True)
    phananh("migrate")
    phananh("city", "load", str(REPO / "src" / "phananh" / "cities" / "hue"))
    key = phananh("apikey", "create", "Soak").strip().splitlines()[-1]
    topology.web = [topology.serve(0), topology.serve(1)]
    topology.workers = [topology.start("worker"), topology.start("worker")]
    for port in ports:
        wait_http(f"http://127.0.0.1:{port}/healthz")
    photo = photo_bytes()
    started = time.monotonic()
    kill_at, restart_at = int(args.reports * 0.4), int(args.reports * 0.6)
    counter = {"sent": 0}
    counter_lock = threading.Lock()

    def one(n: int) -> Sent:
        with counter_lock:
            counter["sent"] += 1
            sent_so_far = counter["sent"]
        if sent_so_far == kill_at:
            os.kill(topology.web[0].pid, signal.SIGKILL)
            os.kill(topology.workers[0].pid, signal.SIGKILL)
            print(f"soak: killed web :{ports[0]} and a worker at report {n}", flush=True)
        if sent_so_far == restart_at:
            topology.web[0] = topology.serve(0)
            topology.workers[0] = topology.start("worker")
            print(f"soak: restarted them at report {n}", flush=True)
        server = n % 2
        with_photo = photo if (n % 3 == 0 and random.random() < args.photos * 3) else None
        return send(n, f"http://127.0.0.1:{ports[server]}", server, key, with_photo)

    with ThreadPoolExecutor(args.concurrency) as pool:
        results = list(pool.map(one, range(args.reports)))
    burst_seconds = time.monotonic() - started
    print(f"soak: burst sent in {burst_seconds:.0f} s; draining the queue", flush=True)

    accepted = [r for r in results if 200 <= r.status < 300]
    refused = [r for r in results if r.status == 0]
    errors = [r for r in results if r.status >= 500]
    with psycopg.connect(database_url, autocommit=True) as db:
        deadline = time.monotonic() + args.drain_minutes * 60
        while True:
            (busy,) = db.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                "WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()
            (pending_media,) = db.execute(
                "SELECT count(*) FROM reports_media WHERE state = 'pending'"
            ).fetchone()
            (unsent,) = db.execute(
                "SELECT count(*) FROM notifications_notification "
                "WHERE state IN ('pending', 'sending')"
            ).fetchone()
            if not busy and not pending_media and not unsent:
                break
            if time.monotonic() > deadline:
                print(f"soak: still busy: {busy} tasks, {pending_media} media, {unsent} messages")
                break
            time.sleep(5)
        drained_seconds = time.monotonic() - started
        codes = [r.code for r in accepted]
        found = {
            row[0]
            for row in db.execute("SELECT code FROM reports_report WHERE code = ANY(%s)", [codes])
        }
        photo_codes = [r.code for r in accepted if r.photo]
        media = db.execute(
            "SELECT r.code, m.state, m.public_file, m.thumbnail FROM reports_media m "
            "JOIN reports_report r ON r.id = m.report_id WHERE r.code = ANY(%s)",
            [photo_codes],
        ).fetchall()
        runs = db.execute(
            "SELECT job, count(*), count(DISTINCT slot) FROM core_periodicrun GROUP BY job"
        ).fetchall()
        failed_tasks = db.execute(
            "SELECT task_path, count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status = 'FAILED' GROUP BY task_path"
        ).fetchall()

    public_objects = {
        item["Key"]
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=PUBLIC)
        for item in page.get("Contents", [])
    }
    ready = [m for m in media if m[1] == "ready"]
    served = 0
    for _code, _state, public_file, _thumbnail in ready:
        with urllib.request.urlopen(f"{endpoint}/{PUBLIC}/{public_file}", timeout=30) as r:  # noqa: S310
            served += r.status == 200 and b"SoakPhone" not in r.read()
    received = Counter()
    for (to, subject), count in mailbox.received.items():
        if "PA-" in subject:
            received[to] += count
    notices = Counter(received.get(r.email, 0) for r in accepted)
    latencies = [r.seconds for r in accepted]

    checks = {
        "every accepted report exists": len(found) == len(accepted),
        "every accepted photo processed and served": len(ready) == len(photo_codes) == served,
        "one public copy and thumbnail per photo": len(public_objects) == 2 * len(ready),
        "each reporter told exactly once": set(notices) == {1},
        "each periodic job once per slot": all(total == slots for _job, total, slots in runs),
        "no 5xx": not errors,
    }
    for process in (*topology.web, *topology.workers, s3):
        process.terminate()
    smtp.stop()
    if not args.keep:
        for process in (*topology.web, *topology.workers):
            process.wait(timeout=30)
        with psycopg.connect(args.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')

    print()
    print(
        f"reports sent {len(results)}, accepted {len(accepted)}, refused by the killed "
        f"process {len(refused)}, 4xx {sum(400 <= r.status < 500 for r in results)}, "
        f"5xx {len(errors)}"
    )
    print(
        f"burst {burst_seconds:.0f} s ({len(accepted) / burst_seconds:.0f} accepted/s), "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms; queue drained at "
        f"{drained_seconds:.0f} s"
    )
    print(
        f"photos {len(photo_codes)}, ready {len(ready)}, served clean {served}, objects "
        f"{len(public_objects)}; notices per reporter {dict(notices)}"
    )
    print(f"periodic jobs (runs, slots): {[(j, t, s) for j, t, s in runs]}")
    if failed_tasks:
        print(f"failed task runs: {failed_tasks}")
    for name, ok in checks.items():
        print(f"  {'ok ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
