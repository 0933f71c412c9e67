"""Re-run text analysis over every stored mention, with thread context, in bounded batches."""
from __future__ import annotations

from typing import Callable, Iterator, Mapping, Optional, Sequence

from sqlalchemy import Engine, or_, select

from lawine import store
from lawine.analysis import mark_community_answers
from lawine.analysis.parallel import AnalysisPool, enrich_ahead
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


def _batches(engine: Engine, batch_size: int) -> Iterator[tuple[set[str], list[Mention]]]:
    """(ids to rewrite, those mentions plus their thread context), keyset-paged by id."""
    for batch in store.iter_mentions(engine, batch_size=batch_size):
        yield {m.id for m in batch}, batch + _context(engine, batch)


def reanalyse(engine: Engine, rules: Optional[Mapping[str, Sequence[str]]] = None,
              batch_size: int = 2000, progress: Optional[Callable[[int], None]] = None,
              workers: Optional[int] = None) -> int:
    """Analyse every mention again and store the new fields; returns how many were written.

    The texts go to `workers` processes (default: one per CPU), the next batch while this one is
    written: a batch only rewrites its own rows, and paging by id never sees them again."""
    written = 0
    with AnalysisPool(workers) as pool:
        for mine, pending in enrich_ahead(pool, _batches(engine, batch_size), rules):
            analysed = mark_community_answers(pending.result())
            written += store.update_analysis(engine, [m for m in analysed if m.id in mine])
            if progress:
                progress(len(mine))
    return written
