"""`phananh apikey create|list|revoke`: integrators' API keys (REST API, Open311)."""

from __future__ import annotations

import argparse
import sys

from phananh.cli.common import django_setup, migrate


def cmd_apikey_create(args: argparse.Namespace) -> int:
    """Create an integrator's key; the key itself is printed alone on the last line (design §8)."""
    django_setup()
    migrate()
    from phananh.accounts.choices import DEFAULT_API_KEY_SCOPES
    from phananh.accounts.models import Agency
    from phananh.accounts.services import apikey_create
    from phananh.core.errors import DomainError

    agency = None
    if args.agency:
        agency = Agency.objects.filter(code=args.agency).first()
        if agency is None:
            print(f"error: no agency with code {args.agency!r}", file=sys.stderr)
            return 2
    try:
        key, raw_key = apikey_create(
            name=args.name, scopes=args.scope or DEFAULT_API_KEY_SCOPES, agency=agency
        )
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    print(f"API key {key.prefix} created: {key.name}")
    print(f"  scopes: {', '.join(key.scopes) or '(none)'}")
    if key.agency:
        print(f"  acts for agency: {key.agency.code}")
    print("  Keep it secret; it is shown only this once.")
    print(raw_key)
    return 0


def cmd_apikey_revoke(args: argparse.Namespace) -> int:
    """Revoke a key by its prefix."""
    django_setup()
    from phananh.accounts.selectors import apikey_get
    from phananh.accounts.services import apikey_revoke

    key = apikey_get(args.prefix)
    if key is None:
        print(f"error: no API key with prefix {args.prefix!r}", file=sys.stderr)
        return 2
    key = apikey_revoke(key=key)
    assert key.revoked_at is not None, "apikey_revoke stamps revoked_at"
    print(f"API key {key.prefix} ({key.name}) revoked at {key.revoked_at.isoformat()}")
    return 0


def cmd_apikey_list(args: argparse.Namespace) -> int:
    """One line per key: prefix, name, scopes, agency, state, last use."""
    django_setup()
    from phananh.accounts.selectors import apikey_list

    for key in apikey_list():
        state = f"revoked {key.revoked_at.isoformat()}" if key.revoked_at else "active"
        used = key.last_used_at.isoformat() if key.last_used_at else "never used"
        agency = key.agency.code if key.agency else "-"
        scopes = ",".join(key.scopes) or "-"
        print(f"{key.prefix}\t{key.name}\t{scopes}\t{agency}\t{state}\t{used}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add apikey to the `phananh` parser."""
    apikey = sub.add_parser("apikey", help="integrators' API keys (REST API, Open311)")
    apikey_sub = apikey.add_subparsers(dest="action", required=True)
    apikey_create = apikey_sub.add_parser(
        "create", help="create a key; prints the key alone on its last line"
    )
    apikey_create.add_argument("name")
    apikey_create.add_argument(
        "--scope",
        action="append",
        help="reports:read, reports:write or updates:write (repeat for several; "
        "default: reports:read and reports:write)",
    )
    apikey_create.add_argument("--agency", help="code of the agency the key acts for")
    apikey_create.set_defaults(func=cmd_apikey_create)
    apikey_revoke = apikey_sub.add_parser("revoke", help="revoke a key by its prefix")
    apikey_revoke.add_argument("prefix")
    apikey_revoke.set_defaults(func=cmd_apikey_revoke)
    apikey_list = apikey_sub.add_parser("list", help="list keys (prefix, name, scopes, state)")
    apikey_list.set_defaults(func=cmd_apikey_list)
