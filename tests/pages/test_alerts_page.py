"""The Alerts page lists channels and rules without secrets, sends a test message and shows the log."""
from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from lawine import store
from lawine.alerts import run_once
from lawine.config import load_settings
from tests.conftest import DEMO_END
from tests.lawine.alerts.data import add_event
from tests.lawine.alerts.sinks import HttpSink
from tests.pages.apptest import headers

ROOT = Path(__file__).resolve().parents[2]
SECRET_PATH = "/hooks/T0P-SECRET-path-987"
CONFIG = """
[alerts]
dashboard_url = "https://lawine.example.org"

[alerts.channels.ops-hook]
type = "webhook"
url_secret = "OPS_HOOK_URL"
hmac_secret = "OPS_HOOK_KEY"

[alerts.channels.care-slack]
type = "slack"
url_secret = "CARE_SLACK_URL"

[[alerts.rules]]
name = "avalanches to ops"
types = ["avalanche", "spike"]
channels = ["ops-hook"]
quiet_hours = [22:00:00, 07:00:00]
"""


@pytest.fixture
def sink():
    s = HttpSink()
    yield s
    s.close()


@pytest.fixture
def open_page(run_page, workdir, monkeypatch, sink, demo_url):
    (workdir / "lawine.toml").write_text(CONFIG)
    monkeypatch.setenv("LAWINE_CONFIG", str(workdir / "lawine.toml"))
    monkeypatch.setenv("OPS_HOOK_URL", sink.url(SECRET_PATH))
    monkeypatch.setenv("OPS_HOOK_KEY", "hmac-key-never-shown")

    def run(query: dict | None = None):
        if "pages/alerts.py" in (ROOT / "dashboard.py").read_text():
            return run_page(demo_url, page="pages/alerts.py", query=query)
        import streamlit as st
        from streamlit.testing.v1 import AppTest

        monkeypatch.setenv("LAWINE_DATABASE_URL", demo_url)
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "pages" / "alerts.py"), default_timeout=120)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        return at.run()

    return run


def everything_shown(at) -> str:
    parts = [e.value for kind in ("markdown", "info", "warning", "error", "success", "code", "caption")
             for e in getattr(at, kind)]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(str(p) for p in parts)


def test_channels_and_rules_are_listed_without_secrets(open_page):
    at = open_page()
    assert not at.exception
    channels, rules = at.dataframe[0].value, at.dataframe[1].value
    assert channels.to_dict("records") == [{"channel": "ops-hook", "type": "webhook", "ready": True},
                                           {"channel": "care-slack", "type": "slack", "ready": False}]
    assert rules.iloc[0]["rule"] == "avalanches to ops" and rules.iloc[0]["quiet_hours"] == "22:00–07:00"
    shown = everything_shown(at)
    assert "CARE_SLACK_URL" in shown  # the missing secret is named ...
    assert SECRET_PATH not in shown and "hmac-key-never-shown" not in shown  # ... values never are
    assert any("Nothing sent yet" in i.value for i in at.info)
    # The mention filters narrow nothing here, so the sidebar does not offer them.
    assert [m.label for m in at.sidebar.multiselect] == [] and not at.sidebar.date_input
    assert [s.label for s in at.sidebar.selectbox] == ["Sprache / Language"]


def test_test_button_sends_and_the_log_shows_it_in_the_viewer_zone(open_page, sink):
    at = open_page()
    at.button(key="alerts_test_ops-hook").click().run()
    assert not at.exception
    assert len(sink.requests) == 1 and sink.requests[0].json()["kind"] == "test"
    assert any("Test message sent to ops-hook" in s.value for s in at.success)
    log = at.dataframe[-1].value
    assert log.iloc[0]["status"] == "sent" and log.iloc[0]["rule"] == "(test)"
    assert str(log["created_at"].dt.tz) == "Europe/Berlin"
    assert next(m for m in at.metric if m.label == "Sent").value == "1"
    assert SECRET_PATH not in everything_shown(at)


def test_failures_show_status_attempts_and_error(open_page, sink, demo_url):
    sink.statuses = [500]  # the first delivery of the run fails, the rest go through
    engine = store.open_store(demo_url)
    add_event(engine, "page-ev", start=DEMO_END)
    run_once(engine, load_settings(), DEMO_END + timedelta(minutes=1))  # 16:31 in Berlin: not quiet
    engine.dispose()
    con = sqlite3.connect(demo_url.removeprefix("sqlite:///"))
    sent = con.execute("select count(*) from notifications where status = 'sent'").fetchone()[0]
    con.close()
    at = open_page({"ui": "de"})
    assert not at.exception
    log = at.dataframe[-1].value
    retrying = log[log["status"] == "neuer Versuch geplant"]  # statuses read in the page's language
    assert len(retrying) == 1 and retrying.iloc[0]["attempts"] == 1
    assert "HTTP 500" in retrying.iloc[0]["error"] and pd.notna(retrying.iloc[0]["next_try_at"])
    assert "spike:page-ev" in set(log["dedupe_key"])
    assert next(m for m in at.metric if m.label == "Neuer Versuch geplant").value == "1"
    assert next(m for m in at.metric if m.label == "Gesendet").value == f"{sent:,}".replace(",", ".")
    assert headers(at.dataframe[-1])["attempts"] == "Versuche" and headers(at.dataframe[1])["lang"] == "Sprache"
    assert len(at.get("download_button")) == 3
