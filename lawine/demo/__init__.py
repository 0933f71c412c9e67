"""The demo workspace: deterministic synthetic mentions, clearly labelled, removable in one step."""
from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from itertools import islice
from typing import Callable, Iterator, Optional

from sqlalchemy import Engine

from lawine import store
from lawine.detect import run_detection
from lawine.demo.generator import DemoGenerator
from lawine.model import Mention
from lawine.store.background import BackgroundWriter

DEMO_META_KEY = "demo"
WRITE_BATCH = 5000


def _batches(items: Iterator[Mention], size: int) -> Iterator[list[Mention]]:
    while batch := list(islice(items, size)):
        yield batch


def _analyser() -> Callable:
    from lawine.analysis import analyse_text

    # Demo texts repeat a lot; analysing each distinct text once keeps 1M rows fast.
    return lru_cache(maxsize=200_000)(analyse_text)


def write_demo(engine: Engine, mentions: int = 50_000, days: int = 90, seed: int = 7,
               end: Optional[int] = None, progress: Optional[Callable[[int, int], None]] = None) -> dict:
    """Generate and store the demo; returns its manifest (also saved in meta['demo'])."""
    gen = DemoGenerator(mentions, days, seed, end)
    gen.generate()
    analyse = _analyser()
    done = 0

    def counted():
        nonlocal done
        for m in gen.mentions(analyse):
            done += 1
            if progress and done % 5000 == 0:
                progress(done, mentions)
            yield m

    # Building a mention (random draws, validation) costs about as much as storing it, so a
    # writer process stores batch k while this one builds batch k+1. (Analysis is no help here:
    # the demo has only ~1,000 distinct texts, each analysed once.) Same rows, same order.
    with BackgroundWriter(engine) as writer:
        for batch in _batches(counted(), WRITE_BATCH):
            writer.write(batch)
    if engine.dialect.name == "postgresql":
        # Fresh statistics after a bulk load, or the planner picks poor plans for the pages.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE mentions")
    if progress:
        progress(mentions, mentions)
    manifest = gen.manifest()
    # The demo should show events like a live workspace would after its collects.
    manifest["detected"] = run_detection(engine, datetime.fromtimestamp(gen.end, timezone.utc), days=days)
    store.set_meta(engine, DEMO_META_KEY, manifest)
    return manifest


def demo_manifest(engine: Engine) -> Optional[dict]:
    return store.get_meta(engine, DEMO_META_KEY)
