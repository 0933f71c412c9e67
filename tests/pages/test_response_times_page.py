"""The Response times page: KPIs recounted from raw rows, charts, URL-kept choices, empty state."""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone
from math import ceil
from zoneinfo import ZoneInfo

import pytest

from lawine.business_hours import BusinessCalendar
from tests.conftest import DEMO_END
from tests.pages.apptest import headers, hidden, metrics, shown_cells

PAGE = "pages/response_times.py"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def open_page(run_page, demo_url):
    def run(query: dict | None = None):
        return run_page(demo_url, page=PAGE, query=query)

    return run


def default_window() -> tuple[int, int]:
    """The page's default range: local midnight 30 days before the demo's last day, until its end."""
    first_day = DEMO_END.astimezone(BERLIN).date() - timedelta(days=30)
    return int(datetime.combine(first_day, time(0), BERLIN).timestamp()), int(DEMO_END.timestamp()) + 1


def rows(demo_url: str) -> list[tuple]:
    start, end = default_window()
    con = sqlite3.connect(demo_url.removeprefix("sqlite:///"))
    got = con.execute("select id, thread_id, author_id, created_ts, first_reply_ts, needs_reply, sentiment "
                      "from mentions where is_own = 0 and created_ts >= ? and created_ts < ?", (start, end)).fetchall()
    con.close()
    return got


def duration(seconds: float) -> str:
    minutes = seconds / 60
    if minutes < 120:
        return f"{minutes:.0f} min"
    return f"{minutes / 60:.1f} h" if minutes < 2880 else f"{minutes / 1440:.1f} d"


def test_kpis_match_an_independent_recount(open_page, demo_url):
    at = open_page()
    assert not at.exception
    data = rows(demo_url)
    answered = [r for r in data if r[4] is not None]
    delays = sorted(r[4] - r[3] for r in answered)
    cal = BusinessCalendar()
    business = sum(cal.business_seconds(datetime.fromtimestamp(r[3], timezone.utc),
                                        datetime.fromtimestamp(r[4], timezone.utc)) <= 3600 for r in answered)
    needing = [r for r in data if r[5]]
    shown = metrics(at)
    assert shown["Median first response"] == duration(delays[ceil(len(delays) / 2) - 1])
    assert shown["90% answered within"] == duration(delays[ceil(len(delays) * 9 / 10) - 1])
    assert shown["SLA met (business hours)"] == f"{business / len(answered):.0%}"
    assert shown["SLA met (wall-clock)"] == f"{sum(d <= 3600 for d in delays) / len(answered):.0%}"
    assert shown["Answered share"] == f"{sum(1 for r in needing if r[4]) / len(needing):.0%}"
    assert len(at.get("plotly_chart")) == 8 and len(at.download_button) == 5


def test_backlog_and_satisfaction_numbers(open_page, demo_url):
    at = open_page()
    end = int(DEMO_END.timestamp())
    con = sqlite3.connect(demo_url.removeprefix("sqlite:///"))
    open_now = con.execute("select count(*) from mentions where is_own = 0 and needs_reply = 1 and "
                           "first_reply_ts is null and answered_by_community = 0 and created_ts >= ? and "
                           "created_ts < ?", (end - 7 * 86400, end)).fetchone()[0]
    later = con.execute("select thread_id, author_id, created_ts, sentiment from mentions where is_own = 0 "
                        "and sentiment is not null").fetchall()
    con.close()
    shown = metrics(at)
    assert shown["Open requests now"] == f"{open_now:,}"
    # Satisfaction pairs: an answered post whose author wrote again in the thread after our reply.
    last: dict = defaultdict(int)
    for thread, author, created, _ in later:
        last[(thread, author)] = max(last[(thread, author)], created)
    pairs = sum(1 for r in rows(demo_url) if r[4] is not None and r[6] is not None
                and last.get((r[1], r[2]), 0) > r[4])
    assert pairs > 0 and shown["Customers who wrote again"] == f"{pairs:,}"


def test_interval_and_grouping_are_kept_in_the_url(open_page):
    at = open_page({"bucket": "week", "by": "brand", "ui": "de"})
    assert not at.exception
    assert at.radio(key="rt_bucket").value == "week" and at.selectbox(key="rt_group").value == "brand"
    assert at.selectbox(key="rt_group").options == ["Kanal", "Marke", "Netzwerk"]
    by_week, by_brand = at.dataframe[0].value, at.dataframe[1].value
    assert all(datetime.fromisoformat(w).weekday() == 0 for w in by_week["week"])
    assert set(by_brand["brand"]) == {"Kestrel Air", "Nordlicht Mobile"}
    assert "Median Erstantwort" in metrics(at)
    assert any("Mo–Fr 09:00–18:00" in c.value for c in at.caption)  # business days in German
    heat = [c for c in at.get("plotly_chart") if '"Mo"' in c.proto.spec]
    assert heat and '"Mon"' not in heat[0].proto.spec
    at.radio(key="rt_bucket").set_value("day").run()
    assert at.query_params["bucket"] == "day" and "day" in at.dataframe[0].value.columns


def test_grouped_by_network_the_networks_are_named(open_page):
    at = open_page({"by": "source", "ui": "de"})
    assert not at.exception
    by_network = at.dataframe[1].value
    assert set(by_network["source"]) == {"X", "Facebook", "Instagram", "Reddit", "Mastodon", "Bluesky", "RSS"}
    by_group = json.loads(at.get("plotly_chart")[2].proto.spec)["data"][0]
    assert sorted(by_group["x"]) == sorted(by_network["source"])  # the chart's categories too


def test_tables_read_in_german_and_still_sort_by_value(open_page):
    at = open_page({"by": "brand", "ui": "de"})
    assert not at.exception
    by_day, by_brand, sat = at.dataframe[0], at.dataframe[1], at.dataframe[2]
    assert headers(by_day)["day"] == "Tag" and headers(by_day)["median_first_response_s"] == "Median Erstantwort"
    days = shown_cells(by_day)["day"]
    assert list(days) == [f"{date.fromisoformat(d):%d.%m.%Y}" for d in by_day.value["day"]] and len(days) > 20
    lines = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert [t["name"] for t in lines] == ["Median Erstantwort", "90 % beantwortet binnen", "SLA-Ziel"]
    assert headers(by_brand)["answered_share"] == "Anteil beantwortet" and hidden(by_brand) == {"sla_met_share"}
    raw, cells = by_brand.value, shown_cells(by_brand)
    for i in range(len(raw)):
        assert cells["median_first_response_s"][i].endswith((" min", " h", " T"))
        assert cells["answered_share"][i] == f"{raw['answered_share'][i] * 100:.1f} %".replace(".", ",")
        assert cells["answered"][i] == f"{raw['answered'][i]:,}".replace(",", ".")
    # The frame behind the text keeps its numbers, so sorting a column sorts values, not strings.
    assert raw["median_first_response_s"].dtype.kind in "if" and raw["answered_share"].dtype.kind == "f"
    assert headers(sat)["before_mean"] == "Stimmung vor unserer Antwort"
    bars = json.loads(at.get("plotly_chart")[-1].proto.spec)  # satisfaction closes the page
    assert [t["name"] for t in bars["data"]] == ["Stimmung vor unserer Antwort", "Stimmung danach"]
    assert all("," in c and c[0] in "+−0" for c in shown_cells(sat)["change_mean"])
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert specs and all(spec["layout"]["separators"] == ",." for spec in specs)  # 0,5 on German axes
    backlog = next(spec for spec in specs if "yaxis2" in spec["layout"] and spec["data"][0].get("type") == "bar")
    assert backlog["layout"]["yaxis2"]["title"]["text"] == "pro Stunde"
    shown = metrics(at)
    assert shown["Beantwortet"].endswith(" %") and "," in shown["Letzte 24 h vs. üblich"]


def test_empty_range_shows_a_helpful_message(open_page):
    at = open_page({"from": "2024-01-01", "to": "2024-01-02"})
    assert not at.exception
    assert any("No customer posts that need a reply" in i.value for i in at.info)
    assert not at.get("plotly_chart")
