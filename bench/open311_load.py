"""Open311 load from the standard library alone: threads + http.client against any GeoReport v2 URL.

    python bench/open311_load.py --base http://127.0.0.1:8123/open311/v2 --api-key KEY \\
        --service-code waste --scenario post --concurrency 8 --seconds 20 --pid 12345

Scenarios: `post` (a request without media), `post-photo` (with a JPEG of --photo-kb KiB as the
multipart field `media`), `list` (`GET requests.json?status=open`), `one` (`GET requests/<id>.json`
of ids seen in a list first). Every thread keeps one connection open (HTTP/1.1 keep-alive) and
reconnects after an error. Prints one JSON line: requests, errors, req/s, p50/p90/p99 in ms, the
items per list answer, and the server's RSS before and after and its CPU time per counted request
(the sums over --pid and its descendants, from /proc) when --pid is given.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import random
import statistics
import threading
import time
import urllib.parse
import uuid
from pathlib import Path


def rss_kib(pid: int) -> int:
    """Resident memory of `pid` and its descendants, in KiB (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(child) for child in children)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of `pid` and its descendants, in seconds (Linux /proc)."""
    ticks = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(child) for child in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def photo_bytes(kib: int) -> bytes:
    """A valid baseline JPEG of `kib` KiB (to within 3 %), made with Pillow: noise, which
    compresses badly, so the decode and the copies cost the most a byte can. The side is
    searched for (it was grown by 40 % a step, so "1 MB" sent 1.7 MB)."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - the project's venv has Pillow
        raise SystemExit("Pillow is needed for --scenario post-photo") from None

    target = kib * 1024

    def encode(side: int) -> bytes:
        image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=90)
        return buffer.getvalue()

    low, high = 16, 16
    best = encode(high)
    while len(best) < target and high < 8000:
        low, high = high, high * 2
        best = encode(high)
    while high - low > 1:
        middle = (low + high) // 2
        data = encode(middle)
        if len(data) >= target:
            high, best = middle, data
        else:
            low = middle
        if target <= len(best) <= target * 1.03:
            break
    return best


def multipart(fields: dict[str, str], photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="media"; filename="p.jpg"\r\n'
        f"Content-Type: image/jpeg\r\n\r\n".encode()
        + photo
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Client:
    """One keep-alive connection per thread."""

    def __init__(self, base: str, timeout: float) -> None:
        parsed = urllib.parse.urlsplit(base)
        self.https = parsed.scheme == "https"
        self.host = parsed.netloc
        self.prefix = parsed.path.rstrip("/")
        self.timeout = timeout
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, bytes]:
        if self.connection is None:
            kind = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
            self.connection = kind(self.host, timeout=self.timeout)
        try:
            self.connection.request(method, self.prefix + path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
            return response.status, data
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the Open311 root, e.g. …/open311/v2")
    parser.add_argument("--api-key", default="")
    parser.add_argument("--service-code", default="")
    parser.add_argument("--scenario", choices=["post", "post-photo", "list", "one"], default="post")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument(
        "--warmup", type=float, default=3, help="seconds of the same load first, not counted"
    )
    parser.add_argument("--photo-kb", type=int, default=1024)
    parser.add_argument("--lat", type=float, default=16.4637)
    parser.add_argument("--lon", type=float, default=107.5909)
    parser.add_argument("--spread", type=float, default=0.03, help="degrees around lat/lon")
    parser.add_argument("--list-query", default="status=open")
    parser.add_argument(
        "--conditional",
        action="store_true",
        help="list: poll with the first answer's ETag as If-None-Match (304s count as answers)",
    )
    parser.add_argument("--pid", type=int, default=0, help="server pid, for its RSS")
    parser.add_argument("--label", default="")
    args = parser.parse_args()

    photo = photo_bytes(args.photo_kb) if args.scenario == "post-photo" else b""
    ids: list[str] = []
    if args.scenario == "one":
        _status, body = Client(args.base, args.timeout).request(
            "GET", f"/requests.json?{args.list_query}"
        )
        ids = [item["service_request_id"] for item in json.loads(body)][:500]
        if not ids:
            raise SystemExit("no request ids found in the list")

    validator: dict[str, str] = {}
    if args.conditional:
        probe = Client(args.base, args.timeout)
        connection = http.client.HTTPConnection(probe.host, timeout=args.timeout)
        connection.request("GET", f"{probe.prefix}/requests.json?{args.list_query}")
        answer = connection.getresponse()
        answer.read()
        etag = answer.getheader("ETag")
        if not etag:
            raise SystemExit("the list answered no ETag")
        validator = {"If-None-Match": etag}

    latencies: list[float] = []
    errors: dict[str, int] = {}
    items: list[int] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + args.warmup + args.seconds
    count_from = time.monotonic() + args.warmup

    def one_call(client: Client, rng: random.Random) -> tuple[int, bytes]:
        if args.scenario in ("post", "post-photo"):
            fields = {
                "api_key": args.api_key,
                "service_code": args.service_code,
                "lat": f"{args.lat + rng.uniform(-args.spread, args.spread):.6f}",
                "long": f"{args.lon + rng.uniform(-args.spread, args.spread):.6f}",
                "description": f"Load test {uuid.uuid4().hex[:8]}: rác thải ven đường",
                "email": "load@example.org",
            }
            if args.scenario == "post":
                body = urllib.parse.urlencode(fields).encode()
                kind = "application/x-www-form-urlencoded"
            else:
                body, kind = multipart(fields, photo)
            return client.request("POST", "/requests.json", body, {"Content-Type": kind})
        if args.scenario == "list":
            return client.request("GET", f"/requests.json?{args.list_query}", headers=validator)
        return client.request("GET", f"/requests/{rng.choice(ids)}.json")

    def worker(seed: int) -> None:
        client = Client(args.base, args.timeout)
        rng = random.Random(seed)
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            try:
                status, body = one_call(client, rng)
                failure = None if status in (200, 201, 304) else f"http {status}"
            except Exception as exc:  # a load generator counts every failure
                failure, body = type(exc).__name__, b""
            elapsed = time.perf_counter() - began
            if time.monotonic() - elapsed < count_from:
                continue
            with lock:
                if failure:
                    errors[failure] = errors.get(failure, 0) + 1
                else:
                    latencies.append(elapsed)
                    if args.scenario == "list":
                        items.append(body.count(b'"service_request_id"'))

    rss_before = rss_kib(args.pid) if args.pid else 0
    cpu: dict[str, float] = {}

    def cpu_sampler() -> None:
        time.sleep(max(0.0, count_from - time.monotonic()))
        cpu["from"] = cpu_seconds(args.pid)
        time.sleep(max(0.0, stop_at - time.monotonic()))
        cpu["to"] = cpu_seconds(args.pid)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.concurrency)]
    if args.pid:
        threads.append(threading.Thread(target=cpu_sampler))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu_ms = (
        round(1000 * (cpu["to"] - cpu["from"]) / len(latencies), 2)
        if args.pid and latencies and "to" in cpu
        else None
    )
    wall = args.seconds
    latencies.sort()

    def pct(p: float) -> float | None:
        if not latencies:
            return None
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    print(
        json.dumps(
            {
                "label": args.label,
                "scenario": args.scenario,
                "concurrency": args.concurrency,
                "ok": len(latencies),
                "errors": errors,
                "req_s": round(len(latencies) / wall, 1),
                "p50_ms": pct(0.50),
                "p90_ms": pct(0.90),
                "p99_ms": pct(0.99),
                "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
                "items": round(statistics.fmean(items)) if items else None,
                "rss_mib_before": round(rss_before / 1024) if args.pid else None,
                "rss_mib_after": round(rss_kib(args.pid) / 1024) if args.pid else None,
                "server_cpu_ms_per_request": cpu_ms,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
