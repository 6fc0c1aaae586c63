"""`phananh audit verify`: recompute every hash chain of the timeline from the database."""

from __future__ import annotations

import argparse
import sys

from phananh.cli.common import django_setup


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """Exit 0 when every chain and published head matches; else name the first fault, exit 1."""
    django_setup()
    from phananh.transparency.selectors import chain_verify

    fault = chain_verify()
    if fault is not None:
        print(f"MISMATCH: {fault}", file=sys.stderr)
        print(f"first failing event: {fault.event_id if fault.event_id else '-'}")
        return 1
    print("OK: every event, every report's chain, the city's chain and the published heads match")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    audit = sub.add_parser("audit", help="check the public timeline's hash chains")
    actions = audit.add_subparsers(dest="audit_command", required=True)
    verify = actions.add_parser("verify", help=cmd_audit_verify.__doc__)
    verify.set_defaults(func=cmd_audit_verify)
