"""Avalanches: negative posts confirmed by others raise the score; a positive campaign does not."""
from datetime import datetime, timedelta, timezone

import pytest

from lawine import avalanche, store
from lawine.model import Mention

END = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)


def _m(i, ts, label, **over):
    score = {"negative": -0.6, "neutral": 0.0, "positive": 0.6}[label]
    data = dict(id=f"x:{i}", source=over.pop("source", "x"), channel="X search", author_id=f"p_{i}",
                brand="B", text=over.pop("text", "post"), created_at=ts, sentiment=score, sentiment_label=label)
    data["id"] = f"{data['source']}:{i}"
    data.update(over)
    return Mention(**data)


def baseline(days=10):
    """Three customer posts an hour, one in six negative, across two networks."""
    rows, i = [], 0
    t = END - timedelta(days=days)
    while t < END - timedelta(hours=8):
        for k in range(3):
            i += 1
            rows.append(_m(i, t + timedelta(minutes=15 * k), "negative" if i % 6 == 0 else "neutral",
                           source="x" if k % 2 else "reddit"))
        t += timedelta(hours=1)
    return rows, i


def burst(start_i, label, confirm):
    """Six hours of 12 posts an hour over four networks; with confirm, each gets 3 'same here' replies."""
    rows, i = [], start_i
    for h in range(6):
        for k in range(12):
            i += 1
            src = ("x", "reddit", "facebook", "mastodon")[k % 4]
            ts = END - timedelta(hours=7) + timedelta(hours=h, minutes=5 * k)
            rows.append(_m(i, ts, label, source=src, likes=20 if confirm else 1))
            if confirm:
                parent = rows[-1].id
                for r in range(3):
                    i += 1
                    rows.append(_m(i, ts + timedelta(minutes=1 + r), "negative", source=src, kind="reply",
                                   parent_id=parent, text="same here, charged twice"))
    return rows


def run(engine):
    return avalanche.detect(engine, "B", END - timedelta(days=2), END)


def test_confirmed_negative_burst_is_an_avalanche(engine):
    rows, i = baseline()
    store.upsert_mentions(engine, rows + burst(i, "negative", confirm=True))
    found, scored = run(engine)
    assert len(found) == 1
    av = found[0]
    assert av.score >= avalanche.THRESHOLD
    assert END - timedelta(hours=7) <= av.start <= END - timedelta(hours=3)
    assert av.components["amplify"] > 0.5 and av.components["share"] == 1.0
    # The share a reader is shown: the window's at the peak hour, against one in six before.
    at_peak = scored.loc[int(av.peak.timestamp())]
    assert av.negative_share == pytest.approx(at_peak["negative_share"], abs=1e-3) and av.negative_share > 0.8
    assert av.usual_negative_share == pytest.approx(1 / 6, abs=0.01)
    assert {"x", "reddit", "facebook", "mastodon"} <= set(av.channels)
    core = avalanche.core_threads(engine, "B", av.start, av.end)
    assert core and core[0]["agreements"] == 3 and core[0]["negative_replies"] == 3


def test_positive_campaign_spike_is_not_an_avalanche(engine):
    rows, i = baseline()
    store.upsert_mentions(engine, rows + burst(i, "positive", confirm=False))
    found, scored = run(engine)
    assert found == []
    assert scored["score"].max() < 20


def test_scores_are_causal(engine):
    rows, i = baseline()
    store.upsert_mentions(engine, rows + burst(i, "negative", confirm=True))
    _, full = run(engine)
    cut = END - timedelta(hours=4)
    _, prefix = avalanche.detect(engine, "B", END - timedelta(days=2), cut)
    common = prefix.index
    assert len(common) > 10
    assert full.loc[common, "score"].round(9).tolist() == prefix["score"].round(9).tolist()


@pytest.mark.parametrize("text", ["Same here!", "me too, no refund", "+1", "Ich auch", "bei mir genauso"])
def test_agreement_phrases(text):
    assert avalanche.AGREE.search(text)


def test_demo_avalanche_found_and_campaign_quiet(demo_db):
    engine = store.open_store(f"sqlite:///{demo_db}")
    manifest = store.get_meta(engine, "demo")
    end = datetime.fromtimestamp(manifest["end"], timezone.utc)
    aval = next(e for e in manifest["episodes"] if e["type"] == "avalanche")
    camp = next(e for e in manifest["episodes"] if e["name"] == "Summer sale campaign")
    found, scored = avalanche.detect(engine, aval["brand"], end - timedelta(days=30), end + timedelta(hours=1))
    assert any(aval["start"] <= a.start.timestamp() <= aval["end"] for a in found)
    in_campaign = scored[(scored.index >= camp["start"]) & (scored.index < camp["end"] + 6 * 3600)]
    assert len(in_campaign) and in_campaign["score"].max() < avalanche.THRESHOLD


def _scored(scores: list[float]):
    import pandas as pd

    hours = [int(END.timestamp()) + 3600 * h for h in range(len(scores))]
    comps = {k: [0.5] * len(scores) for k in (*avalanche.WEIGHTS, *avalanche.SHARES)}
    return pd.DataFrame({**comps, "score": scores}, index=hours)


def test_an_avalanche_still_above_release_at_the_last_hour_is_running_without_an_end_yet():
    # release at 60 * 0.6 = 36; three hours below it end an episode
    (over,) = avalanche.episodes(_scored([10, 70, 80, 30, 20, 10, 10]), "B")
    assert not over.ongoing and over.end == END + timedelta(hours=3)
    (cooling,) = avalanche.episodes(_scored([10, 70, 80, 30, 20]), "B")  # two hours below: not over yet
    (high,) = avalanche.episodes(_scored([10, 70, 80]), "B")
    assert cooling.ongoing and high.ongoing
