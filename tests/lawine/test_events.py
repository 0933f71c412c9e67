"""lawine.events: one-line summaries in English and German, and reading stored events."""
from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import insert

from lawine.events import get_event, list_events, summary
from lawine.queries import Filters
from lawine.store import schema

SPIKE = {"top_terms": [["#sale", 9.1], ["sommer", 7.0], ["rabatt", 5.2], ["code", 4.0], ["app", 3.1],
                       ["extra", 2.5]],
         "observed_peak": 1234.0, "expected_peak": 87.6, "spike_posts": 1300, "baseline_posts": 9000}


def test_a_spike_reads_as_its_volume_and_its_five_strongest_words():
    assert summary("spike", SPIKE) == "1,234/h vs 88 expected; words: #sale, sommer, rabatt, code, app"
    assert summary("spike", SPIKE, "de") == "1.234/h statt 88 erwartet; Wörter: #sale, sommer, rabatt, code, app"


def test_a_small_expectation_keeps_its_decimal():
    ex = {**SPIKE, "observed_peak": 6.0, "expected_peak": 0.3}
    assert summary("spike", ex).startswith("6/h vs 0.3 expected;")
    assert summary("spike", ex, "de").startswith("6/h statt 0,3 erwartet;")


def test_without_words_the_summary_says_why_instead_of_ending_on_an_empty_list():
    no_base = {**SPIKE, "top_terms": [], "baseline_posts": 0}
    assert summary("spike", no_base) == "1,234/h vs 88 expected; no posts the week before to compare words with"
    even = {**SPIKE, "top_terms": []}
    assert summary("spike", even) == "1,234/h vs 88 expected; no word stands out against the week before"
    older = {"top_terms": [], "observed_peak": 5.0, "expected_peak": 1.0}  # stored before the counts were
    assert summary("spike", older, "de") == "5/h statt 1,0 erwartet; kein Wort sticht ggü. der Vorwoche heraus"


def test_an_avalanche_names_its_core_threads():
    ex = {"core_threads": [{"id": "a"}, {"id": "b"}], "top_terms": [["delay", 5.0]]}
    assert summary("avalanche", ex) == "2 core threads; words: delay"
    assert summary("avalanche", {"core_threads": []}, "de") == \
        "0 Kern-Threads; kein Wort sticht ggü. der Vorwoche heraus"
    ex["negative_share"], ex["usual_negative_share"] = 0.772, 0.31
    assert summary("avalanche", ex) == "77% negative (usually 31%); 2 core threads; words: delay"
    assert summary("avalanche", ex, "de").startswith("77 % negativ (sonst 31 %); 2 Kern-Threads")


def test_an_unreadable_explanation_lists_and_opens_as_an_event_without_one(engine):
    """One odd row (hand-edited, cut short) must not take the Events page down with it."""
    base = int(datetime(2026, 3, 10, 9, tzinfo=UTC).timestamp())
    rows = [("good", json.dumps({"top_terms": [["outage", 4.0]]})), ("cut", '{"top_terms": [["out'),
            ("list", "[1, 2]")]
    with engine.begin() as conn:
        conn.execute(insert(schema.events), [
            dict(id=key, type="spike", brand="Acme", channel=None, start_ts=base + i * 60, peak_ts=base + i * 60,
                 end_ts=None, score=5.0, status="open", updated_ts=0, explanation=raw)
            for i, (key, raw) in enumerate(rows)])
    listed = list_events(engine, Filters())
    assert list(listed["id"]) == ["list", "cut", "good"]
    assert list(listed["summary"]) == ["no word stands out against the week before"] * 2 + ["words: outage"]
    assert get_event(engine, "cut")["explanation"] == {} and get_event(engine, "list")["explanation"] == {}
    assert get_event(engine, "good")["explanation"] == {"top_terms": [["outage", 4.0]]}


def test_running_at_lists_only_events_still_running_that_detection_saw_lately(engine):
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    at = int(now.timestamp())
    rows = [("running", None, at - 600), ("over", at - 3600, at - 600),
            ("stale", None, at - 4 * 3600),  # detection has not seen it for four hours
            ("later", None, at + 600)]
    with engine.begin() as conn:
        conn.execute(insert(schema.events), [
            dict(id=key, type="spike", brand="Acme", channel=None,
                 start_ts=at - 7200 if key != "later" else at + 300, peak_ts=at - 7000, end_ts=end,
                 score=5.0, status="open", updated_ts=seen, explanation="{}") for key, end, seen in rows])
    assert list(list_events(engine, Filters(), running_at=now)["id"]) == ["running"]
    assert len(list_events(engine, Filters())) == 4


def test_an_event_is_headed_by_its_kind_brand_and_channel_in_the_readers_language():
    from lawine.events import headline

    assert headline("spike", "Acme", "x") == "Spike · Acme · x"
    assert headline("avalanche", "Acme", None, "de") == "Lawine · Acme · alle Netzwerke"
