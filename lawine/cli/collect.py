"""`lawine collect`: gather brand mentions and our own replies from every configured source."""
from __future__ import annotations

import argparse
import re
import sys

from lawine.cli import CommandError
from lawine.config import load_settings


def parse_duration(text: str) -> float:
    """'30s', '5m', '1h', '1.5h' or a bare number of minutes -> seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text or "")
    if not match:
        raise CommandError(f"--every {text!r}: use e.g. 30s, 5m or 1h")
    value = float(match.group(1)) * {"s": 1, "m": 60, "h": 3600, "": 60}[match.group(2)]
    if value < 10:
        raise CommandError("--every: at least 10s, to stay well inside the APIs' rate limits")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    from collectors.catalog import SPECS

    names = [s.name for s in SPECS.values() if s.scheduled]
    p = sub.add_parser("collect", help="gather mentions and our replies from the configured sources",
                       description="Collect from every configured source (or those named with --source). "
                                   "Sources without credentials are skipped and say which env vars to set; "
                                   "a failing source never stops the others.")
    p.add_argument("--source", action="append", choices=names, metavar="NAME",
                   help=f"only this source; repeatable ({', '.join(names)})")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--once", action="store_true", help="one round, then exit (the default)")
    when.add_argument("--every", nargs="?", const="", metavar="DURATION",
                      help="repeat every DURATION, e.g. 5m (default: collect_every_minutes from lawine.toml)")
    p.add_argument("--database", help="database URL (default: LAWINE_DATABASE_URL or lawine.toml)")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.set_defaults(func=run)


def print_summaries(summaries) -> None:
    for s in summaries:
        print(s.line())
    sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    from collectors.catalog import CONFIGURED, SPECS, state_of
    from collectors.runner import detect_after, run_all, run_every
    from lawine.store import open_store

    settings = load_settings(args.config, database_url=args.database)
    if args.source:
        unusable = [(n, state_of(SPECS[n], settings)) for n in args.source]
        unusable = [f"{n}: {state} ({reason})" for n, (state, _m, reason) in unusable if state != CONFIGURED]
        if unusable:
            raise CommandError("; ".join(unusable))
    engine = open_store(settings.database_url)
    try:
        if args.every is not None:
            every = parse_duration(args.every) if args.every else settings.collect_every_minutes * 60.0
            print(f"collecting every {every:g}s; Ctrl-C stops", file=sys.stderr)
            run_every(engine, settings, every, args.source, report=print_summaries,
                      progress=not args.no_progress)
            return 0
        summaries = run_all(engine, settings, args.source, progress=not args.no_progress)
        print_summaries(summaries)
        found = detect_after(engine, summaries, settings=settings)
        if found:
            print(f"events: {found['spikes']} spikes, {found['avalanches']} avalanches")
    finally:
        engine.dispose()
    attempted = [s for s in summaries if s.status not in ("disabled", "missing credentials")]
    return 1 if attempted and all(s.failed for s in attempted) else 0
