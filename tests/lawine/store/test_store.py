"""Store behaviour on every configured backend: idempotent upserts, reply tracking, time zones."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, inspect, select

from lawine import store
from lawine.store import migrations, schema
from tests.lawine.store.factories import T0, post, reply


def test_migrations_from_empty_db_create_every_table_once(db_url):
    engine = store.make_engine(db_url)
    assert migrations.migrate(engine) == migrations.LATEST
    assert migrations.migrate(engine) == migrations.LATEST  # second start is a no-op
    names = set(inspect(engine).get_table_names())
    assert set(schema.metadata.tables) <= names and "schema_version" in names
    with engine.connect() as conn:
        versions = conn.execute(select(migrations.schema_version.c.version)).scalars().all()
    assert versions == [m[0] for m in migrations.MIGRATIONS]
    engine.dispose()


def test_upsert_is_idempotent_and_refreshes_engagement(engine):
    first = store.upsert_mentions(engine, [post(i) for i in range(50)])
    assert (first.inserted, first.updated) == (50, 0)
    again = store.upsert_mentions(engine, [post(i, likes=7) for i in range(50)] + [post(50)])
    assert (again.inserted, again.updated) == (1, 50)
    assert store.count_mentions(engine) == 51
    assert store.get_mention(engine, "x:3").likes == 7


def test_upsert_keeps_earlier_analysis_when_recollected_without_it(engine):
    store.upsert_mentions(engine, [post(1, sentiment=-0.6, sentiment_label="negative", intent="complaint")])
    store.upsert_mentions(engine, [post(1, likes=3)])
    m = store.get_mention(engine, "x:1")
    assert (m.sentiment, m.sentiment_label, m.intent, m.likes) == (-0.6, "negative", "complaint", 3)


def test_timezone_round_trip_keeps_the_instant(engine):
    berlin = datetime(2026, 3, 29, 3, 30, tzinfo=timezone(timedelta(hours=2)))  # just after DST change
    store.upsert_mentions(engine, [post(1, created_at=berlin)])
    got = store.get_mention(engine, "x:1").created_at
    assert got == berlin and got.tzinfo is not None and got.utcoffset() == timedelta(0)


def test_own_reply_sets_first_reply_on_parent_even_when_it_arrives_first(engine):
    store.upsert_mentions(engine, [reply(10, parent=1, minutes=45)])  # reply collected before its parent
    store.upsert_mentions(engine, [post(1)])
    parent = store.get_mention(engine, "x:1")
    assert parent.first_reply_at == T0 + timedelta(minutes=46)
    assert parent.first_reply_by == "@Brand"
    # an earlier own reply wins, a customer reply never counts
    store.upsert_mentions(engine, [reply(11, parent=1, minutes=20), reply(12, parent=1, minutes=5, own=False)])
    assert store.get_mention(engine, "x:1").first_reply_at == T0 + timedelta(minutes=21)


def test_cursors_meta_and_quarantine(engine):
    assert store.get_cursor(engine, "reddit", "search:brand") is None
    store.set_cursor(engine, "reddit", "search:brand", "t3_a")
    store.set_cursor(engine, "reddit", "search:brand", "t3_b")
    assert store.get_cursor(engine, "reddit", "search:brand") == "t3_b"
    store.set_meta(engine, "k", {"a": [1, 2]})
    assert store.get_meta(engine, "k") == {"a": [1, 2]}
    store.delete_meta(engine, "k")
    assert store.get_meta(engine, "k", "gone") == "gone"
    store.quarantine(engine, "x", "x:9", "created_at: missing", {"id": 9})
    with engine.connect() as conn:
        row = conn.execute(select(schema.quarantine)).one()
    assert row.source == "x" and "created_at" in row.error and '"id": 9' in row.raw


def test_iter_mentions_pages_through_everything_in_order(engine):
    store.upsert_mentions(engine, [post(i) for i in range(23)])
    batches = list(store.iter_mentions(engine, batch_size=10))
    assert [len(b) for b in batches] == [10, 10, 3]
    ids = [m.id for b in batches for m in b]
    assert ids == sorted(ids) and len(set(ids)) == 23


def test_update_analysis_writes_only_analysis_fields(engine):
    store.upsert_mentions(engine, [post(1, likes=4)])
    m = store.get_mention(engine, "x:1").model_copy(update={"sentiment": 0.5, "sentiment_label": "positive",
                                                           "likes": 99})
    store.update_analysis(engine, [m])
    got = store.get_mention(engine, "x:1")
    assert got.sentiment == 0.5 and got.sentiment_label == "positive" and got.likes == 4
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.mentions)).scalar_one() == 1
