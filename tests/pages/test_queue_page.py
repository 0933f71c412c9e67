"""The Escalation queue page: KPIs recounted from the raw rows, actions that survive a reload."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

import pytest

from lawine.business_hours import BusinessCalendar
from tests.conftest import DEMO_END
from tests.pages.apptest import formats, headers, metrics, shown_cells

PAGE = "pages/queue.py"


@pytest.fixture
def open_page(run_page, demo_url):
    def run(query: dict | None = None):
        return run_page(demo_url, page=PAGE, query=query)

    return run


def db(demo_url: str) -> sqlite3.Connection:
    return sqlite3.connect(demo_url.removeprefix("sqlite:///"))


def open_rows(demo_url: str, extra: str = "") -> list[tuple]:
    """Open requests of the last 7 days before the demo end, straight from SQL."""
    end = int(DEMO_END.timestamp())
    con = db(demo_url)
    rows = con.execute(
        "select id, created_ts, sensitive, text from mentions where is_own = 0 and needs_reply = 1 "
        "and first_reply_ts is null and answered_by_community = 0 "
        "and id not in (select mention_id from queue_actions) "
        f"and created_ts >= ? and created_ts < ? {extra}", (end - 7 * 86400, end)).fetchall()
    con.close()
    return rows


def test_kpis_match_an_independent_count_and_the_table_is_ordered(open_page, demo_url):
    at = open_page()
    assert not at.exception
    rows = open_rows(demo_url)
    cal = BusinessCalendar()
    left = [3600 - cal.business_seconds(datetime.fromtimestamp(c, timezone.utc), DEMO_END) for _, c, _, _ in rows]
    assert len(rows) > 20
    assert metrics(at) == {"Open requests": f"{len(rows):,}", "Overdue": f"{sum(x < 0 for x in left):,}",
                           "Due within 15 min": f"{sum(0 <= x <= 900 for x in left):,}",
                           "Sensitive": f"{sum(s for _, _, s, _ in rows):,}"}
    table = at.dataframe[0].value
    assert set(table["id"]) <= {r[0] for r in rows} and len(table) == min(len(rows), 500)
    assert list(table["score"]) == sorted(table["score"], reverse=True)
    assert table["url"].str.startswith("https://").all()
    raw = {r[0]: r[3] for r in rows if r[2]}
    for mention_id, text in zip(table["id"], table["text"]):
        if mention_id in raw:  # sensitive: masked, with the hint to go private
            assert "•••" in text and text != raw[mention_id]
    assert any(h == "move to private channel" for h in table["hint"])
    assert at.download_button[0].label == "Download CSV"
    assert any("personal data" in w.value for w in at.warning)


def test_actions_persist_across_a_new_session(open_page, demo_url):
    at = open_page()
    first, second = list(at.dataframe[0].value["id"][:2])
    open_before = int(metrics(at)["Open requests"].replace(",", ""))
    at.multiselect(key="queue_pick").set_value([first]).run()
    at.text_input(key="queue_actor").set_value("Alex").run()
    at.button(key="queue_handled").click().run()
    assert not at.exception
    assert any("Mark handled: 1 request(s), by Alex." in s.value for s in at.success)
    at.multiselect(key="queue_pick").set_value([second]).run()
    at.text_input(key="queue_assignee").set_value("Kim").run()
    at.button(key="queue_assign").click().run()

    again = open_page()  # a fresh session: only the database remembers
    assert int(metrics(again)["Open requests"].replace(",", "")) == open_before - 1
    table = again.dataframe[0].value.set_index("id")
    assert first not in table.index and table.loc[second, "assignee"] == "Kim"
    closed = again.dataframe[-1].value
    assert closed.iloc[0]["mention_id"] == first and closed.iloc[0]["actor"] == "Alex"
    assert closed.iloc[0]["action"] == "handled" and headers(again.dataframe[-1])["actor"] == "By"
    con = db(demo_url)
    assert con.execute("select mention_id, action, actor, assignee from queue_actions order by id").fetchall() == [
        (first, "handled", "Alex", None), (second, "assign", "Alex", "Kim")]
    con.close()

    again.selectbox(key="queue_reopen_pick").set_value(first).run()
    again.button(key="queue_reopen").click().run()
    assert int(metrics(again)["Open requests"].replace(",", "")) == open_before
    assert first in set(again.dataframe[0].value["id"])


def test_department_and_marketing_filters_come_from_the_url(open_page, demo_url):
    at = open_page({"dept": "billing", "ui": "de"})
    assert not at.exception
    billing = open_rows(demo_url, "and department = 'billing'")
    assert metrics(at)["Offene Anfragen"] == f"{len(billing):,}".replace(",", ".") and billing
    due = json.loads(at.dataframe[0].proto.columns)["due_at"]
    assert due["label"] == "Fällig" and due["type_config"]["format"] == "DD.MM. HH:mm"  # no English day names
    assert set(at.dataframe[0].value["department"]) == {"Abrechnung"}  # the routing's code, named in German
    dept = at.multiselect(key="queue_dept")
    assert dept.value == ["billing"] and "Abrechnung" in dept.options and "billing" not in dept.options
    clocks = at.dataframe[0].value["sla_clock"]
    assert all(c.startswith(("fällig in ", "überfällig seit ")) for c in clocks) and len(clocks)
    marketing = open_page({"mkt": "1"})
    assert metrics(marketing)["Open requests"] == f"{len(open_rows(demo_url, 'and on_marketing_post = 1')):,}"
    assert marketing.dataframe[0].value["marketing_post"].all()
    assert {"Billing", "Technical"} <= set(marketing.dataframe[0].value["department"])
    assert {"Facebook", "Instagram"} <= set(marketing.dataframe[0].value["source"])  # networks named


def test_german_table_writes_dates_numbers_and_markers_for_any_font(open_page):
    at = open_page({"ui": "de"})
    assert not at.exception
    table = at.dataframe[0]
    assert formats(table)["created_at"] == "DD.MM.YYYY HH:mm"
    assert headers(table)["hint"] == "Private Daten"  # a word, not a lock emoji
    flags = table.value["flag"]
    assert set(flags) == {"", "▲"} and (flags == "▲").equals(table.value["escalating"])
    assert any(c.value.startswith("▲ = eskalierender Thread") for c in at.caption)
    reach = shown_cells(table)["author_followers"]
    big = table.value["author_followers"] >= 1000
    assert big.any() and all("." in r for r in reach[big])  # 24.078, not 24078
    assert (reach[table.value["author_followers"].isna()] == "–").all()


def test_the_queue_offers_no_date_range_and_leaves_a_shared_one_alone(open_page, demo_url):
    at = open_page({"from": "2026-11-01", "to": "2026-11-05"})
    assert not at.exception
    assert not at.sidebar.date_input  # always the open requests of the last 7 days
    assert metrics(at)["Open requests"] == f"{len(open_rows(demo_url)):,}"
    assert (at.query_params["from"], at.query_params["to"]) == ("2026-11-01", "2026-11-05")  # for other pages
    assert [m.label for m in at.sidebar.multiselect][:3] == ["Brand", "Network", "Language"]


def test_inbox_zero_when_everything_is_closed(open_page, demo_url):
    con = db(demo_url)
    con.executemany("insert into queue_actions (mention_id, action, actor, at_ts) values (?, 'handled', 'test', ?)",
                    [(r[0], int(DEMO_END.timestamp())) for r in open_rows(demo_url)])
    con.commit()
    con.close()
    at = open_page()
    assert not at.exception
    assert metrics(at)["Open requests"] == "0"
    assert any("Inbox zero" in s.value for s in at.success)
    assert len(at.dataframe) == 1  # only the recently-closed list
    closed = open_page({"ui": "de"}).dataframe[-1]
    assert set(closed.value["action"]) == {"erledigt"}  # the stored code, named in German
    assert {"action": "Geschlossen als", "actor": "Von", "source": "Netzwerk"}.items() <= headers(closed).items()
    assert at.multiselect(key="queue_dept").value == []
