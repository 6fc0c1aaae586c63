"""`phananh smtpd` and `phananh imap-poll`: take in reports by email (docs/channels.md)."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time

from phananh.cli.common import django_setup


def cmd_smtpd(args: argparse.Namespace) -> int:
    """Receive reports by email until interrupted (docs/channels.md)."""
    django_setup()
    from django.conf import settings

    from phananh.channels.smtpd import smtpd_controller

    if not settings.INTAKE_EMAIL:
        print("error: set PHANANH_INTAKE_EMAIL, the address reports are sent to", file=sys.stderr)
        return 2
    controller = smtpd_controller(host=args.host, port=args.port)
    controller.start()
    print(
        f"phananh smtpd: mail for {settings.INTAKE_EMAIL} on "
        f"{controller.hostname}:{controller.port}",
        flush=True,
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    return 0


def cmd_imap_poll(args: argparse.Namespace) -> int:
    """Read the intake mailbox every PHANANH_IMAP_POLL_SECONDS (or once)."""
    django_setup()
    from django.conf import settings

    from phananh.channels.imap import imap_poll_once, mailbox_from_url

    try:
        mailbox_from_url(settings.IMAP_URL)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    log = logging.getLogger("phananh.imap")
    while True:
        try:
            counts = imap_poll_once(settings.IMAP_URL)
            if counts or args.once:
                print(f"phananh imap-poll: {counts or 'nothing new'}", flush=True)
        except Exception:  # a mailbox briefly down must not stop the poller
            log.exception("IMAP poll failed")
            if args.once:
                return 1
        if args.once:
            return 0
        time.sleep(max(5, settings.IMAP_POLL_SECONDS))


def register(sub: argparse._SubParsersAction) -> None:
    """Add smtpd and imap-poll to the `phananh` parser."""
    smtpd = sub.add_parser("smtpd", help="receive reports by email (SMTP, for the intake address)")
    smtpd.add_argument("--host", default=None, help="default PHANANH_SMTPD_HOST")
    smtpd.add_argument("--port", type=int, default=None, help="default PHANANH_SMTPD_PORT")
    smtpd.set_defaults(func=cmd_smtpd)

    imap_poll = sub.add_parser("imap-poll", help="take in reports from PHANANH_IMAP_URL's mailbox")
    imap_poll.add_argument("--once", action="store_true", help="read once and exit")
    imap_poll.set_defaults(func=cmd_imap_poll)
