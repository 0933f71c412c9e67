"""`lawine detect`: find spikes and avalanches in the store and save them as events."""
from __future__ import annotations

import argparse

from lawine import store
from lawine.config import load_settings
from lawine.detect import run_detection


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("detect", help="detect volume spikes and sentiment avalanches, store them as events")
    p.add_argument("--database", help="database URL (default: from config/environment)")
    p.add_argument("--days", type=int, default=30, help="days of history to scan (default 30)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.config, database_url=args.database)
    engine = store.open_store(settings.database_url)
    try:
        found = run_detection(engine, days=args.days, settings=settings)
    finally:
        engine.dispose()
    print(f"events: {found['spikes']} spikes, {found['avalanches']} avalanches")
    return 0
