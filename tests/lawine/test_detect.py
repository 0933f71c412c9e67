"""Detection over the store: spike events with explanations, idempotent re-runs, pruning."""
import json
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
from sqlalchemy import select

from lawine import store
from lawine.config import Detection, Settings
from lawine.detect import (HOUR, merge_channel_episodes, run_detection, sensitivity_preview, sensitivity_table,
                           spike_episodes)
from lawine.events import get_event, list_events
from lawine.model import Mention
from lawine.queries import Filters
from lawine.store import schema
from lawine.store.event_writes import set_event_status

END = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
WORDS = ["delayed", "refund", "app", "booking", "seat", "crew", "gate", "bag", "price", "lounge"]


def steady_posts(days: int = 21, seed: int = 1):
    """Customer posts with a daily rhythm (3-15 an hour), ordinary vocabulary."""
    rng = np.random.default_rng(seed)
    rows, i = [], 0
    t = END - timedelta(days=days)
    while t < END:
        rate = 3 + 12 * max(0.0, np.sin((t.hour - 6) / 24 * 2 * np.pi))
        for _ in range(rng.poisson(rate)):
            i += 1
            words = " ".join(rng.choice(WORDS, 4))
            src = "x" if i % 3 else "reddit"
            rows.append(Mention(id=f"{src}:{i}", source=src, channel="c", author_id=f"a{i}",
                                brand="B", text=f"about the {words}", sentiment=0.0, sentiment_label="neutral",
                                created_at=t + timedelta(minutes=int(rng.integers(60)))))
        t += timedelta(hours=1)
    return rows, i


def spike(start_i: int, at: datetime, per_hour=(60, 90, 70, 40)):
    rows, i = [], start_i
    for h, n in enumerate(per_hour):
        for k in range(n):
            i += 1
            rows.append(Mention(id=f"x:{i}", source="x", channel="c", author_id=f"s{i}", brand="B",
                                text="huge #flashsale today, tickets for 19 euros", sentiment=0.5,
                                sentiment_label="positive", likes=k % 7,
                                created_at=at + timedelta(hours=h, minutes=k * 60 // n)))
    return rows


def test_spike_becomes_one_explained_event(engine):
    rows, i = steady_posts()
    at = END - timedelta(days=3, hours=-1)
    at = at.replace(hour=14, minute=0)
    store.upsert_mentions(engine, rows + spike(i, at))
    found = run_detection(engine, END, days=21)
    assert found["spikes"] >= 1
    events = list_events(engine, Filters(), types=("spike",))
    hit = events[(events["start"] >= at - timedelta(hours=1)) & (events["start"] <= at + timedelta(hours=2))]
    assert len(hit) == 1  # one event per episode, networks merged into the brand event
    ev = get_event(engine, hit.iloc[0]["id"])
    terms = [t for t, _ in ev["explanation"]["top_terms"][:5]]
    assert "#flashsale" in terms and "euros" in terms
    assert ev["explanation"]["top_posts"][0]["text"].startswith("huge #flashsale")
    assert ev["explanation"]["channels"]["x"] > ev["explanation"]["channels"].get("reddit", 0)
    assert ev["explanation"]["spike_posts"] > 0 and ev["explanation"]["baseline_posts"] > 0
    assert "#flashsale" in hit.iloc[0]["summary"].split("words: ")[1]
    assert 0 < ev["score"] <= 100


def posts_after_end(start_i: int, per_hour: float, minutes: int, text: str = "about the gate and the app"):
    """Posts at a steady rate from END on, for `minutes` minutes: the hour in progress."""
    count = int(per_hour * minutes / 60)
    return [Mention(id=f"x:{start_i + k + 1}", source="x", channel="c", author_id=f"p{k}", brand="B",
                    text=text, sentiment=0.0, sentiment_label="neutral",
                    created_at=END + timedelta(seconds=k * 3600 / per_hour)) for k in range(count)]


def spike_starts(engine) -> list[datetime]:
    return list(list_events(engine, Filters(), types=("spike",))["start"])


def test_the_hour_in_progress_is_judged_on_the_share_that_has_passed(engine):
    """20 minutes into an hour, 30 posts where 15 an hour are usual: 6x the rate so far, though
    only 2x a whole hour's count (no alert as a whole hour). It is an event now, not when the
    hour is over."""
    rows, i = steady_posts(seed=6)
    surge = posts_after_end(i, per_hour=90, minutes=20, text="huge #flashsale today")
    store.upsert_mentions(engine, rows + [m for m in surge if m.created_at < END + timedelta(minutes=3)])
    run_detection(engine, END + timedelta(minutes=3), days=21)
    assert END not in spike_starts(engine)  # three minutes are too few to judge
    store.upsert_mentions(engine, surge)
    run_detection(engine, END + timedelta(minutes=20), days=21)
    assert END in spike_starts(engine)


def test_an_ordinary_hour_in_progress_raises_nothing(engine):
    rows, i = steady_posts(seed=6)
    store.upsert_mentions(engine, rows + posts_after_end(i, per_hour=15, minutes=20))
    for minutes in (6, 20, 40):
        run_detection(engine, END + timedelta(minutes=minutes), days=21)
        assert END not in spike_starts(engine)


def test_rerun_is_idempotent_keeps_status_and_prunes_vanished(engine):
    rows, i = steady_posts(seed=2)
    at = (END - timedelta(days=2)).replace(hour=13)
    store.upsert_mentions(engine, rows + spike(i, at))
    run_detection(engine, END, days=21)
    with engine.connect() as conn:
        first = conn.execute(select(schema.events.c.id)).scalars().all()
    run_detection(engine, END, days=21)
    with engine.connect() as conn:
        assert sorted(conn.execute(select(schema.events.c.id)).scalars().all()) == sorted(first)
    kept = first[0]
    set_event_status(engine, kept, "acknowledged")
    with engine.begin() as conn:  # a stale open event in range that detection will not find again
        conn.execute(schema.events.insert().values(
            id="spike:B:*:1", type="spike", brand="B", start_ts=int((END - timedelta(days=5)).timestamp()),
            peak_ts=0, end_ts=None, score=60, status="open", explanation=json.dumps({}), updated_ts=0))
    run_detection(engine, END, days=21)
    assert get_event(engine, "spike:B:*:1") is None
    assert get_event(engine, kept)["status"] == "acknowledged"


def test_a_spike_still_running_has_no_end_until_a_later_run_sees_it_over(engine):
    rows, i = steady_posts(seed=3)
    at = END - timedelta(hours=3)
    store.upsert_mentions(engine, rows + spike(i, at, per_hour=(60, 90, 70)))
    run_detection(engine, END, days=21)  # the surge's last hour is the last one there is
    (running,) = list_events(engine, Filters(), types=("spike",)).itertuples()
    assert running.start == at and pd.isna(running.end)
    assert get_event(engine, running.id)["end"] is None
    run_detection(engine, END + timedelta(hours=4), days=21)  # four quiet hours later
    (over,) = list_events(engine, Filters(), types=("spike",)).itertuples()
    assert over.id == running.id and at + timedelta(hours=3) <= over.end <= END + timedelta(hours=2)


def test_a_running_event_a_person_touched_gets_an_end_when_detection_no_longer_finds_it(engine):
    rows, _ = steady_posts(seed=2)
    store.upsert_mentions(engine, rows)
    peak = int((END - timedelta(days=1)).timestamp())
    with engine.begin() as conn:  # e.g. late posts moved the episode's start: a new id, this one gone
        conn.execute(schema.events.insert().values(
            id="spike:B:*:2", type="spike", brand="B", start_ts=peak - 3600, peak_ts=peak, end_ts=None,
            score=60, status="acknowledged", explanation=json.dumps({}), updated_ts=0))
    run_detection(engine, END, days=21)
    assert get_event(engine, "spike:B:*:2")["end"] == datetime.fromtimestamp(peak + 3600, timezone.utc)


def test_spike_sensitivity_setting_reaches_the_detector(engine):
    rows, i = steady_posts(seed=4)
    rng = np.random.default_rng(104)
    for day in range(21):  # a bursty brand: every day one hour brings 10-60 extra posts
        at = (END - timedelta(days=21 - day)).replace(hour=int(rng.integers(8, 20)))
        n = int(rng.integers(10, 60))
        rows += spike(i, at, (n,))
        i += n
    store.upsert_mentions(engine, rows)
    found = {s: run_detection(engine, END, days=21, settings=Settings(detection=Detection(spike_sensitivity=s)))
             for s in ("low", "normal", "high")}
    assert found["low"]["spikes"] <= found["normal"]["spikes"] <= found["high"]["spikes"]
    assert found["low"]["spikes"] < found["high"]["spikes"]


def test_quiet_data_raises_no_spike(engine):
    rows, _ = steady_posts(seed=3)
    store.upsert_mentions(engine, rows)
    assert run_detection(engine, END, days=21)["spikes"] == 0


def test_demo_spikes_are_found_and_explained_by_their_injected_words(tmp_path):
    """Acceptance for the explanation: each injected spike's top five terms name its topic."""
    from lawine.demo import write_demo

    engine = store.open_store(f"sqlite:///{tmp_path / 'demo20k.db'}")
    manifest = write_demo(engine, mentions=20_000, days=60, seed=5, end=int(END.timestamp()))
    events = list_events(engine, Filters(), types=("spike",))
    for ep in (e for e in manifest["episodes"] if e["type"] == "spike"):
        hits = events[(events["brand"] == ep["brand"])
                      & (events["start"].map(lambda t: abs(t.timestamp() - ep["start"])) <= 2 * 3600)]
        assert len(hits) == 1, ep["name"]
        top5 = [t for t, _ in get_event(engine, hits.iloc[0]["id"])["explanation"]["top_terms"][:5]]
        assert len(set(top5) & set(ep["words"])) >= 2, (ep["name"], top5)
    camp = next(e for e in manifest["episodes"] if e["name"] == "Summer sale campaign")
    aval = list_events(engine, Filters(), types=("avalanche",))
    # the positive campaign is a spike, never an avalanche
    assert not any(abs(t.timestamp() - camp["start"]) < 86400 for t in aval["start"])


def bursty_counts(weeks: int = 4, seed: int = 1) -> pd.DataFrame:
    """Hourly counts of two brands (all networks, and X alone) whose hours now and then
    carry an ordinary 1.5-5x burst, as real traffic does."""
    rng = np.random.default_rng(seed)
    hours = int(END.timestamp()) // HOUR * HOUR + np.arange(-weeks * 7 * 24, 0) * HOUR
    daily = 1 + 0.8 * np.sin(2 * np.pi * (np.arange(hours.size) % 24) / 24)
    cols = {}
    for brand in ("A", "B"):
        bursts = np.where(rng.random(hours.size) < 0.04, rng.uniform(1.5, 5, hours.size), 1.0)
        total = rng.poisson(20 * daily * rng.lognormal(0, 0.3, hours.size) * bursts).astype(float)
        cols[(brand, "*")], cols[(brand, "x")] = total, np.round(total * 0.6)
    return pd.DataFrame(cols, index=hours)


def test_sensitivity_table_counts_what_each_sensitivity_alone_would_store():
    from lawine.spikes import config_for

    counts = bursty_counts()
    table = sensitivity_table(counts).set_index("sensitivity")
    for name in ("low", "normal", "high"):
        alone = merge_channel_episodes(spike_episodes(counts, config_for(name)))
        assert table.loc[name, "spikes"] == len(alone)
    assert table.loc["low", "spikes"] <= table.loc["normal", "spikes"] < table.loc["high", "spikes"]
    weeks = (len(counts) - 48) / (7 * 24)  # no alerts during the two days of warm-up
    assert table.loc["high", "per_week"] == round(table.loc["high", "spikes"] / weeks, 2)


def test_sensitivity_preview_of_an_empty_store_is_an_empty_table(engine):
    assert sensitivity_preview(engine, END).empty
