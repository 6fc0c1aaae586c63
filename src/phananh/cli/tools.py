"""`phananh classify`, `phananh sla due`, `phananh bench` and `phananh manage`: tools."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from phananh.cli.common import django_setup, migrate


def cmd_sla_due(args: argparse.Namespace) -> int:
    """Print the due moment of AMOUNT UNIT from START with the configured calendar."""
    django_setup()
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
    django_setup()
    migrate()
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
    """Any Django management command."""
    from django.core.management import execute_from_command_line

    execute_from_command_line(["phananh manage", *args.rest])
    return 0


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


def register(sub: argparse._SubParsersAction) -> None:
    """Add classify, manage, sla and bench to the `phananh` parser."""
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

    sla = sub.add_parser("sla", help="deadlines")
    sla_sub = sla.add_subparsers(dest="action", required=True)
    sla_due = sla_sub.add_parser(
        "due", help="the due moment of AMOUNT UNIT from START, with the configured calendar"
    )
    sla_due.add_argument("start", help="ISO 8601 moment with offset, e.g. 2026-12-04T16:00+07:00")
    sla_due.add_argument("amount")
    sla_due.add_argument("unit", help="working_hours, working_days or hours")
    sla_due.set_defaults(func=cmd_sla_due)

    bench = sub.add_parser("bench", help="benchmarks: generate a large data set, or measure")
    bench.add_argument("action", choices=["generate", "measure", "http_times"])
    bench.add_argument("--bench-dir", default="bench")
    bench.add_argument("rest", nargs=argparse.REMAINDER, help="options for the script")
    bench.set_defaults(func=cmd_bench)
