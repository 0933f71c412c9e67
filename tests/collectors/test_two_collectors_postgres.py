"""Scaling past one machine: two collector processes write to one PostgreSQL at the same time.

Both start on an empty database (so both migrate at once) and page through the same fake X API;
afterwards every tweet is stored exactly once and nothing is lost.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lawine import store
from lawine.store import schema
from tests.collectors.fakes import FakeX, tweet
from tests.conftest import PG_URL, reset_postgres

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "bearer-two-collectors"
pytestmark = pytest.mark.skipif(not PG_URL, reason="needs LAWINE_TEST_DATABASE_URL (PostgreSQL)")


def test_two_collectors_on_one_postgres_store_everything_once(serve, tmp_path):
    fake = FakeX(TOKEN, page_size=10)  # 15 pages: within one run's page budget (20)
    fake.tweets["Kestrel"] = [tweet(10_000 - i, f"Kestrel Air lost my bag, day {i}", f"u{i % 17}",
                                    f"2026-11-2{i % 5}T1{i % 10}:00:00.000Z") for i in range(150)]
    server = serve(fake)
    reset_postgres(PG_URL)
    config = tmp_path / "lawine.toml"
    config.write_text('[[brands]]\nname = "Kestrel Air"\nkeywords = ["Kestrel Air"]\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "X_BEARER_TOKEN": TOKEN, "X_API_BASE_URL": server.url,
           "LAWINE_CONFIG": str(config)}
    cmd = [sys.executable, "-m", "lawine", "collect", "--source", "x", "--database", PG_URL, "--no-progress"]
    procs = [subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=240) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    engine = store.open_store(PG_URL)
    with engine.connect() as conn:
        ids = conn.execute(select(schema.mentions.c.id)).scalars().all()
        runs = conn.execute(select(func.count()).select_from(schema.source_runs)).scalar_one()
    assert sorted(ids) == sorted(f"x:{10_000 - i}" for i in range(150))  # none lost, none twice
    assert runs == 2
    engine.dispose()
