"""The weekly snapshot as an e-mail with the PDF attached, sent once per week and channel."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Optional
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select

from lawine import store
from lawine.alerts import state
from lawine.alerts.channels import DeliveryError, Envelope, deliver
from lawine.alerts.dispatcher import backoff_s, message_id
from lawine.alerts.messages import PREFIX, Attachment, Message
from lawine.config import WEEKDAYS, Settings
from lawine.i18n import day_text, t
from lawine.store import notification_writes as writes
from lawine.store import schema

log = logging.getLogger(__name__)
RULE = "(snapshot)"


class SnapshotMailError(ValueError):
    """The snapshot cannot be mailed as configured (unknown or non-e-mail channel)."""


def week_label(week, settings: Settings, now: datetime) -> str:
    """An ISO week like 2026-W47 for 'last'/'this' or a given week; the dedupe key uses it."""
    local = now.astimezone(ZoneInfo(settings.team.timezone))
    if str(week) in ("last", "previous"):
        local -= timedelta(days=7)
    elif str(week) not in ("this", "current"):
        return str(week)
    year, number, _ = local.isocalendar()
    return f"{year}-W{number:02d}"


def _email_channel(settings: Settings, channel: str):
    cfg = settings.alerts.channels.get(channel)
    if cfg is None:
        raise SnapshotMailError(f"no alert channel named {channel!r} (see [alerts.channels] in lawine.toml)")
    if cfg.type != "email":
        raise SnapshotMailError(f"channel {channel!r} is a {cfg.type} channel; the snapshot needs an email channel")
    return cfg


def send_report_email(engine: Engine, settings: Settings, channel: str, *, key: str, subject: str, text: str,
                      html: Optional[str], attachments: list[Attachment], now: Optional[datetime] = None,
                      recipients: Optional[list[str]] = None) -> Optional[str]:
    """Mail a finished report and log it under `key`; returns None when sent, else the redacted error."""
    cfg = _email_channel(settings, channel)
    now_ts = int((now or datetime.now(timezone.utc)).timestamp())
    message = Message(subject=subject, kind="report", link=settings.alerts.dashboard_url, stored_body=text,
                      html_body=html, attachments=attachments)
    env = Envelope(now_ts=now_ts, recipients=recipients or [], message_id=message_id(channel, key, cfg))
    try:
        deliver(cfg, message, env)
        error = None
    except DeliveryError as exc:
        error = str(exc)
    writes.record(engine, dedupe_key=key, rule=RULE, channel=channel,
                  status=state.SENT if error is None else state.FAILED, subject=subject, body=text, now=now_ts,
                  attempts=_attempts(engine, key, channel) + 1, error=error,
                  sent_ts=now_ts if error is None else None)
    if error:
        log.warning("snapshot mail %s to %s failed: %s", key, channel, error)
    return error


def mail_rendered_snapshot(settings: Settings, channel_name: str, week, html: str, pdf: bytes,
                           engine: Optional[Engine] = None, now: Optional[datetime] = None,
                           force: bool = False, lang: str = "en") -> str:
    """Mail an already rendered snapshot (what `lawine snapshot --email` calls). Returns what happened
    in one line; raises SnapshotMailError (redacted) when the mail could not be sent."""
    _email_channel(settings, channel_name)
    label = getattr(week, "label", str(week))
    key = f"snapshot:{label}"
    own = engine is None
    engine = engine or store.open_store(settings.database_url)
    try:
        if not force and already_sent(engine, key, channel_name):
            return f"{label} was already mailed to {channel_name}; nothing sent"
        # The week's own Monday and Sunday: week.start is that Monday's midnight in UTC, a Sunday east of it.
        period = t("al_snapshot_period", lang, start=day_text(week.monday, lang),
                   end=day_text(week.sunday, lang)) if hasattr(week, "monday") else ""
        text = (t("al_snapshot_text", lang, label=label, period=period) + "\n\n"
                + t("al_snapshot_open", lang, url=settings.alerts.dashboard_url))
        error = send_report_email(
            engine, settings, channel_name, key=key, subject=PREFIX + t("al_snapshot_subject", lang, label=label),
            text=text,
            html=html, now=now, attachments=[Attachment(f"lawine-snapshot-{label}.pdf", pdf, "application/pdf")])
    finally:
        if own:
            engine.dispose()
    if error:
        raise SnapshotMailError(f"mailing {label} to {channel_name} failed: {error}")
    return f"mailed {label} to {channel_name}"


def send_snapshot_email(settings: Settings, week, channel_name: str, engine: Optional[Engine] = None,
                        now: Optional[datetime] = None, force: bool = False, lang: str = "en") -> Optional[str]:
    """Build the weekly snapshot, render HTML and PDF, and mail them once per week and channel
    (unless force). Returns None when sent or already sent, else the redacted error."""
    from lawine.snapshot import build_snapshot, parse_week, reference_now, render_html, render_pdf

    try:
        _email_channel(settings, channel_name)  # cheap check before the expensive rendering
    except SnapshotMailError as exc:
        return str(exc)
    own = engine is None
    engine = engine or store.open_store(settings.database_url)
    try:
        week_now = now or reference_now(engine)  # demo data is frozen at its end, like the dashboard
        resolved = week if not isinstance(week, str) else parse_week(week, settings.team.timezone, week_now)
        if not force and already_sent(engine, f"snapshot:{resolved.label}", channel_name):
            log.info("snapshot %s already mailed to %s", resolved.label, channel_name)
            return None
        snapshot = build_snapshot(engine, settings, resolved, now=week_now)
        html, pdf = render_html(snapshot, lang), render_pdf(snapshot, lang)
        log.info(mail_rendered_snapshot(settings, channel_name, resolved, html, pdf, engine, now, force=True,
                                        lang=lang))
        return None
    except SnapshotMailError as exc:
        return str(exc)
    finally:
        if own:
            engine.dispose()


def already_sent(engine: Engine, key: str, channel: str) -> bool:
    row = state.last_row(engine, key, channel)
    return row is not None and row.status == state.SENT


def _attempts(engine: Engine, key: str, channel: str) -> int:
    N = schema.notifications
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(
            N.c.dedupe_key == writes.stored_key(key), N.c.channel == channel)).scalar_one())


def snapshot_due(engine: Engine, settings: Settings, now: datetime) -> Optional[str]:
    """The week to mail now, if the weekly slot has come, it is not sent yet and no recent try failed."""
    channel = settings.alerts.snapshot_channel
    if not channel:
        return None
    local = now.astimezone(ZoneInfo(settings.team.timezone))
    day = WEEKDAYS.index(settings.alerts.snapshot_day)
    slot = datetime.combine(local.date() - timedelta(days=local.weekday() - day), settings.alerts.snapshot_at,
                            local.tzinfo)
    if local < slot:
        return None
    key = f"snapshot:{week_label('last', settings, slot)}"
    last = state.last_row(engine, key, channel)
    if last is not None and (last.status == state.SENT or
                             last.created_ts + backoff_s(_attempts(engine, key, channel)) > int(now.timestamp())):
        return None
    return "last"
