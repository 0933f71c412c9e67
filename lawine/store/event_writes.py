"""Writes of detected events; re-detection updates an event in place instead of adding a twin."""
from __future__ import annotations

import json
import time

from sqlalchemy import Connection, Engine, update

from lawine.store import schema
from lawine.store.writer import _insert_for

E = schema.events


def upsert_events(engine: Engine, events: list[dict]) -> int:
    """Insert or refresh events keyed by id; a status a person set (acknowledged...) is kept."""
    if not events:
        return 0
    now = int(time.time())
    rows = [{**e, "explanation": json.dumps(e.get("explanation", {}), ensure_ascii=False, default=str),
             "status": e.get("status", "open"), "updated_ts": now} for e in events]
    stmt = _insert_for(engine)(E)
    stmt = stmt.on_conflict_do_update(index_elements=[E.c.id], set_={
        c: getattr(stmt.excluded, c) for c in ("peak_ts", "end_ts", "score", "explanation", "updated_ts")})
    with engine.begin() as conn:
        conn.execute(stmt, rows)
    return len(rows)


def prune_open_events(engine: Engine, start_ts: int, end_ts: int, keep_ids: set[str]) -> int:
    """Drop untouched ('open') events in a re-scanned range that detection no longer finds,
    e.g. after late-arriving posts changed the history; events a person touched are kept."""
    with engine.begin() as conn:
        stale = _vanished(conn, start_ts, end_ts, keep_ids, E.c.status == "open")
        if stale:
            conn.execute(E.delete().where(E.c.id.in_(stale)))
    return len(stale)


def end_vanished_events(engine: Engine, start_ts: int, end_ts: int, keep_ids: set[str]) -> int:
    """Give a running event that detection no longer finds (a person touched it, so it was not
    pruned) an end: its peak hour, the last it is known to have held. Else it would read as
    running for ever."""
    with engine.begin() as conn:
        running = _vanished(conn, start_ts, end_ts, keep_ids, E.c.end_ts.is_(None))
        if running:
            conn.execute(update(E).where(E.c.id.in_(running)).values(end_ts=E.c.peak_ts + 3600))
    return len(running)


def _vanished(conn: Connection, start_ts: int, end_ts: int, keep_ids: set[str], which) -> list[str]:
    """Ids of the events (`which` of them) starting in a re-scanned range that detection did not find."""
    q = E.select().with_only_columns(E.c.id).where(which, E.c.start_ts >= start_ts, E.c.start_ts < end_ts)
    return [r[0] for r in conn.execute(q) if r[0] not in keep_ids]


def set_event_status(engine: Engine, event_id: str, status: str) -> None:
    if status not in ("open", "acknowledged", "resolved", "false_alarm"):
        raise ValueError(f"unknown event status {status!r}")
    with engine.begin() as conn:
        conn.execute(update(E).where(E.c.id == event_id).values(status=status, updated_ts=int(time.time())))
