"""Queue actions are appended with who and when; bad input writes nothing."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from lawine import store
from lawine.model import Mention
from lawine.store import queue_writes, schema

T0 = datetime(2026, 11, 18, 10, 0, tzinfo=timezone.utc)
Q = schema.queue_actions


def seed(engine, n: int = 3) -> list[str]:
    store.upsert_mentions(engine, [Mention(id=f"x:{i}", source="x", channel="X search", author_id=f"a{i}",
                                           brand="B", text=f"help {i}", created_at=T0, needs_reply=True)
                                   for i in range(n)])
    return [f"x:{i}" for i in range(n)]


def actions(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(Q.c.mention_id, Q.c.action, Q.c.assignee, Q.c.actor, Q.c.at_ts).order_by(Q.c.id))]


def test_each_action_appends_one_row_per_mention_with_actor_and_time(engine):
    ids = seed(engine)
    at = T0 + timedelta(minutes=5)
    assert queue_writes.assign(engine, ids[:2], "  Kim ", actor="Alex", at=at) == 2
    assert queue_writes.mark_handled(engine, [ids[0], ids[0]], actor="", at=at) == 1  # duplicates once
    assert queue_writes.mark_not_needed(engine, [ids[2]], actor="Sam", at=at) == 1
    assert queue_writes.reopen(engine, [ids[0]], at=at + timedelta(minutes=1)) == 1
    ts = int(at.timestamp())
    assert actions(engine) == [
        ("x:0", "assign", "Kim", "Alex", ts), ("x:1", "assign", "Kim", "Alex", ts),
        ("x:0", "handled", None, "community manager", ts),
        ("x:2", "not_needed", None, "Sam", ts),
        ("x:0", "reopen", None, "community manager", ts + 60),
    ]


def test_invalid_actions_write_nothing(engine):
    ids = seed(engine, 1)
    with pytest.raises(queue_writes.QueueActionError, match="unknown action"):
        queue_writes.record_action(engine, ids, "delete")
    with pytest.raises(queue_writes.QueueActionError, match="assign needs"):
        queue_writes.assign(engine, ids, "   ")
    with pytest.raises(queue_writes.QueueActionError, match="unknown mention id"):
        queue_writes.mark_handled(engine, [ids[0], "x:missing"])
    assert queue_writes.mark_handled(engine, []) == 0
    assert actions(engine) == []


def test_time_defaults_to_now(engine):
    ids = seed(engine, 1)
    before = int(datetime.now(timezone.utc).timestamp())
    queue_writes.mark_handled(engine, ids, actor="Alex")
    (_, _, _, _, at_ts), = actions(engine)
    assert before <= at_ts <= before + 60
