"""Re-run text analysis over every stored mention, with thread context, in bounded batches."""
from __future__ import annotations

from typing import Callable, Mapping, Optional, Sequence

from sqlalchemy import Engine, or_, select

from lawine import store
from lawine.analysis import enrich, mark_community_answers
from lawine.model import Mention
from lawine.store import schema
from lawine.store.writer import row_to_mention

M = schema.mentions


def _context(engine: Engine, batch: list[Mention]) -> list[Mention]:
    """Parents, thread roots and direct replies of the batch: analysis needs to see the thread."""
    ids = {m.id for m in batch}
    refs = {r for m in batch for r in (m.parent_id, m.thread_id) if r and r not in ids}
    clauses = [M.c.parent_id.in_(list(ids))]
    if refs:
        clauses.append(M.c.id.in_(list(refs)))
    with engine.connect() as conn:
        rows = conn.execute(select(M).where(or_(*clauses))).fetchall()
    return [row_to_mention(r) for r in rows if r._mapping["id"] not in ids]


def reanalyse(engine: Engine, rules: Optional[Mapping[str, Sequence[str]]] = None,
              batch_size: int = 2000, progress: Optional[Callable[[int], None]] = None) -> int:
    """Analyse every mention again and store the new fields; returns how many were written."""
    written = 0
    for batch in store.iter_mentions(engine, batch_size=batch_size):
        context = _context(engine, batch)
        analysed = mark_community_answers(enrich(batch + context, rules))
        mine = {m.id for m in batch}
        written += store.update_analysis(engine, [m for m in analysed if m.id in mine])
        if progress:
            progress(len(batch))
    return written
