"""Weekly snapshot page on demo data: KPI tiles recounted independently, week picker in the URL, empty state."""
from __future__ import annotations

import re
import sqlite3

import pytest

from lawine.snapshot import parse_week
from tests.conftest import DEMO_END
from tests.pages.apptest import headers, shown_cells

PAGE = "pages/snapshot.py"


def recount(db: str, week: str) -> tuple[int, float]:
    w = parse_week(week)
    con = sqlite3.connect(db)
    total, negative, labelled = con.execute(
        "select count(*), sum(sentiment_label = 'negative'), count(sentiment_label) from mentions "
        "where is_own = 0 and created_ts >= ? and created_ts < ?",
        (int(w.start.timestamp()), int(w.end.timestamp()))).fetchone()
    con.close()
    return total, negative / labelled


def metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


@pytest.fixture
def open_page(run_page):
    def run(url: str, query: dict | None = None):
        return run_page(url, page=PAGE, query=query)

    return run


def test_defaults_to_the_last_complete_week_with_independent_numbers(open_page, demo_url):
    at = open_page(demo_url)
    assert not at.exception
    week = parse_week("last", now=DEMO_END).label
    picker = next(s for s in at.selectbox if s.label == "ISO week")
    assert picker.value == week == "2026-W46"
    total, negative = recount(demo_url.removeprefix("sqlite:///"), week)
    assert metric(at, "Mentions").value == f"{total:,}"
    assert metric(at, "Negative").value == f"{negative * 100:.1f}%"
    assert len(at.get("plotly_chart")) == 2
    labels = [b.label for b in at.get("download_button")]
    assert "Download HTML" in labels and "Download PDF" in labels and labels.count("Download CSV") >= 6


def test_week_comes_from_the_url_and_ui_language_is_german(open_page, demo_url):
    at = open_page(demo_url, query={"week": "2026-W45", "ui": "de"})
    assert not at.exception
    total, _ = recount(demo_url.removeprefix("sqlite:///"), "2026-W45")
    assert metric(at, "Erwähnungen").value == f"{total:,}".replace(",", ".")
    assert any(s.label == "Kalenderwoche (ISO)" and s.value == "2026-W45" for s in at.selectbox)
    networks = next(d for d in at.dataframe if "previous_week" in d.value.columns)
    assert headers(networks)["source"] == "Netzwerk" and headers(networks)["previous_week"] == "Vorwoche"
    cells = shown_cells(networks)
    assert int(networks.value["mentions"].sum()) == total
    assert list(cells["mentions"]) == [f"{n:,}".replace(",", ".") for n in networks.value["mentions"]]
    signs = {1: "+", -1: "−", 0: "±"}
    assert list(cells["change"]) == [signs[(c > 0) - (c < 0)] + f"{abs(c):,}".replace(",", ".")
                                     for c in networks.value["change"]]  # a change reads with its sign
    assert set(networks.value["source"]) == {"X", "Facebook", "Instagram", "Reddit", "Mastodon", "Bluesky", "RSS"}  # named, not the stored codes


def test_sample_posts_are_plain_text(open_page, demo_url):
    at = open_page(demo_url)
    w = parse_week("2026-W46")
    con = sqlite3.connect(demo_url.removeprefix("sqlite:///"))
    negative = con.execute(
        "select text from mentions where is_own = 0 and sentiment_label = 'negative' "
        "and coalesce(intent, '') != 'spam_or_abuse' and created_ts >= ? and created_ts < ? "
        "order by likes + replies + shares desc, created_ts, id limit 1",
        (int(w.start.timestamp()), int(w.end.timestamp()))).fetchone()[0]
    con.close()
    texts = [t.value for t in at.text]  # st.text: shown verbatim, never as markdown
    assert len(texts) == 3 and texts[0] == negative


def test_sample_posts_name_network_time_and_counts_the_german_way(open_page, demo_url):
    at = open_page(demo_url, query={"week": "2026-W46", "ui": "de"})  # the demo's busiest week
    assert not at.exception
    lines = [c.value for c in at.caption if " · Kestrel Air · " in c.value or " · Nordlicht Mobile · " in c.value]
    assert len(lines) == 3
    for line in lines:
        network, _, when, counts = line.split(" · ", 3)
        assert network in {"X", "Facebook", "Instagram", "Reddit", "Mastodon", "Bluesky", "RSS"}  # named, not a code
        assert re.fullmatch(r"\d\d\.\d\d\.2026 \d\d:\d\d", when)
    # This week is over in the demo, but the banner's moment is written the same way.
    assert any(re.search(r"\(Stand 20\.11\.2026 16:30\)", i.value) for i in at.info)


def test_event_scores_read_whole_as_in_the_export_and_topic_scores_keep_their_decimal(open_page, demo_url):
    at = open_page(demo_url, query={"week": "2026-W47", "ui": "de"})  # the outage week: a spike and an avalanche
    assert not at.exception
    events = next(d for d in at.dataframe if "status" in d.value.columns)
    assert len(events.value) and list(shown_cells(events)["score"]) == [f"{s:.0f}" for s in events.value["score"]]
    topics = next(d for d in at.dataframe if "term" in d.value.columns)
    assert all(re.fullmatch(r"\d+,\d", c) for c in shown_cells(topics)["score"])


def test_the_week_picker_alone_sets_the_period(open_page, demo_url):
    at = open_page(demo_url, query={"week": "2026-W46", "from": "2026-11-12", "to": "2026-11-12"})
    assert not at.exception and not at.sidebar.date_input
    total, _ = recount(demo_url.removeprefix("sqlite:///"), "2026-W46")
    assert metric(at, "Mentions").value == f"{total:,}"  # the whole week, not the one day in the URL


def test_a_week_without_data_has_a_helpful_empty_state(open_page, demo_url):
    at = open_page(demo_url, query={"week": "2026-W30"})
    assert not at.exception
    assert any("No mentions in 2026-W30" in i.value for i in at.info)
    assert not at.metric


def test_a_bad_week_in_the_url_falls_back_with_a_warning(open_page, demo_url):
    at = open_page(demo_url, query={"week": "2026-W99"})
    assert not at.exception
    assert any("weeks 1 to 53" in w.value for w in at.warning)
    assert next(s for s in at.selectbox if s.label == "ISO week").value == "2026-W46"
