"""File import: TWCS checked against an independent calculation; CSV/JSONL column mapping."""
from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import pytest

from collectors.importers import FileImport, ImportOptions, parse_when
from collectors.runner import run_collector
from collectors.twcs import tweet_id
from readback import stored, table

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "collectors" / "twcs_small.csv"


def run_import(make_ctx, fmt, path, **options):
    ctx = make_ctx("import")
    return run_collector(FileImport(ctx, fmt, path, ImportOptions(**options)), ctx)


def expected_from_csv(path: Path) -> tuple[set[str], dict[str, str], dict[str, int]]:
    """Own handles, parent links and first-reply times computed with csv and plain Python only."""
    rows = list(csv.DictReader(path.open(newline="")))
    own = {r["author_id"] for r in rows if r["inbound"] == "False"}
    parents = {r["tweet_id"]: r["in_response_to_tweet_id"].split(".")[0]
               for r in rows if r["in_response_to_tweet_id"]}
    first: dict[str, int] = {}
    for r in rows:
        if r["inbound"] == "False" and r["in_response_to_tweet_id"]:
            parent = r["in_response_to_tweet_id"].split(".")[0]
            when = int(datetime.strptime(r["created_at"], "%a %b %d %H:%M:%S %z %Y").timestamp())
            first[parent] = min(first.get(parent, when), when)
    return own, parents, first


def test_twcs_import_matches_an_independent_calculation(make_ctx, engine):
    summary = run_import(make_ctx, "twcs", FIXTURE)
    assert summary.status == "ok"
    own, parents, first = expected_from_csv(FIXTURE)
    rows = stored(engine)
    by_tweet = {k.removeprefix("import:twcs:"): v for k, v in rows.items()}

    assert {r["author_name"] for r in rows.values() if r["is_own"]} == own
    assert all(r["brand"] == r["author_name"] for r in rows.values() if r["is_own"])
    for tid, parent in parents.items():
        assert by_tweet[tid]["parent_id"] == f"import:twcs:{parent}"
        assert by_tweet[tid]["kind"] == "reply"
    for tid, row in by_tweet.items():
        if not row["is_own"]:
            assert row["first_reply_ts"] == first.get(tid), tid
    assert by_tweet["10"]["first_reply_by"] == "KestrelCare"

    # Threads hang together, customers are tied to the company they talk to.
    assert {by_tweet[t]["thread_id"] for t in ("10", "11", "12", "13", "14")} == {"import:twcs:10"}
    assert by_tweet["31"]["thread_id"] == "import:twcs:40" and by_tweet["31"]["brand"] == "KestrelCare"
    assert by_tweet["20"]["brand"] == by_tweet["22"]["brand"] == "NimbusHelp"
    assert by_tweet["30"]["brand"] == "NimbusHelp"  # the first company it @-mentions
    assert not by_tweet["10"]["is_own"] and by_tweet["10"]["author_name"] is None

    # The undated row and the row addressed to nobody are set aside, not lost.
    assert summary.quarantined == 2
    reasons = {q["ref"]: q["error"] for q in table(engine, "quarantine")}
    assert "twcs:35" in reasons and "brand" in reasons["twcs:36"]


def test_reimport_adds_nothing_and_brand_option_catches_orphans(make_ctx, engine):
    run_import(make_ctx, "twcs", FIXTURE)
    count = len(stored(engine))
    again = run_import(make_ctx, "twcs", FIXTURE, brand="Misc")
    assert again.inserted == 1 and len(stored(engine)) == count + 1  # only the former orphan
    assert stored(engine)["import:twcs:36"]["brand"] == "Misc"
    assert len(table(engine, "quarantine")) == 2  # not quarantined twice


def test_csv_with_column_mapping(make_ctx, engine, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("PostID,Body,When,User,InReplyTo\n"
                    "a1,Kestrel Air ruined my weekend,2025-03-01 10:00:00,zoe,\n"
                    "a2,@zoe same here with Kestrel Air,1740823800,yan,a1\n"
                    "a3,nothing to see,2025-03-01T11:00:00+01:00,xia,\n"
                    "a4,Kestrel Air broken row,yesterday-ish,wu,\n", encoding="utf-8")
    summary = run_import(make_ctx, "csv", path, text_column="Body", time_column="When", id_column="PostID",
                         author_column="User", parent_column="InReplyTo", channel="Brandwatch",
                         timezone="Europe/Berlin")
    assert (summary.inserted, summary.filtered, summary.quarantined) == (2, 1, 1)
    rows = stored(engine)
    first = rows["import:Brandwatch:a1"]
    assert first["brand"] == "Kestrel Air" and first["channel"] == "Brandwatch"
    assert first["created_ts"] == int(datetime.fromisoformat("2025-03-01T09:00:00+00:00").timestamp())
    assert rows["import:Brandwatch:a2"]["parent_id"] == "import:Brandwatch:a1"
    assert table(engine, "quarantine")[0]["ref"] == "export.csv:5"


def test_csv_with_a_wrong_column_name_says_which_columns_exist(make_ctx, engine, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,message,created_at\n1,hi,2025-03-01\n", encoding="utf-8")
    summary = run_import(make_ctx, "csv", path)
    assert summary.status == "error" and "no column 'text'" in summary.message and "message" in summary.message


def test_jsonl_with_a_broken_line(make_ctx, engine, tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [json.dumps({"id": 1, "text": "Nimbus Bank app is down", "created_at": "2025-03-01T10:00:00Z",
                         "author": "ann"}), "{not json", "",
             json.dumps({"id": 2, "text": "no brand here", "created_at": "2025-03-01T10:00:00Z"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run_import(make_ctx, "jsonl", path)
    assert (summary.inserted, summary.quarantined, summary.filtered) == (1, 1, 1)
    assert stored(engine)["import:import:1"]["brand"] == "Nimbus Bank"
    assert table(engine, "quarantine")[0]["ref"] == "export.jsonl:2"


@pytest.mark.parametrize("value, expected", [
    ("3.0", "3"), ("", None), ("17", "17"), ("abc", "abc")])
def test_tweet_ids(value, expected):
    assert tweet_id(value) == expected


def test_time_formats():
    from zoneinfo import ZoneInfo

    utc = ZoneInfo("UTC")
    assert parse_when("Tue Oct 31 22:10:47 +0000 2017", utc).isoformat() == "2017-10-31T22:10:47+00:00"
    assert parse_when("1740823800", utc).isoformat() == "2025-03-01T10:10:00+00:00"
    assert parse_when("2025-03-01 10:00", ZoneInfo("Europe/Berlin")).isoformat() == "2025-03-01T10:00:00+01:00"


def _big_export(path: Path, rows: int = 2600) -> None:
    """English and German posts and replies about Kestrel Air, more than two import pages."""
    from lawine.demo import templates as T

    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "text", "created_at", "author", "parent"])
        for i in range(rows):
            tpl = T.CUSTOMER[i % len(T.CUSTOMER)]
            values = {k: v[i % len(v)] for k, v in T.SLOTS.items()}
            text = tpl.text.format(brand="Kestrel Air" if i % 3 else "the airline", handle="@KestrelAir", **values)
            parent = str(i - 7) if i % 5 == 0 and i >= 7 else ""
            out.writerow([i, f"{text} #{i}", f"2025-03-01T{i % 24:02d}:{i % 60:02d}:00Z", f"user{i % 300}", parent])


def test_a_large_import_analysed_in_worker_processes_stores_what_a_serial_one_does(
        make_ctx, engine, tmp_path, monkeypatch, caplog):
    from lawine import store

    path = tmp_path / "big.csv"
    _big_export(path)
    monkeypatch.setenv("LAWINE_ANALYSIS_WORKERS", "2")
    with caplog.at_level("DEBUG", logger="lawine.analysis.parallel"):
        summary = run_import(make_ctx, "csv", path, brand="Kestrel Air", parent_column="parent")
    assert summary.inserted == 2600 and summary.status == "ok"
    assert "analysis workers started" in caplog.text

    serial_engine = store.open_store(f"sqlite:///{tmp_path / 'serial.db'}")
    try:
        monkeypatch.setenv("LAWINE_ANALYSIS_WORKERS", "0")
        ctx = make_ctx("import")
        ctx.engine = serial_engine
        run_collector(FileImport(ctx, "csv", path, ImportOptions(brand="Kestrel Air", parent_column="parent")), ctx)
        expected = stored(serial_engine)
    finally:
        serial_engine.dispose()
    got = stored(engine)
    assert got.keys() == expected.keys()
    fields = ("lang", "sentiment", "sentiment_label", "intent", "needs_reply", "department", "sensitive")
    for key, row in expected.items():
        assert {f: got[key][f] for f in fields} == {f: row[f] for f in fields}, key
    assert {r["needs_reply"] for r in got.values()} == {True, False}
    assert {r["lang"] for r in got.values()} >= {"en", "de"}
