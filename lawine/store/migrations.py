"""A small versioned migration scheme: each step runs once, in order, recorded in schema_version."""
from __future__ import annotations

from typing import Callable

from sqlalchemy import (
    BigInteger, Column, Connection, Engine, Integer, MetaData, String, Table, inspect, select,
)

from lawine.store import schema

_version_meta = MetaData()
schema_version = Table(
    "schema_version", _version_meta,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_ts", BigInteger, nullable=False),
)


def _v1_initial(conn: Connection) -> None:
    names = ("mentions", "meta", "cursors", "quarantine", "source_runs",
             "events", "queue_actions", "notifications")
    schema.metadata.create_all(conn, tables=[schema.metadata.tables[n] for n in names])


def _v2_dashboard_indexes(conn: Connection) -> None:
    """The dashboard's read paths at 1M mentions (issue 9): see the comments in schema.py."""
    for name in ("ix_mentions_thread_author", "ix_mentions_lang_created"):
        next(i for i in schema.mentions.indexes if i.name == name).create(conn, checkfirst=True)
    # A prefix of ix_mentions_thread_author: keeping both would only slow every insert.
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_mentions_thread")


# Append new steps; never edit a released one. A step adding a column should
# also add it to schema.py and use add_column_if_missing so fresh DBs agree.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema", _v1_initial),
    (2, "indexes for the dashboard at 1M mentions", _v2_dashboard_indexes),
]

LATEST = MIGRATIONS[-1][0]


def add_column_if_missing(conn: Connection, table: str, column_ddl: str, name: str) -> None:
    cols = {c["name"] for c in inspect(conn).get_columns(table)}
    if name not in cols:
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column_ddl}")


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    row = conn.execute(select(schema_version.c.version).order_by(schema_version.c.version.desc())).first()
    return row[0] if row else 0


def migrate(engine: Engine) -> int:
    """Bring the database to the latest version; safe to call on every start."""
    import time

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Several collectors may start at once; one migrates, the others wait.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(72746)")
        _version_meta.create_all(conn)
        version = current_version(conn)
        for number, description, step in MIGRATIONS:
            if number <= version:
                continue
            step(conn)
            conn.execute(schema_version.insert().values(
                version=number, description=description, applied_ts=int(time.time())))
            version = number
    return version
