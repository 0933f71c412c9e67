"""GDPR erasure of one author everywhere, and retention: delete mentions older than N days."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import Engine, delete, or_, select, update

from lawine.model import SOURCES
from lawine.privacy import pseudonymise, pseudonym_key
from lawine.store import schema

M, E, Q = schema.mentions, schema.events, schema.queue_actions
N, QU = schema.notifications, schema.quarantine


@dataclass
class Erased:
    mentions: int = 0
    events_scrubbed: int = 0
    notifications_redacted: int = 0
    quarantined_removed: int = 0


def author_ids(handle: str, key: Optional[bytes] = None) -> set[str]:
    """Every id the handle can have: its pseudonym on each network, and the raw handle when
    pseudonymisation was switched off."""
    key = key or pseudonym_key()
    bare = handle.lstrip("@")
    ids = {handle, bare}
    for source in SOURCES:
        ids |= {pseudonymise(source, handle, key), pseudonymise(source, bare, key)}
    return ids


def forget_author(engine: Engine, handle: str, key: Optional[bytes] = None) -> Erased:
    """Remove the author's posts and personal fields from mentions, events, notifications,
    queue actions and the quarantine."""
    ids = author_ids(handle, key)
    names = {handle, handle.lstrip("@")}
    who = or_(M.c.author_id.in_(list(ids)), M.c.author_name.in_(list(names)))
    out = Erased()
    with engine.begin() as conn:
        gone = conn.execute(select(M.c.id, M.c.text).where(who)).fetchall()
        gone_ids = {r.id for r in gone}
        texts = {r.text for r in gone if r.text}
        if gone_ids:
            for i in range(0, len(gone_ids), 500):
                chunk = list(gone_ids)[i:i + 500]
                conn.execute(delete(Q).where(Q.c.mention_id.in_(chunk)))
                conn.execute(delete(M).where(M.c.id.in_(chunk)))
        out.mentions = len(gone_ids)
        out.events_scrubbed = _scrub_events(conn, gone_ids, names)
        out.notifications_redacted = _redact_notifications(conn, names | texts)
        out.quarantined_removed = _drop_quarantine(conn, names | ids)
    return out


def _scrub_events(conn, gone_ids: set[str], names: set[str]) -> int:
    """Explanations quote posts (top posts, core threads): drop the erased ones."""
    changed = 0
    for row in conn.execute(select(E.c.id, E.c.explanation)).fetchall():
        ex = json.loads(row.explanation or "{}")
        touched = False
        for key in ("top_posts", "core_threads"):
            items = ex.get(key) or []
            kept = [p for p in items if p.get("id") not in gone_ids and p.get("author_name") not in names]
            if len(kept) != len(items):
                ex[key], touched = kept, True
        if touched:
            conn.execute(update(E).where(E.c.id == row.id).values(explanation=json.dumps(ex, ensure_ascii=False)))
            changed += 1
    return changed


def _redact_notifications(conn, needles: set[str]) -> int:
    needles = {n for n in needles if n and len(n) >= 3}
    changed = 0
    for row in conn.execute(select(N.c.id, N.c.subject, N.c.body)).fetchall():
        subject, body = row.subject, row.body
        for n in needles:
            subject, body = subject.replace(n, "[erased]"), body.replace(n, "[erased]")
        if (subject, body) != (row.subject, row.body):
            conn.execute(update(N).where(N.c.id == row.id).values(subject=subject, body=body))
            changed += 1
    return changed


def _drop_quarantine(conn, needles: set[str]) -> int:
    rows = conn.execute(select(QU.c.id, QU.c.raw)).fetchall()
    drop = [r.id for r in rows if any(n and n in r.raw for n in needles)]
    if drop:
        conn.execute(delete(QU).where(QU.c.id.in_(drop)))
    return len(drop)


def apply_retention(engine: Engine, days: int, now: Optional[float] = None) -> int:
    """Delete mentions (and their queue actions) created more than `days` ago; 0 keeps all."""
    if days <= 0:
        return 0
    cutoff = int((now or time.time()) - days * 86400)
    old = select(M.c.id).where(M.c.created_ts < cutoff)
    with engine.begin() as conn:
        conn.execute(delete(Q).where(Q.c.mention_id.in_(old)))
        n = conn.execute(delete(M).where(M.c.created_ts < cutoff)).rowcount
        conn.execute(delete(E).where(E.c.end_ts.is_not(None), E.c.end_ts < cutoff))
        conn.execute(delete(QU).where(QU.c.at_ts < cutoff))
    return int(n or 0)
