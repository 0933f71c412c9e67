"""`lawine report response-times`: first-response statistics per brand, channel or week as JSON or CSV."""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.engine import make_url

from lawine import store
from lawine.cli import CommandError
from lawine.config import load_settings
from lawine.queries import Filters

REPORT_KEYS = ("answered", "median_first_response_s", "p90_first_response_s", "unanswered", "sla_met_share")
GROUP_BY = ("brand", "channel", "week")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="print reports from the store (JSON or CSV)",
                       description="Print reports computed from the store to stdout.")
    reports = p.add_subparsers(dest="report", metavar="REPORT", required=True)
    rt = reports.add_parser(
        "response-times", help="first-response times and SLA per brand, channel or week",
        description="Per group: answered posts, median and p90 first-response seconds, unanswered posts "
                    "that need a reply, and the share of answered posts that met the SLA (business hours "
                    "or wall-clock, as configured in [sla]). Posts count by the day they were written; "
                    "days and weeks are in the team time zone.")
    rt.add_argument("--group-by", choices=GROUP_BY, default="brand", help="grouping (default brand); "
                    "a week is named by its Monday")
    rt.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default json)")
    rt.add_argument("--since", help="first day, YYYY-MM-DD (team time zone; default: all data)")
    rt.add_argument("--until", help="last day, inclusive, YYYY-MM-DD (default: all data)")
    rt.add_argument("--database", help="database URL (default: from the config)")
    rt.set_defaults(func=run)


def _day(value: str | None, flag: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{flag} {value!r} is not a date like 2026-11-20") from None


def window(since: str | None, until: str | None, tz: str) -> tuple[datetime | None, datetime | None]:
    """Local midnight of --since up to local midnight after --until (the last day counts fully)."""
    zone = ZoneInfo(tz)
    first, last = _day(since, "--since"), _day(until, "--until")
    if first and last and last < first:
        raise CommandError(f"--until {last} is before --since {first}")
    start = datetime.combine(first, time(0), zone) if first else None
    end = datetime.combine(last + timedelta(days=1), time(0), zone) if last else None
    return start, end


def _check_database(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
            and not Path(parsed.database).exists():
        raise CommandError(f"database file {parsed.database} does not exist (check --database)")


def rows(df, key: str) -> list[dict]:
    """Plain JSON-able dicts: ints stay ints, missing values become None."""
    out = []
    for rec in df[[key, *REPORT_KEYS]].to_dict("records"):
        clean = {}
        for k, v in rec.items():
            if v is None or (isinstance(v, float) and math.isnan(v)):
                clean[k] = None
            elif k in ("answered", "unanswered", "median_first_response_s", "p90_first_response_s"):
                clean[k] = int(v)
            elif k == "sla_met_share":
                clean[k] = float(v)
            else:
                clean[k] = str(v)
        out.append(clean)
    return out


def run(args: argparse.Namespace) -> int:
    from lawine.response_times import SlaPolicy, first_response_stats

    settings = load_settings(args.config, database_url=args.database)
    _check_database(settings.database_url)
    start, end = window(args.since, args.until, settings.team.timezone)
    engine = store.open_store(settings.database_url)
    try:
        df = first_response_stats(engine, Filters(start=start, end=end), SlaPolicy.from_settings(settings),
                                  args.group_by, settings.team.timezone)
    finally:
        engine.dispose()
    records = rows(df, args.group_by)
    if args.format == "json":
        json.dump(records, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=[args.group_by, *REPORT_KEYS], lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    return 0
