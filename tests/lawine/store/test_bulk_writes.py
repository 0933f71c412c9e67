"""Bulk writes: reply tracking across batches, and PostgreSQL's COPY path and planner statistics."""
import pytest
from sqlalchemy import text

from lawine import store
from lawine.store.pg_copy import ANALYZE_AFTER, copy_upsert
from lawine.store.writer import mention_to_row, on_conflict_update
from tests.lawine.store.factories import post, reply


def test_earliest_own_reply_wins_across_batches_and_ties_go_to_the_smaller_id(engine):
    store.upsert_mentions(engine, [post(1), post(2), reply(10, 1, minutes=30)])
    # a later batch brings an earlier reply to 1, and two replies to 2 at the same minute
    store.upsert_mentions(engine, [reply(12, 1, minutes=5, author_name="@Early"),
                                   reply(14, 2, minutes=9, author_name="@Second"),
                                   reply(13, 2, minutes=9, author_name="@First")])
    with engine.connect() as conn:
        got = dict(conn.execute(text("SELECT id, first_reply_by FROM mentions WHERE id IN ('x:1', 'x:2')")).all())
    assert got == {"x:1": "@Early", "x:2": "@First"}


def _pg(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")


def test_a_rolled_back_copy_leaves_the_connection_usable(engine):
    _pg(engine)
    with engine.connect() as conn:
        trans = conn.begin()
        copy_upsert(conn, [mention_to_row(post(i)) for i in range(10)], on_conflict_update)
        trans.rollback()
    result = store.upsert_mentions(engine, [post(i) for i in range(10)])
    assert (result.inserted, result.updated) == (10, 0)
    assert store.count_mentions(engine) == 10


def test_a_bulk_load_keeps_planner_statistics_current(engine):
    _pg(engine)
    n = 2 * ANALYZE_AFTER + 500
    store.upsert_mentions(engine, (post(i) for i in range(n)))
    with engine.connect() as conn:
        planner_rows = conn.execute(text("SELECT reltuples FROM pg_class WHERE oid = 'mentions'::regclass")).scalar()
    # the planner's count lags by at most the rows added since the last ANALYZE
    assert planner_rows >= n - max(ANALYZE_AFTER, n / 2)
