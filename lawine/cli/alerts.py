"""`lawine alerts run|test`: send due alerts (once or on a schedule) and test a channel."""
from __future__ import annotations

import argparse
import logging
import re
import signal
import threading
import time
from typing import Optional

from lawine import store
from lawine.cli import CommandError
from lawine.config import load_settings

log = logging.getLogger(__name__)
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNITS = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> int:
    """'30s', '1m', '5m', '1h' (a bare number means minutes) to seconds."""
    match = _DURATION.match(value or "")
    if not match or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a duration like 30s, 1m, 5m or 1h")
    return int(match.group(1)) * _UNITS[match.group(2)]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("alerts", help="send alerts (spikes, SLA breaches, ...) to Slack/Teams/webhooks/e-mail",
                       description="Find new alerts in the store and deliver them per [[alerts.rules]] in lawine.toml.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    run_p = actions.add_parser("run", help="send due alerts once, or every --every")
    run_p.add_argument("--every", type=parse_every, metavar="DURATION",
                       help="keep running and check every DURATION (e.g. 1m); default: once")
    run_p.add_argument("--database", help="database URL (default: from lawine.toml / LAWINE_DATABASE_URL)")
    run_p.set_defaults(func=run)
    test_p = actions.add_parser("test", help="send a test message to one channel")
    test_p.add_argument("channel", metavar="CHANNEL", help="a channel name from [alerts.channels]")
    test_p.add_argument("--database", help="database URL for the notification log")
    test_p.set_defaults(func=test)


def run(args: argparse.Namespace) -> int:
    from lawine.alerts import run_once

    settings = load_settings(args.config, args.database)
    if not settings.alerts.rules:
        print("alerts: no [[alerts.rules]] configured; nothing to do (see docs/alerts.md)")
    engine = store.open_store(settings.database_url)
    stop = stop_event()
    try:
        while True:
            started = time.monotonic()
            print(run_once(engine, settings).line(), flush=True)
            if not args.every or stop.wait(max(0.0, args.every - (time.monotonic() - started))):
                return 0
    finally:
        engine.dispose()


def test(args: argparse.Namespace) -> int:
    from lawine.alerts import send_test

    settings = load_settings(args.config, args.database)
    if args.channel not in settings.alerts.channels:
        known = ", ".join(sorted(settings.alerts.channels)) or "none configured"
        raise CommandError(f"no channel named {args.channel!r} (known: {known})")
    engine = store.open_store(settings.database_url)
    try:
        error = send_test(engine, settings, args.channel)
    finally:
        engine.dispose()
    kind = settings.alerts.channels[args.channel].type
    if error:
        print(f"alerts: test message to {args.channel} ({kind}) failed: {error}")
        return 1
    print(f"alerts: test message sent to {args.channel} ({kind})")
    return 0


def stop_event(signals: Optional[tuple] = None) -> threading.Event:
    """An event set by SIGTERM/SIGINT, so loops finish their step and exit cleanly."""
    stop = threading.Event()

    def handler(signum, _frame) -> None:
        log.info("received signal %s; stopping after the current step", signum)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        for sig in signals or (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, handler)
    return stop
