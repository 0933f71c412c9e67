"""Engine creation: SQLite tuned for one writer beside many readers, PostgreSQL via psycopg."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

DEFAULT_URL = "sqlite:///data/lawine.db"
BULK_CACHE_KIB = 65_536


def normalise_url(url: str) -> str:
    """Accept the usual spellings of a PostgreSQL URL and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str = DEFAULT_URL, bulk: bool = False) -> Engine:
    """`bulk`: for a process that loads many rows (demo, import) and serves no pages: SQLite gets
    a 64 MB page cache, so the seven indexes of a growing table stay in memory (the default 2 MB
    cache made a 1M-row demo load wait on page reads: 57 s -> 46 s)."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, future=True)
    database = parsed.database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
    else:
        # One shared connection, or every checkout would see its own empty in-memory DB.
        engine = create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    event.listen(engine, "connect", _sqlite_pragmas)
    if bulk:
        event.listen(engine, "connect", _bulk_cache)
    return engine


def _bulk_cache(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    cur.close()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the dashboard read while a collector writes; busy_timeout makes a
    # second writer wait instead of failing with "database is locked".
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
