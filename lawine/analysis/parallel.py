"""Bulk analysis across CPU cores: worker processes analyse a batch's distinct texts, enrich() adds context here."""
from __future__ import annotations

import logging
import os
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Mapping, Optional, Sequence, TypeVar

from lawine.analysis.pipeline import TextAnalysis, _analyse, enrich, text_key
from lawine.analysis.routing import FrozenRules, freeze_rules
from lawine.model import Mention
from lawine.procs import start_pool, stop_pool, usable_cpus, worker_pids

log = logging.getLogger(__name__)

WORKERS_ENV = "LAWINE_ANALYSIS_WORKERS"
# Below this many distinct texts a batch is analysed here: pickling and waking workers would cost
# more than the second core gives back (about 0.15 ms of analysis per text).
MIN_PARALLEL = 400
CHUNKS_PER_WORKER = 2  # a little slack, so a worker slowed by another process does not hold up the batch

B = TypeVar("B")
Key = tuple[str, Optional[str]]
Rules = Optional[Mapping[str, Sequence[str]]]


def default_workers() -> int:
    """LAWINE_ANALYSIS_WORKERS if set (0 or 1: analyse in this process), else the usable CPU count."""
    value = os.environ.get(WORKERS_ENV, "").strip()
    if value:
        try:
            return max(0, int(value))
        except ValueError:
            raise ValueError(f"{WORKERS_ENV}={value!r}: expected a whole number of worker processes") from None
    return usable_cpus()


# --- worker side -------------------------------------------------------------

_RULES: dict[tuple, FrozenRules] = {}


def _analyse_chunk(rules_items: tuple, keys: Sequence[Key]) -> list[tuple]:
    """Worker: analyse texts, answer plain tuples (cheaper to pickle than dataclasses)."""
    # Rules travel as plain tuples and are frozen here: a FrozenRules carries its parent's
    # string hash, which differs in a spawned interpreter.
    frozen = _RULES.get(rules_items)
    if frozen is None:
        frozen = _RULES.setdefault(rules_items, FrozenRules(rules_items))
    out = []
    for text, lang in keys:
        a = _analyse(text, lang, frozen)
        out.append((a.lang, a.sentiment, a.sentiment_label, a.intent, a.needs_reply, a.department, a.sensitive))
    return out


# --- parent side -------------------------------------------------------------

class Pending:
    """One batch on its way through the workers; result() gives what enrich(mentions, rules) would."""

    def __init__(self, mentions: list[Mention], rules: Rules,
                 chunks: Sequence[tuple[list[Key], Future]] = (), pool: Optional["AnalysisPool"] = None) -> None:
        self.mentions, self.rules, self._chunks, self._pool = mentions, rules, chunks, pool

    def result(self) -> list[Mention]:
        if not self._chunks:
            return enrich(self.mentions, self.rules)
        found: dict[Key, TextAnalysis] = {}
        try:
            for keys, future in self._chunks:
                found.update(zip(keys, (TextAnalysis(*t) for t in future.result())))
        except (BrokenProcessPool, CancelledError):
            # A worker died (killed, out of memory): finish this batch here and stop using the pool.
            log.warning("analysis worker died; analysing in this process from now on")
            if self._pool is not None:
                self._pool.close(terminate=True)
            return enrich(self.mentions, self.rules)
        return enrich(self.mentions, self.rules, [found[text_key(m)] for m in self.mentions])


class AnalysisPool:
    """Worker processes for bulk analysis, started on the first batch large enough to need them.

    Use as a context manager: leaving it normally waits for the workers to finish, leaving it by an
    exception (KeyboardInterrupt included) terminates them. Nothing starts at import time."""

    def __init__(self, workers: Optional[int] = None, min_parallel: int = MIN_PARALLEL) -> None:
        self.workers = default_workers() if workers is None else workers
        self.min_parallel = min_parallel
        self._executor: Optional[ProcessPoolExecutor] = None
        self._closed = False

    def __enter__(self) -> "AnalysisPool":
        return self

    def __exit__(self, exc_type, _exc, _tb) -> None:
        self.close(terminate=exc_type is not None)

    @property
    def started(self) -> bool:
        return self._executor is not None

    def pids(self) -> list[int]:
        """The workers' process ids (for tests and diagnostics)."""
        return worker_pids(self._executor)

    def submit(self, mentions: list[Mention], rules: Rules = None) -> Pending:
        """Start analysing `mentions`; small batches (or a pool of one) are left to result() in this process."""
        keys = list(dict.fromkeys(text_key(m) for m in mentions))
        if self._closed or self.workers < 2 or len(keys) < max(self.min_parallel, 1):
            return Pending(mentions, rules)
        executor = self._ensure_started()
        items = freeze_rules(rules).items
        size = -(-len(keys) // (self.workers * CHUNKS_PER_WORKER))
        try:
            chunks = [(keys[i:i + size], executor.submit(_analyse_chunk, items, keys[i:i + size]))
                      for i in range(0, len(keys), size)]
        except BrokenProcessPool:
            log.warning("analysis workers are gone; analysing in this process from now on")
            self.close(terminate=True)
            return Pending(mentions, rules)
        return Pending(mentions, rules, chunks, self)

    def enrich(self, mentions: list[Mention], rules: Rules = None) -> list[Mention]:
        """enrich(mentions, rules), with the per-text work spread over the workers."""
        return self.submit(mentions, rules).result()

    def _ensure_started(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor, method = start_pool(self.workers, preload=__name__)
            log.debug("analysis workers started: %d (%s)", self.workers, method)
        return self._executor

    def close(self, terminate: bool = False) -> None:
        """Stop the workers: wait for queued work, or (terminate=True) kill them now."""
        self._closed = True
        executor, self._executor = self._executor, None
        stop_pool(executor, terminate)


def enrich_ahead(pool: AnalysisPool, batches: Iterable[tuple[B, list[Mention]]], rules: Rules = None,
                 ahead: int = 1) -> Iterator[tuple[B, Pending]]:
    """Yield (tag, pending) in order while the next `ahead` batches are already in the workers, so this
    process validates and stores one batch while the workers analyse the next.

    If reading the batches fails, what was read before is still yielded, then the error is raised."""
    queue: list[tuple[B, Pending]] = []
    it = iter(batches)
    while True:
        try:
            tag, mentions = next(it)
        except StopIteration:
            break
        except Exception:
            yield from queue
            raise
        queue.append((tag, pool.submit(mentions, rules)))
        if len(queue) > ahead:
            yield queue.pop(0)
    yield from queue
