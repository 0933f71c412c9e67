"""lawine.sources_status: what the Sources page shows for each source."""
from __future__ import annotations

import re
import time

from lawine.i18n import worded
from lawine.sources_status import source_status, source_statuses
from lawine.store import quarantine, set_meta
from lawine.store.writer import finish_run, start_run


def by_name(engine, settings, **kw):
    return {s.name: s for s in source_statuses(engine, settings, **kw)}


def test_states_name_missing_env_vars_but_never_values(engine, settings, monkeypatch):
    monkeypatch.setenv("FACEBOOK_PAGE_TOKEN", "fb-SECRET-token")
    monkeypatch.setenv("REDDIT_CLIENT_ID", "id-SECRET")
    monkeypatch.setenv("LAWINE_DISABLED_SOURCES", "bluesky")
    status = by_name(engine, settings)
    assert list(status) == ["reddit", "x", "facebook", "instagram", "mastodon", "bluesky", "rss", "import"]
    assert status["facebook"].state == "configured"
    assert status["reddit"].state == "missing credentials"
    assert status["reddit"].missing == ["REDDIT_CLIENT_SECRET", "REDDIT_USERNAME", "REDDIT_PASSWORD"]
    assert status["instagram"].missing == ["INSTAGRAM_TOKEN"] and "instagram" in status["instagram"].how_to.lower()
    assert status["bluesky"].state == "disabled" and "LAWINE_DISABLED_SOURCES" in status["bluesky"].reason
    assert status["rss"].state == "disabled" and "feeds" in status["rss"].reason
    assert status["x"].state == "configured" and "X_BEARER_TOKEN" in status["x"].how_to
    assert status["import"].next_run_note == "on demand"
    assert "fb-SECRET-token" not in repr(status) and "id-SECRET" not in repr(status)


def test_secrets_file_counts_as_configured(engine, settings, monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[mastodon]\napi_base_url = "https://social.example"\naccess_token = "tok-SECRET"\n')
    monkeypatch.setenv("LAWINE_SECRETS_FILE", str(secrets))
    assert by_name(engine, settings)["mastodon"].state == "configured"


def test_last_run_counts_errors_and_next_run(engine, settings):
    run = start_run(engine, "x")
    finish_run(engine, run, "ok", fetched=120, stored=118, quarantined=2)
    run = start_run(engine, "x")
    finish_run(engine, run, "rate limited", fetched=7, stored=7, quarantined=0,
               message="X API rate limit resets in 900s")
    quarantine(engine, "x", "123", "missing field 'created_at'", {"id": "123"})
    quarantine(engine, "x", "124", "missing field 'text'", {"id": "124"})
    now = time.time()
    set_meta(engine, "collectors.schedule", {"every_s": 300, "next_ts": int(now + 200), "running": False})
    x = source_status(engine, settings, "x", now=now)
    assert x.last_run["status"] == "rate limited" and x.items_fetched == 7 and x.items_fetched_24h == 127
    assert x.quarantined == 2 and x.errors == ["X API rate limit resets in 900s"]
    assert x.last_success_at is not None and x.next_run.timestamp() == int(now + 200)
    assert x.next_run_note == "every 5 min"
    # A schedule nobody keeps up any more is reported as stopped.
    stale = source_status(engine, settings, "x", now=now + 3600)
    assert stale.next_run is None and "not running" in stale.next_run_note
    assert source_status(engine, settings, "reddit").next_run_note == "not collected until configured"


def test_reasons_notes_and_instructions_are_worded_in_german_for_the_page(engine, settings, monkeypatch):
    monkeypatch.setenv("LAWINE_DISABLED_SOURCES", "bluesky")
    status = by_name(engine, settings)
    assert worded(status["bluesky"].reason, "de") == "in LAWINE_DISABLED_SOURCES abgeschaltet"
    assert worded(status["reddit"].reason, "de").endswith("REDDIT_PASSWORD setzen")
    assert worded(status["reddit"].next_run_note, "de") == "wird erst nach der Einrichtung abgerufen"
    assert worded(status["import"].next_run_note, "de") == "bei Bedarf"
    for s in status.values():  # every source explains its setup in both languages, naming the same settings
        german = worded(s.how_to, "de")
        assert german != s.how_to
        assert re.findall(r"[A-Z_]{6,}", german) == re.findall(r"[A-Z_]{6,}", s.how_to)
