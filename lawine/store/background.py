"""Write-behind for bulk loads: a second process upserts one batch while the caller builds the next."""
from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.util import Finalize
from typing import Optional, Sequence

from sqlalchemy import Engine

from lawine.model import Mention
from lawine.procs import start_pool, stop_pool, usable_cpus, worker_pids
from lawine.store.engine import make_engine
from lawine.store.writer import UpsertResult, mention_to_row, upsert_rows

log = logging.getLogger(__name__)

_ENGINE: Optional[Engine] = None


def _open(url: str) -> None:
    """Writer process: its own engine on the same database, closed when the process ends."""
    global _ENGINE
    _ENGINE = make_engine(url, bulk=True)
    Finalize(None, _ENGINE.dispose, exitpriority=10)


def _write(rows: Sequence[dict]) -> UpsertResult:
    assert _ENGINE is not None, "writer process not initialised"
    return upsert_rows(_ENGINE, rows)


def _shareable_url(engine: Engine) -> Optional[str]:
    """The URL another process can open, or None (an in-memory SQLite database lives in this one)."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and (url.database or ":memory:") == ":memory:":
        return None
    return url.render_as_string(hide_password=False)


class BackgroundWriter:
    """Upserts batches in a writer process, at most `max_pending` behind the caller, in order.

    Worth it where building the mentions costs about as much as storing them (the demo): the two
    then run on two cores. With one CPU, or a database only this process can see, it writes here.
    A writer that dies is replaced by writing here: upserts are idempotent, so its unfinished
    batches are simply written again. Use as a context manager; an exception kills the writer."""

    def __init__(self, engine: Engine, max_pending: int = 2) -> None:
        self.engine, self.max_pending = engine, max_pending
        self.total = UpsertResult()
        self._url = _shareable_url(engine) if usable_cpus() >= 2 else None
        self._pool: Optional[ProcessPoolExecutor] = None
        self._pending: deque[tuple[list[dict], Future]] = deque()

    def __enter__(self) -> "BackgroundWriter":
        return self

    def __exit__(self, exc_type, _exc, _tb) -> None:
        if exc_type is None:
            self.close()
        else:
            stop_pool(self._pool, terminate=True)
            self._pool, self._url = None, None

    @property
    def pids(self) -> list[int]:
        return worker_pids(self._pool)

    def write(self, mentions: Sequence[Mention]) -> None:
        rows = [mention_to_row(m) for m in mentions]
        if self._url is None:
            self.total += upsert_rows(self.engine, rows)
            return
        if self._pool is None:
            self._pool, method = start_pool(1, preload=__name__, initializer=_open, initargs=(self._url,))
            log.debug("background writer started (%s)", method)
        try:
            self._pending.append((rows, self._pool.submit(_write, rows)))
        except BrokenProcessPool:
            self._pending.append((rows, _failed()))
        while len(self._pending) > self.max_pending:
            self._collect()

    def _collect(self) -> None:
        rows, future = self._pending.popleft()
        try:
            self.total += future.result()
        except (BrokenProcessPool, CancelledError):
            if self._url is not None:
                log.warning("background writer died; writing in this process from now on")
                stop_pool(self._pool, terminate=True)
                self._pool, self._url = None, None
            self.total += upsert_rows(self.engine, rows)

    def close(self) -> UpsertResult:
        """Wait until every batch is stored; returns what all of them inserted and updated."""
        while self._pending:
            self._collect()
        stop_pool(self._pool)
        self._pool = None
        return self.total


def _failed() -> Future:
    future: Future = Future()
    future.set_exception(BrokenProcessPool("writer process is gone"))
    return future
