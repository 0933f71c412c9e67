"""Webhook URLs, signing keys and SMTP passwords never show up in logs, the notifications table or errors."""
from __future__ import annotations

from datetime import timedelta

import pytest

from lawine.alerts import run_once, send_test
from lawine.alerts.channels import DeliveryError, Envelope, deliver, redact
from lawine.alerts.messages import probe_message
from lawine.config import AlertChannel, ConfigError, load_settings
from tests.lawine.alerts.data import NOW, add_event, notifications, settings

TOKEN = "XyZ-sEcReT-T0k3n-4711"


def leaked(text: str) -> bool:
    return TOKEN in text or TOKEN.lower() in text.lower()


def test_failing_webhook_url_is_not_leaked(engine, db_url, workdir, monkeypatch, http_sink, caplog):
    sink = http_sink(500, 500)
    monkeypatch.setenv("SLACK_WEBHOOK_URL", sink.url(f"/services/{TOKEN}"))
    monkeypatch.setenv("HOOK_KEY", TOKEN + "-key")
    s = settings(db_url, {"slack": {"type": "slack", "url_secret": "SLACK_WEBHOOK_URL"},
                          "hook": {"type": "webhook", "url_secret": "SLACK_WEBHOOK_URL", "hmac_secret": "HOOK_KEY"}},
                 [{"name": "r", "channels": ["slack", "hook"]}])
    add_event(engine, "e1")
    with caplog.at_level("DEBUG"):
        report = run_once(engine, s, NOW + timedelta(minutes=1))
    assert report.retrying == 2 and len(sink.requests) == 2
    rows = notifications(engine)
    assert all("HTTP 500" in r["error"] for r in rows)
    assert not leaked(str(rows)) and not leaked(caplog.text)


def test_unreachable_host_error_is_redacted(engine, db_url, workdir, monkeypatch, caplog):
    # Port 9 on loopback: nothing listens, so httpx raises with whatever it knows about the request.
    monkeypatch.setenv("SLACK_WEBHOOK_URL", f"http://127.0.0.1:9/services/{TOKEN}")
    s = settings(db_url, {"slack": {"type": "slack", "url_secret": "SLACK_WEBHOOK_URL", "timeout_s": 2}}, [])
    with caplog.at_level("DEBUG"):
        error = send_test(engine, s, "slack", NOW)
    assert error and "ConnectError" in error
    assert not leaked(error) and not leaked(str(notifications(engine))) and not leaked(caplog.text)


def test_delivery_errors_carry_no_secret_even_when_the_library_quotes_the_url(workdir, monkeypatch):
    monkeypatch.setenv("HOOK_URL", f"http://user:{TOKEN}@127.0.0.1:9/in/{TOKEN}?token={TOKEN}")
    cfg = AlertChannel(type="webhook", url_secret="HOOK_URL", timeout_s=1)
    with pytest.raises(DeliveryError) as err:
        deliver(cfg, probe_message("hook", "http://x"), Envelope(now_ts=0))
    assert not leaked(str(err.value)) and err.value.__suppress_context__
    assert redact(f"failed for url 'https://hooks.slack.com/services/{TOKEN}'", []) == \
        "failed for url 'https://hooks.slack.com/***'"


def test_missing_secret_names_the_variable(engine, db_url, workdir):
    s = settings(db_url, {"slack": {"type": "slack", "url_secret": "SLACK_WEBHOOK_URL"}}, [])
    error = send_test(engine, s, "slack", NOW)
    assert "SLACK_WEBHOOK_URL is not set" in error
    assert notifications(engine)[0]["status"] == "failed"


def test_secrets_toml_is_read_too(engine, db_url, workdir, http_sink):
    sink = http_sink()
    (workdir / ".streamlit").mkdir()
    (workdir / ".streamlit" / "secrets.toml").write_text(f'[slack]\nwebhook_url = "{sink.url("/from-file")}"\n')
    s = settings(db_url, {"slack": {"type": "slack", "url_secret": "SLACK_WEBHOOK_URL"}}, [])
    assert send_test(engine, s, "slack", NOW) is None
    assert sink.requests[0].path == "/from-file"


def test_a_pasted_url_in_the_config_is_rejected_without_echoing_it(workdir):
    path = workdir / "lawine.toml"
    path.write_text(f'[alerts.channels.slack]\ntype = "slack"\nurl_secret = "https://hooks.slack.com/{TOKEN}"\n')
    with pytest.raises(ConfigError) as err:
        load_settings(str(path))
    assert "alerts.channels.slack.url_secret" in str(err.value) and "NAME" in str(err.value)
    assert not leaked(str(err.value))
