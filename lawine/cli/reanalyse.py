"""`lawine reanalyse`: re-score every stored mention with the current analysis rules."""
from __future__ import annotations

import argparse

from tqdm import tqdm

from lawine import store
from lawine.config import load_settings
from lawine.reanalyse import reanalyse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reanalyse", help="re-run language, sentiment, intent and routing on the whole store")
    p.add_argument("--database", help="database URL (default: from config/environment)")
    p.add_argument("--batch-size", type=int, default=2000)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.config, database_url=args.database)
    engine = store.open_store(settings.database_url, bulk=True)
    try:
        total = store.count_mentions(engine)
        with tqdm(total=total, unit="mention", desc="reanalyse") as bar:
            written = reanalyse(engine, settings.departments or None, args.batch_size, bar.update)
    finally:
        engine.dispose()
    print(f"re-analysed {written:,} mentions")
    return 0
