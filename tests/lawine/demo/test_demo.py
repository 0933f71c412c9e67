"""The demo is deterministic and realistic enough to exercise every page."""
import sqlite3
from collections import Counter
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from lawine.demo.generator import DemoGenerator
from tests.conftest import DEMO_END

END = int(DEMO_END.timestamp())


def mentions(n=3000, seed=3):
    from lawine.demo import _analyser

    gen = DemoGenerator(n, 30, seed, END)
    gen.generate()
    return gen, list(gen.mentions(_analyser()))


def test_same_seed_same_data_and_exact_count():
    _, a = mentions()
    _, b = mentions()
    assert len(a) == 3000
    assert [(m.id, m.text, m.created_at, m.author_id) for m in a] == [(m.id, m.text, m.created_at, m.author_id) for m in b]
    assert len({m.id for m in a}) == 3000


def test_mix_of_channels_languages_and_kinds():
    _, ms = mentions()
    assert set(Counter(m.source for m in ms)) == {"x", "facebook", "reddit", "instagram", "mastodon", "bluesky", "rss"}
    langs = Counter(m.lang for m in ms)
    assert langs["en"] > 500 and langs["de"] > 500
    assert sum(m.on_marketing_post for m in ms) > 200
    assert all(m.created_at <= DEMO_END for m in ms)


def test_replies_are_ours_faster_in_business_hours_and_some_never_come():
    gen, ms = mentions(6000)
    by_id = {m.id: m for m in ms}
    own = [m for m in ms if m.is_own and m.kind == "reply"]
    assert own and all(by_id[m.parent_id].first_reply_at <= m.created_at for m in own)
    inside, outside = [], []
    for m in ms:
        if m.first_reply_at and not m.is_own:
            delay = (m.first_reply_at - m.created_at).total_seconds()
            (inside if gen.calendar.is_open(m.created_at) else outside).append(delay)
    assert sorted(inside)[len(inside) // 2] < sorted(outside)[len(outside) // 2]
    waiting = [m for m in ms if m.needs_reply and not m.is_own and m.first_reply_at is None]
    assert len(waiting) > 100


def test_episodes_are_injected_where_the_manifest_says():
    gen, ms = mentions(6000)
    manifest = gen.manifest()
    kinds = [e["type"] for e in manifest["episodes"]]
    assert kinds.count("spike") >= 2 and kinds.count("avalanche") == 1
    for ep in manifest["episodes"]:
        start = datetime.fromtimestamp(ep["start"], timezone.utc)
        end = datetime.fromtimestamp(ep["end"], timezone.utc)
        inside = [m for m in ms if start <= m.created_at < end and m.brand == ep["brand"] and not m.is_own]
        hours = (end - start).total_seconds() / 3600
        usual = sum(1 for m in ms if m.brand == ep["brand"] and not m.is_own) / (30 * 24)
        # a spike is a volume burst; an avalanche is mostly negativity piling up, less volume
        assert len(inside) / hours > (3 if ep["type"] == "spike" else 1.5) * usual, ep["name"]
        if ep["negative"]:
            brand_posts = [m for m in ms if m.brand == ep["brand"] and not m.is_own]
            usual_share = sum(m.sentiment_label == "negative" for m in brand_posts) / len(brand_posts)
            share = sum(m.sentiment_label == "negative" for m in inside) / len(inside)
            assert share > usual_share + 0.2, ep["name"]
        words = " ".join(m.text.lower() for m in inside)
        assert sum(w.lstrip("#") in words for w in ep["words"]) >= 3
    aval = next(e for e in manifest["episodes"] if e["type"] == "avalanche")
    agree = [m for m in ms if m.kind == "reply" and not m.is_own and m.brand == aval["brand"]
             and m.created_at.timestamp() >= aval["start"] and m.sentiment_label == "negative"]
    assert len(agree) > 30  # other customers confirm the complaint


def test_inject_adds_an_episode_with_agreeing_replies_inside_its_window():
    from lawine.demo import _analyser
    from lawine.demo.schedule import HOUR, Episode
    from lawine.demo.templates import AGREE

    gen = DemoGenerator(3000, 30, 4, END)
    with pytest.raises(RuntimeError, match="generate"):
        gen.inject(Episode("avalanche", "x", "Kestrel Air", "AVALANCHE", END - 5 * 86400, END - 5 * 86400 + 6 * HOUR, 0), 5)
    gen.generate()
    start = END - 5 * 86400
    ep = Episode("avalanche", "Injected", "Kestrel Air", "AVALANCHE", start, start + 6 * HOUR, 0.0)
    posts = gen.inject(ep, 20, agree_per_post=3.0, agree_within_s=4 * HOUR)
    ms = list(gen.mentions(_analyser()))
    ids = {p.id for p in posts}
    roots = [m for m in ms if m.id in ids]
    agree = [m for m in ms if m.parent_id in ids]  # inject() adds no replies of ours
    assert all(m.kind == "reply" and not m.is_own and m.text in {t.text for t in AGREE} for m in agree)
    assert len(roots) == 20 and all(start <= m.created_at.timestamp() <= start + 6 * HOUR for m in roots)
    assert 30 <= len(agree) <= 90  # Poisson(3) per post, 20 posts
    parent_ts = {m.id: m.created_at.timestamp() for m in roots}
    assert all(0 <= m.created_at.timestamp() - parent_ts[m.parent_id] <= 4 * HOUR for m in agree)
    assert len(ms) == 3000 + 20 + len(agree)
    assert [m.created_at for m in ms] == sorted(m.created_at for m in ms)
    assert gen.manifest()["episodes"][-1]["name"] == "Injected"


def test_too_small_demo_is_refused():
    with pytest.raises(ValueError, match="at least"):
        DemoGenerator(50, 30, 1, END)


def test_demo_db_fixture_matches_manifest(demo_db):
    con = sqlite3.connect(demo_db)
    n, lo, hi = con.execute("select count(*), min(created_ts), max(created_ts) from mentions").fetchone()
    assert n == 4000 and hi <= END and (END - lo) <= 35 * 86400
    berlin = ZoneInfo("Europe/Berlin")
    assert datetime.fromtimestamp(lo, berlin).tzinfo is berlin
