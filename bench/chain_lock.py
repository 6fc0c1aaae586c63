"""What the city's hash chain costs intake: reports per second with the chain, and with the
chain's lock and hashes left out (measurement only), on the database PHANANH_DATABASE_URL names.

    PHANANH_DATABASE_URL=postgresql://…/scratch python bench/chain_lock.py [THREADS] [EACH]

Each thread files EACH reports through `report_intake` (its own connection), all threads at
once; the database should be a scratch one (it is migrated and Huế is loaded into it).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phananh.config.settings")
os.environ.setdefault("PHANANH_DATA_DIR", tempfile.mkdtemp(prefix="phananh-bench-"))
os.environ.setdefault("PHANANH_EMBEDDED", "true")  # a generated key: a scratch database


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from phananh.accounts.actors import Actor
    from phananh.catalog.models import Category
    from phananh.cities.loader import city_load
    from phananh.config.settings import CITY_DIR
    from phananh.reports.actions import _base
    from phananh.reports.actions.intake import report_intake
    from phananh.reports.chain_writer import chain_seal
    from phananh.reports.choices import Channel
    from phananh.reports.drafts import ReportDraft

    threads, each = (
        (int(sys.argv[1]) if len(sys.argv) > 1 else 4),
        (int(sys.argv[2]) if len(sys.argv) > 2 else 100),
    )
    call_command("migrate", verbosity=0)
    city_load(directory=CITY_DIR, boundaries=[])
    category = Category.objects.get(code="sanitation")

    def file(count: int) -> None:
        try:
            for n in range(count):
                report_intake(
                    actor=Actor.system("bench"),
                    draft=ReportDraft(
                        text=f"Rác thải ùn ứ số {n}",
                        channel=Channel.API,
                        category=category,
                        point=(16.4705, 107.5760),
                    ),
                )
        finally:
            connections.close_all()

    def run(label: str) -> float:
        workers = [threading.Thread(target=file, args=(each,)) for _ in range(threads)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        seconds = time.perf_counter() - started
        rate = threads * each / seconds
        print(f"{label:<28} {threads} threads × {each}: {seconds:6.2f} s, {rate:7.1f} reports/s")
        return rate

    def plain(events):  # noqa: ANN001, ANN202 — the chain left out, for comparison only
        return None

    file(5)  # warm up
    rates: dict[str, list[float]] = {"without": [], "with": []}
    for _round in range(3):  # alternated, so that a growing database favours neither
        _base.chain_seal = plain
        rates["without"].append(run("without the chain"))
        _base.chain_seal = chain_seal
        rates["with"].append(run("with the chain (lock+hash)"))
    without, with_chain = (sorted(rates[k])[1] for k in ("without", "with"))
    print(f"medians: {without:.1f} and {with_chain:.1f} reports/s")
    print(f"cost: {100 * (1 - with_chain / without):.1f} % fewer reports per second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
