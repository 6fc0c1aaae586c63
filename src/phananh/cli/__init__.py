"""The `phananh` command: demo, serve, worker, seed, city, manage, areas import… (design §8).

Each subcommand sets Django up, then calls one service or one Django command; the commands live
in one module per group (`run`, `data`, `keys`, `mail`, `tools`, `audit`).
"""

from __future__ import annotations

import argparse

from phananh.cli import audit, common, data, keys, mail, run, tools

__all__ = ["build_parser", "common", "main"]

# The order of `phananh --help`.
_GROUPS = (run, data, tools, audit, keys, mail)


def build_parser() -> argparse.ArgumentParser:
    """The `phananh` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="phananh", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for group in _GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one `phananh` subcommand; its exit status."""
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
