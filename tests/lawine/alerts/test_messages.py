"""Messages escape user text for every target, mask personal data and link to the right dashboard view."""
from __future__ import annotations

import json
from datetime import timedelta

from lawine import store
from lawine.alerts.messages import for_alert, for_bundle, for_digest, slack_payload, teams_payload, webhook_payload
from lawine.alerts.rules import find_alerts
from tests.lawine.alerts.data import NOW, add_mentions, mention, settings, ts

NASTY = "<!channel> *free* [click](https://evil.example) <img src=x onerror=alert(1)> & IBAN DE89370400440532013000"


def alerts_for(text: str, **kw):
    engine = store.open_store("sqlite://")
    add_mentions(engine, mention(NOW - timedelta(minutes=5), text=text, author_followers=50_000,
                                 intent="complaint", sensitive=True, **kw))
    found = find_alerts(engine, settings("sqlite://", {}, []), ts(NOW))
    engine.dispose()
    return {a.type: a for a in found}


def test_personal_data_never_leaves_in_any_format():
    alert = alerts_for(NASTY)["sensitive_public"]
    msg = for_alert(alert)
    for rendered in (msg.text(), msg.html(), json.dumps(slack_payload(msg)), json.dumps(teams_payload(msg)),
                     json.dumps(webhook_payload(msg, 0))):
        assert "DE89370400440532013000" not in rendered and "0532 0130 00" not in rendered
    assert "•••" in msg.text()


def test_slack_keeps_user_text_inert():
    msg = for_alert(alerts_for(NASTY)["vip_author"])
    payload = slack_payload(msg)
    quotes = [b for b in payload["blocks"] if b["type"] == "context"]
    assert quotes[0]["elements"][0]["type"] == "plain_text"  # no mrkdwn, so no @channel and no *bold*
    mrkdwn = json.dumps([b for b in payload["blocks"] if b["type"] == "section"])
    assert "<!channel>" not in mrkdwn and "<img" not in mrkdwn


def test_html_escapes_and_teams_markdown_is_escaped():
    msg = for_alert(alerts_for(NASTY)["vip_author"])
    html = msg.html()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;!channel&gt;" in html
    card = json.dumps(teams_payload(msg))
    assert "[click](https://evil" not in card and r"\\[click\\]\\(https://evil" in card
    assert "<img" not in card


def test_bundle_lists_each_alert_and_says_when_it_is_cut_short():
    engine = store.open_store("sqlite://")
    add_mentions(engine, *[mention(NOW - timedelta(hours=3, minutes=i)) for i in range(12)])
    alerts = [a for a in find_alerts(engine, settings("sqlite://", {}, []), ts(NOW)) if a.type == "sla_breach"]
    msg = for_bundle(alerts)
    assert len(alerts) == 12 and msg.subject == "[Lawine] 12 new SLA breaches - Kestrel Air"
    assert len(msg.sections) == 10 and "Showing 10 of 12" in msg.text()
    assert len(slack_payload(msg)["blocks"]) <= 50
    assert [a["key"] for a in webhook_payload(msg, 0)["alerts"]] == [a.key for a in alerts[:10]]


def test_digest_carries_every_held_alert_and_one_link():
    msg = for_digest("night", [("[Lawine] Spike: A", "body one"), ("[Lawine] Avalanche: B", "body <two>")],
                     "https://lawine.example.org")
    text = msg.text()
    assert msg.subject == "[Lawine] Digest: 2 alerts during quiet hours"
    assert "1. Spike: A" in text and "2. Avalanche: B" in text and "body <two>" in text
    assert "body &lt;two&gt;" in msg.html() and "https://lawine.example.org" in msg.html()


def test_post_links_must_be_web_links():
    found = alerts_for("angry", url="javascript:alert(1)")
    assert found["vip_author"].post_url is None
