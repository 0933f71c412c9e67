"""Weekly snapshot data: KPIs and deltas recomputed in plain Python, ISO weeks in the team time zone."""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert

from lawine import store
from lawine.config import Settings
from lawine.queries import Filters
from lawine.snapshot import WeekError, build_snapshot, parse_week
from lawine.snapshot.metrics import KPI_KEYS
from lawine.store import schema
from tests.lawine.snapshot.rows import expected, mention, random_week

UTC = timezone.utc
SETTINGS = Settings()  # Europe/Berlin, Mon-Fri 9-18, SLA 60 min in business hours
NOW = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)  # Wednesday after 2026-W11


def close(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


def test_parse_week_accepts_iso_weeks_and_words_and_explains_mistakes():
    now = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)  # a Friday in 2026-W47
    assert parse_week("2026-W47").label == "2026-W47"
    assert parse_week("2026w7").label == "2026-W07"
    assert parse_week("this", now=now).label == "2026-W47"
    assert parse_week("last", now=now).label == "2026-W46"
    assert parse_week("2026-W53").label == "2026-W53"  # 2026 has 53 ISO weeks
    with pytest.raises(WeekError, match="weeks 1 to 52"):
        parse_week("2025-W53")
    with pytest.raises(WeekError, match="ISO week like 2026-W47"):
        parse_week("next week")
    with pytest.raises(WeekError, match="no week given"):
        parse_week("")


def test_last_week_is_decided_in_the_team_time_zone():
    # Monday 00:30 in Berlin is still Sunday in UTC: 'this' is already the new week there.
    monday_early = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert parse_week("this", "Europe/Berlin", monday_early).label == "2026-W48"
    assert parse_week("this", "UTC", monday_early).label == "2026-W47"


def test_weeks_across_daylight_saving_time_have_167_and_169_hours():
    spring, autumn = parse_week("2026-W13"), parse_week("2026-W43")
    assert spring.start == datetime(2026, 3, 22, 23, 0, tzinfo=UTC)  # Monday 00:00 CET
    assert spring.end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)  # Monday 00:00 CEST
    assert spring.end - spring.start == timedelta(hours=167)
    assert autumn.end - autumn.start == timedelta(hours=169)


def test_week_boundaries_count_posts_by_local_midnight_across_dst(engine):
    rows = [
        mention(1, datetime(2026, 3, 22, 22, 30, tzinfo=UTC)),  # Sun 23:30 CET: week 12
        mention(2, datetime(2026, 3, 22, 23, 30, tzinfo=UTC)),  # Mon 00:30 CET: week 13, Monday
        mention(3, datetime(2026, 3, 29, 21, 30, tzinfo=UTC)),  # Sun 23:30 CEST: week 13, Sunday
        mention(4, datetime(2026, 3, 29, 22, 30, tzinfo=UTC)),  # Mon 00:30 CEST: week 14
        mention(5, datetime(2026, 3, 25, 12, 0, tzinfo=UTC), source="reddit"),
    ]
    store.upsert_mentions(engine, rows)
    snap = build_snapshot(engine, SETTINGS, "2026-W13", now=datetime(2026, 4, 1, tzinfo=UTC))
    assert snap.metrics["mentions"].value == 3
    assert snap.metrics["mentions"].previous == 1
    per_day = snap.volume_by_day.groupby("day")["mentions"].sum()
    assert list(per_day.values) == [1, 0, 1, 0, 0, 0, 1]  # Monday, Wednesday, Sunday
    assert str(per_day.index[0]) == "2026-03-23" and str(per_day.index[-1]) == "2026-03-29"
    assert list(snap.sentiment_by_day["neutral"]) == [1, 0, 1, 0, 0, 0, 1]
    nets = dict(zip(snap.networks["source"], snap.networks["mentions"]))
    assert nets == {"x": 2, "reddit": 1}


def _five_weeks(engine, seed: int = 3) -> list:
    rng = random.Random(seed)
    rows, first = [], 0
    for back in range(5):
        w = parse_week("2026-W11").shifted(-back)
        rows += random_week(rng, w.start, w.end, first, 40 + 5 * back)
        first += 1000
    rows.append(mention(99_999, datetime(2026, 3, 16, 9, 0, tzinfo=UTC)))  # week 12: outside every window
    store.upsert_mentions(engine, rows)
    return rows


@pytest.mark.parametrize("business_hours", [True, False])
def test_kpis_and_deltas_match_an_independent_calculation(engine, business_hours):
    rows = _five_weeks(engine)
    settings = Settings(sla={"first_response_minutes": 60, "business_hours_only": business_hours})
    snap = build_snapshot(engine, settings, "2026-W11", now=NOW)
    weeks = [parse_week("2026-W11").shifted(-i) for i in range(5)]
    per_week = [expected(rows, w.start, w.end, NOW, 60, business_hours) for w in weeks]
    assert per_week[0]["mentions"] > 20 and per_week[0]["sla_compliance"] not in (None, 0, 1)
    for key in KPI_KEYS:
        m = snap.metrics[key]
        earlier = [w[key] for w in per_week[1:] if w[key] is not None]
        assert close(m.value, per_week[0][key]), key
        assert close(m.previous, per_week[1][key]), key
        assert close(m.average, sum(earlier) / len(earlier)), key
        assert m.weeks_averaged == len(earlier)
        assert close(m.delta_previous, per_week[0][key] - per_week[1][key]), key


def test_average_skips_weeks_before_data_collection_started(engine):
    w = parse_week("2026-W11")
    store.upsert_mentions(engine, [mention(1, w.start + timedelta(hours=30)),
                                   mention(2, w.start + timedelta(hours=31)),
                                   mention(3, w.shifted(-1).start + timedelta(hours=30))])
    m = build_snapshot(engine, SETTINGS, w, now=NOW).metrics["mentions"]
    assert (m.value, m.previous, m.average, m.weeks_averaged) == (2, 1, 1, 1)
    assert m.delta_average == 1


def test_sla_counts_expired_open_requests_as_missed_and_pending_ones_not_at_all(engine):
    # Monday 2026-03-09 10:00 CET = 09:00 UTC, inside business hours.
    t0 = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
    store.upsert_mentions(engine, [
        mention(1, t0, needs_reply=True, reply_after=timedelta(minutes=30)),  # met
        mention(2, t0, needs_reply=True, reply_after=timedelta(minutes=90)),  # missed
        mention(3, t0, needs_reply=True),  # open, long expired: missed
        mention(4, t0, needs_reply=True, community=True),  # the community answered: not ours
        # Friday 17:50 CET, answered Monday 09:30: 10 + 30 business minutes, met.
        mention(5, datetime(2026, 3, 13, 16, 50, tzinfo=UTC), needs_reply=True,
                reply_after=timedelta(days=2, hours=15, minutes=40)),
        mention(6, t0, needs_reply=False, reply_after=timedelta(minutes=600)),  # no reply needed
        mention(7, t0, needs_reply=True, brand="Solo"),  # open: missed by now, not due 20 minutes in
    ])
    snap = build_snapshot(engine, SETTINGS, "2026-W11", now=NOW)
    assert snap.metrics["sla_compliance"].value == pytest.approx(2 / 5)
    assert snap.metrics["answered_share"].value == pytest.approx(3 / 6)
    solo = Filters(brands=("Solo",))
    assert build_snapshot(engine, SETTINGS, "2026-W11", solo, now=NOW).metrics["sla_compliance"].value == 0
    early = build_snapshot(engine, SETTINGS, "2026-W11", solo, now=t0 + timedelta(minutes=20))
    assert early.metrics["sla_compliance"].value is None  # its clock has not run out yet
    assert early.complete is False and snap.complete is True


def test_marketing_questions_and_their_answer_speed(engine):
    t0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    store.upsert_mentions(engine, [
        mention(1, t0, marketing=True, intent="question", reply_after=timedelta(minutes=10)),
        mention(2, t0, marketing=True, intent="complaint", reply_after=timedelta(minutes=50)),
        mention(3, t0, marketing=True, intent="other", needs_reply=True, reply_after=timedelta(minutes=20)),
        mention(4, t0, marketing=True, intent="praise"),
        mention(5, t0, intent="question", reply_after=timedelta(minutes=1)),  # not on a marketing post
        mention(6, t0, own=True, marketing=True, intent="question"),
    ])
    m = build_snapshot(engine, SETTINGS, "2026-W11", now=NOW).metrics
    assert m["marketing_questions"].value == 3
    assert m["marketing_question_share"].value == pytest.approx(3 / 4)
    assert m["marketing_median_response_s"].value == 20 * 60
    assert m["median_response_s"].value == 10 * 60  # 1, 10, 20, 50 min: nearest rank = 2nd


def test_samples_events_and_filters(engine):
    t0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    store.upsert_mentions(engine, [
        mention(1, t0, label="negative", likes=5, text="bad"),
        mention(2, t0, label="negative", likes=3, replies=4, text="worse", brand="Other"),
        mention(3, t0, label="positive", likes=1, text="great"),
        mention(4, t0, intent="question", likes=2, text="how?"),
        mention(5, t0, label="negative", likes=99, own=True, text="ours"),
        mention(6, t0, label="negative", likes=500, intent="spam_or_abuse", text="spam"),
    ])
    with engine.begin() as conn:
        conn.execute(insert(schema.events), [
            dict(id="e1", type="spike", brand="Acme", channel="X search", start_ts=int(t0.timestamp()),
                 peak_ts=int(t0.timestamp()) + 3600, end_ts=None, score=7.5, status="open", updated_ts=0,
                 explanation=json.dumps({"top_terms": [["outage", 4.1], ["netz", 3.0]]})),
            dict(id="e2", type="spike", brand="Acme", channel=None, start_ts=int(t0.timestamp()) - 30 * 86400,
                 peak_ts=int(t0.timestamp()) - 30 * 86400, end_ts=int(t0.timestamp()) - 29 * 86400,
                 score=9.0, status="closed", updated_ts=0, explanation="{}"),
        ])
    snap = build_snapshot(engine, SETTINGS, "2026-W11", now=NOW)
    assert snap.samples["negative"].text == "worse"  # 7 engagement beats 5; own and spam never count
    assert snap.samples["positive"].text == "great" and snap.samples["question"].text == "how?"
    assert list(snap.events["score"]) == [7.5]
    assert snap.tables()["events"]["summary"][0] == "words: outage, netz"
    assert snap.tables("de")["events"]["summary"][0] == "Wörter: outage, netz"
    assert "explanation" not in snap.tables()["events"]  # the raw JSON is not part of the export
    german = snap.tables("de")["events"].iloc[0]
    assert (german["type"], german["status"], german["channel"]) == ("Spitze", "offen", "X search")
    only = build_snapshot(engine, SETTINGS, "2026-W11", Filters(brands=("Acme",)), now=NOW)
    assert only.samples["negative"].text == "bad" and only.metrics["mentions"].value == 4


def test_an_empty_week_is_a_snapshot_without_data(engine):
    snap = build_snapshot(engine, SETTINGS, "2026-W11", now=NOW)
    assert not snap.has_data and snap.events.empty and snap.faq == []
    assert snap.metrics["share_negative"].value is None and snap.samples["negative"] is None
    assert snap.volume_by_day.empty and len(snap.sentiment_by_day) == 7


def test_an_event_still_running_belongs_to_every_week_since_its_start(engine):
    from lawine.snapshot.data import top_events

    week = parse_week("2026-W11", "Europe/Berlin", NOW)
    before = int(week.start.timestamp()) - 3 * 86400
    with engine.begin() as conn:
        conn.execute(insert(schema.events), [
            dict(id=key, type="avalanche", brand="Acme", channel=None, start_ts=before, peak_ts=before + 3600,
                 end_ts=end, score=70.0, status="open", updated_ts=0, explanation="{}")
            for key, end in (("running", None), ("over", before + 7200))])
    assert list(top_events(engine, Filters(), week)["score"]) == [70.0]  # the running one, not the one over
