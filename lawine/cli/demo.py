"""`lawine demo`: write (or remove) the labelled synthetic demo workspace."""
from __future__ import annotations

import argparse
from datetime import datetime

from tqdm import tqdm

from lawine import store
from lawine.cli import CommandError
from lawine.config import load_settings
from lawine.demo import demo_manifest, write_demo
from lawine.workspace import DEMO_URL, remove_demo, restore_demo


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="create the demo workspace (synthetic mentions, clearly labelled)",
                       description="Write deterministic synthetic mentions for two fictional brands.")
    p.add_argument("--mentions", type=int, default=50_000, help="number of mentions (default 50,000)")
    p.add_argument("--days", type=int, default=90, help="days of history (default 90)")
    p.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    p.add_argument("--end", help="last moment of the demo, ISO 8601 with zone (default: now)")
    p.add_argument("--database", default=DEMO_URL, help=f"target database URL (default {DEMO_URL})")
    p.add_argument("--remove", action="store_true", help="delete the demo data and stop showing it")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.remove:
        settings = load_settings(args.config)
        print(f"removed demo data: {remove_demo(settings, args.database)}")
        return 0
    end = _parse_end(args.end)
    engine = store.open_store(args.database)
    try:
        existing = store.count_mentions(engine)
        if existing and demo_manifest(engine) is None:
            raise CommandError(f"{args.database} already holds {existing:,} mentions that are not demo data; "
                               "choose another --database")
        with tqdm(total=args.mentions, unit="mention", desc="demo") as bar:
            def progress(done: int, _total: int) -> None:
                bar.update(done - bar.n)

            try:
                manifest = write_demo(engine, args.mentions, args.days, args.seed, end, progress)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
    finally:
        engine.dispose()
    if args.database == DEMO_URL:
        restore_demo(load_settings(args.config))
    names = ", ".join(f"{e['name']} ({e['brand']})" for e in manifest["episodes"])
    print(f"wrote {args.mentions:,} demo mentions over {args.days} days to {args.database}; episodes: {names}")
    return 0


def _parse_end(value: str | None) -> int | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--end {value!r} is not an ISO 8601 time") from None
    if dt.tzinfo is None:
        raise CommandError("--end needs a time zone, e.g. 2026-11-20T12:00:00+00:00")
    return int(dt.timestamp())
