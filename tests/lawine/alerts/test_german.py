"""A rule with lang = "de" words its messages in German; keys, dedupe and English rules are unaffected."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from lawine.alerts import run_once
from lawine.alerts.dispatcher import send_test
from tests.lawine.alerts.data import NOW, add_event, add_mentions, close_event, mention, notifications, settings

SLACK = {"slack": {"type": "slack", "url_secret": "SLACK_WEBHOOK_URL"}}
HOOK = {"hook": {"type": "webhook", "url_secret": "HOOK_URL"}}


def german(db_url, monkeypatch, sink, **rule):
    monkeypatch.setenv("SLACK_WEBHOOK_URL", sink.url("/services/T000/B000/slacktoken"))
    return settings(db_url, SLACK, [{"name": "presse", "channels": ["slack"], "lang": "de", **rule}])


def fields(payload: dict) -> dict[str, str]:
    out = {}
    for block in payload["blocks"]:
        for f in block.get("fields", []):
            label, _, value = f["text"].partition("\n")
            out[label.strip("*")] = value
    return out


def test_a_spike_and_its_update_in_german(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = german(db_url, monkeypatch, sink, types=["spike"], deliver_to=["Ana"])
    add_event(engine, "ev-de", score=1234.56, explanation={"observed_peak": 140.0, "expected_peak": 12.4,
                                                         "channels": {"x": 1200}})
    run_once(engine, s, NOW + timedelta(minutes=1))
    first = sink.requests[0].json()
    assert first["text"] == "Spitze: Kestrel Air auf x"
    got = fields(first)
    assert got["Stärke"] == "1.234,6" and got["Status"] == "offen" and "Beginn" in got and "Höhepunkt" in got
    start = NOW.astimezone(ZoneInfo("Europe/Berlin"))
    assert got["Beginn"] == f"{start:%d.%m.%Y %H:%M %Z}"  # the German way, with the zone
    assert got["Beobachtete Spitze"] == "140/h" and got["Erwartete Spitze"] == "12/h" and got["Kanäle"] == "X 1.200"
    texts = str(first["blocks"])
    assert "Für: Ana" in texts and "In Lawine öffnen" in texts and "Open in Lawine" not in texts
    close_event(engine, "ev-de", NOW + timedelta(hours=2), status="false_alarm")
    run_once(engine, s, NOW + timedelta(hours=2, minutes=1))
    assert sink.requests[1].json()["text"] == "Update: Spitze Fehlalarm – Kestrel Air auf x"
    # The same keys as an English rule would log: switching a rule's language re-sends nothing.
    assert [r["dedupe_key"] for r in notifications(engine)] == ["spike:ev-de", "spike:ev-de#false_alarm"]


def test_an_avalanche_in_german_says_how_negative_against_the_usual(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = german(db_url, monkeypatch, sink, types=["avalanche"])
    add_event(engine, "av-de", type="avalanche", channel=None, explanation={
        "components": {"amplify": 1.0}, "channels": {"facebook": 12, "bluesky": 3},
        "negative_share": 0.772, "usual_negative_share": 0.31, "expected_peak": 0.4})
    run_once(engine, s, NOW + timedelta(minutes=1))
    got = fields(sink.requests[0].json())
    assert got["Anteil negativ"] == "77 %" and got["Sonst negativ"] == "31 %"
    assert got["Kanäle"] == "Facebook 12, Bluesky 3" and got["Erwartete Spitze"] == "0,4/h"


def test_sla_breaches_bundle_in_german_while_an_english_rule_stays_english(engine, db_url, workdir, monkeypatch,
                                                                           http_sink):
    slack, hook = http_sink(), http_sink()
    monkeypatch.setenv("SLACK_WEBHOOK_URL", slack.url())
    monkeypatch.setenv("HOOK_URL", hook.url())
    s = settings(db_url, {**SLACK, **HOOK}, [
        {"name": "service", "channels": ["slack"], "types": ["sla_breach"], "lang": "de"},
        {"name": "ops", "channels": ["hook"], "types": ["sla_breach"]}])
    start = NOW - timedelta(hours=2)
    add_mentions(engine, *[mention(start + timedelta(minutes=5 * i)) for i in range(3)])
    run_once(engine, s, NOW)
    de, en = slack.requests[0].json(), hook.requests[0].json()
    assert de["text"] == "3 neue SLA-Verletzungen – Kestrel Air"
    assert en["subject"] == "[Lawine] 3 new SLA breaches - Kestrel Air"
    titles = [b["text"]["text"] for b in de["blocks"] if b["type"] == "section" and "fields" in b]
    assert all(t.startswith("*SLA verletzt: unbeantworteter Post") for t in titles) and len(titles) == 3
    facts = fields(de)
    assert facts["SLA"] == "60 Min. in Geschäftszeiten" and "Überfällig seit" in facts and "Frist" in facts
    assert en["alerts"][0]["facts"]["SLA"] == "60 min business time"


def test_quiet_hours_digest_in_german(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = german(db_url, monkeypatch, sink, types=["spike"], quiet_hours=["22:00:00", "07:00:00"])
    night = NOW.replace(hour=22)
    add_event(engine, "n1", start=night)
    run_once(engine, s, night + timedelta(minutes=1))
    run_once(engine, s, NOW.replace(day=19, hour=6, minute=1))
    payload = sink.requests[0].json()
    assert payload["text"] == "Sammelnachricht: 1 Alarm während der Ruhezeit"
    assert "1 Alarm kam während der Ruhezeit der Regel 'presse':" in str(payload["blocks"])
    assert "Spitze: Kestrel Air" in str(payload["blocks"])


def test_a_test_message_in_the_pages_language(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    monkeypatch.setenv("HOOK_URL", sink.url())
    s = settings(db_url, HOOK, [])
    assert send_test(engine, s, "hook", NOW, lang="de") is None
    payload = sink.requests[0].json()
    assert payload["subject"] == "[Lawine] Testnachricht für Kanal 'hook'"
    assert "erreichen Lawine-Alarme diesen Kanal" in payload["text"]
