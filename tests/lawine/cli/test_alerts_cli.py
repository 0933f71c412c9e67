"""`lawine alerts run|test` against a loopback webhook, configured through lawine.toml and the environment."""
from __future__ import annotations

import argparse
import json
from datetime import datetime, timedelta, timezone

import pytest

from lawine import store
from lawine.cli import main
from lawine.cli.alerts import parse_every
from tests.lawine.alerts.data import add_event, notifications
from tests.lawine.alerts.sinks import HttpSink

CONFIG = """
[database]
url = "{url}"

[alerts]
dashboard_url = "https://lawine.example.org"

[alerts.channels.ops-hook]
type = "webhook"
url_secret = "OPS_HOOK_URL"

[[alerts.rules]]
name = "everything"
channels = ["ops-hook"]
"""


@pytest.fixture
def configured(workdir, monkeypatch):
    sink = HttpSink()
    url = f"sqlite:///{workdir / 'team.db'}"
    (workdir / "lawine.toml").write_text(CONFIG.format(url=url))
    monkeypatch.setenv("OPS_HOOK_URL", sink.url("/ops/secret-path-123"))
    yield sink, url
    sink.close()


def test_alerts_test_sends_to_the_named_channel(configured, capsys):
    sink, url = configured
    assert main(["alerts", "test", "ops-hook"]) == 0
    assert "test message sent to ops-hook (webhook)" in capsys.readouterr().out
    assert json.loads(sink.requests[0].body)["kind"] == "test"
    engine = store.open_store(url)
    assert [(r["rule"], r["status"]) for r in notifications(engine)] == [("(test)", "sent")]
    engine.dispose()


def test_alerts_test_reports_a_failure_without_the_url(configured, capsys):
    sink, _ = configured
    sink.statuses = [500]
    assert main(["alerts", "test", "ops-hook"]) == 1
    out = capsys.readouterr().out
    assert "failed: HTTP 500" in out and "secret-path-123" not in out


def test_alerts_test_unknown_channel(configured, capsys):
    assert main(["alerts", "test", "pager"]) == 2
    assert "no channel named 'pager' (known: ops-hook)" in capsys.readouterr().err


def test_alerts_run_sends_once(configured, capsys):
    sink, url = configured
    engine = store.open_store(url)
    add_event(engine, "cli-1", start=datetime.now(timezone.utc) - timedelta(minutes=5))
    assert main(["alerts", "run"]) == 0
    assert main(["alerts", "run", "--database", url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("alerts: sent 1,") and out[1].startswith("alerts: sent 0,")
    assert [json.loads(r.body)["alerts"][0]["key"] for r in sink.requests] == ["spike:cli-1"]
    engine.dispose()


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("1m", 60), ("5", 300), ("2h", 7200), ("1d", 86400)])
def test_every_accepts_durations(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "soon", "-1m", "1w"])
def test_every_rejects_other_text(text):
    with pytest.raises(argparse.ArgumentTypeError):
        parse_every(text)
