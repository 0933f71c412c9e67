"""Candidates from the store: SLA deadlines on the business calendar, VIP threshold, marketing-only rules."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from lawine.alerts.rules import find_alerts, matches
from lawine.config import AlertRule
from tests.lawine.alerts.data import BERLIN, NOW, add_mentions, mention, settings, ts


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN).astimezone(timezone.utc)


def keys(engine, db_url, now, **alerts):
    return sorted(a.key for a in find_alerts(engine, settings(db_url, {}, [], **alerts), ts(now)))


def test_sla_deadline_follows_business_hours_over_the_weekend(engine, db_url):
    # Friday 20 Nov 2026, 17:30 Berlin; 60 business minutes: 30 on Friday, 30 on Monday from 09:00.
    [post] = add_mentions(engine, mention(berlin(2026, 11, 20, 17, 30)))
    assert keys(engine, db_url, berlin(2026, 11, 21, 12, 0)) == []
    assert keys(engine, db_url, berlin(2026, 11, 23, 9, 29)) == []
    assert keys(engine, db_url, berlin(2026, 11, 23, 9, 31)) == [f"sla_breach:{post.id}"]


def test_answered_or_not_needing_a_reply_is_no_breach(engine, db_url):
    start = NOW - timedelta(hours=3)
    answered = mention(start, first_reply_at=start + timedelta(hours=2))
    no_reply = mention(start, needs_reply=False)
    own = mention(start, is_own=True)
    [open_post] = add_mentions(engine, mention(start))
    add_mentions(engine, answered, no_reply, own)
    assert keys(engine, db_url, NOW) == [f"sla_breach:{open_post.id}"]


def test_vip_needs_enough_followers_and_a_complaint(engine, db_url):
    at = NOW - timedelta(minutes=10)
    vip = mention(at, author_followers=10_000, intent="complaint", sentiment_label="neutral", needs_reply=False)
    happy = mention(at, author_followers=90_000, intent="praise", sentiment_label="positive", needs_reply=False)
    small = mention(at, author_followers=9_999, intent="complaint", needs_reply=False)
    add_mentions(engine, vip, happy, small)
    assert keys(engine, db_url, NOW) == [f"vip_author:{vip.id}"]
    assert keys(engine, db_url, NOW, vip_followers=5_000) == sorted([f"vip_author:{vip.id}", f"vip_author:{small.id}"])


def test_marketing_only_rules_skip_other_posts(engine, db_url):
    start = NOW - timedelta(hours=3)
    campaign = mention(start, kind="comment", parent_id="facebook:1", on_marketing_post=True)
    elsewhere = mention(start)
    add_mentions(engine, campaign, elsewhere)
    rule = AlertRule(name="campaigns", types=["sla_breach"], marketing_posts_only=True)
    alerts = find_alerts(engine, settings(db_url, {}, []), ts(NOW))
    assert [a.key for a in alerts if matches(rule, a)] == [f"sla_breach:{campaign.id}"]


def test_sensitive_posts_alert_with_masked_quote(engine, db_url):
    post = mention(NOW - timedelta(minutes=3), needs_reply=False, sensitive=True,
                   text="My booking number is ABC12345, call me at +49 171 1234567")
    add_mentions(engine, post)
    [alert] = find_alerts(engine, settings(db_url, {}, []), ts(NOW))
    assert alert.key == f"sensitive_public:{post.id}"
    assert "ABC12345" not in alert.quote and "1234567" not in alert.quote


def test_lookback_limits_mention_alerts(engine, db_url):
    add_mentions(engine, mention(NOW - timedelta(hours=30), author_followers=50_000, needs_reply=False))
    assert keys(engine, db_url, NOW) == []
    assert len(keys(engine, db_url, NOW, lookback_hours=48)) == 1

