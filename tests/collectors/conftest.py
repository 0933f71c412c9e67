"""Fixtures for the collector tests: a SQLite store in tmp, a clean environment, fake servers."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# Whatever pytest's import mode, the project and the fakes module must be importable.
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from collectors.base import Context  # noqa: E402
from collectors.catalog import SPECS  # noqa: E402
from collectors.http import RetryPolicy  # noqa: E402
from fakes import FakeServer  # noqa: E402
from lawine.config import Brand, Settings  # noqa: E402
from lawine.store import open_store  # noqa: E402

# Fast retries: backoff in milliseconds; only Retry-After tests wait for real (about 1 s).
POLICY = RetryPolicy(attempts=3, base=0.01, cap=0.05, max_wait=5.0, timeout=2.0)
ENV_VARS = sorted({v for s in SPECS.values() for v in (*s.required, *s.optional)} | {
    "LAWINE_DISABLED_SOURCES", "LAWINE_DATABASE_URL", "LAWINE_CONFIG", "LAWINE_MAX_PAGES",
    "LAWINE_COMMENT_WINDOW_DAYS", "LAWINE_HTTP_RETRIES", "LAWINE_HTTP_BACKOFF", "LAWINE_HTTP_TIMEOUT",
    "LAWINE_HTTP_MAX_WAIT", "X_BEARER_TOKEN"})


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    """No real credentials, no real secrets file, a fixed pseudonym key, and a scratch cwd."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LAWINE_SECRETS_FILE", str(tmp_path / "absent-secrets.toml"))
    monkeypatch.setenv("LAWINE_PSEUDONYM_KEY", "test-pseudonym-key")
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def store_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'lawine.db'}"


@pytest.fixture
def engine(store_url):
    eng = open_store(store_url)
    yield eng
    eng.dispose()


@pytest.fixture
def settings() -> Settings:
    return Settings(brands=[
        Brand(name="Kestrel Air", keywords=["Kestrel Air", "kestrelair"], exclude=["kestrel falcon"],
              languages=["en", "de"],
              handles={"x": ["@KestrelAir"], "reddit": ["KestrelAir_Team"],
                       "mastodon": ["@kestrel@social.example"], "bluesky": ["kestrelair.bsky.social"]},
              marketing_pages={"facebook": ["1001"], "instagram": ["17841"]},
              subreddits=["travel"]),
        Brand(name="Nimbus Bank", keywords=["Nimbus Bank"], languages=["en"]),
    ])


@pytest.fixture
def make_ctx(engine, settings):
    def make(source: str, **kwargs) -> Context:
        kwargs.setdefault("policy", POLICY)
        return Context(engine, settings, source, **kwargs)
    return make


@pytest.fixture
def serve():
    servers: list[FakeServer] = []

    def start(app) -> FakeServer:
        server = FakeServer(app).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
