"""Migration 2 on a database created by release 1: the dashboard's indexes appear, the redundant one goes."""
import time

from sqlalchemy import inspect, select

from lawine import store
from lawine.model import Mention
from lawine.store import migrations, schema

V2_INDEXES = {"ix_mentions_thread_author", "ix_mentions_lang_created"}


def release_1_database(url: str):
    """The schema exactly as version 1 created it: no v2 indexes, a plain thread_id index."""
    engine = store.make_engine(url)
    with engine.begin() as conn:
        migrations._version_meta.create_all(conn)
        schema.metadata.create_all(conn)
        for name in V2_INDEXES:
            conn.exec_driver_sql(f"DROP INDEX {name}")
        conn.exec_driver_sql("CREATE INDEX ix_mentions_thread ON mentions (thread_id)")
        conn.execute(migrations.schema_version.insert().values(version=1, description="initial schema",
                                                               applied_ts=int(time.time())))
    return engine


def index_names(engine) -> set[str]:
    return {i["name"] for i in inspect(engine).get_indexes("mentions") if i["name"].startswith("ix_")}


def test_v2_adds_the_dashboard_indexes_and_drops_the_thread_prefix_index(db_url):
    engine = release_1_database(db_url)
    assert "ix_mentions_thread" in index_names(engine) and not V2_INDEXES & index_names(engine)
    store.upsert_mentions(engine, [Mention(id="x:1", source="x", channel="X search", author_id="a", brand="B",
                                           text="hello", created_at="2026-11-02T08:00:00Z", lang="en")])
    assert migrations.migrate(engine) == 2
    names = index_names(engine)
    assert V2_INDEXES <= names and "ix_mentions_thread" not in names
    with engine.connect() as conn:
        assert conn.execute(select(migrations.schema_version.c.version)).scalars().all() == [1, 2]
        assert conn.execute(select(schema.mentions.c.lang)).scalar_one() == "en"  # data untouched
    engine.dispose()


def test_a_fresh_database_gets_the_same_indexes_as_a_migrated_one(db_url, tmp_path):
    fresh = store.open_store(db_url)
    want = index_names(fresh)
    fresh.dispose()
    migrated = release_1_database(f"sqlite:///{tmp_path / 'old.db'}")
    migrations.migrate(migrated)
    assert index_names(migrated) == want
    migrated.dispose()
