"""`lawine report response-times` against an independent recount of the demo database."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from math import ceil
from zoneinfo import ZoneInfo

import pytest

from lawine.business_hours import BusinessCalendar
from lawine.cli import main

KEYS = ["answered", "median_first_response_s", "p90_first_response_s", "unanswered", "sla_met_share"]


def recount(db: str, start: int | None = None, end: int | None = None) -> dict[str, dict]:
    """Per brand, from raw rows: nearest-rank percentiles and the business-hours SLA (60 min, Berlin 9–18)."""
    cal = BusinessCalendar()
    con = sqlite3.connect(db)
    rows = con.execute("select brand, created_ts, first_reply_ts, needs_reply from mentions where is_own = 0 "
                       "and created_ts >= ? and created_ts < ?", (start or 0, end or 2**62)).fetchall()
    con.close()
    groups: dict[str, list] = defaultdict(list)
    for brand, created, reply, needs in rows:
        groups[brand].append((created, reply, needs))
    out = {}
    for brand, rs in groups.items():
        delays = sorted(r - c for c, r, _ in rs if r is not None)
        met = sum(cal.business_seconds(datetime.fromtimestamp(c, timezone.utc),
                                       datetime.fromtimestamp(r, timezone.utc)) <= 3600
                  for c, r, _ in rs if r is not None)
        out[brand] = {
            "answered": len(delays),
            "median_first_response_s": delays[ceil(len(delays) * 5 / 10) - 1] if delays else None,
            "p90_first_response_s": delays[ceil(len(delays) * 9 / 10) - 1] if delays else None,
            "unanswered": sum(1 for _, r, needs in rs if needs and r is None),
            "sla_met_share": met / len(delays) if delays else None,
        }
    return out


def test_json_by_brand_equals_an_independent_recount(workdir, demo_url, capsys):
    assert main(["report", "response-times", "--group-by", "brand", "--format", "json",
                 "--database", demo_url]) == 0
    got = json.loads(capsys.readouterr().out)
    want = recount(demo_url.removeprefix("sqlite:///"))
    assert [r["brand"] for r in got] == sorted(want)
    for row in got:
        assert set(row) == {"brand", *KEYS}
        expected = want[row["brand"]]
        assert row["answered"] > 100 and row["unanswered"] > 0
        assert {k: row[k] for k in KEYS[:4]} == {k: expected[k] for k in KEYS[:4]}
        assert row["sla_met_share"] == pytest.approx(expected["sla_met_share"])


def test_csv_with_a_date_window_in_the_team_time_zone(workdir, demo_url, capsys):
    berlin = ZoneInfo("Europe/Berlin")
    assert main(["report", "response-times", "--format", "csv", "--since", "2026-11-02", "--until", "2026-11-08",
                 "--database", demo_url]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    start = int(datetime(2026, 11, 2, tzinfo=berlin).timestamp())
    end = int(datetime(2026, 11, 9, tzinfo=berlin).timestamp())  # --until is inclusive
    want = recount(demo_url.removeprefix("sqlite:///"), start, end)
    assert [r["brand"] for r in table] == sorted(want)
    for row in table:
        assert int(row["answered"]) == want[row["brand"]]["answered"]
        assert int(row["median_first_response_s"]) == want[row["brand"]]["median_first_response_s"]
        assert float(row["sla_met_share"]) == pytest.approx(want[row["brand"]]["sla_met_share"])


def test_week_groups_are_mondays_and_add_up(workdir, demo_url, capsys):
    assert main(["report", "response-times", "--group-by", "week", "--database", demo_url]) == 0
    weeks = json.loads(capsys.readouterr().out)
    mondays = [datetime.fromisoformat(w["week"]) for w in weeks]
    assert all(m.weekday() == 0 for m in mondays) and mondays == sorted(mondays)
    assert mondays[-1] - mondays[0] == timedelta(weeks=len(weeks) - 1)
    total = recount(demo_url.removeprefix("sqlite:///"))
    assert sum(w["answered"] for w in weeks) == sum(b["answered"] for b in total.values())
    assert sum(w["unanswered"] for w in weeks) == sum(b["unanswered"] for b in total.values())


@pytest.mark.parametrize("args, message", [
    (["--since", "2026-02-30"], "--since '2026-02-30' is not a date"),
    (["--since", "2026-11-10", "--until", "2026-11-01"], "is before --since"),
])
def test_user_errors_are_one_line(workdir, demo_url, capsys, args, message):
    assert main(["report", "response-times", "--database", demo_url, *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_database_file_is_not_created(workdir, capsys):
    assert main(["report", "response-times", "--database", f"sqlite:///{workdir / 'nope.db'}"]) == 2
    assert "does not exist" in capsys.readouterr().err and not (workdir / "nope.db").exists()


def test_empty_store_prints_an_empty_list(workdir, capsys):
    url = f"sqlite:///{workdir / 'empty.db'}"
    from lawine import store

    store.open_store(url).dispose()
    assert main(["report", "response-times", "--database", url]) == 0
    assert json.loads(capsys.readouterr().out) == []
