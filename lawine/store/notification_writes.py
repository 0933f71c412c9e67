"""Writes to the notifications log and the alerts run lock; nothing else writes these rows."""
from __future__ import annotations

import hashlib
import json
import os
from typing import Optional

from sqlalchemy import Engine, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from lawine.store import schema

N = schema.notifications
LOCK_KEY = "alerts.lock"
KEY_CHARS = 300


def stored_key(key: str) -> str:
    """The dedupe key as stored: long keys (ids are up to 300 chars) end in a hash so they stay unique."""
    if len(key) <= KEY_CHARS:
        return key
    return key[:KEY_CHARS - 41] + "~" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


def record(engine: Engine, *, dedupe_key: str, rule: str, channel: str, status: str, subject: str,
           body: str, now: int, attempts: int = 0, error: Optional[str] = None,
           sent_ts: Optional[int] = None, next_try_ts: Optional[int] = None) -> int:
    """Log one notification (sent, failed, queued, ...) and return its id."""
    with engine.begin() as conn:
        res = conn.execute(insert(N).values(
            dedupe_key=stored_key(dedupe_key), rule=rule[:100], channel=channel[:100], status=status,
            attempts=attempts, subject=subject, body=body, error=error, created_ts=now,
            sent_ts=sent_ts, next_try_ts=next_try_ts))
        return int(res.inserted_primary_key[0])


def record_many(engine: Engine, rows: list[dict]) -> None:
    """Log several member rows at once (alerts folded into a digest or bundle)."""
    if rows:
        rows = [{**r, "dedupe_key": stored_key(r["dedupe_key"])} for r in rows]
        with engine.begin() as conn:
            conn.execute(insert(N), rows)


def set_outcome(engine: Engine, row_id: int, *, status: str, attempts: int, error: Optional[str],
                sent_ts: Optional[int], next_try_ts: Optional[int]) -> None:
    """Store the result of a (re)try of an existing row."""
    with engine.begin() as conn:
        conn.execute(update(N).where(N.c.id == row_id).values(
            status=status, attempts=attempts, error=error, sent_ts=sent_ts, next_try_ts=next_try_ts))


def mark_grouped(engine: Engine, row_ids: list[int], now: int) -> None:
    """Queued rows that went out inside a digest."""
    if row_ids:
        with engine.begin() as conn:
            conn.execute(update(N).where(N.c.id.in_(row_ids)).values(
                status="grouped", sent_ts=now, next_try_ts=None))


def try_lock(engine: Engine, now: int, ttl_s: int = 600) -> Optional[str]:
    """Take the alerts run lock unless a live run holds it; returns a token for release_lock, or None.
    A crashed run's lock expires after ttl_s."""
    M = schema.meta
    token = json.dumps({"pid": os.getpid(), "ts": now})
    try:
        with engine.begin() as conn:
            conn.execute(insert(M).values(key=LOCK_KEY, value=token))
        return token
    except IntegrityError:
        pass
    with engine.begin() as conn:
        current = conn.execute(select(M.c.value).where(M.c.key == LOCK_KEY)).scalar_one_or_none()
        if current is not None and json.loads(current).get("ts", 0) > now - ttl_s:
            return None
        if current is None:
            conn.execute(insert(M).values(key=LOCK_KEY, value=token))
            return token
        # Compare-and-swap: of two runs finding the same stale lock, only one replaces it.
        res = conn.execute(update(M).where(and_(M.c.key == LOCK_KEY, M.c.value == current)).values(value=token))
        return token if res.rowcount == 1 else None


def release_lock(engine: Engine, token: str) -> None:
    """Drop the lock if it is still ours (a run that overran its ttl must not free a successor's)."""
    with engine.begin() as conn:
        conn.execute(delete(schema.meta).where(schema.meta.c.key == LOCK_KEY, schema.meta.c.value == token))
