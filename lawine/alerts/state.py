"""Read side of the notifications log: what was already sent, what is due, what the page lists."""
from __future__ import annotations

from typing import Iterable, Optional

import pandas as pd
from sqlalchemy import Engine, func, select

from lawine.store import schema
from lawine.store.notification_writes import stored_key

N = schema.notifications

SENT, RETRYING, FAILED = "sent", "retrying", "failed"
SUPPRESSED, QUEUED, GROUPED = "suppressed", "queued", "grouped"
DELIVERED = (SENT, GROUPED)
# Rows that count as "we told them" for the cooldown (a failing channel still retries its row).
COOLDOWN_STATUSES = (SENT, GROUPED, RETRYING, FAILED)
STATUSES = (SENT, RETRYING, FAILED, SUPPRESSED, QUEUED, GROUPED)


def known(engine: Engine, channel: str, keys: Iterable[str]) -> dict[str, object]:
    """The earliest logged row per dedupe key for this channel (any status blocks a second one)."""
    by_stored = {stored_key(k): k for k in keys}
    keys = list(by_stored)
    found: dict[str, object] = {}
    with engine.connect() as conn:
        for i in range(0, len(keys), 500):
            q = (select(N.c.id, N.c.dedupe_key, N.c.status, N.c.subject, N.c.created_ts)
                 .where(N.c.channel == channel, N.c.dedupe_key.in_(keys[i:i + 500])).order_by(N.c.id))
            for row in conn.execute(q):
                found.setdefault(by_stored[row.dedupe_key], row)
    return found


def in_cooldown(engine: Engine, rule: str, channel: str, type_: str, since_ts: int) -> bool:
    """Did this rule tell this channel about this type of alert since since_ts?"""
    q = select(func.count()).where(
        N.c.rule == rule, N.c.channel == channel, N.c.dedupe_key.like(f"{type_}:%"),
        N.c.status.in_(COOLDOWN_STATUSES), func.coalesce(N.c.sent_ts, N.c.created_ts) >= since_ts)
    with engine.connect() as conn:
        return conn.execute(q).scalar_one() > 0


def due_retries(engine: Engine, now_ts: int) -> list:
    q = (select(N).where(N.c.status == RETRYING, N.c.next_try_ts <= now_ts)
         .order_by(N.c.next_try_ts, N.c.id))
    with engine.connect() as conn:
        return conn.execute(q).fetchall()


def queued(engine: Engine, rule: str, channel: str, now_ts: int) -> list:
    """Alerts held during quiet hours whose digest is due."""
    q = (select(N).where(N.c.status == QUEUED, N.c.rule == rule, N.c.channel == channel,
                         N.c.next_try_ts <= now_ts).order_by(N.c.created_ts, N.c.id))
    with engine.connect() as conn:
        return conn.execute(q).fetchall()


def last_row(engine: Engine, dedupe_key: str, channel: Optional[str] = None):
    q = select(N).where(N.c.dedupe_key == stored_key(dedupe_key)).order_by(N.c.id.desc()).limit(1)
    if channel is not None:
        q = q.where(N.c.channel == channel)
    with engine.connect() as conn:
        return conn.execute(q).first()


def notification_log(engine: Engine, statuses: tuple[str, ...] = (), limit: int = 1000) -> pd.DataFrame:
    """The newest notifications first, for the Alerts page (times as UTC datetimes)."""
    cols = (N.c.created_ts, N.c.sent_ts, N.c.next_try_ts, N.c.status, N.c.rule, N.c.channel,
            N.c.dedupe_key, N.c.attempts, N.c.subject, N.c.error)
    q = select(*cols).order_by(N.c.created_ts.desc(), N.c.id.desc()).limit(limit)
    if statuses:
        q = q.where(N.c.status.in_(list(statuses)))
    with engine.connect() as conn:
        result = conn.execute(q)
        df = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    for col in ("created_ts", "sent_ts", "next_try_ts"):
        df[col.removesuffix("_ts") + "_at"] = pd.to_datetime(df.pop(col), unit="s", utc=True)
    return df


def status_counts(engine: Engine) -> dict[str, int]:
    q = select(N.c.status, func.count()).group_by(N.c.status)
    with engine.connect() as conn:
        return {status: int(n) for status, n in conn.execute(q)}
