"""`lawine import FORMAT FILE`: mentions from CSV/JSONL exports of other tools, or the TWCS dataset."""
from __future__ import annotations

import argparse
import logging
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lawine.cli import CommandError
from lawine.config import load_settings

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import mentions from a CSV/JSONL export or a TWCS file",
                       description="Import mentions from a file. csv/jsonl: map columns with the options "
                                   "below. twcs: the Customer Support on Twitter format; its non-inbound "
                                   "authors are own accounts, each its own brand. Re-importing adds no "
                                   "duplicates; malformed rows are quarantined.")
    p.add_argument("format", choices=("csv", "jsonl", "twcs"))
    p.add_argument("file")
    p.add_argument("--brand", help="brand of every row (default: matched from lawine.toml keywords; "
                                   "twcs: only for rows whose company cannot be told)")
    p.add_argument("--channel", help="channel name to store (default: 'import', twcs: 'x')")
    p.add_argument("--text-column", default="text")
    p.add_argument("--time-column", default="created_at", help="ISO 8601, epoch seconds or Twitter's format")
    p.add_argument("--id-column", default="id", help="stable row id (missing: a hash of time, author, text)")
    p.add_argument("--author-column", default="author")
    p.add_argument("--parent-column", help="id of the row this one answers (makes it a reply)")
    p.add_argument("--url-column")
    p.add_argument("--timezone", default="UTC", help="zone of timestamps written without one (default UTC)")
    p.add_argument("--database", help="database URL (default: LAWINE_DATABASE_URL or lawine.toml)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from collectors.base import Context
    from collectors.errors import SourceError
    from collectors.http import RetryPolicy
    from collectors.importers import FileImport, ImportOptions
    from collectors.runner import run_collector
    from lawine.store import open_store

    try:
        ZoneInfo(args.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise CommandError(f"--timezone {args.timezone!r}: not an IANA zone name like 'Europe/Berlin'") from None
    settings = load_settings(args.config, database_url=args.database)
    if args.brand and settings.brands and not settings.brand(args.brand):
        log.warning("brand %r is not in lawine.toml; importing under that name anyway", args.brand)
    options = ImportOptions(brand=args.brand, channel=args.channel, text_column=args.text_column,
                            time_column=args.time_column, id_column=args.id_column,
                            author_column=args.author_column, parent_column=args.parent_column,
                            url_column=args.url_column, timezone=args.timezone)
    engine = open_store(settings.database_url, bulk=True)
    try:
        ctx = Context(engine, settings, "import", policy=RetryPolicy())
        try:
            collector = FileImport(ctx, args.format, args.file, options)
        except SourceError as exc:
            raise CommandError(str(exc)) from None
        summary = run_collector(collector, ctx, progress=not args.no_progress)
    finally:
        engine.dispose()
    print(summary.line())
    if summary.failed:
        raise CommandError(summary.message)
    return 0
