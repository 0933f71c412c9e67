"""Benchmark: end-to-end ingest (validate, analyse, dedupe, upsert) in mentions/s, batch vs. naive.

The naive baseline does what a first version would: one INSERT-or-UPDATE and commit per mention.
Both run in the same process on the same data; the ratio is what matters on a shared machine.
Usage: python benchmarks/ingest_bench.py [--n 20000] [--postgres URL]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from lawine import store  # noqa: E402
from lawine.analysis import enrich  # noqa: E402
from lawine.demo.templates import CUSTOMER, SLOTS  # noqa: E402
from lawine.model import Mention  # noqa: E402
from lawine.store.writer import mention_to_row  # noqa: E402


def raw_items(n: int, seed: int = 1) -> list[dict]:
    """Collector-shaped raw records with mostly distinct texts (no analysis cache hits)."""
    rng = random.Random(seed)
    t0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
    items = []
    for i in range(n):
        tpl = rng.choice(CUSTOMER)
        values = {k: rng.choice(v) for k, v in SLOTS.items()}
        body = tpl.text.format(brand="Kestrel Air", handle="@KestrelAir", **values)
        items.append({"id": f"x:{i}", "source": "x", "channel": "X search", "author_id": f"p_{rng.randrange(n)}",
                      "brand": "Kestrel Air", "text": f"{body} #{rng.randrange(10**6)}",
                      "created_at": (t0 + timedelta(seconds=i * 7)).isoformat(), "likes": rng.randrange(20)})
    return items


def ingest_batch(engine, items: list[dict], batch: int = 2000) -> None:
    for i in range(0, len(items), batch):
        mentions = enrich([Mention.parse(r) for r in items[i:i + batch]])
        store.upsert_mentions(engine, mentions, batch_size=batch)


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
    if "postgres" in url:
        ensure_pg_database(url)
    engine = store.make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for t in ("mentions", "meta", "cursors", "quarantine", "source_runs", "events", "queue_actions",
                      "notifications", "schema_version"):
                conn.execute(text(f"DROP TABLE IF EXISTS {t} CASCADE"))
    store.migrate(engine)
    return engine


def measure(url: str, items: list[dict], naive_n: int) -> tuple[float, float]:
    engine = fresh(url)
    t0 = time.perf_counter()
    ingest_batch(engine, items)
    batch_rate = len(items) / (time.perf_counter() - t0)
    assert store.count_mentions(engine) == len(items)
    engine.dispose()
    engine = fresh(url)
    t0 = time.perf_counter()
    ingest_naive(engine, items[:naive_n])
    naive_rate = naive_n / (time.perf_counter() - t0)
    engine.dispose()
    return batch_rate, naive_rate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--naive-n", type=int, default=2_000)
    ap.add_argument("--postgres", default=os.environ.get("LAWINE_BENCH_POSTGRES_URL"))
    args = ap.parse_args()
    items = raw_items(args.n)
    targets = [("SQLite", f"sqlite:///{tempfile.mkdtemp()}/ingest.db")]
    if args.postgres:
        targets.append(("PostgreSQL", args.postgres))
    print(f"{'backend':<11} {'batch /s':>10} {'naive /s':>10} {'ratio':>7}  target >= 5,000/s")
    for name, url in targets:
        batch, naive = measure(url, items, args.naive_n)
        print(f"{name:<11} {batch:>10,.0f} {naive:>10,.0f} {batch / naive:>6.1f}x  "
              f"{'met' if batch >= 5000 else 'NOT met'} ({batch / 5000:.2f} of target)")


if __name__ == "__main__":
    main()
