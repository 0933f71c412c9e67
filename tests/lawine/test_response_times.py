"""Response-time statistics on hand-made data, checked against plain-Python recomputations."""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, time, timedelta, timezone
from fractions import Fraction
from math import ceil
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from lawine import store
from lawine.business_hours import BusinessCalendar, business_seconds_many
from lawine.model import Mention
from lawine.queries import Filters
from lawine.response_times import SlaPolicy, backlog_forecast, first_response_stats, hour_of_week
from lawine.satisfaction import satisfaction, satisfaction_total

BERLIN = ZoneInfo("Europe/Berlin")
CAL = BusinessCalendar()  # Berlin, Mon–Fri 09:00–18:00, as the default settings
POLICY = SlaPolicy(CAL, 3600, True)
T0 = datetime(2026, 11, 9, 0, 0, tzinfo=timezone.utc)  # a Monday; Berlin is UTC+1 all month
DELAYS_MIN = [3, 12, 45, 59, 60, 61, 95, 180, 600, 1300, 2900, 4400]


def customer(i: int, created: datetime, brand: str = "A", channel: str = "X search", needs: bool = True,
             **over) -> Mention:
    data = dict(id=f"x:c{i}", source="x", channel=channel, author_id=f"p_{i}", brand=brand,
                text=f"customer {i}", created_at=created, needs_reply=needs)
    data.update(over)
    return Mention(**data)


def own_reply(i: int, parent: Mention, after: timedelta, n: int = 0) -> Mention:
    return Mention(id=f"x:r{i}-{n}", source="x", channel=parent.channel, kind="reply", parent_id=parent.id,
                   author_id="us", author_name="@Brand", is_own=True, brand=parent.brand, text="we help",
                   created_at=parent.created_at + after)


def dataset(seed: int = 3, n: int = 60):
    """Customer posts with our replies (sometimes two, the earlier counts) and some customer replies."""
    rng = random.Random(seed)
    rows, mentions = [], []
    for i in range(n):
        created = T0 + timedelta(minutes=rng.randrange(0, 14 * 24 * 60))
        post = customer(i, created, brand=rng.choice("AB"), channel=rng.choice(["X search", "r/Brand"]),
                        needs=rng.random() < 0.8)
        reply_at = None
        mentions.append(post)
        if rng.random() < 0.7:
            delay = timedelta(minutes=rng.choice(DELAYS_MIN), seconds=rng.randrange(60))
            mentions.append(own_reply(i, post, delay))
            mentions.append(own_reply(i, post, delay + timedelta(minutes=30), n=1))  # later: ignored
            reply_at = created + delay
        if rng.random() < 0.3:  # another customer answers: not a reply of ours
            mentions.append(Mention(id=f"x:o{i}", source="x", channel=post.channel, kind="reply",
                                    parent_id=post.id, author_id="other", brand=post.brand, text="same here",
                                    created_at=created + timedelta(minutes=1)))
        rows.append({"brand": post.brand, "channel": post.channel, "created": created, "reply": reply_at,
                     "needs": post.needs_reply})
    return mentions, rows


def nearest_rank(values: list[float], q: Fraction) -> float | None:
    ordered = sorted(values)
    return ordered[max(1, ceil(q * len(ordered))) - 1] if ordered else None


def recompute(rows: list[dict], key) -> dict:
    """The definitions from the module docstring, in plain Python, with the scalar calendar."""
    groups: dict = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    out = {}
    for g, rs in groups.items():
        answered = [r for r in rs if r["reply"] is not None]
        delays = [(r["reply"] - r["created"]).total_seconds() for r in answered]
        needing = [r for r in rs if r["needs"]]
        business_ok = sum(CAL.business_seconds(r["created"], r["reply"]) <= 3600 for r in answered)
        out[g] = {
            "answered": len(answered),
            "median_first_response_s": nearest_rank(delays, Fraction(1, 2)),
            "p90_first_response_s": nearest_rank(delays, Fraction(9, 10)),
            "unanswered": sum(1 for r in needing if r["reply"] is None),
            "answered_share": (sum(1 for r in needing if r["reply"] is not None) / len(needing)) if needing else None,
            "sla_met_share_business": business_ok / len(answered) if answered else None,
            "sla_met_share_wall": sum(d <= 3600 for d in delays) / len(answered) if answered else None,
        }
    return out


def as_dict(df, key: str) -> dict:
    out = {}
    for rec in df.to_dict("records"):
        g = rec.pop(key)
        rec.pop("sla_met_share")
        out[g] = {k: (None if v is None or (isinstance(v, float) and np.isnan(v)) else v) for k, v in rec.items()}
    return out


def assert_same(got: dict, want: dict) -> None:
    assert set(got) == set(want)
    for g in want:
        for k, v in want[g].items():
            assert got[g][k] == pytest.approx(v) if v is not None else got[g][k] is None, (g, k)


@pytest.mark.parametrize("by", ["brand", "channel", "all"])
def test_stats_per_group_match_a_plain_python_recount(engine, by):
    mentions, rows = dataset()
    store.upsert_mentions(engine, mentions)
    df = first_response_stats(engine, Filters(), POLICY, by)
    want = recompute(rows, (lambda r: "all") if by == "all" else (lambda r: r[by]))
    assert_same(as_dict(df, by), want)
    assert (df["sla_met_share"] == df["sla_met_share_business"]).all()
    assert df["answered"].sum() == sum(1 for r in rows if r["reply"])  # the second own reply is not counted


def test_day_and_week_groups_are_local_dates_and_filters_narrow(engine):
    mentions, rows = dataset(seed=8)
    store.upsert_mentions(engine, mentions)
    f = Filters(brands=("A",), start=T0 + timedelta(days=2), end=T0 + timedelta(days=12))
    inside = [r for r in rows if r["brand"] == "A" and f.start <= r["created"] < f.end]

    def local_day(r):
        return r["created"].astimezone(BERLIN).date().isoformat()

    def local_week(r):
        d = r["created"].astimezone(BERLIN).date()
        return (d - timedelta(days=d.weekday())).isoformat()

    assert_same(as_dict(first_response_stats(engine, f, POLICY, "day", "Europe/Berlin"), "day"),
                recompute(inside, local_day))
    assert_same(as_dict(first_response_stats(engine, f, POLICY, "week", "Europe/Berlin"), "week"),
                recompute(inside, local_week))


def test_local_days_follow_the_dst_switch(engine):
    # Europe/Berlin leaves summer time on 2026-10-25 at 03:00 local (01:00 UTC).
    times = [datetime(2026, 10, 24, 21, 59, tzinfo=timezone.utc),  # 23:59 CEST, Oct 24
             datetime(2026, 10, 24, 22, 0, tzinfo=timezone.utc),   # 00:00 CEST, Oct 25
             datetime(2026, 10, 25, 22, 59, tzinfo=timezone.utc),  # 23:59 CET, Oct 25
             datetime(2026, 10, 25, 23, 0, tzinfo=timezone.utc)]   # 00:00 CET, Oct 26
    store.upsert_mentions(engine, [customer(i, t) for i, t in enumerate(times)])
    df = first_response_stats(engine, Filters(), POLICY, "day", "Europe/Berlin")
    assert dict(zip(df["day"], df["unanswered"])) == {"2026-10-24": 1, "2026-10-25": 2, "2026-10-26": 1}
    week = first_response_stats(engine, Filters(), POLICY, "week", "Europe/Berlin")
    assert dict(zip(week["week"], week["unanswered"])) == {"2026-10-19": 3, "2026-10-26": 1}


def test_wall_clock_policy_picks_the_wall_clock_share(engine):
    mentions, rows = dataset(seed=5)
    store.upsert_mentions(engine, mentions)
    df = first_response_stats(engine, Filters(), SlaPolicy(CAL, 3600, business_hours_only=False), "all")
    assert df["sla_met_share"].iloc[0] == pytest.approx(recompute(rows, lambda r: "all")["all"]["sla_met_share_wall"])


def test_business_seconds_many_equals_the_scalar_calendar_across_dst_and_holidays():
    cal = BusinessCalendar("Europe/Berlin", ["mon", "tue", "wed", "thu", "fri", "sat"], time(8, 30), time(17, 15),
                           holidays=["2026-03-30", "2026-10-26"])
    rng = random.Random(11)
    base = datetime(2026, 3, 20, tzinfo=timezone.utc).timestamp()
    starts, ends = [], []
    for _ in range(400):
        a = base + rng.randrange(0, 230 * 86400)
        starts.append(a)
        ends.append(a + rng.choice([0, 60, 3000, 30000, 200000, 900000]) + rng.randrange(3600))
    got = business_seconds_many(cal, starts, ends)
    want = [cal.business_seconds(datetime.fromtimestamp(a, timezone.utc), datetime.fromtimestamp(b, timezone.utc))
            for a, b in zip(starts, ends)]
    assert got == pytest.approx(want)
    assert business_seconds_many(cal, [], []).size == 0


def test_hour_of_week_counts_in_local_time_per_week(engine):
    # Two weeks; arrivals at Monday 09:xx Berlin twice, once answered at 10:xx the same day.
    start, end = T0, T0 + timedelta(days=14)
    p1 = customer(1, datetime(2026, 11, 9, 8, 10, tzinfo=timezone.utc))
    p2 = customer(2, datetime(2026, 11, 16, 8, 40, tzinfo=timezone.utc))
    p3 = customer(3, datetime(2026, 11, 16, 8, 50, tzinfo=timezone.utc), needs=False)  # not an arrival
    store.upsert_mentions(engine, [p1, p2, p3, own_reply(1, p1, timedelta(minutes=65))])
    df = hour_of_week(engine, Filters(start=start, end=end), "Europe/Berlin").set_index(["weekday", "hour"])
    assert len(df) == 168 and (df["weeks"] == 2).all()
    assert df.loc[(0, 9), "arrivals"] == 2 and df.loc[(0, 9), "arrivals_per_week"] == 1.0
    assert df.loc[(0, 10), "answers"] == 1 and df.loc[(0, 10), "answers_per_week"] == 0.5
    assert df["arrivals"].sum() == 2 and df["answers"].sum() == 1
    assert df.loc[(0, 9), "difference_per_week"] == -1.0


def test_backlog_forecast_scales_the_profile_and_subtracts_usual_answers(engine):
    now = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # Monday 10:00 Berlin
    mentions, i = [], 0

    def add(at: datetime, brand: str = "A", answered_after: timedelta | None = None) -> None:
        nonlocal i
        i += 1
        m = customer(i, at, brand=brand)
        mentions.append(m)
        if answered_after is not None:
            mentions.append(own_reply(i, m, answered_after))

    for k in range(1, 5):  # four earlier Mondays
        monday = now - timedelta(days=7 * k)
        add(monday + timedelta(minutes=15), answered_after=timedelta(minutes=20))  # 10:15, answered 10:35
        add(monday + timedelta(hours=1, minutes=15))  # 11:15, twice, never answered
        add(monday + timedelta(hours=1, minutes=16))
        add(monday - timedelta(minutes=10), brand="B", answered_after=timedelta(minutes=15))  # 09:50 -> 10:05
    for k in (1, 2, 3):  # Sundays 12:15 Berlin: one each week before ...
        add(now - timedelta(days=7 * k + 1) + timedelta(hours=2, minutes=15))
    for _ in range(3):  # ... and three yesterday: the last 24 h run at twice the usual level
        add(now - timedelta(days=1) + timedelta(hours=2, minutes=15))
    store.upsert_mentions(engine, mentions)

    b = backlog_forecast(engine, Filters(brands=("A",)), now, "Europe/Berlin", hours=3)
    # Sunday 12:00 saw 1+1+1+3 arrivals over 4 Sundays (mean 1.5); yesterday had 3.
    assert (b.arrivals_24h, b.expected_24h, b.level) == (3, 1.5, 2.0)
    assert b.open_now == 5  # yesterday's 3 and last Monday's two 11:15 posts (the others are > 7 days old)
    fc = b.forecast
    assert list(fc["time"]) == [now + timedelta(hours=h) for h in range(4)]
    # 10:00 slot: 2.0 × 1 arrival/week, 1 answer/week; 11:00: 2.0 × 2, none answered; 12:00: quiet.
    assert list(fc["arrivals"]) == [0.0, 2.0, 4.0, 0.0]
    assert list(fc["answers"]) == [0.0, 1.0, 0.0, 0.0]
    assert list(fc["backlog"]) == [5.0, 6.0, 10.0, 10.0]
    quiet = backlog_forecast(engine, Filters(brands=("B",)), now, "Europe/Berlin", hours=1)
    # B: nothing arrived in the last 24 h (usual: 0.75 at Monday 09:00), one answer usual at 10:00.
    assert (quiet.open_now, quiet.level) == (0, 0.0)
    assert list(quiet.forecast["answers"]) == [0.0, 1.0] and list(quiet.forecast["backlog"]) == [0.0, 0.0]


def test_satisfaction_pairs_the_answered_post_with_the_customers_last_later_message(engine):
    t = datetime(2026, 11, 17, 10, 0, tzinfo=timezone.utc)

    def msg(mid: str, author: str, minutes: int, sentiment: float, label: str, brand: str = "A",
            parent: str | None = None, own: bool = False) -> Mention:
        return Mention(id=f"x:{mid}", source="x", channel="X search", kind="reply" if parent else "post",
                       parent_id=f"x:{parent}" if parent else None, thread_id=f"x:{mid[0]}1", author_id=author,
                       is_own=own, brand=brand, text=mid, created_at=t + timedelta(minutes=minutes),
                       sentiment=sentiment, sentiment_label=label, needs_reply=not own)

    rows = [
        msg("a1", "ann", 0, -0.8, "negative"),
        msg("a2", "ann", 5, -0.9, "negative", parent="a1"),    # before our reply: not the "after"
        msg("a3", "us", 10, 0.5, "positive", parent="a1", own=True),
        msg("a4", "ann", 60, 0.6, "positive", parent="a3"),
        msg("a5", "ann", 120, 0.0, "neutral", parent="a3"),     # her last message: counts
        msg("a6", "bob", 130, -1.0, "negative", parent="a3"),   # someone else
        msg("b1", "cid", 0, 0.4, "positive", brand="B"),
        msg("b2", "us", 30, 0.1, "neutral", parent="b1", own=True, brand="B"),
        msg("b3", "cid", 90, -0.5, "negative", parent="b2", brand="B"),
        msg("e1", "eve", 0, -0.4, "negative"),
        msg("e2", "us", 20, 0.2, "positive", parent="e1", own=True),
        msg("e3", "eve", 50, -0.6, "negative", parent="e2"),    # still negative: unchanged label
        msg("c1", "dan", 0, -0.3, "negative", brand="B"),       # answered, never wrote again: no pair
        msg("c2", "us", 30, 0.1, "neutral", parent="c1", own=True, brand="B"),
    ]
    store.upsert_mentions(engine, rows)
    df = satisfaction(engine, Filters()).set_index("brand")
    # A: ann -0.8 -> 0.0 (negative -> neutral, improved), eve -0.4 -> -0.6 (unchanged label);
    # B: cid 0.4 -> -0.5 (positive -> negative, worsened).
    assert df.loc["A", "pairs"] == 2 and df.loc["B", "pairs"] == 1
    assert df.loc["A", "change_mean"] == pytest.approx(0.3) and df.loc["A", "improved_share"] == 0.5
    assert df.loc["A", "worsened_share"] == 0.0
    assert df.loc["B", "change_mean"] == pytest.approx(-0.9) and df.loc["B", "worsened_share"] == 1.0
    overall = satisfaction(engine, Filters(), "all").iloc[0]
    assert overall["pairs"] == 3 and overall["before_mean"] == pytest.approx(-0.8 / 3)
    assert overall["improved_share"] == pytest.approx(1 / 3) and overall["worsened_share"] == pytest.approx(1 / 3)
    combined = satisfaction_total(df.reset_index())
    for col in ("pairs", "before_mean", "after_mean", "change_mean", "improved_share", "worsened_share"):
        assert combined[col] == pytest.approx(overall[col])
    assert satisfaction(engine, Filters(start=t + timedelta(days=1))).empty
