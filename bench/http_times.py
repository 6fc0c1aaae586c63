"""Time the pages from outside, over HTTP, against a running `phananh serve`.

    PHANANH_DATABASE_URL=… PHANANH_SECRET_KEY=… PHANANH_CACHE_URL=redis://127.0.0.1:6379/5 \\
        python bench/http_times.py --base http://127.0.0.1:8765 --requests 200 --out var/times.json

Run with the same environment as the server: the script reads the database only to pick
sample reports and to open a signed-in session for the console pages (an IOC operator and an
agency officer) in the server's own session store. Every request is sequential on one
keep-alive connection (stdlib `http.client`, as a browser or an integrator would), sends
`X-Forwarded-Proto: https` as the proxy of docs/deploy.md does, and must answer 200. Prints
p50/p99 per page and writes them (with the table size) to `--out` as JSON for plot.py.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phananh.config.settings")

PUBLIC_GOAL_MS, CONSOLE_GOAL_MS = 50.0, 150.0
SEARCHES = ["duong ngap", "karaoke", "den duong hong", "rac thai", "o ga"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def sessions() -> dict[str, str]:
    """A session cookie value per console role, written to the server's session store."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    from phananh.accounts.models import User

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    cookies = {}
    agency_officer = User.objects.filter(email__startswith="officer.").order_by("id").first()
    for role, user in (
        ("ioc", User.objects.get(email="operator@demo.phananh.vn")),
        ("agency", agency_officer),
    ):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    return cookies


def samples(count: int) -> list[tuple[str, float, float, str, str]]:
    """Random public reports: (code, lat, lon, category code, text)."""
    from django.db.models import Max

    from phananh.reports.models import Report
    from phananh.reports.visibility import published_q

    rng = random.Random(11)
    top = Report.objects.aggregate(top=Max("id"))["top"] or 0
    ids = [rng.randint(1, top) for _ in range(count * 3)]
    rows = list(
        Report.objects.filter(published_q(), pk__in=ids).values_list(
            "code", "lat", "lon", "category__code", "text"
        )
    )
    rng.shuffle(rows)
    return rows[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--out", default="", help="append the results to this JSON file")
    parser.add_argument("--label", default="", help="e.g. the release")
    parser.add_argument("--only", default="", help="comma-separated page names")
    args = parser.parse_args()

    import django

    django.setup()
    from phananh.reports.models import Report

    size = Report.objects.count()
    rows = samples(args.requests)
    cookies = sessions()
    n = len(rows)

    def report_page(i: int) -> str:
        return f"/reports/{rows[i % n][0]}/"

    def nearby(i: int) -> str:
        _code, lat, lon, category, text = rows[i % n]
        return (
            f"/report/nearby/?lat={lat + 0.0003:.6f}&lon={lon:.6f}&category={category}"
            f"&text={quote(text[:200])}"
        )

    def map_box(i: int) -> str:
        _code, lat, lon, _category, _text = rows[i % n]
        if i % 2:  # the whole city, zoomed out (clusters)
            return "/reports/map.json?bbox=107.45,16.35,107.75,16.60&zoom=12"
        box = f"{lon - 0.01:.5f},{lat - 0.006:.5f},{lon + 0.01:.5f},{lat + 0.006:.5f}"
        return f"/reports/map.json?bbox={box}&zoom=16"

    pages = [
        # (name, audience, path for request i, cookie)
        ("public list", "public", lambda i: "/reports/", ""),
        ("map JSON", "public", map_box, ""),
        ("report page", "public", report_page, ""),
        ("search", "public", lambda i: f"/reports/?q={quote(SEARCHES[i % 5])}", ""),
        ("scorecards", "public", lambda i: "/agencies/", ""),
        ("Open311 list", "public", lambda i: "/open311/v2/requests.json", ""),
        ("Open311 one", "public", lambda i: f"/open311/v2/requests/{rows[i % n][0]}.json", ""),
        ("duplicate lookup", "public", nearby, ""),
        ("triage queue", "console", lambda i: "/ops/triage/", cookies["ioc"]),
        ("agency queue", "console", lambda i: "/ops/agency/", cookies["agency"]),
        ("dashboard", "console", lambda i: "/ops/dashboard/", cookies["ioc"]),
    ]
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    base = urlsplit(args.base)
    connection = http.client.HTTPConnection(base.hostname, base.port or 80, timeout=60)
    host = f"{base.hostname}:{base.port}" if base.port else str(base.hostname)
    results = []
    print(f"reports: {size:,}; {args.requests} requests per page after {args.warmup} warm-up")
    for name, audience, path_of, cookie in pages:
        if only and name not in only:
            continue
        headers = {"Host": host, "X-Forwarded-Proto": "https", "Accept-Encoding": "identity"}
        if cookie:
            headers["Cookie"] = cookie
        timings, sizes, errors = [], [], 0
        for i in range(-args.warmup, args.requests):
            path = path_of(i % max(1, n))
            began = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - began) * 1000
            if response.status != 200:
                print(f"{name}: {path} answered {response.status}", file=sys.stderr)
                errors += 1
            if i >= 0:
                timings.append(elapsed)
                sizes.append(len(body))
        p50, p99 = percentile(timings, 50), percentile(timings, 99)
        goal = PUBLIC_GOAL_MS if audience == "public" else CONSOLE_GOAL_MS
        verdict = "ok" if p99 < goal else f"MISSES p99 < {goal:.0f} ms"
        print(
            f"{name:<18} {audience:<8} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  "
            f"({statistics.mean(sizes) / 1024:,.0f} KiB)  {verdict}"
            + (f"  {errors} not 200" if errors else ""),
            flush=True,
        )
        results.append(
            {
                "page": name,
                "audience": audience,
                "p50": p50,
                "p99": p99,
                "n": len(timings),
                "errors": errors,
            }
        )
    if args.out:
        path = Path(args.out)
        runs = json.loads(path.read_text()) if path.exists() else []
        runs.append({"label": args.label, "reports": size, "at": time.time(), "pages": results})
        path.write_text(json.dumps(runs, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
