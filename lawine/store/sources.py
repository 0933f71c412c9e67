"""Read queries for the Sources page: runs per source, quarantine counts, recent errors."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import Engine, func, select

from lawine.store import schema

R = schema.source_runs
Q = schema.quarantine
OK_STATUSES = ("ok", "partial")


def _dt(ts: Optional[int]) -> Optional[datetime]:
    return None if ts is None else datetime.fromtimestamp(int(ts), tz=timezone.utc)


def _run(row) -> dict:
    data = dict(row._mapping)
    data["started_at"] = _dt(data.pop("started_ts"))
    data["finished_at"] = _dt(data.pop("finished_ts"))
    return data


def last_runs(engine: Engine, ok_only: bool = False) -> dict[str, dict]:
    """The latest run of every source that has run (only successful ones with ok_only)."""
    where = [R.c.status.in_(OK_STATUSES)] if ok_only else []
    latest = select(R.c.source, func.max(R.c.id).label("id")).where(*where).group_by(R.c.source).subquery()
    q = select(R).join(latest, R.c.id == latest.c.id)
    with engine.connect() as conn:
        return {row.source: _run(row) for row in conn.execute(q)}


def run_history(engine: Engine, source: str, limit: int = 20) -> list[dict]:
    q = select(R).where(R.c.source == source).order_by(R.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        return [_run(row) for row in conn.execute(q)]


def recent_errors(engine: Engine, source: Optional[str] = None, limit: int = 5) -> list[dict]:
    """Latest failed or partial runs, newest first, with their (already redacted) messages."""
    q = select(R).where(R.c.status != "ok", R.c.status != "running", R.c.message.is_not(None))
    if source:
        q = q.where(R.c.source == source)
    with engine.connect() as conn:
        return [_run(row) for row in conn.execute(q.order_by(R.c.id.desc()).limit(limit))]


def quarantine_counts(engine: Engine) -> dict[str, int]:
    q = select(Q.c.source, func.count()).group_by(Q.c.source)
    with engine.connect() as conn:
        return {source: int(n) for source, n in conn.execute(q)}


def quarantined(engine: Engine, source: Optional[str] = None, limit: int = 50) -> list[dict]:
    """Set-aside items, newest first, for someone to inspect."""
    q = select(Q)
    if source:
        q = q.where(Q.c.source == source)
    with engine.connect() as conn:
        rows = conn.execute(q.order_by(Q.c.id.desc()).limit(limit)).fetchall()
    out = []
    for row in rows:
        data = dict(row._mapping)
        data["at"] = _dt(data.pop("at_ts"))
        out.append(data)
    return out


def fetched_totals(engine: Engine, since_ts: int = 0) -> dict[str, int]:
    """Items fetched per source over all runs since `since_ts`."""
    q = select(R.c.source, func.coalesce(func.sum(R.c.fetched), 0)).where(R.c.started_ts >= since_ts)
    with engine.connect() as conn:
        return {source: int(n) for source, n in conn.execute(q.group_by(R.c.source))}


def is_quarantined(engine: Engine, source: str, ref: Optional[str], error: str) -> bool:
    """True when this item was already set aside for the same reason (reruns must not pile up copies)."""
    if ref is None:
        return False
    q = select(Q.c.id).where(Q.c.source == source, Q.c.ref == ref, Q.c.error == error[:2000]).limit(1)
    with engine.connect() as conn:
        return conn.execute(q).first() is not None


def close_abandoned_runs(engine: Engine, source: str) -> int:
    """Mark runs of `source` still 'running' as 'interrupted' (the process died, e.g. kill -9), so the
    Sources page does not show them as running forever. Called when a new run of the source starts."""
    import time

    from sqlalchemy import update

    with engine.begin() as conn:
        result = conn.execute(update(R).where(R.c.source == source, R.c.status == "running").values(
            status="interrupted", finished_ts=int(time.time()),
            message="did not finish: the collector process ended before the run was recorded"))
    return result.rowcount or 0
