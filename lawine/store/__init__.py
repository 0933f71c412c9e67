"""Storage on SQLAlchemy Core: SQLite by default, PostgreSQL for teams."""
from __future__ import annotations

from sqlalchemy import Engine

from lawine.store.engine import DEFAULT_URL, is_sqlite, make_engine
from lawine.store.migrations import migrate
from lawine.store.writer import (
    UpsertResult, count_mentions, delete_all_mentions, delete_meta, get_cursor, get_meta, get_mention, iter_mentions,
    quarantine, set_cursor, set_meta, update_analysis, upsert_mentions,
)

__all__ = [
    "DEFAULT_URL", "UpsertResult", "count_mentions", "delete_all_mentions", "delete_meta", "get_cursor", "get_meta", "get_mention",
    "is_sqlite", "iter_mentions", "make_engine", "migrate", "open_store", "quarantine",
    "set_cursor", "set_meta", "update_analysis", "upsert_mentions",
]


def open_store(url: str = DEFAULT_URL, bulk: bool = False) -> Engine:
    """Create the engine and bring the schema up to date (`bulk`: see make_engine)."""
    engine = make_engine(url, bulk)
    migrate(engine)
    return engine
