"""Several results from one pass: all groupings of the first-response statistics, and the
hour-of-week load with the backlog from one pair of hourly queries over several windows."""
from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from lawine import store
from lawine.queries import Filters
from lawine.response_times import (
    GROUPS, backlog_forecast, first_response_stats, first_response_stats_by, hour_of_week, hourly_windows,
    load_and_backlog,
)
from tests.lawine.test_response_times import POLICY, T0, dataset


def test_all_groupings_at_once_equal_each_grouping_alone(engine):
    mentions, _ = dataset(seed=9, n=150)
    store.upsert_mentions(engine, mentions)
    f = Filters(start=T0 + timedelta(days=1, hours=5), end=T0 + timedelta(days=12))
    together = first_response_stats_by(engine, f, POLICY, GROUPS, "Europe/Berlin")
    for by in GROUPS:
        alone = first_response_stats(engine, f, POLICY, by, "Europe/Berlin")
        assert not alone.empty
        pd.testing.assert_frame_equal(together[by], alone)
    assert len(together["day"]) > 7 and len(together["week"]) == 2 and len(together["channel"]) == 2


def test_one_pass_over_three_windows_equals_each_window_on_its_own(engine):
    mentions, _ = dataset(seed=5, n=120)
    store.upsert_mentions(engine, mentions)
    now = T0 + timedelta(days=13, hours=7, minutes=23)  # not on an hour: the windows cut hours in two
    shown = Filters(brands=("A",), start=T0 + timedelta(days=2, minutes=30), end=now)
    f = Filters(brands=("A",))
    load, backlog = load_and_backlog(engine, shown, f, now, "Europe/Berlin", hours=4)
    alone = backlog_forecast(engine, f, now, "Europe/Berlin", hours=4)
    pd.testing.assert_frame_equal(load, hour_of_week(engine, shown, "Europe/Berlin"))
    assert load["arrivals"].sum() > 0 and load["answers"].sum() > 0
    pd.testing.assert_frame_equal(backlog.forecast, alone.forecast)
    assert (backlog.open_now, backlog.arrivals_24h, backlog.level) == (alone.open_now, alone.arrivals_24h, alone.level)


def test_each_window_counts_only_its_own_rows(engine):
    mentions, rows = dataset(seed=6, n=80)
    store.upsert_mentions(engine, mentions)
    cut = T0 + timedelta(days=7, minutes=30)
    first, second = hourly_windows(engine, [Filters(start=T0, end=cut), Filters(start=cut, end=T0 + timedelta(days=14))])
    needing = [r for r in rows if r["needs"]]
    assert first["arrivals"].sum() == sum(1 for r in needing if r["created"] < cut)
    assert second["arrivals"].sum() == sum(1 for r in needing if r["created"] >= cut)
    assert second["answers"].sum() == sum(1 for r in needing if r["reply"] and cut <= r["reply"] < T0 + timedelta(days=14))


def test_windows_must_share_everything_but_their_dates(engine):
    with pytest.raises(ValueError):
        hourly_windows(engine, [Filters(brands=("A",)), Filters(brands=("B",))])
