"""The runner over all sources at once: isolation, run records, secrets, crash recovery with kill -9."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time

from conftest import POLICY, ROOT
from collectors.base import Collector
from collectors.runner import RunSummary, run_all, run_every, run_source
from fakes import Fault, FakeGraph, Reply
from readback import dump_db, stored, table
from lawine.store import get_meta
from test_graph import fb_fake, ig_fake
from test_mastodon_bluesky import fake_bluesky, fake_mastodon
from test_reddit import CREDS, fake_reddit
from test_x import fake_x

SECRETS = {
    "X_BEARER_TOKEN": "x-bearer-SECRET-123456",
    "REDDIT_CLIENT_ID": CREDS["client_id"], "REDDIT_CLIENT_SECRET": CREDS["client_secret"],
    "REDDIT_USERNAME": CREDS["username"], "REDDIT_PASSWORD": CREDS["password"],
    "FACEBOOK_PAGE_TOKEN": "EAAG-page-token-SECRET-abc", "INSTAGRAM_TOKEN": "IGQ-token-SECRET-def",
    "MASTODON_ACCESS_TOKEN": "mastodon-token-SECRET-42", "BLUESKY_HANDLE": "kestrelair.bsky.social",
    "BLUESKY_APP_PASSWORD": "app-pass-SECRET-wxyz",
}


def start_all(serve, monkeypatch, settings, secrets=SECRETS) -> dict:
    graph = FakeGraph(SECRETS["FACEBOOK_PAGE_TOKEN"])
    fb, ig = fb_fake(), ig_fake()
    graph.tokens.add(SECRETS["INSTAGRAM_TOKEN"])
    graph.objects.update({**fb.objects, **ig.objects})
    graph.edges.update({**fb.edges, **ig.edges})
    servers = {"x": serve(fake_x()), "reddit": serve(fake_reddit()), "graph": serve(graph),
               "mastodon": serve(fake_mastodon()), "bluesky": serve(fake_bluesky()),
               "rss": serve(lambda req: Reply("<rss><channel><title>N</title><item><title>Kestrel Air news</title>"
                                              "<guid>urn:1</guid><pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate>"
                                              "</item></channel></rss>", content_type="application/rss+xml"))}
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("X_API_BASE_URL", servers["x"].url)
    monkeypatch.setenv("REDDIT_OAUTH_URL", servers["reddit"].url)
    monkeypatch.setenv("REDDIT_URL", servers["reddit"].url)
    monkeypatch.setenv("GRAPH_API_URL", servers["graph"].url + "/v21.0")
    monkeypatch.setenv("MASTODON_API_BASE_URL", servers["mastodon"].url)
    monkeypatch.setenv("BLUESKY_BASE_URL", servers["bluesky"].url)
    settings.brands[0].feeds = [servers["rss"].url + "/feed.xml"]
    return servers


def test_every_source_end_to_end_and_no_secret_anywhere(engine, settings, serve, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    start_all(serve, monkeypatch, settings)
    good = run_all(engine, settings, policy=POLICY)
    assert {s.source: s.status for s in good} == {n: "ok" for n in
                                                  ("reddit", "x", "facebook", "instagram", "mastodon", "bluesky", "rss")}
    assert {m["source"] for m in stored(engine).values()} == {
        "reddit", "x", "facebook", "instagram", "mastodon", "bluesky", "rss"}
    # The same run with every credential wrong: all fail, none says what it tried.
    wrong = {k: v.replace("SECRET", "WRONG") for k, v in SECRETS.items() if "HANDLE" not in k and "USERNAME" not in k}
    for name, value in wrong.items():
        monkeypatch.setenv(name, value)
    bad = run_all(engine, settings, policy=POLICY)
    assert all(s.status == "auth failed" for s in bad if s.source != "rss"), [(s.source, s.message) for s in bad]
    shown = caplog.text + dump_db(engine) + "\n".join(s.line() for s in good + bad)
    for value in [*SECRETS.values(), *wrong.values()]:
        if "SECRET" in value or "WRONG" in value or "hunter2" in value:
            assert value not in shown, value


def test_one_source_down_while_the_others_succeed(engine, settings, serve, monkeypatch):
    servers = start_all(serve, monkeypatch, settings)
    servers["reddit"].stop()
    servers["graph"].fail("/17841", Reply({"error": "down"}, 503), times=None)
    summaries = {s.source: s for s in run_all(engine, settings, policy=POLICY)}
    assert summaries["reddit"].status == "unavailable" and summaries["instagram"].status == "unavailable"
    assert all(summaries[n].status == "ok" for n in ("x", "facebook", "mastodon", "bluesky", "rss"))
    runs = {r["source"]: r for r in table(engine, "source_runs")}
    assert runs["reddit"]["status"] == "unavailable" and runs["x"]["status"] == "ok"
    assert runs["x"]["fetched"] >= 5 and runs["x"]["finished_ts"] >= runs["x"]["started_ts"]


def test_sources_without_credentials_or_switched_off_are_skipped(engine, settings, monkeypatch):
    monkeypatch.setenv("LAWINE_DISABLED_SOURCES", "x, rss")
    summaries = {s.source: s for s in run_all(engine, settings, policy=POLICY)}
    assert summaries["reddit"].status == "missing credentials"
    assert "REDDIT_CLIENT_ID" in summaries["reddit"].message
    assert summaries["x"].status == "disabled" and summaries["rss"].status == "disabled"
    assert table(engine, "source_runs") == []  # nothing ran, nothing recorded


class _Exploding(Collector):
    name = "rss"

    def pages(self):
        raise RuntimeError("bug in a collector")
        yield  # pragma: no cover


def test_a_crashing_collector_is_contained_and_recorded(engine, settings):
    settings.brands[0].feeds = ["http://127.0.0.1:9/feed"]
    summary = run_source("rss", engine, settings, policy=POLICY, factory=_Exploding)
    assert summary.status == "error" and "RuntimeError: bug in a collector" in summary.message
    assert table(engine, "source_runs")[0]["status"] == "error"


def test_analysis_trouble_never_loses_mentions(engine, settings, serve, monkeypatch):
    import lawine.analysis

    def broken(mentions, rules=None):
        raise ValueError("model missing")

    monkeypatch.setattr(lawine.analysis, "enrich", broken, raising=False)
    start_all(serve, monkeypatch, settings)
    summary = run_source("x", engine, settings, policy=POLICY)
    assert summary.status == "ok" and len(stored(engine, "source = 'x'")) == 5


def test_run_every_records_the_schedule(engine, settings, monkeypatch):
    monkeypatch.setenv("LAWINE_DISABLED_SOURCES", "x,rss")
    reports: list[list[RunSummary]] = []
    sleeps: list[float] = []
    run_every(engine, settings, 300, report=reports.append, rounds=2, sleep=sleeps.append, policy=POLICY)
    assert len(reports) == 2 and len(sleeps) == 1 and 299 <= sleeps[0] <= 300
    schedule = get_meta(engine, "collectors.schedule")
    assert schedule["every_s"] == 300 and not schedule["running"] and schedule["next_ts"] > time.time() + 290


def test_kill_9_mid_run_then_rerun_resumes_without_duplicates(engine, store_url, settings, serve, tmp_path):
    fake = fake_x()
    server = serve(fake)
    # Page 3 hangs, so the collector is surely between pages when it is killed.
    server.faults.append(Fault(lambda r: r.query.get("next_token") == "t4", Reply({"meta": {}}, delay=30)))
    config = tmp_path / "lawine.toml"
    config.write_text('[[brands]]\nname = "Kestrel Air"\nkeywords = ["Kestrel Air"]\n'
                      'handles = { x = ["@KestrelAir"] }\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "X_BEARER_TOKEN": SECRETS["X_BEARER_TOKEN"],
           "X_API_BASE_URL": server.url, "LAWINE_HTTP_RETRIES": "0"}
    # The runner alone, not the whole CLI: the point is what survives a SIGKILL, and it starts faster.
    script = ("import sys; from lawine.config import load_settings; from lawine.store import open_store; "
              "from collectors.runner import run_source; s = load_settings(sys.argv[1], database_url=sys.argv[2]); "
              "run_source('x', open_store(s.database_url), s)")
    proc = subprocess.Popen([sys.executable, "-c", script, str(config), store_url], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 20
        while time.time() < deadline and not any(r.query.get("next_token") == "t4" for r in server.requests):
            time.sleep(0.05)
        assert any(r.query.get("next_token") == "t4" for r in server.requests), "collector never got to page 3"
        time.sleep(0.2)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert len(stored(engine)) == 4
    assert table(engine, "source_runs")[0]["status"] == "running"  # killed: never finished

    settings.brands = settings.brands[:1]
    os.environ["X_BEARER_TOKEN"], os.environ["X_API_BASE_URL"] = SECRETS["X_BEARER_TOKEN"], server.url
    try:
        seen = len(server.requests)
        summary = run_source("x", engine, settings, policy=POLICY)
    finally:
        del os.environ["X_BEARER_TOKEN"], os.environ["X_API_BASE_URL"]
    assert summary.status == "ok" and summary.inserted == 1
    assert server.requests[seen].query.get("next_token") == "t4"
    assert len(stored(engine)) == 5
    assert [r["status"] for r in table(engine, "source_runs")] == ["interrupted", "ok"]
