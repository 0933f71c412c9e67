"""`lawine snapshot`: write the executives' weekly snapshot as PDF or HTML."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lawine import store
from lawine.cli import CommandError
from lawine.config import load_settings
from lawine.i18n import LANGUAGES
from lawine.queries import Filters


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("snapshot", help="write the weekly snapshot (PDF or HTML) for an ISO week",
                       description="Build the weekly snapshot from the store and write it as PDF or HTML. "
                                   "Progress goes to stderr.")
    p.add_argument("--week", default="last",
                   help="ISO week like 2026-W47, 'last' (last complete week, default) or 'this'")
    p.add_argument("--format", choices=("pdf", "html"),
                   help="output format (default: from the --output suffix, else pdf)")
    p.add_argument("--output", "-o", help="file to write (optional with --email)")
    p.add_argument("--database", help="database URL (default: from the config)")
    p.add_argument("--lang", choices=list(LANGUAGES),
                   help="report language (default: [alerts] snapshot_lang in lawine.toml, else en)")
    p.add_argument("--brand", action="append", default=[], help="only this brand (repeatable)")
    p.add_argument("--no-charts", action="store_true",
                   help="HTML without charts: no browser needed, for mail clients that block images")
    p.add_argument("--email", metavar="CHANNEL", nargs="?", const="",
                   help="also mail the PDF via this email channel from [alerts.channels] "
                        "(default: [alerts] snapshot_channel)")
    p.add_argument("--resend", action="store_true", help="with --email: send even if this week was already mailed")
    p.set_defaults(func=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    return "html" if args.output and Path(args.output).suffix.lower() in (".html", ".htm") else "pdf"


def run(args: argparse.Namespace) -> int:
    from lawine.snapshot import WeekError, build_snapshot, parse_week, reference_now
    from lawine.snapshot.render import RenderError, html_to_pdf, render_html

    def say(message: str) -> None:
        print(f"snapshot: {message}", file=sys.stderr, flush=True)

    settings = load_settings(args.config, database_url=args.database)
    lang = args.lang or settings.alerts.snapshot_lang  # argument, then the config file
    if not args.output and args.email is None:
        raise CommandError("give --output FILE, --email, or both")
    channel = args.email or (settings.alerts.snapshot_channel if args.email is not None else None)
    if args.email is not None and not channel:
        raise CommandError("--email needs a channel name, or [alerts] snapshot_channel in lawine.toml")
    fmt = _format(args)
    out = Path(args.output) if args.output else None
    if out and not out.parent.exists():
        raise CommandError(f"folder {out.parent} does not exist")
    started = time.monotonic()
    engine = store.open_store(settings.database_url)
    try:
        now = reference_now(engine)
        try:
            week = parse_week(args.week, settings.team.timezone, now)
        except WeekError as exc:
            raise CommandError(str(exc)) from None
        say(f"building {week.label} (Monday {week.monday:%Y-%m-%d}, 7 days, {week.tz})")
        snap = build_snapshot(engine, settings, week, Filters(brands=tuple(args.brand)), now, progress=say)
    finally:
        engine.dispose()
    if not snap.has_data:
        say(f"warning: no mentions in {week.label}; the report says so")
    say("rendering HTML" + ("" if args.no_charts else " and charts"))
    try:
        html = render_html(snap, lang, charts=not args.no_charts)
        data = html.encode("utf-8") if fmt == "html" else _pdf(html, say, html_to_pdf)
    except RenderError as exc:
        raise CommandError(str(exc)) from None
    if out:
        out.write_bytes(data)
        say(f"wrote {out} ({len(data) / 1024:,.0f} KiB) in {time.monotonic() - started:.1f} s")
    if channel:
        from lawine.alerts.snapshot_mail import SnapshotMailError, mail_rendered_snapshot

        try:
            pdf = data if fmt == "pdf" else _pdf(html, say, html_to_pdf)
            say(mail_rendered_snapshot(settings, channel, week, html, pdf, force=args.resend, lang=lang))
        except (SnapshotMailError, RenderError) as exc:
            raise CommandError(str(exc)) from None
    return 0


def _pdf(html: str, say, html_to_pdf) -> bytes:
    say("printing PDF with headless Chromium")
    return html_to_pdf(html)
