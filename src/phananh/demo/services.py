"""The demo: the configured city's folder loaded, its demo people, the sample reports lived
through the real services, intelligence and statistics — Huế's with the defaults.

Idempotent: the city is upserted by code, people are kept once they exist, each sample report is
created once, so a second run adds nothing and an interrupted run resumes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from phananh.accounts.choices import Role
from phananh.accounts.selectors import actor_for_user
from phananh.analytics.services import (
    backlog_refresh,
    daily_counts_refresh_due,
    scorecards_refresh_due,
)
from phananh.cities.data import city_read
from phananh.cities.loader import CityLoadResult, city_load_data
from phananh.demo.campaigns import demo_seed_campaigns
from phananh.demo.data import DemoPeople, demo_people_read, demo_samples_read
from phananh.demo.intelligence import demo_seed_intelligence
from phananh.demo.people import DemoLogin, demo_logins, demo_seed_people
from phananh.demo.simulation import demo_person, demo_seed_reports, officer_actors
from phananh.transparency.services import heads_publish


@dataclass(frozen=True)
class DemoSeedResult:
    """What a demo seed did: the printed logins, new sample reports, the city's load."""

    logins: list[DemoLogin]
    created: int
    city: CityLoadResult


def demo_city_dir() -> Path:
    """The folder the demo loads: the configured city's (PHANANH_CITY_DIR, default Huế)."""
    return Path(settings.CITY_DIR)


def demo_people(directory: Path | None = None) -> DemoPeople:
    """The demo logins and their password, from the city's people.json."""
    return demo_people_read(city_read(directory or demo_city_dir()))


def demo_seed(
    *,
    directory: Path | None = None,
    boundaries: list[Path] | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSeedResult:
    """Everything the demo needs; safe to run again. Every file is checked before anything is
    written; `boundaries` replaces the GeoJSON files city.json points at."""
    data = city_read(directory or demo_city_dir())
    people = demo_people_read(data)
    samples = demo_samples_read(data)
    loaded = city_load_data(data=data, boundaries=boundaries)
    logins = demo_seed_people(people, loaded.agencies)
    created = demo_seed_reports(people=people, samples=samples, limit=limit, progress=progress)
    if limit != 0:
        created += demo_seed_campaigns(
            rows=data.campaigns,
            citizens=[demo_person(people, None)],
            operator=actor_for_user(demo_person(people, Role.OPERATOR)),
            officers=officer_actors(),
            domain=people.domain,
        )
    demo_seed_intelligence(samples.hot_cluster, with_hot_issue=limit is None or limit > 0)
    # The demo's history is small: tallied whole at once, not in the worker's bounded batches.
    daily_counts_refresh_due(backfill_per_pass=10_000)
    scorecards_refresh_due(backfill_per_pass=10_000)
    backlog_refresh()
    # The sample timelines lie in the past: their head is published at once, as the worker
    # would have after each of those days (it goes on every day from now).
    heads_publish()
    return DemoSeedResult(logins=logins, created=created, city=loaded)


__all__ = ["DemoLogin", "DemoSeedResult", "demo_logins", "demo_people", "demo_seed"]
