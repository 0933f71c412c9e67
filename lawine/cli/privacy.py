"""`lawine forget-author HANDLE` (GDPR erasure) and `lawine retention` (delete old mentions)."""
from __future__ import annotations

import argparse

from lawine import store
from lawine.config import load_settings
from lawine.erasure import apply_retention, forget_author


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forget-author", help="erase an author's posts and personal data everywhere (GDPR)")
    p.add_argument("handle", help="the author's handle as it appears on the network, e.g. @jane or jane")
    p.add_argument("--database", help="database URL (default: from config/environment)")
    p.set_defaults(func=run_forget)
    r = sub.add_parser("retention", help="delete mentions older than [privacy] retention_days")
    r.add_argument("--days", type=int, help="override retention_days for this run")
    r.add_argument("--database", help="database URL (default: from config/environment)")
    r.set_defaults(func=run_retention)


def run_forget(args: argparse.Namespace) -> int:
    settings = load_settings(args.config, database_url=args.database)
    engine = store.open_store(settings.database_url)
    try:
        done = forget_author(engine, args.handle)
    finally:
        engine.dispose()
    # The handle is personal data too: say what was done, not whose.
    print(f"erased {done.mentions} mentions; scrubbed {done.events_scrubbed} events, "
          f"{done.notifications_redacted} notifications, {done.quarantined_removed} quarantined items")
    return 0


def run_retention(args: argparse.Namespace) -> int:
    settings = load_settings(args.config, database_url=args.database)
    days = args.days if args.days is not None else settings.privacy.retention_days
    engine = store.open_store(settings.database_url)
    try:
        n = apply_retention(engine, days)
    finally:
        engine.dispose()
    print(f"deleted {n} mentions older than {days} days" if days else "retention is off (retention_days = 0)")
    return 0
