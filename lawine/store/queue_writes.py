"""Escalation-queue actions (assign, handled, not needed, reopen): the only writes to queue_actions."""
from __future__ import annotations

import time
from datetime import datetime
from typing import Iterable, Optional

from sqlalchemy import Engine, select

from lawine.store import schema

M, Q = schema.mentions, schema.queue_actions
ACTIONS = ("assign", "handled", "not_needed", "reopen")
CLOSING = ("handled", "not_needed")
DEFAULT_ACTOR = "community manager"


class QueueActionError(ValueError):
    """An action that cannot be recorded; the message says why."""


def record_action(engine: Engine, mention_ids: Iterable[str], action: str, actor: Optional[str] = None,
                  assignee: Optional[str] = None, note: Optional[str] = None,
                  at: Optional[datetime] = None) -> int:
    """Append one action row per mention (history is kept; the latest row decides the state)."""
    if action not in ACTIONS:
        raise QueueActionError(f"unknown action {action!r}; use one of {ACTIONS}")
    assignee = (assignee or "").strip()[:200] or None
    if action == "assign" and not assignee:
        raise QueueActionError("assign needs the name of the person to assign to")
    actor = (actor or "").strip()[:200] or DEFAULT_ACTOR
    ids = list(dict.fromkeys(i for i in mention_ids if i))
    if not ids:
        return 0
    at_ts = int(at.timestamp()) if at is not None else int(time.time())
    with engine.begin() as conn:
        known: set[str] = set()
        for i in range(0, len(ids), 500):
            known |= {r[0] for r in conn.execute(select(M.c.id).where(M.c.id.in_(ids[i:i + 500])))}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise QueueActionError(f"unknown mention id(s): {', '.join(unknown[:5])}")
        conn.execute(Q.insert(), [{"mention_id": i, "action": action, "assignee": assignee, "actor": actor,
                                   "note": note, "at_ts": at_ts} for i in ids])
    return len(ids)


def assign(engine: Engine, mention_ids: Iterable[str], assignee: str, actor: Optional[str] = None,
           at: Optional[datetime] = None) -> int:
    return record_action(engine, mention_ids, "assign", actor, assignee=assignee, at=at)


def mark_handled(engine: Engine, mention_ids: Iterable[str], actor: Optional[str] = None,
                 at: Optional[datetime] = None) -> int:
    return record_action(engine, mention_ids, "handled", actor, at=at)


def mark_not_needed(engine: Engine, mention_ids: Iterable[str], actor: Optional[str] = None,
                    at: Optional[datetime] = None) -> int:
    return record_action(engine, mention_ids, "not_needed", actor, at=at)


def reopen(engine: Engine, mention_ids: Iterable[str], actor: Optional[str] = None,
           at: Optional[datetime] = None) -> int:
    return record_action(engine, mention_ids, "reopen", actor, at=at)
