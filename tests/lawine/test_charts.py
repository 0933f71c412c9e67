"""Charts carry the reader's language: axis titles, legend names and event labels."""
from __future__ import annotations

import pandas as pd

from lawine.charts import event_timeline, in_language, sentiment_chart, shade_events, volume_chart
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
