"""One alerts run: retry due failures, send new alerts once per channel, honour cooldowns and quiet hours."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import groupby
from typing import Optional
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from lawine.alerts import messages, quiet, state
from lawine.alerts.channels import DeliveryError, Envelope, deliver
from lawine.alerts.messages import Message
from lawine.alerts.rules import EVENT_TYPES, Alert, find_alerts, matches
from lawine.config import AlertChannel, AlertRule, Settings
from lawine.store import notification_writes as writes

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BACKOFF_BASE_S = 60
BACKOFF_MAX_S = 6 * 3600
TEST_RULE = "(test)"


def backoff_s(attempts: int) -> int:
    """Wait before try number attempts+1: 1, 2, 4, ... minutes, at most six hours."""
    return min(BACKOFF_BASE_S * 2 ** max(0, attempts - 1), BACKOFF_MAX_S)


@dataclass
class RunReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    suppressed: int = 0
    queued: int = 0
    digests: int = 0
    skipped: bool = False  # another run held the lock

    def line(self) -> str:
        if self.skipped:
            return "alerts: another run is in progress; skipped"
        return (f"alerts: sent {self.sent}, retrying {self.retrying}, failed {self.failed}, "
                f"suppressed {self.suppressed}, held for digest {self.queued}, digests {self.digests}")


@dataclass
class _Run:
    engine: Engine
    settings: Settings
    now_ts: int
    report: RunReport

    @property
    def local(self) -> datetime:
        return datetime.fromtimestamp(self.now_ts, timezone.utc).astimezone(ZoneInfo(self.settings.team.timezone))


def run_once(engine: Engine, settings: Settings, now: Optional[datetime] = None) -> RunReport:
    """Everything one `lawine alerts run` does; failures are logged and recorded, never raised."""
    now_ts = int((now or datetime.now(timezone.utc)).timestamp())
    token = writes.try_lock(engine, now_ts)
    if token is None:
        return RunReport(skipped=True)
    run = _Run(engine, settings, now_ts, RunReport())
    try:
        _retry_due(run)
        # Worded once per language the rules ask for; the keys (what was sent) are the same in all.
        worded = {lang: find_alerts(engine, settings, now_ts, lang) for lang in {r.lang for r in settings.alerts.rules}}
        for rule in settings.alerts.rules:
            matched = [a for a in worded[rule.lang] if matches(rule, a)]
            for channel in rule.channels:
                try:
                    _dispatch(run, rule, channel, matched)
                except Exception:  # noqa: BLE001 - one broken rule must not silence the others
                    log.exception("alerts: rule %r on channel %r failed", rule.name, channel)
        _flush_digests(run)
    finally:
        writes.release_lock(engine, token)
    return run.report


# --- sending and recording ------------------------------------------------------------

def message_id(channel: str, key: str, cfg: AlertChannel) -> str:
    """Stable per (channel, key): retries keep it and updates can point at it with In-Reply-To."""
    domain = (cfg.from_addr or "lawine.local").rpartition("@")[2] or "lawine.local"
    return f"<{hashlib.sha256(f'{channel}|{key}'.encode()).hexdigest()[:32]}@{domain}>"


def _attempt(run: _Run, rule: Optional[AlertRule], channel: str, message: Message, key: str,
             thread: Optional[str] = None, reply_subject: Optional[str] = None) -> Optional[str]:
    """Try one delivery; returns None on success or the (redacted) error."""
    cfg = run.settings.alerts.channels.get(channel)
    if cfg is None:
        return f"channel {channel!r} is no longer configured"
    if rule is not None and rule.deliver_to and cfg.type != "email":
        message.notify = list(rule.deliver_to)
    env = Envelope(now_ts=run.now_ts, recipients=list(rule.deliver_to) if rule and cfg.type == "email" else [],
                   message_id=message_id(channel, key, cfg), thread=thread, reply_subject=reply_subject,
                   in_reply_to=message_id(channel, thread, cfg) if thread else None)
    try:
        deliver(cfg, message, env)
    except DeliveryError as exc:
        return str(exc)
    return None


def _send_new(run: _Run, rule: AlertRule, channel: str, message: Message, key: str,
              members: list[Alert] = (), thread: Optional[str] = None, reply_subject: Optional[str] = None) -> None:
    """Deliver a new message and log it; `members` are the alerts it carries (logged as grouped)."""
    error = _attempt(run, rule, channel, message, key, thread, reply_subject)
    ok = error is None
    writes.record(run.engine, dedupe_key=key, rule=rule.name, channel=channel,
                  status=state.SENT if ok else state.RETRYING, subject=message.subject, body=message.text(),
                  now=run.now_ts, attempts=1, error=error, sent_ts=run.now_ts if ok else None,
                  next_try_ts=None if ok else run.now_ts + backoff_s(1))
    if members:
        single = len(members) == 1 and members[0].key == key  # its own row is the one just written
        writes.record_many(run.engine, _rows(run, rule, channel, members, state.GROUPED, None, own_row=not single))
    if ok:
        run.report.sent += 1
        log.info("alerts: sent %s to %s", key, channel)
    else:
        run.report.retrying += 1
        log.warning("alerts: %s to %s failed, will retry: %s", key, channel, error)


def _rows(run: _Run, rule: AlertRule, channel: str, alerts: list[Alert], status: str, note: Optional[str],
          next_try_ts: Optional[int] = None, own_row: bool = True) -> list[dict]:
    """Log rows for alerts that were grouped, suppressed or held, plus the update keys they cover."""
    rows = []
    for alert in alerts:
        msg = messages.for_alert(alert, rule.lang)
        base = {"rule": rule.name, "channel": channel, "attempts": 0, "subject": msg.subject, "body": msg.text(),
                "created_ts": run.now_ts, "next_try_ts": None, "sent_ts": None}
        if own_row:
            rows.append({**base, "dedupe_key": alert.key, "status": status, "error": note,
                         "next_try_ts": next_try_ts, "sent_ts": run.now_ts if status == state.GROUPED else None})
        rows += [{**base, "dedupe_key": k, "status": state.GROUPED, "error": f"covered by {alert.key}"}
                 for k in alert.covers]
    return rows


# --- new alerts -----------------------------------------------------------------------

def _fresh(run: _Run, channel: str, alerts: list[Alert]) -> tuple[list[Alert], dict]:
    """Alerts this channel has not heard of; updates only once their first alert went out."""
    known = state.known(run.engine, channel, [a.key for a in alerts] + [a.thread_key for a in alerts if a.thread_key])
    fresh = []
    for a in alerts:
        if a.key in known:
            continue
        if a.thread_key:
            base = known.get(a.thread_key)
            if base is None or base.status not in state.DELIVERED:
                continue  # the first message has not gone out (yet): nothing to update
        fresh.append(a)
    return fresh, known


def _dispatch(run: _Run, rule: AlertRule, channel: str, alerts: list[Alert]) -> None:
    fresh, known = _fresh(run, channel, alerts)
    if not fresh:
        return
    if quiet.in_quiet(rule, run.local):
        due = int(quiet.digest_due(rule, run.local).timestamp())
        writes.record_many(run.engine, _rows(run, rule, channel, fresh, state.QUEUED, None, due))
        run.report.queued += len(fresh)
        return
    for a in (a for a in fresh if a.is_update):
        base = known[a.thread_key]
        _send_new(run, rule, channel, messages.for_alert(a, rule.lang), a.key, thread=a.thread_key,
                  reply_subject="Re: " + base.subject)
    news = sorted((a for a in fresh if not a.is_update), key=lambda a: a.type)
    for type_, group in groupby(news, key=lambda a: a.type):
        _send_type(run, rule, channel, type_, list(group))


def _send_type(run: _Run, rule: AlertRule, channel: str, type_: str, alerts: list[Alert]) -> None:
    """Events go one by one (so updates can thread); mention alerts found together go as one bundle."""
    batches = [[a] for a in alerts] if type_ in EVENT_TYPES or len(alerts) == 1 else [alerts]
    for batch in batches:
        since = run.now_ts - rule.cooldown_minutes * 60
        if rule.cooldown_minutes and state.in_cooldown(run.engine, rule.name, channel, type_, since):
            note = f"cooldown: rule already alerted this channel about {type_} within {rule.cooldown_minutes} min"
            writes.record_many(run.engine, _rows(run, rule, channel, batch, state.SUPPRESSED, note))
            run.report.suppressed += len(batch)
        elif len(batch) == 1:
            _send_new(run, rule, channel, messages.for_alert(batch[0], rule.lang), batch[0].key, members=batch)
        else:
            key = f"bundle:{type_}:{batch[0].key}"
            _send_new(run, rule, channel, messages.for_bundle(batch, rule.lang), key, members=batch)


# --- digests and retries ------------------------------------------------------------------

def _flush_digests(run: _Run) -> None:
    """After quiet hours: everything held for a rule and channel goes out as one digest."""
    for rule in run.settings.alerts.rules:
        if quiet.in_quiet(rule, run.local):
            continue
        for channel in rule.channels:
            rows = state.queued(run.engine, rule.name, channel, run.now_ts)
            if not rows:
                continue
            link = run.settings.alerts.dashboard_url
            message = messages.for_digest(rule.name, [(r.subject, r.body) for r in rows], link, rule.lang)
            key = f"digest:{rule.name}:{run.local.date().isoformat()}:{rows[0].id}"
            _send_new(run, rule, channel, message, key)
            writes.mark_grouped(run.engine, [r.id for r in rows], run.now_ts)
            run.report.digests += 1


def _retry_due(run: _Run) -> None:
    rules = {r.name: r for r in run.settings.alerts.rules}
    for row in state.due_retries(run.engine, run.now_ts):
        thread = row.dedupe_key.split("#")[0] if "#" in row.dedupe_key else None
        base = state.last_row(run.engine, thread, row.channel) if thread else None
        reply = "Re: " + base.subject if base is not None else None
        kind = "digest" if row.dedupe_key.startswith("digest:") else ("update" if thread else "alert")
        rule = rules.get(row.rule)
        message = messages.stored(row.subject, row.body, kind, rule.lang if rule else "en")
        error = _attempt(run, rule, row.channel, message, row.dedupe_key, thread, reply)
        attempts = row.attempts + 1
        if error is None:
            status, next_try = state.SENT, None
            run.report.sent += 1
        elif attempts >= MAX_ATTEMPTS or row.channel not in run.settings.alerts.channels:
            status, next_try = state.FAILED, None
            run.report.failed += 1
        else:
            status, next_try = state.RETRYING, run.now_ts + backoff_s(attempts)
            run.report.retrying += 1
        writes.set_outcome(run.engine, row.id, status=status, attempts=attempts, error=error,
                           sent_ts=run.now_ts if error is None else None, next_try_ts=next_try)
        log.log(logging.INFO if error is None else logging.WARNING, "alerts: retry %d of %s to %s: %s",
                attempts, row.dedupe_key, row.channel, error or "sent")


# --- test messages ------------------------------------------------------------------------

def send_test(engine: Engine, settings: Settings, channel: str, now: Optional[datetime] = None,
              lang: str = "en") -> Optional[str]:
    """Send a test message to one channel (in `lang`) and log it; returns None on success or the redacted error."""
    if channel not in settings.alerts.channels:
        raise KeyError(channel)
    run = _Run(engine, settings, int((now or datetime.now(timezone.utc)).timestamp()), RunReport())
    message = messages.probe_message(channel, settings.alerts.dashboard_url, lang)
    key = f"test:{channel}:{run.now_ts}"
    error = _attempt(run, None, channel, message, key)
    writes.record(engine, dedupe_key=key, rule=TEST_RULE, channel=channel,
                  status=state.SENT if error is None else state.FAILED, subject=message.subject,
                  body=message.text(), now=run.now_ts, attempts=1, error=error,
                  sent_ts=run.now_ts if error is None else None)
    return error
