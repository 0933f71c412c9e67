"""The one writer: every insert and update of mentions and bookkeeping goes through here."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from operator import itemgetter
from typing import Callable, Iterable, Iterator, Optional, Sequence

from sqlalchemy import Engine, bindparam, case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import Select

from lawine.model import ANALYSIS_FIELDS, Mention
from lawine.store import schema
from lawine.store.pg_copy import copy_upsert, note_inserted

M = schema.mentions


def to_ts(dt: Optional[datetime]) -> Optional[int]:
    return None if dt is None else int(dt.timestamp())


def from_ts(ts: Optional[int]) -> Optional[datetime]:
    return None if ts is None else datetime.fromtimestamp(int(ts), tz=timezone.utc)


def mention_to_row(m: Mention) -> dict:
    # The validated field values as they are (all plain scalars): model_dump() would send each one
    # through pydantic's serializer, 4x slower, on the hottest line of a bulk import.
    row = dict(m.__dict__)
    row["created_ts"] = to_ts(row.pop("created_at"))
    row["collected_ts"] = to_ts(row.pop("collected_at"))
    row["first_reply_ts"] = to_ts(row.pop("first_reply_at"))
    return row


def row_to_mention(row) -> Mention:
    data = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    data["created_at"] = from_ts(data.pop("created_ts"))
    data["collected_at"] = from_ts(data.pop("collected_ts"))
    data["first_reply_at"] = from_ts(data.pop("first_reply_ts"))
    # Stored rows were validated on the way in; skip re-validation on the hot read path.
    return Mention.model_construct(**data)


@dataclass
class UpsertResult:
    inserted: int = 0
    updated: int = 0

    def __iadd__(self, other: "UpsertResult") -> "UpsertResult":
        self.inserted += other.inserted
        self.updated += other.updated
        return self


def _insert_for(engine: Engine):
    return postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert


def on_conflict_update(stmt):
    """`stmt` (an INSERT into mentions) as an upsert: refresh what may change, keep the rest."""
    ex = stmt.excluded
    keep_earliest_reply = (M.c.first_reply_ts.is_(None)) | (
        ex.first_reply_ts.is_not(None) & (ex.first_reply_ts < M.c.first_reply_ts))
    set_ = {
        # Engagement and edits change between collections; identity never does.
        "likes": ex.likes, "replies": ex.replies, "shares": ex.shares,
        "text": ex.text, "author_followers": ex.author_followers,
        "collected_ts": ex.collected_ts,
        "first_reply_ts": case((keep_earliest_reply, ex.first_reply_ts), else_=M.c.first_reply_ts),
        "first_reply_by": case((keep_earliest_reply, ex.first_reply_by), else_=M.c.first_reply_by),
    }
    for field in ANALYSIS_FIELDS:
        # A collector that did not analyse must not wipe an earlier analysis.
        set_[field] = func.coalesce(getattr(ex, field), getattr(M.c, field))
    return stmt.on_conflict_do_update(index_elements=[M.c.id], set_=set_)


def upsert_mentions(engine: Engine, mentions: Iterable[Mention], batch_size: int = 2000) -> UpsertResult:
    """Insert new mentions, refresh known ones, then update reply tracking. Idempotent."""
    total = UpsertResult()
    batch: list[Mention] = []
    for m in mentions:
        batch.append(m)
        if len(batch) >= batch_size:
            total += _upsert_batch(engine, batch)
            batch = []
    if batch:
        total += _upsert_batch(engine, batch)
    return total


_COMPILED: dict[str, tuple[str, Callable[[dict], tuple]]] = {}


def _compiled_sqlite_upsert(engine: Engine) -> tuple[str, Callable[[dict], tuple]]:
    """Compile the upsert once; SQLAlchemy's per-row parameter processing costs more than the
    insert itself on large batches, so rows go to the driver directly, as tuples in the
    statement's parameter order."""
    if "sqlite" not in _COMPILED:
        compiled = on_conflict_update(sqlite.insert(M)).compile(dialect=engine.dialect)
        _COMPILED["sqlite"] = (str(compiled), itemgetter(*compiled.positiontup))
    return _COMPILED["sqlite"]


def _upsert_batch(engine: Engine, batch: Sequence[Mention]) -> UpsertResult:
    return upsert_rows(engine, [mention_to_row(m) for m in batch])


def upsert_rows(engine: Engine, batch: Sequence[dict]) -> UpsertResult:
    """upsert_mentions for one batch of rows made by mention_to_row (validated Mentions), for a
    writer in another process: rows pickle about 5x cheaper than Mention objects."""
    rows = {r["id"]: r for r in batch}  # last one wins inside a batch: no self-conflict
    if not rows:
        return UpsertResult()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            known = copy_upsert(conn, list(rows.values()), on_conflict_update)
        else:
            sql, order = _compiled_sqlite_upsert(engine)
            known = conn.execute(select(func.count()).select_from(M).where(M.c.id.in_(list(rows)))).scalar_one()
            conn.exec_driver_sql(sql, [order(r) for r in rows.values()])
        _track_replies(conn, list(rows.values()))
    if engine.dialect.name == "postgresql":
        note_inserted(engine, len(rows) - known)
    return UpsertResult(inserted=len(rows) - known, updated=known)


def _track_replies(conn, rows: list[dict]) -> None:
    """Set first_reply_ts/by of customer posts from the earliest own reply to them."""
    parents = {r["parent_id"] for r in rows if r["is_own"] and r["parent_id"]}
    customer = [r["id"] for r in rows if not r["is_own"] and r["first_reply_ts"] is None]
    targets = list(parents | set(customer))
    # One look-up of the own replies by parent (ix_mentions_parent), then a keyed UPDATE of the
    # few parents that have one, instead of an UPDATE of every target with correlated
    # sub-queries (PostgreSQL hash-joined that against all own replies in the table per batch).
    first: dict[str, tuple[int, Optional[str]]] = {}
    for i in range(0, len(targets), 500):
        replies = (select(M.c.parent_id, M.c.created_ts, M.c.author_name)
                   .where(M.c.parent_id.in_(targets[i:i + 500]), M.c.is_own.is_(True))
                   .order_by(M.c.parent_id, M.c.created_ts, M.c.id))
        for parent, ts, by in conn.execute(replies):
            first.setdefault(parent, (ts, by))  # the earliest, ties broken by id as the database orders them
    if first:
        conn.execute(
            update(M).where(M.c.id == bindparam("_id"), M.c.is_own.is_(False))
            .values(first_reply_ts=bindparam("_ts"), first_reply_by=bindparam("_by")),
            [{"_id": parent, "_ts": ts, "_by": by} for parent, (ts, by) in first.items()])


def update_analysis(engine: Engine, mentions: Sequence[Mention]) -> int:
    """Write re-computed analysis fields back (used by `lawine reanalyse`)."""
    if not mentions:
        return 0
    stmt = update(M).where(M.c.id == bindparam("_id")).values(
        {f: bindparam(f) for f in ANALYSIS_FIELDS})
    params = [{"_id": m.id, **{f: getattr(m, f) for f in ANALYSIS_FIELDS}} for m in mentions]
    with engine.begin() as conn:
        conn.execute(stmt, params)
    return len(params)


def iter_mentions(engine: Engine, query: Optional[Select] = None, batch_size: int = 5000) -> Iterator[list[Mention]]:
    """Yield mentions in id order in batches, keyset-paged so memory stays flat."""
    last = ""
    while True:
        q = (query if query is not None else select(M)).where(M.c.id > last).order_by(M.c.id).limit(batch_size)
        with engine.connect() as conn:
            rows = conn.execute(q).fetchall()
        if not rows:
            return
        yield [row_to_mention(r) for r in rows]
        last = rows[-1]._mapping["id"]


def get_mention(engine: Engine, mention_id: str) -> Optional[Mention]:
    with engine.connect() as conn:
        row = conn.execute(select(M).where(M.c.id == mention_id)).first()
    return row_to_mention(row) if row else None


def count_mentions(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(M)).scalar_one())


def delete_all_mentions(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in (M, schema.events, schema.queue_actions):
            conn.execute(delete(table))


# --- bookkeeping: meta, cursors, quarantine, runs -------------------------

def set_meta(engine: Engine, key: str, value) -> None:
    stmt = _insert_for(engine)(schema.meta).values(key=key, value=json.dumps(value))
    stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
    with engine.begin() as conn:
        conn.execute(stmt)


def get_meta(engine: Engine, key: str, default=None):
    with engine.connect() as conn:
        row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).first()
    return json.loads(row[0]) if row else default


def delete_meta(engine: Engine, key: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(schema.meta).where(schema.meta.c.key == key))


def set_cursor(engine: Engine, source: str, key: str, value: str) -> None:
    C = schema.cursors
    stmt = _insert_for(engine)(C).values(source=source, key=key, value=value, updated_ts=int(time.time()))
    stmt = stmt.on_conflict_do_update(
        index_elements=["source", "key"],
        set_={"value": stmt.excluded.value, "updated_ts": stmt.excluded.updated_ts})
    with engine.begin() as conn:
        conn.execute(stmt)


def get_cursor(engine: Engine, source: str, key: str) -> Optional[str]:
    C = schema.cursors
    with engine.connect() as conn:
        row = conn.execute(select(C.c.value).where(C.c.source == source, C.c.key == key)).first()
    return row[0] if row else None


def quarantine(engine: Engine, source: str, ref: Optional[str], error: str, raw) -> None:
    text = raw if isinstance(raw, str) else json.dumps(raw, default=str, ensure_ascii=False)
    with engine.begin() as conn:
        conn.execute(schema.quarantine.insert().values(
            source=source, ref=ref, error=error[:2000], raw=text[:200_000], at_ts=int(time.time())))


def start_run(engine: Engine, source: str) -> int:
    with engine.begin() as conn:
        res = conn.execute(schema.source_runs.insert().values(
            source=source, started_ts=int(time.time()), status="running"))
        return int(res.inserted_primary_key[0])


def finish_run(engine: Engine, run_id: int, status: str, fetched: int, stored: int,
               quarantined: int, message: Optional[str] = None) -> None:
    with engine.begin() as conn:
        conn.execute(update(schema.source_runs).where(schema.source_runs.c.id == run_id).values(
            finished_ts=int(time.time()), status=status, fetched=fetched, stored=stored,
            quarantined=quarantined, message=message))
