"""Benchmark: end-to-end ingest (validate, dedupe, analyse, upsert) in mentions/s on real tweet texts.

Per backend, in one run: the serial batch path, the parallel batch path (analysis in worker
processes, pipelined with validation and upsert, as `lawine import` does it) and the naive
row-at-a-time baseline (one look-up, INSERT or UPDATE and commit per mention), plus the components
on their own (validation, analysis serial and parallel, upsert) so the bottleneck is visible.

Texts are the real English and German tweets in ../shared/data/sentiment (read here, never
copied), each made unique with a consonant-only suffix so no run gets analysis cache hits; the
per-text caches are also cleared before every timed step.
Usage: python benchmarks/ingest_bench.py [--n 20000] [--naive-n 2000] [--postgres URL] [--workers N]
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from lawine import store  # noqa: E402
from lawine.analysis import clear_caches, enrich  # noqa: E402
from lawine.analysis.parallel import AnalysisPool, default_workers, enrich_ahead  # noqa: E402
from lawine.demo.templates import CUSTOMER, SLOTS  # noqa: E402
from lawine.model import Mention  # noqa: E402
from lawine.store.writer import mention_to_row  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "sentiment"
FILES = (("airline_dev.csv", "Kestrel Air"), ("german_tweets_dev.csv", "Nordlicht Mobile"))
HANDLES = {"Kestrel Air": "KestrelAir", "Nordlicht Mobile": "NordlichtMobil"}
BATCH = 1000  # the importers' page size
CONSONANTS = "bcdfghjklmnpqrstvwxz"  # suffixes without vowels are no word in any lexicon


def load_texts() -> list[tuple[str, str]]:
    """(text, brand) for every real tweet; the demo templates (with a warning) when the data is absent."""
    out = []
    for name, brand in FILES:
        path = DATA / name
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as fh:
                out += [(row["text"], brand) for row in csv.DictReader(fh) if row["text"].strip()]
    if out:
        return out
    print(f"WARNING: no tweets in {DATA}; using the demo templates, which are shorter and easier "
          "than real posts: the numbers below overstate real ingest speed", file=sys.stderr)
    rng = random.Random(0)
    return [(t.text.format(brand="Kestrel Air", handle="@KestrelAir",
                           **{k: rng.choice(v) for k, v in SLOTS.items()}), "Kestrel Air") for t in CUSTOMER]


def tag(i: int) -> str:
    word = ""
    while True:
        i, r = divmod(i, len(CONSONANTS))
        word += CONSONANTS[r]
        if not i:
            return word


def raw_items(n: int, texts: list[tuple[str, str]], run: int, seed: int = 1) -> list[dict]:
    """Collector-shaped raw records: customer posts, our marketing posts and replies, comments under
    them, and ~3 % re-collected duplicates (same id, new like count). Texts are unique per `run`."""
    rng = random.Random(seed)
    t0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
    items: list[dict] = []
    customer: list[dict] = []
    marketing: list[dict] = []
    for i in range(n):
        if items and rng.random() < 0.03:
            items.append({**rng.choice(items), "likes": rng.randrange(100, 200)})
            continue
        body, brand = texts[(i + run * 7919) % len(texts)]
        created = (t0 + timedelta(seconds=i * 7)).isoformat()
        r = {"id": f"x:{run}-{i}", "source": "x", "channel": "X search", "author_id": f"p_{rng.randrange(n)}",
             "brand": brand, "text": f"{body} {tag(run * 10**7 + i)}", "created_at": created,
             "likes": rng.randrange(20)}
        roll = rng.random()
        if roll < 0.05:  # our marketing post on our Facebook page
            r.update(id=f"facebook:{run}-{i}", source="facebook", channel=f"{brand} (Facebook page)",
                     author_id=HANDLES[brand], is_own=True)
            marketing.append(r)
        elif roll < 0.20 and marketing:  # a customer comment under one of them
            parent = rng.choice(marketing[-20:])
            r.update(id=f"facebook:{run}-{i}", source="facebook", channel=parent["channel"], kind="comment",
                     parent_id=parent["id"], on_marketing_post=True, brand=parent["brand"])
        elif roll < 0.30 and customer:  # our reply to a recent customer post
            parent = rng.choice(customer[-200:])
            r.update(kind="reply", parent_id=parent["id"], is_own=True, author_id=HANDLES[parent["brand"]],
                     author_name=HANDLES[parent["brand"]], brand=parent["brand"])
        else:
            customer.append(r)
        items.append(r)
    return items


def distinct_ids(items: list[dict]) -> int:
    return len({r["id"] for r in items})


def batches(items: list[dict]) -> Iterator[tuple[int, list[Mention]]]:
    """Validated, de-duplicated batches as the collector runner makes them."""
    for i in range(0, len(items), BATCH):
        parsed = [Mention.parse(r) for r in items[i:i + BATCH]]
        yield i, list({m.id: m for m in parsed}.values())


def ingest_serial(engine, items: list[dict]) -> None:
    for _, mentions in batches(items):
        store.upsert_mentions(engine, enrich(mentions))


def ingest_parallel(engine, items: list[dict], workers: int) -> None:
    with AnalysisPool(workers) as pool:
        for _, pending in enrich_ahead(pool, batches(items)):
            store.upsert_mentions(engine, pending.result())


def ingest_naive(engine, items: list[dict]) -> None:
    """Row at a time: validate, analyse, look up, insert or update, commit."""
    cols = None
    for r in items:
        m = enrich([Mention.parse(r)])[0]
        row = mention_to_row(m)
        cols = cols or list(row)
        with engine.begin() as conn:
            exists = conn.execute(text("SELECT 1 FROM mentions WHERE id = :id"), {"id": m.id}).first()
            if exists:
                conn.execute(text("UPDATE mentions SET likes = :likes WHERE id = :id"), row)
            else:
                conn.execute(text(f"INSERT INTO mentions ({', '.join(cols)}) VALUES "
                                  f"({', '.join(':' + c for c in cols)})"), row)


def ensure_pg_database(url: str) -> None:
    """Benchmarks get their own PostgreSQL database so they never touch the tests' one."""
    from sqlalchemy.engine import make_url

    u = make_url(store.engine.normalise_url(url))
    admin = store.make_engine(u.set(database="postgres").render_as_string(hide_password=False))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": u.database}).first():
            conn.execute(text(f'CREATE DATABASE "{u.database}"'))
    admin.dispose()


def fresh(url: str):
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        ensure_pg_database(url)
    engine = store.make_engine(url, bulk=True)  # as `lawine import` opens it
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for t in ("mentions", "meta", "cursors", "quarantine", "source_runs", "events", "queue_actions",
                      "notifications", "schema_version"):
                conn.execute(text(f"DROP TABLE IF EXISTS {t} CASCADE"))
    store.migrate(engine)
    return engine


def _cpu() -> tuple[float, float]:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


@dataclass
class Timing:
    rate: float  # mentions per second, wall clock
    cpu_us: float  # CPU of this process per mention
    worker_cpu_us: float  # CPU of the analysis workers per mention (PostgreSQL's own CPU is not counted)


def timed(n: int, fn: Callable[[], object]) -> Timing:
    """fn() started with cold per-text caches; wall-clock rate and CPU per mention."""
    clear_caches()
    cpu0, t0 = _cpu(), time.perf_counter()
    fn()
    wall, cpu1 = time.perf_counter() - t0, _cpu()
    return Timing(n / wall, (cpu1[0] - cpu0[0]) / n * 1e6, (cpu1[1] - cpu0[1]) / n * 1e6)


def timed_into(url: str, items: list[dict], fn: Callable) -> Timing:
    engine = fresh(url)
    try:
        result = timed(len(items), lambda: fn(engine, items))
        assert store.count_mentions(engine) == distinct_ids(items), "every distinct mention stored once"
    finally:
        engine.dispose()
    return result


def components(texts: list, n: int, workers: int, run: int) -> tuple[dict, list[Mention]]:
    items = raw_items(n, texts, run)
    out = {"validation": timed(len(items), lambda: [Mention.parse(r) for r in items])}
    mentions = [m for _, b in batches(items) for m in b]
    out["analysis"] = timed(len(mentions), lambda: [enrich(mentions[i:i + BATCH])
                                                    for i in range(0, len(mentions), BATCH)])
    items = raw_items(n, texts, run + 1)
    mentions = [m for _, b in batches(items) for m in b]
    analysed: list[Mention] = []

    def parallel() -> None:
        with AnalysisPool(workers) as pool:
            for _, pending in enrich_ahead(pool, ((i, mentions[i:i + BATCH])
                                                  for i in range(0, len(mentions), BATCH))):
                analysed.extend(pending.result())

    out["analysis_parallel"] = timed(len(mentions), parallel)
    return out, analysed


def measure(url: str, texts: list, n: int, naive_n: int, workers: int, run: int,
            analysed: list[Mention]) -> dict[str, Timing]:
    engine = fresh(url)
    out = {"upsert": timed(len(analysed), lambda: store.upsert_mentions(engine, analysed))}
    engine.dispose()
    out["serial"] = timed_into(url, raw_items(n, texts, run), ingest_serial)
    out["parallel"] = timed_into(url, raw_items(n, texts, run + 1),
                                 lambda engine, items: ingest_parallel(engine, items, workers))
    out["naive"] = timed_into(url, raw_items(naive_n, texts, run + 2), ingest_naive)
    return out


def warm_up(texts: list) -> None:
    """Load the lexicons and the language model once, as any long import would have them."""
    enrich([Mention.parse(r) for r in raw_items(300, texts, run=999)])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--naive-n", type=int, default=2_000)
    ap.add_argument("--workers", type=int, default=default_workers(), help="analysis processes (default: CPUs)")
    ap.add_argument("--postgres", default=os.environ.get("LAWINE_BENCH_POSTGRES_URL"))
    args = ap.parse_args()
    texts = load_texts()
    warm_up(texts)
    print(f"{len(texts):,} distinct source texts, {args.n:,} mentions per step (each text unique), "
          f"{args.workers} analysis workers, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    comp, analysed = components(texts, args.n, args.workers, run=0)
    par = comp["analysis_parallel"]
    print(f"components: validation {comp['validation'].rate:,.0f}/s, analysis {comp['analysis'].rate:,.0f}/s "
          f"serial ({comp['analysis'].cpu_us:.0f} us CPU each), {par.rate:,.0f}/s with {args.workers} workers "
          f"({par.cpu_us:.0f} us here + {par.worker_cpu_us:.0f} us in the workers)")
    targets = [("SQLite", f"sqlite:///{tempfile.mkdtemp()}/ingest.db")]
    if args.postgres:
        targets.append(("PostgreSQL", args.postgres))
    print(f"{'backend':<11} {'upsert /s':>10} {'serial /s':>10} {'parallel /s':>12} {'naive /s':>9} "
          f"{'par/naive':>10} {'par/serial':>11}  target >= 5,000/s end-to-end")
    cpu_lines = []
    for run, (name, url) in enumerate(targets, start=1):
        r = measure(url, texts, args.n, args.naive_n, args.workers, run * 10, analysed)
        best = max(r["serial"].rate, r["parallel"].rate)
        print(f"{name:<11} {r['upsert'].rate:>10,.0f} {r['serial'].rate:>10,.0f} {r['parallel'].rate:>12,.0f} "
              f"{r['naive'].rate:>9,.0f} {r['parallel'].rate / r['naive'].rate:>9.1f}x "
              f"{r['parallel'].rate / r['serial'].rate:>10.2f}x  "
              f"{'met' if best >= 5000 else 'NOT met'} ({best / 5000:.2f} of target)")
        cpu_lines.append(f"{name}: serial {r['serial'].cpu_us:.0f} us; parallel {r['parallel'].cpu_us:.0f} us here + "
                         f"{r['parallel'].worker_cpu_us:.0f} us in workers; upsert alone {r['upsert'].cpu_us:.0f} us")
    print("CPU per mention (this process; PostgreSQL server not counted):\n  " + "\n  ".join(cpu_lines))
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
