"""The one-line event summaries of lawine.events, in English and German."""
from __future__ import annotations

from lawine.events import summary

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
