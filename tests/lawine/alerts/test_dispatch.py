"""Alerts reach Slack/Teams/webhooks once, with the numbers and link; cooldown, quiet hours, retries, locking."""
from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from lawine.alerts import run_once
from lawine.store import notification_writes
from tests.lawine.alerts.data import NOW, add_event, add_mentions, close_event, mention, notifications, settings, ts

SLACK = {"slack": {"type": "slack", "url_secret": "SLACK_WEBHOOK_URL"}}


def slack_settings(db_url, monkeypatch, sink, **rule):
    monkeypatch.setenv("SLACK_WEBHOOK_URL", sink.url("/services/T000/B000/slacktoken"))
    return settings(db_url, SLACK, [{"name": "pr", "channels": ["slack"], **rule}])


def test_a_spike_reaches_slack_once_with_numbers_and_link(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink, types=["spike", "avalanche"])
    add_event(engine, "ev-1", score=7.25, explanation={"mentions": 140, "expected": 12.5})
    report = run_once(engine, s, NOW + timedelta(minutes=1))
    assert report.sent == 1 and len(sink.requests) == 1
    req = sink.requests[0]
    assert req.path == "/services/T000/B000/slacktoken"
    payload = req.json()
    text = str(payload)
    assert payload["text"] == "Spike: Kestrel Air on x"
    assert "7.2" in text and "140" in text and "12.50" in text
    # The dashboard view for the brand and the event's day (Berlin dates).
    button_urls = [e["url"] for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button_urls == [
        "https://lawine.example.org/events?event=ev-1&brand=Kestrel+Air&from=2026-11-18&to=2026-11-18"]
    # Running again (and with the event still open) sends nothing new.
    assert run_once(engine, s, NOW + timedelta(minutes=2)).sent == 0
    assert len(sink.requests) == 1
    rows = notifications(engine)
    assert [(r["dedupe_key"], r["status"], r["attempts"]) for r in rows] == [("spike:ev-1", "sent", 1)]
    assert rows[0]["sent_ts"] == ts(NOW + timedelta(minutes=1))


def test_min_score_brands_and_types_filter(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink, types=["avalanche"], brands=["Kestrel Air"], min_score=5)
    add_event(engine, "low", type="avalanche", score=4.9)
    add_event(engine, "other-brand", type="avalanche", brand="Nordlicht Mobile", score=9)
    add_event(engine, "a-spike", type="spike", score=9)
    add_event(engine, "hit", type="avalanche", score=5.0)
    run_once(engine, s, NOW + timedelta(minutes=1))
    assert [r["dedupe_key"] for r in notifications(engine)] == ["avalanche:hit"]
    assert len(sink.requests) == 1


def test_an_ended_event_is_posted_as_an_update(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink, types=["spike"])
    add_event(engine, "ev-2")
    run_once(engine, s, NOW + timedelta(minutes=1))
    close_event(engine, "ev-2", NOW + timedelta(hours=2))
    run_once(engine, s, NOW + timedelta(hours=2, minutes=1))
    run_once(engine, s, NOW + timedelta(hours=2, minutes=2))
    assert len(sink.requests) == 2
    update = sink.requests[1].json()
    assert update["text"] == "Update: spike resolved - Kestrel Air on x"
    assert [r["dedupe_key"] for r in notifications(engine)] == ["spike:ev-2", "spike:ev-2#resolved"]


def test_an_event_seen_only_after_it_ended_gets_one_message(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink, types=["spike"])
    add_event(engine, "late", status="resolved", end=NOW + timedelta(hours=1))
    run_once(engine, s, NOW + timedelta(hours=2))
    run_once(engine, s, NOW + timedelta(hours=3))
    assert len(sink.requests) == 1 and "Active until" in sink.requests[0].body.decode()
    rows = {r["dedupe_key"]: r["status"] for r in notifications(engine)}
    assert rows == {"spike:late": "sent", "spike:late#resolved": "grouped"}  # the first message covered it


def test_cooldown_suppresses_a_second_alert_of_the_same_type(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink, types=["spike"], cooldown_minutes=60)
    add_event(engine, "s1")
    run_once(engine, s, NOW + timedelta(minutes=1))
    add_event(engine, "s2", start=NOW + timedelta(minutes=20))
    run_once(engine, s, NOW + timedelta(minutes=21))
    add_event(engine, "s3", start=NOW + timedelta(minutes=70))
    run_once(engine, s, NOW + timedelta(minutes=71))
    rows = {r["dedupe_key"]: r for r in notifications(engine)}
    assert {k: r["status"] for k, r in rows.items()} == {
        "spike:s1": "sent", "spike:s2": "suppressed", "spike:s3": "sent"}
    assert "cooldown" in rows["spike:s2"]["error"]
    assert len(sink.requests) == 2


def test_several_sla_breaches_in_one_run_become_one_message(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink, types=["sla_breach"])
    # Posted 13:00-13:10 Berlin on a Wednesday with a 60-minute business-hours SLA: due by 14:10.
    start = NOW - timedelta(hours=2)
    posts = add_mentions(engine, *[mention(start + timedelta(minutes=5 * i)) for i in range(3)])
    run_once(engine, s, NOW)
    assert len(sink.requests) == 1
    body = sink.requests[0].body.decode()
    assert sink.requests[0].json()["text"] == "3 new SLA breaches - Kestrel Air"
    assert all(p.url in body for p in posts)
    rows = notifications(engine)
    assert sorted(r["status"] for r in rows) == ["grouped", "grouped", "grouped", "sent"]
    assert {r["dedupe_key"] for r in rows if r["status"] == "grouped"} == {f"sla_breach:{p.id}" for p in posts}
    run_once(engine, s, NOW + timedelta(minutes=5))
    assert len(sink.requests) == 1


def test_quiet_hours_collect_alerts_into_one_morning_digest(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink, types=["spike", "avalanche"],
                       quiet_hours=["22:00:00", "07:00:00"], cooldown_minutes=0)
    night = NOW.replace(hour=22)  # 23:00 in Berlin (CET, UTC+1)
    add_event(engine, "n1", start=night)
    run_once(engine, s, night + timedelta(minutes=1))
    add_event(engine, "n2", type="avalanche", start=night + timedelta(hours=3), score=12)
    run_once(engine, s, night + timedelta(hours=3, minutes=1))
    assert sink.requests == []
    rows = notifications(engine)
    morning = NOW.replace(day=19, hour=6)  # 07:00 Berlin
    assert [r["status"] for r in rows] == ["queued", "queued"]
    assert {r["next_try_ts"] for r in rows} == {ts(morning)}
    run_once(engine, s, morning - timedelta(minutes=1))
    assert sink.requests == []
    run_once(engine, s, morning + timedelta(minutes=1))
    run_once(engine, s, morning + timedelta(minutes=2))
    assert len(sink.requests) == 1
    digest = sink.requests[0].body.decode()
    assert "Digest: 2 alerts" in digest and "Spike: Kestrel Air" in digest and "Avalanche: Kestrel Air" in digest
    statuses = {r["dedupe_key"].split(":")[0]: r["status"] for r in notifications(engine)}
    assert statuses == {"spike": "grouped", "avalanche": "grouped", "digest": "sent"}


def test_digest_at_delays_the_digest(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink, types=["spike"], quiet_hours=["22:00:00", "07:00:00"],
                       digest_at="08:30:00")
    night = NOW.replace(hour=23)  # 00:00 Berlin, Thursday
    add_event(engine, "n1", start=night)
    run_once(engine, s, night + timedelta(minutes=1))
    run_once(engine, s, NOW.replace(day=19, hour=7))  # 08:00 Berlin: quiet is over, digest not yet due
    assert sink.requests == []
    run_once(engine, s, NOW.replace(day=19, hour=7, minute=30))
    assert len(sink.requests) == 1


def test_a_500_is_logged_and_retried_after_next_try_ts(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink(500)
    s = slack_settings(db_url, monkeypatch, sink, types=["spike"])
    add_event(engine, "r1")
    first = NOW + timedelta(minutes=1)
    report = run_once(engine, s, first)
    assert report.retrying == 1 and len(sink.requests) == 1
    [row] = notifications(engine)
    assert (row["status"], row["attempts"], row["sent_ts"]) == ("retrying", 1, None)
    assert row["next_try_ts"] == ts(first) + 60 and "HTTP 500" in row["error"]
    run_once(engine, s, first + timedelta(seconds=30))
    assert len(sink.requests) == 1  # not yet due
    run_once(engine, s, first + timedelta(seconds=61))
    assert len(sink.requests) == 2 and sink.requests[1].json()["text"] == "Spike: Kestrel Air on x"
    [row] = notifications(engine)
    assert (row["status"], row["attempts"], row["next_try_ts"]) == ("sent", 2, None)
    assert row["sent_ts"] == ts(first + timedelta(seconds=61))


def test_backoff_doubles_and_gives_up(engine, db_url, workdir, monkeypatch, http_sink):
    from lawine.alerts.dispatcher import MAX_ATTEMPTS

    sink = http_sink(*([503] * 20))
    s = slack_settings(db_url, monkeypatch, sink, types=["spike"])
    add_event(engine, "r2")
    t = NOW + timedelta(minutes=1)
    waits = []
    run_once(engine, s, t)
    for _ in range(MAX_ATTEMPTS - 1):
        [row] = notifications(engine)
        waits.append(row["next_try_ts"] - ts(t))
        t = t + timedelta(seconds=waits[-1])
        run_once(engine, s, t)
    assert waits == [60, 120, 240, 480, 960, 1920, 3840]
    [row] = notifications(engine)
    assert (row["status"], row["attempts"], row["next_try_ts"]) == ("failed", MAX_ATTEMPTS, None)
    assert len(sink.requests) == MAX_ATTEMPTS


def test_a_slow_endpoint_times_out_without_blocking_the_other_channel(engine, db_url, workdir, monkeypatch,
                                                                      http_sink):
    slow, fast = http_sink(delay_s=2.0), http_sink()
    monkeypatch.setenv("SLOW_URL", slow.url())
    monkeypatch.setenv("FAST_URL", fast.url())
    s = settings(db_url, {"slow": {"type": "webhook", "url_secret": "SLOW_URL", "timeout_s": 0.3},
                          "fast": {"type": "slack", "url_secret": "FAST_URL"}},
                 [{"name": "all", "types": ["spike"], "channels": ["slow", "fast"]}])
    add_event(engine, "t1")
    report = run_once(engine, s, NOW + timedelta(minutes=1))
    assert (report.sent, report.retrying) == (1, 1) and len(fast.requests) == 1
    by_channel = {r["channel"]: r for r in notifications(engine)}
    assert by_channel["slow"]["status"] == "retrying" and "Timeout" in by_channel["slow"]["error"]


def test_webhook_is_signed_with_hmac_over_timestamp_and_body(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    monkeypatch.setenv("HOOK_URL", sink.url("/lawine"))
    monkeypatch.setenv("HOOK_KEY", "k3y-for-signing")
    s = settings(db_url, {"ops": {"type": "webhook", "url_secret": "HOOK_URL", "hmac_secret": "HOOK_KEY"}},
                 [{"name": "ops", "types": ["avalanche"], "channels": ["ops"]}])
    add_event(engine, "av-9", type="avalanche", score=11.5)
    run_once(engine, s, NOW + timedelta(minutes=1))
    [req] = sink.requests
    stamp = req.headers["X-Lawine-Timestamp"]
    assert stamp == str(ts(NOW + timedelta(minutes=1)))
    expected = hmac.new(b"k3y-for-signing", stamp.encode() + b"." + req.body, hashlib.sha256).hexdigest()
    assert req.headers["X-Lawine-Signature"] == f"sha256={expected}"
    payload = req.json()
    assert payload["kind"] == "alert" and payload["alerts"][0]["key"] == "avalanche:av-9"
    assert payload["alerts"][0]["score"] == 11.5 and payload["alerts"][0]["brand"] == "Kestrel Air"


def test_webhook_without_key_is_unsigned(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    monkeypatch.setenv("HOOK_URL", sink.url())
    s = settings(db_url, {"ops": {"type": "webhook", "url_secret": "HOOK_URL"}},
                 [{"name": "ops", "channels": ["ops"]}])
    add_event(engine, "u1")
    run_once(engine, s, NOW + timedelta(minutes=1))
    assert "X-Lawine-Signature" not in sink.requests[0].headers
    assert "X-Lawine-Timestamp" in sink.requests[0].headers


def test_teams_gets_an_adaptive_card(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink(202)
    monkeypatch.setenv("TEAMS_WEBHOOK_URL", sink.url("/workflows/abc"))
    s = settings(db_url, {"teams": {"type": "teams", "url_secret": "TEAMS_WEBHOOK_URL"}},
                 [{"name": "care", "types": ["vip_author"], "channels": ["teams"]}], vip_followers=5000)
    add_mentions(engine, mention(NOW - timedelta(minutes=5), author_followers=48_000, intent="complaint",
                                 author_name="big_voice"),
                 mention(NOW - timedelta(minutes=5), author_followers=4_999, intent="complaint"))
    report = run_once(engine, s, NOW)
    assert report.sent == 1
    card = sink.requests[0].json()["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    facts = {f["title"]: f["value"] for b in card["content"]["body"] if b["type"] == "FactSet" for f in b["facts"]}
    assert facts["Followers"] == "48,000" and facts["Author"] == r"big\_voice"
    assert card["content"]["actions"][0]["url"] == "https://lawine.example.org/queue?brand=Kestrel+Air&source=x"


def test_one_notification_per_channel_even_when_two_rules_match(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    monkeypatch.setenv("SLACK_WEBHOOK_URL", sink.url())
    s = settings(db_url, SLACK, [{"name": "a", "channels": ["slack"]}, {"name": "b", "channels": ["slack"]}])
    add_event(engine, "d1")
    run_once(engine, s, NOW + timedelta(minutes=1))
    assert len(sink.requests) == 1 and [r["rule"] for r in notifications(engine)] == ["a"]


def test_a_running_alerts_job_holds_a_lock(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink)
    add_event(engine, "l1")
    token = notification_writes.try_lock(engine, ts(NOW))
    assert token is not None
    assert run_once(engine, s, NOW + timedelta(minutes=1)).skipped and sink.requests == []
    # A crashed run's lock expires; then the next run proceeds.
    assert run_once(engine, s, NOW + timedelta(minutes=11)).sent == 1
    assert notification_writes.try_lock(engine, ts(NOW + timedelta(minutes=12))) is not None


def test_old_events_outside_the_lookback_do_not_alert(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink)
    # Detection refreshes updated_ts on every run; that alone must not make old events news.
    add_event(engine, "old", start=NOW - timedelta(days=3), end=NOW - timedelta(days=2), updated=NOW)
    add_event(engine, "old-no-end", start=NOW - timedelta(days=3))
    add_event(engine, "old-resolved", start=NOW - timedelta(days=3), end=NOW - timedelta(days=2),
              status="resolved", updated=NOW)
    assert run_once(engine, s, NOW).sent == 0 and sink.requests == []
    # Still going (its last active hour is recent) although it started long ago: that is news.
    add_event(engine, "long", start=NOW - timedelta(days=3), end=NOW - timedelta(hours=1), updated=NOW)
    assert run_once(engine, s, NOW + timedelta(minutes=1)).sent == 1
    # Running at the last detection run (no end, refreshed now): news too. "old-no-end" above was
    # last seen three days ago (detection stopped), so it stays quiet.
    add_event(engine, "running", start=NOW - timedelta(days=3), updated=NOW + timedelta(hours=2))
    assert run_once(engine, s, NOW + timedelta(hours=2)).sent == 1  # after the rule's 60-minute cooldown


def test_each_status_change_is_one_update(engine, db_url, workdir, monkeypatch, http_sink):
    sink = http_sink()
    s = slack_settings(db_url, monkeypatch, sink, types=["avalanche"])
    add_event(engine, "av", type="avalanche", end=NOW + timedelta(hours=1))
    run_once(engine, s, NOW + timedelta(minutes=1))
    close_event(engine, "av", NOW + timedelta(hours=1), "acknowledged", at=NOW + timedelta(minutes=30))
    run_once(engine, s, NOW + timedelta(minutes=31))
    close_event(engine, "av", NOW + timedelta(hours=2), "false_alarm", at=NOW + timedelta(hours=3))
    run_once(engine, s, NOW + timedelta(hours=3, minutes=1))
    run_once(engine, s, NOW + timedelta(hours=3, minutes=2))
    assert [r.json()["text"] for r in sink.requests] == [
        "Avalanche: Kestrel Air on x", "Update: avalanche acknowledged - Kestrel Air on x",
        "Update: avalanche false alarm - Kestrel Air on x"]
