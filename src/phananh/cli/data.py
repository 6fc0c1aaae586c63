"""`phananh seed demo`, `phananh city load DIR` and `phananh areas import FILE…`: load data sets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from phananh.cli.common import django_setup, migrate
from phananh.config import env


def _demo_boundaries(given: list[str] | None) -> list[Path] | None:
    """The demo's ward polygons: --boundaries, else PHANANH_DEMO_BOUNDARIES' folder, else None
    (the folder the city's city.json names)."""
    if given:
        return [Path(path) for path in given]
    folder = env.get("DEMO_BOUNDARIES")
    if folder:
        return sorted(Path(folder).glob("*.geojson")) if Path(folder).is_dir() else []
    return None


def cmd_seed(args: argparse.Namespace) -> int:
    """Load the configured city (Huế by default) with its demo people and sample reports."""
    django_setup()
    migrate()
    from phananh.core.datafiles import CityDataError
    from phananh.demo.services import demo_seed

    def progress(done: int, total: int) -> None:
        if done % 25 == 0 or done == total:
            print(f"  sample reports: {done}/{total}", flush=True)

    try:
        result = demo_seed(boundaries=_demo_boundaries(args.boundaries), progress=progress)
    except CityDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Demo data ready ({result.created} new sample reports).")
    if result.city.boundary_files:
        print(f"Ward boundaries imported from {len(result.city.boundary_files)} file(s).")
    return 0


def cmd_city_load(args: argparse.Namespace) -> int:
    """Load a city's folder (docs/cities.md) and print what was created, updated, unchanged."""
    django_setup()
    migrate()
    from django.conf import settings

    from phananh.cities.loader import city_load
    from phananh.core.datafiles import CityDataError

    directory = Path(args.directory)
    boundaries = [Path(path) for path in args.boundaries] if args.boundaries else None
    try:
        result = city_load(directory=directory, boundaries=boundaries)
    except CityDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in result.lines():
        print(line)
    if directory.resolve() != Path(settings.CITY_DIR).resolve():
        print(
            f"Pages and Open311 take the city's names and jurisdiction from PHANANH_CITY_DIR "
            f"(now {settings.CITY_DIR}): set it to {directory.resolve()} for this city."
        )
    return 0


def cmd_areas_import(args: argparse.Namespace) -> int:
    """Import GeoJSON polygons as areas (idempotent)."""
    django_setup()
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


def register(sub: argparse._SubParsersAction) -> None:
    """Add seed, city and areas to the `phananh` parser."""
    seed = sub.add_parser("seed", help="load data sets")
    seed_sub = seed.add_subparsers(dest="dataset", required=True)
    seed_demo = seed_sub.add_parser(
        "demo", help="the configured city with its demo people and sample reports (idempotent)"
    )
    seed_demo.add_argument("--boundaries", nargs="*", help="GeoJSON files with ward polygons")
    seed_demo.set_defaults(func=cmd_seed)

    city = sub.add_parser("city", help="a city's data: places, agencies, categories, deadlines")
    city_sub = city.add_subparsers(dest="action", required=True)
    city_load = city_sub.add_parser(
        "load", help="load a city's folder of JSON and CSV files (idempotent; docs/cities.md)"
    )
    city_load.add_argument("directory", metavar="DIR")
    city_load.add_argument(
        "--boundaries", nargs="+", help="GeoJSON files to import instead of city.json's folder"
    )
    city_load.set_defaults(func=cmd_city_load)

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
