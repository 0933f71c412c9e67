"""The Live overview renders on demo data and shows numbers we can recount independently."""
import re
import sqlite3
import urllib.parse
from zoneinfo import ZoneInfo

from tests.conftest import DEMO_END
from tests.pages.apptest import headers


def metric(at, label_start: str):
    return next(m for m in at.metric if m.label.startswith(label_start))


def recount_today(db: str) -> tuple[int, float]:
    berlin = ZoneInfo("Europe/Berlin")
    start = int(DEMO_END.astimezone(berlin).replace(hour=0, minute=0, second=0).timestamp())
    end = int(DEMO_END.timestamp()) + 1
    con = sqlite3.connect(db)
    total = con.execute("select count(*) from mentions where created_ts >= ? and created_ts < ?",
                        (start, end)).fetchone()[0]
    neg, cust = con.execute("select sum(sentiment_label = 'negative'), count(*) from mentions "
                            "where is_own = 0 and created_ts >= ? and created_ts < ?", (start, end)).fetchone()
    con.close()
    return total, neg / cust


def test_overview_kpis_match_an_independent_count(run_page, demo_url):
    at = run_page(demo_url)
    assert not at.exception
    total, share_negative = recount_today(demo_url.removeprefix("sqlite:///"))
    assert total > 0
    assert metric(at, "Mentions today").value == f"{total:,}"
    assert metric(at, "Share negative").value == f"{share_negative:.0%}"
    assert any("Demo data" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 2 and len(at.dataframe) == 1


def test_filters_come_from_the_url_and_narrow_the_feed(run_page, demo_url):
    at = run_page(demo_url, query={"brand": "Nordlicht Mobile", "ui": "de"})
    assert not at.exception
    assert at.multiselect[0].value == ["Nordlicht Mobile"]
    feed = at.dataframe[0].value
    assert set(feed["brand"]) == {"Nordlicht Mobile"}
    assert any(m.label.startswith("Erwähnungen heute") for m in at.metric)
    assert headers(at.dataframe[0])["author_name"] == "Autor" and headers(at.dataframe[0])["source"] == "Netzwerk"
    # What a post is and how it feels, in German too (the store keeps the codes)
    feelings = set(feed["sentiment_label"].dropna())
    assert feelings <= {"negativ", "neutral", "positiv"} and "negativ" in feelings
    assert set(feed["intent"].dropna()) <= {"Frage", "Beschwerde", "Lob", "Spam oder Beleidigung", "Sonstiges"}
    assert {"Frage", "Beschwerde"} <= set(feed["intent"])
    assert set(feed["source"]) <= {"X", "Facebook", "Instagram", "Reddit", "Mastodon", "Bluesky", "RSS"} and "X" in set(feed["source"])
    network = at.multiselect[1]
    assert network.label == "Netzwerk" and "X" in network.options and "x" not in network.options
    assert re.fullmatch(r"\d{1,3} %", metric(at, "Anteil negativ").value)  # German puts a space before %


def test_empty_workspace_after_removing_the_demo_offers_to_load_it(run_page, workdir, monkeypatch):
    from lawine.config import load_settings
    from lawine.workspace import remove_demo

    url = f"sqlite:///{workdir / 'team.db'}"
    monkeypatch.setenv("LAWINE_DATABASE_URL", url)
    remove_demo(load_settings())
    at = run_page(url)
    assert not at.exception
    assert any("No mentions yet" in i.value for i in at.info)
    assert at.button[0].label == "Load demo data"


def test_ui_language_is_remembered_for_the_session(run_page, demo_url):
    """Without `ui` in the URL (Streamlit drops it on a page switch) the last choice still holds."""
    at = run_page(demo_url, session={"ui_lang": "de"})
    assert not at.exception
    assert at.title[0].value == "Live-Übersicht"
    assert at.query_params["ui"] == "de"
    english = run_page(demo_url, query={"ui": "en"}, session={"ui_lang": "de"})
    assert english.title[0].value == "Live overview"  # a shared link's language wins
    assert english.session_state["ui_lang"] == "en"


def test_events_running_now_head_the_overview_each_linking_to_its_drill_down(run_page, demo_url):
    db = demo_url.removeprefix("sqlite:///")
    con = sqlite3.connect(db)
    running = con.execute("select id, type, brand from events where end_ts is null order by start_ts desc").fetchall()
    con.close()
    assert running, "the demo ends inside an episode"
    at = run_page(demo_url, query={"ui": "de"})
    assert not at.exception
    links = [(el.proto.label, el.proto.page, urllib.parse.parse_qs(el.proto.query_string)["event"][0])
             for el in at.get("page_link")]
    assert [(page, event) for _, page, event in links] == [("events", id_) for id_, _, _ in running]
    assert links[0][0].startswith(f"{'Spitze' if running[0][1] == 'spike' else 'Lawine'} · {running[0][2]} · ")
    # How big each one is, in words: a spike's level against the expected, an avalanche's negative share.
    sizes = {kind: label.split(", ", 1)[1] for (label, _, _), (_, kind, _) in zip(links, running)}
    assert all(": seit " in label for label, _, _ in links) and {"spike", "avalanche"} <= set(sizes)
    assert re.fullmatch(r"[\d.]+/h statt [\d.,]+ erwartet", sizes["spike"])
    assert re.fullmatch(r"\d+ % negativ \(sonst \d+ %\)", sizes["avalanche"])
    con = sqlite3.connect(db)  # all over: nothing heads the page
    con.execute("update events set end_ts = peak_ts + 3600")
    con.commit()
    con.close()
    assert not run_page(demo_url, query={"ui": "de"}).get("page_link")
