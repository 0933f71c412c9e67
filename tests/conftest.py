"""Shared fixtures: stores on SQLite and (when configured) PostgreSQL, a small demo workspace."""
from __future__ import annotations

import os
import shutil
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, TypeVar

import pytest
from sqlalchemy import text

from lawine import store
from lawine.store.engine import make_engine

PG_URL = os.environ.get("LAWINE_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
DEMO_END = datetime(2026, 11, 20, 15, 30, tzinfo=timezone.utc)
ALL_TABLES = ("mentions", "meta", "cursors", "quarantine", "source_runs", "events",
              "queue_actions", "notifications", "schema_version")


T = TypeVar("T")


def run_beside_another_thread(work: Callable[[], T], timeout: float = 120) -> T:
    """Run `work` in a thread of a process that has another thread too, as Streamlit runs a page
    script (worker processes must then not be forked); returns its result or raises its error."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - re-raised below, in the test's thread
            outcome["error"] = exc

    try:
        worker = threading.Thread(target=target)
        worker.start()
        worker.join(timeout)
    finally:
        stop.set()
        other.join()
    if "error" in outcome:
        raise outcome["error"]
    assert "value" in outcome, f"did not finish within {timeout} s"
    return outcome["value"]


def reset_postgres(url: str) -> None:
    """Drop everything so each test starts from an empty database, as a new team would."""
    engine = make_engine(url)
    with engine.begin() as conn:
        for table in ALL_TABLES:
            conn.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """An empty database URL, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
def engine(db_url):
    eng = store.open_store(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path):
    eng = store.open_store(f"sqlite:///{tmp_path / 'one.db'}")
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A small demo workspace (SQLite file) built once per test session, with a fixed end time."""
    from lawine.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    eng = store.open_store(f"sqlite:///{path}")
    write_demo(eng, mentions=4000, days=35, seed=11, end=int(DEMO_END.timestamp()))
    eng.dispose()
    return path


@pytest.fixture
def demo_url(demo_db, tmp_path) -> str:
    """A private copy of the demo DB, so a test may write to it."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """Run in an empty folder with no config, secrets or env leaking in from the developer."""
    monkeypatch.chdir(tmp_path)
    for var in list(os.environ):
        if var.startswith(("LAWINE_", "REDDIT_", "X_", "FACEBOOK_", "INSTAGRAM_", "MASTODON_", "BLUESKY_",
                           "SLACK_", "TEAMS_", "SMTP_")) and var != "LAWINE_TEST_DATABASE_URL":
            monkeypatch.delenv(var)
    return tmp_path


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run_page(workdir, monkeypatch):
    """Run dashboard.py in AppTest on a database URL, optionally switch page and set URL params.

    Usage: at = run_page(demo_url, page="pages/queue.py", query={"brand": "Kestrel Air"})
    `browser` is what the browser tells st.context, e.g. {"timezone": "America/New_York"}.
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def run(url: str, page: str | None = None, query: dict | None = None,
            session: dict | None = None, browser: dict | None = None) -> AppTest:
        monkeypatch.setenv("LAWINE_DATABASE_URL", url)
        # Streamlit caches live for the whole process; each test must see its own database.
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        for key, value in (session or {}).items():
            at.session_state[key] = value
        at.context.update(browser or {})
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    return run
