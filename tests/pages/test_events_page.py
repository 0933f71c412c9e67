"""The Events page lists stored events and drills into one; status changes persist."""
import json
import sqlite3
from datetime import timedelta
from zoneinfo import ZoneInfo

from lawine import store
from lawine.events import get_event
from lawine.i18n import network_name
from tests.conftest import DEMO_END
from tests.pages.apptest import headers, placeholder, shown_cells


def stored_events(db: str) -> list[tuple]:
    con = sqlite3.connect(db)
    rows = con.execute("select id, type, brand, score, explanation, channel, end_ts from events "
                       "order by start_ts desc").fetchall()
    con.close()
    return rows


def test_events_page_lists_every_event_and_explains_the_first(run_page, demo_url):
    db = demo_url.removeprefix("sqlite:///")
    events = stored_events(db)
    assert events, "the demo runs detection, so it has events"
    at = run_page(demo_url, page="pages/events.py", query={"from": "2026-10-01", "to": "2026-11-20"})
    assert not at.exception
    table = at.dataframe[0].value
    assert sorted(table["type"] + table["brand"]) == sorted(t + b for _, t, b, *_ in events)
    first = events[0]
    assert f"{first[1].title()} · {first[2]} · {first[5] or 'all networks'}" in [s.value for s in at.subheader]
    assert next(m for m in at.metric if m.label == "Score").value == f"{first[3]:.0f}"
    terms = [t for t, _ in json.loads(first[4]).get("top_terms", [])]
    assert terms  # the drill-down has words to show


def test_an_event_whose_explanation_cannot_be_read_still_opens(run_page, demo_url):
    db = demo_url.removeprefix("sqlite:///")
    first = stored_events(db)[0]
    con = sqlite3.connect(db)
    con.execute("update events set explanation = ? where id = ?", ('{"top_terms": [["cut sh', first[0]))
    con.commit()
    con.close()
    at = run_page(demo_url, page="pages/events.py", query={"from": "2026-10-01", "to": "2026-11-20"})
    assert not at.exception
    assert len(at.dataframe[0].value) == len(stored_events(db))
    assert f"{first[1].title()} · {first[2]} · {first[5] or 'all networks'}" in [s.value for s in at.subheader]
    assert "Not enough text to compare." in [c.value for c in at.caption]
    assert "No posts in this window." in [c.value for c in at.caption]


def test_status_change_persists(run_page, demo_url):
    db = demo_url.removeprefix("sqlite:///")
    first_id = stored_events(db)[0][0]
    at = run_page(demo_url, page="pages/events.py", query={"from": "2026-10-01", "to": "2026-11-20"})
    seg = at.get("button_group")[0]
    seg.set_value("acknowledged").run()
    assert not at.exception
    assert get_event(store.open_store(demo_url), first_id)["status"] == "acknowledged"


def test_no_events_empty_state(run_page, demo_url):
    at = run_page(demo_url, page="pages/events.py", query={"from": "2026-10-01", "to": "2026-10-02"})
    assert not at.exception
    assert any("No spikes or avalanches" in i.value for i in at.info)


def test_events_page_in_german_summarises_in_german(run_page, demo_url):
    at = run_page(demo_url, page="pages/events.py", query={"from": "2026-10-01", "to": "2026-11-20", "ui": "de"})
    assert not at.exception
    summaries = list(at.dataframe[0].value["summary"])
    spikes = [s for s, kind in zip(summaries, at.dataframe[0].value["type"]) if kind == "Spitze"]
    assert spikes and all("erwartet" in s and " vs " not in s for s in spikes)
    assert all("words:" not in s for s in summaries)
    assert set(at.dataframe[0].value["type"]) <= {"Spitze", "Lawine"} and "offen" in set(at.dataframe[0].value["status"])
    first = stored_events(demo_url.removeprefix("sqlite:///"))[0]
    channels = next(d for d in at.dataframe if "network" in d.value.columns)
    assert headers(channels) == {"network": "Netzwerk", "mentions": "Erwähnungen"}
    counts = json.loads(first[4])["channels"]
    assert list(channels.value["network"]) == [network_name(k) for k in counts] and "X" in set(channels.value["network"])
    assert list(shown_cells(channels)["mentions"]) == [f"{n:,}".replace(",", ".") for n in counts.values()]
    assert next(m for m in at.metric if m.label == "Stärke").value == f"{first[3]:.0f}"  # as the table's column
    peak = json.loads(first[4])["observed_peak"]
    volume = next(m for m in at.metric if m.label == "Spitzenvolumen")
    assert volume.value == f"{peak:,.0f}/h".replace(",", ".")
    assert volume.delta.endswith(" ggü. erwartet") and volume.delta[0] in "+-"
    started = next(m for m in at.metric if m.label == "Beginn").value
    assert started[2] == "." and started[5] == "." and not any(c.isalpha() for c in started)  # 07.12. 14:00


def test_sensitivity_table_in_german(run_page, demo_url):
    at = run_page(demo_url, page="pages/events.py", query={"from": "2026-10-01", "to": "2026-11-20", "ui": "de"})
    at.toggle(key="sensitivity_compare").set_value(True).run()
    assert not at.exception
    table = next(d for d in at.dataframe if "per_week" in d.value.columns)
    assert headers(table)["per_week"] == "Pro Woche" and headers(table)["sensitivity"] == "Empfindlichkeit"
    for value, text in zip(table.value["per_week"], shown_cells(table)["per_week"]):
        assert text == f"{value:.2f}".replace(".", ",")


def test_sensitivity_panel_replays_every_sensitivity_on_demand(run_page, demo_url):
    at = run_page(demo_url, page="pages/events.py", query={"from": "2026-10-01", "to": "2026-11-20"})
    assert any(e.label == "Spike sensitivity: normal" for e in at.expander)
    tables_before = len(at.dataframe)
    at.toggle(key="sensitivity_compare").set_value(True).run()
    assert not at.exception
    assert len(at.dataframe) == tables_before + 1  # replayed only when asked for
    table = next(d.value for d in at.dataframe if "per_week" in d.value.columns)
    assert list(table["sensitivity"]) == ["low", "normal ✓", "high"]
    assert (table["spikes"] >= 1).all() and list(table["spikes"]) == sorted(table["spikes"])
    same = any("makes no difference" in c.value for c in at.caption)
    assert same == (table["spikes"].nunique() == 1)


def test_the_drill_down_shades_the_event_where_its_hours_are_drawn(run_page, demo_url):
    """Plotly draws wall-clock times: the shaded span must be in the viewer's zone like the bars
    (the team's Europe/Berlin here), or it sits an hour early in winter."""
    first = get_event(store.open_store(demo_url), stored_events(demo_url.removeprefix("sqlite:///"))[0][0])
    at = run_page(demo_url, page="pages/events.py", query={"from": "2026-10-01", "to": "2026-11-20"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    start = first["start"].astimezone(ZoneInfo("Europe/Berlin")).strftime("%Y-%m-%dT%H:%M:%S")
    (shade,) = spec["layout"]["shapes"]
    assert shade["x0"][:19] == start and start != first["start"].strftime("%Y-%m-%dT%H:%M:%S")
    assert any(x.startswith(start) for x in spec["data"][0]["x"])  # the bar of the first hour


def test_a_running_event_reads_as_running_instead_of_ending_in_the_future(run_page, demo_url):
    """The demo ends inside an episode: detection stored it without an end."""
    running = [e for e in stored_events(demo_url.removeprefix("sqlite:///")) if e[6] is None]
    assert running, "the demo's last episode is still running at its end"
    at = run_page(demo_url, page="pages/events.py",
                  query={"from": "2026-10-01", "to": "2026-11-20", "ui": "de", "event": running[0][0]})
    assert not at.exception
    table = at.dataframe[0]
    assert table.value["end"].isna().sum() == len(running) and placeholder(table) == "läuft"
    assert any(c.value.startswith("Läuft noch (Stand ") for c in at.caption)
    assert (table.value["end"].dropna() <= DEMO_END + timedelta(hours=1)).all()  # no end after the data


def test_the_posts_behind_an_event_read_in_the_pages_language(run_page, demo_url):
    events = stored_events(demo_url.removeprefix("sqlite:///"))
    spike = next(e for e in events if e[1] == "spike")
    avalanche = next(e for e in events if e[1] == "avalanche")
    at = run_page(demo_url, page="pages/events.py",
                  query={"from": "2026-10-01", "to": "2026-11-20", "ui": "de", "event": spike[0]})
    posts = next(d for d in at.dataframe if "text" in d.value.columns)
    assert {"source": "Netzwerk", "sentiment_label": "Stimmung", "engagement": "Interaktionen"}.items() \
        <= headers(posts).items()
    assert set(posts.value["sentiment_label"]) <= {"negativ", "neutral", "positiv"} and len(posts.value)
    at = run_page(demo_url, page="pages/events.py",
                  query={"from": "2026-10-01", "to": "2026-11-20", "event": avalanche[0]})
    threads = next(d for d in at.dataframe if "text" in d.value.columns)
    assert {"negative_replies": "Negative replies", "agreements": "'Me too' replies",
            "replies": "Replies"}.items() <= headers(threads).items()
    expected = json.loads(avalanche[4])["core_threads"]
    assert list(threads.value["agreements"]) == [t["agreements"] for t in expected]


def test_an_avalanche_reads_as_its_negative_share_against_the_usual(run_page, demo_url):
    avalanche = next(e for e in stored_events(demo_url.removeprefix("sqlite:///")) if e[1] == "avalanche")
    ex = json.loads(avalanche[4])
    assert ex["negative_share"] > ex["usual_negative_share"]
    at = run_page(demo_url, page="pages/events.py",
                  query={"from": "2026-10-01", "to": "2026-11-20", "ui": "de", "event": avalanche[0]})
    assert not at.exception
    tile = next(m for m in at.metric if m.label == "Anteil negativ")
    assert tile.value == f"{round(ex['negative_share'] * 100)} %"
    lift = (ex["negative_share"] - ex["usual_negative_share"]) * 100
    assert tile.delta == f"+{lift:.1f}".replace(".", ",") + " PP ggü. sonst"
    # Beside the volume, the sentiment of those hours: negatives piling up are what make it an avalanche.
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    feelings = ["negativ", "neutral", "positiv"]
    mood = next(spec for spec in specs if [t.get("name") for t in spec["data"]][:3] == feelings)
    assert [a["text"] for a in mood["layout"]["annotations"]] == ["Lawine"] and len(mood["layout"]["shapes"]) == 1
    table = at.dataframe[0].value
    what = [s for s, kind in zip(table["summary"], table["type"]) if kind == "Lawine"]
    assert f"{round(ex['negative_share'] * 100)} % negativ (sonst " in what[0]
