"""Query functions aggregate in SQL; results match a plain-Python recount."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from lawine import queries, store
from lawine.model import Mention
from lawine.queries import Filters

T0 = datetime(2026, 11, 16, 0, 0, tzinfo=timezone.utc)


def m(i, minutes, **over):
    data = dict(id=f"x:{i}", source=over.pop("source", "x"), channel="c", author_id=f"a{i}", brand="B",
                text="t", created_at=T0 + timedelta(minutes=minutes))
    data["id"] = f"{data['source']}:{i}"
    data.update(over)
    return Mention(**data)


@pytest.mark.parametrize("values, q, expected", [
    ([5], 0.5, 5), ([1, 2, 3, 4], 0.5, 2), ([3, 1, 2], 0.5, 2), (list(range(1, 11)), 0.9, 9),
    (list(range(1, 11)), 0.5, 5), (list(range(1, 101)), 0.9, 90), ([], 0.5, None),
])
def test_percentile_is_nearest_rank(engine, values, q, expected):
    store.upsert_mentions(engine, [m(i, i, likes=v) for i, v in enumerate(values)])
    assert queries.percentile(engine, select(queries.M.c.likes), q) == expected


def test_volume_timeline_and_filters(engine):
    rows = [m(i, i * 20, source="x" if i % 2 else "reddit", sentiment_label="negative" if i % 3 == 0 else
              "positive", sentiment=0.1) for i in range(30)]
    store.upsert_mentions(engine, rows)
    vol = queries.volume_timeline(engine, Filters(), 3600)
    assert vol["mentions"].sum() == 30
    first_hour = vol[vol["bucket"] == T0]
    assert dict(zip(first_hour["source"], first_hour["mentions"])) == {"reddit": 2, "x": 1}
    only_x = queries.volume_timeline(engine, Filters(sources=("x",)), 3600)
    assert only_x["mentions"].sum() == 15
    sent = queries.sentiment_timeline(engine, Filters(), 86400)
    assert sent["negative"].sum() == 10 and sent["positive"].sum() == 20


def test_the_sentiment_line_is_the_mean_of_the_trailing_day_weighted_by_posts(engine):
    scored = [(0, 0.6), (0, 0.6), (0, 0.6), (10, -1.0), (30, 0.0), (31, None)]  # (hour, compound score)
    store.upsert_mentions(engine, [m(i, 60 * hour + i, sentiment=score, sentiment_label=None if score is None else
                                     "neutral") for i, (hour, score) in enumerate(scored)])
    sent = queries.sentiment_timeline(engine, Filters(), 3600).set_index("bucket")
    at = {h: sent.loc[T0 + timedelta(hours=h)] for h in (0, 10, 30, 31)}
    assert at[10]["mean_sentiment"] == -1.0 and at[10]["mean_24h"] == pytest.approx((3 * 0.6 - 1.0) / 4)
    # Hour 30 looks back to hour 6, so hour 0 has left the window and hour 10 is still in it.
    assert at[30]["mean_24h"] == pytest.approx(-0.5)
    assert at[31]["scored"] == 0 and at[31]["mean_24h"] == pytest.approx(-0.5)  # an unscored post moves nothing
    assert at[0]["mean_24h"] == pytest.approx(0.6)  # nothing after a bucket goes into its value
    # A range that starts at hour 30 still reads the day before it: the line is right from its first bucket.
    late = queries.sentiment_timeline(engine, Filters(start=T0 + timedelta(hours=30, minutes=30)), 3600)
    assert list(late["bucket"]) == [T0 + timedelta(hours=31)] and list(late["scored"]) == [0]
    assert late["mean_24h"].tolist() == pytest.approx([-0.5])  # hours 10 and 30, both before the start
    split = queries.sentiment_timeline(engine, Filters(start=T0 + timedelta(hours=30, minutes=2)), 3600)
    assert list(split["scored"]) == [1, 0] and split["mean_24h"].tolist() == pytest.approx([-0.5, -0.5])


def test_kpis_against_a_recount(engine):
    now = T0 + timedelta(days=14, hours=10)  # a Monday, 10:00 UTC = 11:00 Berlin
    rows = []
    for w in (0, 1, 2):  # today, and the same Monday one and two weeks earlier
        for i in range(5 + w):
            rows.append(m(100 * w + i, 0, created_at=now - timedelta(weeks=w, minutes=10 * (i + 1)),
                          sentiment_label="negative" if i < 2 else "neutral", sentiment=0.0, needs_reply=True))
    rows.append(m(999, 0, created_at=now - timedelta(minutes=5), is_own=True, kind="reply", parent_id="x:0",
                  author_name="@B"))
    store.upsert_mentions(engine, rows)
    k = queries.kpis(engine, Filters(), now, "Europe/Berlin")
    assert k.mentions_today == 6  # five customer posts plus our reply
    assert k.weeks_compared == 2 and k.mentions_usual == (6 + 7) / 2
    assert k.share_negative_today == pytest.approx(2 / 5)
    assert k.open_requests == 4  # last 7 days only, and x:0 was answered
    assert k.median_first_response_today_s == 300  # x:0 at -10 min, our reply at -5 min


def test_reopened_request_counts_as_open_again(engine):
    from lawine.store.queue_writes import mark_handled, reopen

    store.upsert_mentions(engine, [m(1, 0, needs_reply=True)])
    is_open = lambda: queries.count(engine, queries.open_request())  # noqa: E731
    assert is_open() == 1
    mark_handled(engine, ["x:1"], actor="cm")
    assert is_open() == 0
    reopen(engine, ["x:1"], actor="cm")
    assert is_open() == 1
