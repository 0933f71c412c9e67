"""Where each source stands, for the Sources page: plain data, no Streamlit, no secret values."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Mapping, Optional

from sqlalchemy import Engine

from collectors.catalog import CONFIGURED, DOCS, SCHEDULE_META, SPECS, state_of
from lawine.config import Settings
from lawine.i18n import Phrase
from lawine.secrets import get_secret
from lawine.store import get_meta
from lawine.store import sources as q


@dataclass
class SourceStatus:
    name: str
    label: str
    state: str                          # "configured", "missing credentials" or "disabled"
    missing: list[str] = field(default_factory=list)  # env var names still to set (never values)
    reason: str = ""                    # why disabled, or what to set (a Phrase: English, or worded for a page)
    last_run: Optional[dict] = None     # started_at, finished_at, status, fetched, stored, quarantined, message
    last_success_at: Optional[datetime] = None
    items_fetched: int = 0              # in the last run
    items_fetched_24h: int = 0
    quarantined: int = 0                # items set aside, all time
    errors: list[str] = field(default_factory=list)  # recent failure messages, newest first
    next_run: Optional[datetime] = None
    next_run_note: str = ""             # a Phrase, like reason and how_to
    how_to: str = ""
    docs: str = DOCS


def _next_run(spec_scheduled: bool, state: str, schedule: Optional[dict], now: float) -> tuple[Optional[datetime], str]:
    if not spec_scheduled:
        return None, Phrase("src_next_on_demand")
    if state != CONFIGURED:
        return None, Phrase("src_next_unconfigured")
    if not schedule:
        return None, Phrase("src_next_unscheduled")
    every = float(schedule.get("every_s") or 0)
    next_ts = float(schedule.get("next_ts") or 0)
    if schedule.get("running"):
        return datetime.fromtimestamp(next_ts, timezone.utc), Phrase("src_next_running")
    if next_ts + max(every, 60) < now:
        # The collector loop would have updated this by now: it has stopped.
        return None, Phrase("src_next_stopped")
    return datetime.fromtimestamp(next_ts, timezone.utc), Phrase("src_next_every", minutes=every / 60)


def source_statuses(engine: Engine, settings: Settings, now: Optional[float] = None,
                    secret: Callable[[str], Optional[str]] = get_secret,
                    environ: Mapping[str, str] = os.environ) -> list[SourceStatus]:
    """One status per known source, in catalog order."""
    now = time.time() if now is None else now
    runs, ok_runs = q.last_runs(engine), q.last_runs(engine, ok_only=True)
    quarantined = q.quarantine_counts(engine)
    fetched_24h = q.fetched_totals(engine, since_ts=int(now - 86400))
    schedule = get_meta(engine, SCHEDULE_META)
    out = []
    for spec in SPECS.values():
        state, missing, reason = state_of(spec, settings, secret, environ)
        last = runs.get(spec.name)
        next_run, note = _next_run(spec.scheduled, state, schedule, now)
        out.append(SourceStatus(
            name=spec.name, label=spec.label, state=state, missing=missing, reason=reason, last_run=last,
            last_success_at=(ok_runs.get(spec.name) or {}).get("finished_at"),
            items_fetched=int(last["fetched"]) if last else 0,
            items_fetched_24h=fetched_24h.get(spec.name, 0), quarantined=quarantined.get(spec.name, 0),
            errors=[r["message"] for r in q.recent_errors(engine, spec.name) if r.get("message")],
            next_run=next_run, next_run_note=note, how_to=spec.how_to))
    return out


def source_status(engine: Engine, settings: Settings, name: str, **kwargs) -> SourceStatus:
    for status in source_statuses(engine, settings, **kwargs):
        if status.name == name:
            return status
    raise KeyError(f"unknown source {name!r}; known: {', '.join(SPECS)}")
