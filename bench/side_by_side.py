"""The same Open311 load against Phananh and any other Open311 server, runs alternated.

    python bench/side_by_side.py \\
        --target "phananh=http://127.0.0.1:8123/open311/v2,KEY,sanitation,PID" \\
        --target "peer=http://127.0.0.1:8200/api/georeport/v2,KEY,ilkivalta,PID" \\
        --rounds 3 --seconds 15 --raw-pg postgresql://postgres@127.0.0.1:5432/phananh_bench \\
        --out var/side_by_side.json

Each target is `name=base,api_key,service_code,server_pid` (the pid is the server's master
process: its RSS and CPU time are summed over it and its workers). For every round, every call
(POST c=8 and c=32, POST with a 1 MB photo c=8, GET list c=8 and c=32, GET one c=16) runs once
against each target in turn, the order of the targets swapped every round, through
`bench/open311_load.py` (stdlib threads and http.client: both servers pay the same client).
The best req/s of the rounds is kept with its p50/p99, items per list answer, server RSS after
the run and server CPU per request. `--raw-pg` also measures, in the same run, how many rows a
second PostgreSQL itself inserts and commits at the same concurrency (one short row per
transaction into a scratch table), the ceiling a POST is compared with.

Prints a Markdown table: per call, each target's numbers and the ratio of the first target to
each other one (req/s and, for lists, items/s), and whether the goals hold (≥ 4× the other's
best req/s with p99 ≤ ⅓ of its p99).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CALLS = [
    # (name, scenario, concurrency)
    ("POST c=8", "post", 8),
    ("POST c=32", "post", 32),
    ("POST 1 MB photo c=8", "post-photo", 8),
    ("GET list c=8", "list", 8),
    ("GET list c=32", "list", 32),
    ("GET one c=16", "one", 16),
]


def parse_target(text: str) -> dict[str, str]:
    name, _, rest = text.partition("=")
    parts = rest.split(",")
    if not name or len(parts) != 4:
        raise SystemExit(f"--target {text!r}: expected name=base,api_key,service_code,pid")
    base, key, code, pid = parts
    return {"name": name, "base": base, "key": key, "code": code, "pid": pid}


def run_call(
    target: dict[str, str], scenario: str, concurrency: int, args: argparse.Namespace
) -> dict:
    command = [
        sys.executable,
        str(HERE / "open311_load.py"),
        "--base",
        target["base"],
        "--api-key",
        target["key"],
        "--service-code",
        target["code"],
        "--scenario",
        scenario,
        "--concurrency",
        str(concurrency),
        "--seconds",
        str(args.seconds),
        "--warmup",
        str(args.warmup),
        "--pid",
        target["pid"],
        "--label",
        target["name"],
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr or done.stdout).strip()[-300:], "req_s": 0.0}
    return json.loads(lines[-1])


def raw_pg_rate(dsn: str, concurrency: int, seconds: float) -> float:
    """Rows a second PostgreSQL inserts and commits, one row per transaction, `concurrency`
    connections at once (the same machine, in the same run)."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute("DROP TABLE IF EXISTS bench_raw_insert")
        admin.execute(
            "CREATE TABLE bench_raw_insert (id bigserial PRIMARY KEY, code text, lat float8, "
            "lon float8, text text, submitted_at timestamptz DEFAULT now())"
        )
    counts = [0] * concurrency
    stop_at = time.monotonic() + seconds

    def worker(index: int) -> None:
        with psycopg.connect(dsn) as connection:
            while time.monotonic() < stop_at:
                connection.execute(
                    "INSERT INTO bench_raw_insert (code, lat, lon, text) VALUES (%s, %s, %s, %s)",
                    (f"PA-{index}-{counts[index]}", 16.46, 107.59, "Rác thải ven đường " * 4),
                )
                connection.commit()
                counts[index] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute("DROP TABLE IF EXISTS bench_raw_insert")
    return sum(counts) / seconds


def fmt(value: object, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}{unit}"
    return f"{value}{unit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", action="append", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument(
        "--only", default="", help="comma-separated call names, e.g. 'GET one c=16'"
    )
    parser.add_argument("--raw-pg", default="", help="a PostgreSQL URL for the raw insert rate")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    targets = [parse_target(text) for text in args.target]
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    calls = [call for call in CALLS if not only or call[0] in only]

    runs: dict[tuple[str, str], list[dict]] = {}
    raw: dict[int, list[float]] = {}
    for round_number in range(args.rounds):
        order = targets if round_number % 2 == 0 else list(reversed(targets))
        for name, scenario, concurrency in calls:
            for target in order:
                result = run_call(target, scenario, concurrency, args)
                runs.setdefault((name, target["name"]), []).append(result)
                print(
                    f"round {round_number + 1} {name:<20} {target['name']:<10} "
                    f"{json.dumps(result, ensure_ascii=False)}",
                    flush=True,
                )
            if args.raw_pg and scenario == "post":
                rate = raw_pg_rate(args.raw_pg, concurrency, min(args.seconds, 10))
                raw.setdefault(concurrency, []).append(rate)
                print(
                    f"round {round_number + 1} raw PostgreSQL c={concurrency}: {rate:,.0f} rows/s"
                )

    best: dict[tuple[str, str], dict] = {
        key: max(results, key=lambda r: r.get("req_s") or 0.0) for key, results in runs.items()
    }
    first = targets[0]["name"]
    lines = [
        "| call | server | req/s (best) | p50 ms | p99 ms | items/answer | items/s | RSS after MiB "
        "| CPU ms/request | vs " + ", ".join(t["name"] for t in targets[1:]) + " |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, scenario, _concurrency in calls:
        for target in targets:
            result = best[(name, target["name"])]
            items = result.get("items")
            per_item = (result.get("req_s") or 0.0) * items if items else None
            versus = ""
            if target["name"] == first:
                verdicts = []
                for other in targets[1:]:
                    theirs = best[(name, other["name"])]
                    ratio = (
                        (result.get("req_s") or 0.0) / theirs["req_s"]
                        if theirs.get("req_s")
                        else None
                    )
                    p99_ok = (
                        result.get("p99_ms") is not None
                        and theirs.get("p99_ms") is not None
                        and result["p99_ms"] <= theirs["p99_ms"] / 3
                    )
                    text = f"{ratio:.2f}× req/s" if ratio is not None else "—"
                    if scenario == "list" and items and theirs.get("items"):
                        item_ratio = per_item / (theirs["req_s"] * theirs["items"])
                        text += f", {item_ratio:.1f}× items/s"
                    goal = ratio is not None and ratio >= 4 and p99_ok
                    verdicts.append(f"{text} ({'goal met' if goal else 'goal missed'})")
                versus = "; ".join(verdicts)
            lines.append(
                f"| {name} | {target['name']} | {fmt(result.get('req_s'))} | "
                f"{fmt(result.get('p50_ms'))} | {fmt(result.get('p99_ms'))} | {fmt(items)} | "
                f"{fmt(per_item)} | {fmt(result.get('rss_mib_after'))} | "
                f"{fmt(result.get('server_cpu_ms_per_request'))} | {versus} |"
            )
    for concurrency, rates in sorted(raw.items()):
        ours = best.get((f"POST c={concurrency}", first), {}).get("req_s") or 0.0
        lines.append(
            f"\nRaw PostgreSQL insert-and-commit at c={concurrency}: {max(rates):,.0f} rows/s; "
            f"{first}'s POST: {ours:,.1f} req/s = {100 * ours / max(rates):.0f} % of it "
            f"(goal ≥ 25 %)."
        )
    table = "\n".join(lines)
    print(table)
    if args.out:
        path = Path(args.out)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "at": time.time(),
            "targets": targets,
            "runs": {f"{k[0]}|{k[1]}": v for k, v in runs.items()},
            "raw_pg": raw,
            "table": table,
        }
        path.write_text(json.dumps(record, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
