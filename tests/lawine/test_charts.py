"""Charts carry the reader's language: axis titles, legend names and event labels."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lawine.charts import (NETWORK_COLORS, event_timeline, in_language, response_time_chart, sentiment_chart,
                           shade_events, volume_chart)
from lawine.i18n import event_kinds, sentiment_names

HOURS = pd.date_range("2026-12-01", periods=3, freq="h", tz="UTC")


def test_volume_and_sentiment_charts_take_german_titles():
    vol = pd.DataFrame({"bucket": list(HOURS) * 2, "source": ["x"] * 3 + ["reddit"] * 3, "mentions": range(6)})
    fig = volume_chart(vol, "source", "Erwähnungen", "Netzwerk")
    assert fig.layout.yaxis.title.text == "Erwähnungen" and fig.layout.legend.title.text == "Netzwerk"
    assert volume_chart(vol).layout.yaxis.title.text == "mentions"  # English by default
    sent = pd.DataFrame({"bucket": HOURS, "negative": [1, 2, 3], "neutral": [0, 1, 0], "positive": [2, 0, 1],
                         "mean_sentiment": [0.1, -0.3, 0.0]})
    fig = sentiment_chart(sent, sentiment_names("de"), "Kunden-Posts", "Mittel")
    assert [t.name for t in fig.data] == ["negativ", "neutral", "positiv", "mittlere Stimmung"]
    assert fig.layout.yaxis.title.text == "Kunden-Posts" and fig.layout.yaxis2.title.text == "Mittel"
    smooth = sentiment_chart(sent.assign(mean_24h=[0.1, -0.1, -0.07]), sentiment_names("de"))
    assert smooth.data[-1].name == "mittlere Stimmung, letzte 24 h" and list(smooth.data[-1].y) == [0.1, -0.1, -0.07]


def test_event_shading_is_labelled_in_the_readers_language():
    vol = pd.DataFrame({"bucket": HOURS, "source": "x", "mentions": [1, 9, 2]})
    events = pd.DataFrame([{"type": "avalanche", "brand": "Kestrel Air", "start": HOURS[1], "end": HOURS[2]}])
    fig = shade_events(volume_chart(vol), events, event_kinds("de"))
    assert [a.text for a in fig.layout.annotations] == ["Lawine Kestrel Air"]
    fig = event_timeline(vol, HOURS[1], HOURS[2], "spike", "Erwähnungen", "Netzwerk", event_kinds("de"))
    assert [a.text for a in fig.layout.annotations] == ["Spitze"]
    assert [a.text for a in shade_events(volume_chart(vol), events).layout.annotations] == ["avalanche Kestrel Air"]


def test_in_language_sets_the_separators_plotly_writes_numbers_with():
    vol = pd.DataFrame({"bucket": HOURS, "source": "x", "mentions": [1, 9, 2]})
    assert in_language(volume_chart(vol), "de").layout.separators == ",."
    assert in_language(volume_chart(vol), "en").layout.separators == ".,"


def test_german_date_axes_use_numbers_and_german_range_buttons():
    vol = pd.DataFrame({"bucket": HOURS, "source": "x", "mentions": [1, 9, 2]})
    fig = in_language(volume_chart(vol), "de")
    assert fig.layout.xaxis.tickformatstops[1].value == "%d.%m." and fig.layout.xaxis.hoverformat.startswith("%d.%m.")
    assert [b.label for b in fig.layout.xaxis.rangeselector.buttons] == ["1 T", "7 T", "30 T", "alle"]
    english = in_language(volume_chart(vol), "en")
    assert not english.layout.xaxis.tickformatstops and english.layout.xaxis.rangeselector.buttons[0].label == "1d"
    bars = in_language(sentiment_chart(pd.DataFrame({"bucket": ["a"], "negative": [1], "neutral": [1],
                                                     "positive": [1], "mean_sentiment": [0.0]})), "de")
    assert not bars.layout.xaxis.tickformatstops  # categories keep their labels


def test_response_time_axis_names_days_and_weeks_in_german():
    df = pd.DataFrame({"day": ["2026-12-01", "2026-12-02"], "median_first_response_s": [600.0, 90000.0],
                       "p90_first_response_s": [3600.0, 200000.0]})
    german = response_time_chart(df, "day", 60, lang="de").layout.yaxis.ticktext
    assert "1 T" in german and "1 Wo" in german and "1 d" not in german
    assert "1 d" in response_time_chart(df, "day", 60).layout.yaxis.ticktext


def test_per_group_the_legend_sits_above_the_plot_clear_of_tilted_channel_names():
    df = pd.DataFrame({"channel": ["Nordlicht Mobile (Facebook page)", "r/NordlichtMobile"],
                       "median_first_response_s": [600.0, 900.0], "p90_first_response_s": [3600.0, 7200.0]})
    legend = response_time_chart(df, "channel", 60).layout.legend
    assert legend.orientation == "h" and legend.yanchor == "bottom" and legend.y > 1


def test_a_running_event_is_shaded_up_to_now():
    vol = pd.DataFrame({"bucket": HOURS, "source": "x", "mentions": [1, 9, 12]})
    running = pd.DataFrame([{"type": "spike", "brand": "B", "start": HOURS[1], "end": pd.NaT}])
    now = HOURS[2] + pd.Timedelta(minutes=40)
    (shade,) = shade_events(volume_chart(vol), running, until=now).layout.shapes
    assert (pd.Timestamp(shade.x0), pd.Timestamp(shade.x1)) == (HOURS[1], now)
    (point,) = shade_events(volume_chart(vol), running).layout.shapes  # without a now: only its start
    assert pd.Timestamp(point.x1) == HOURS[1]


def test_a_network_keeps_its_colour_whichever_networks_share_the_chart():
    def colours(sources: list[str]) -> dict[str, str]:
        vol = pd.DataFrame({"bucket": list(HOURS) * len(sources), "mentions": 1,
                            "source": [s for s in sources for _ in HOURS]})
        return {t.name: t.line.color for t in volume_chart(vol).data}

    assert colours(["bluesky", "x"])["X"] == colours(["x"])["X"] == colours(["reddit", "x"])["X"]
    assert colours(["facebook", "bluesky"]) == {"Facebook": NETWORK_COLORS["facebook"],  # named, not coded
                                                "Bluesky": NETWORK_COLORS["bluesky"]}


def test_labels_that_would_run_into_each_other_are_left_off_the_shading_stays():
    month = pd.date_range("2026-11-08", "2026-12-08", freq="h", tz="Europe/Berlin")
    vol = pd.DataFrame({"bucket": month, "source": "x", "mentions": 5})
    at = lambda day, hour: pd.Timestamp(f"2026-{day} {hour:02d}:00", tz="Europe/Berlin")  # noqa: E731
    events = pd.DataFrame([
        {"type": "spike", "brand": "Nordlicht Mobile", "start": at("11-17", 14), "end": at("11-17", 21)},
        {"type": "spike", "brand": "Kestrel Air", "start": at("12-07", 22), "end": pd.NaT},
        {"type": "spike", "brand": "Kestrel Air", "start": at("12-07", 4), "end": at("12-07", 6)},
        {"type": "avalanche", "brand": "Kestrel Air", "start": at("12-07", 3), "end": pd.NaT},
    ])
    fig = shade_events(volume_chart(vol), events, until=month[-1])
    assert len(fig.layout.shapes) == 4
    assert sorted(a.text for a in fig.layout.annotations) == [
        "avalanche Kestrel Air", "spike Kestrel Air", "spike Nordlicht Mobile"]  # the later Kestrel spike unlabelled
    (second,) = [a for a in fig.layout.annotations if a.text == "spike Kestrel Air"]
    assert pd.Timestamp(second.x) == at("12-07", 4)  # the earlier of the two keeps its label
    week = vol[vol["bucket"] >= at("12-05", 0)]
    assert len(shade_events(volume_chart(week), events.iloc[1:3], until=month[-1]).layout.annotations) == 2


def test_shading_a_figure_without_dated_data_labels_every_event():
    events = pd.DataFrame([{"type": "spike", "brand": "B", "start": HOURS[0], "end": HOURS[1]},
                           {"type": "spike", "brand": "C", "start": HOURS[1], "end": HOURS[2]}])
    assert [a.text for a in shade_events(go.Figure(), events).layout.annotations] == ["spike B", "spike C"]
