"""The trigger index must never change what a pattern set matches, only how fast."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lawine.analysis import service_rules as R
from lawine.analysis.fastmatch import Doc, PatternSet, triggers_of
from lawine.analysis.routing import DEFAULT_DEPARTMENT_RULES

PATTERNS = sorted({
    *R.EN_STRONG, *R.EN_WEAK, *R.EN_SARCASM, *R.EN_IRONIC, *R.EN_PRAISE, *R.EN_INFO_QUESTION,
    *R.DE_STRONG, *R.DE_WEAK, *R.DE_SARCASM, *R.DE_IRONIC, *R.DE_PRAISE, *R.DE_INFO_QUESTION,
    *(p for ps in DEFAULT_DEPARTMENT_RULES.values() for p in ps),
    r"liefer", r"\bBestell\w*", r"n't\b", r"\b(?:still|been)\b", r"colou?r", r"\d+ ?min",
})
SETS = [PatternSet([p]) for p in PATTERNS]
COMPILED = [re.compile(p, re.I) for p in PATTERNS]

SENTENCES = [
    "I have been on hold for 2 hours and nobody answers!",
    "My flight was Cancelled Flightled, 3hrs late, where's my refund??",
    "Seit drei Tagen keine Antwort, die Paketlieferung ist immer noch nicht angekommen.",
    "Thanks for nothing. Great job losing my bag again... not",
    "Danke für nichts, toller Kundenservice! Schon wieder verspätet.",
    "Can I change my seat? Thanks", "Wie kann ich meine Bestellnummer finden?",
    "The app doesn't work, I can't log in to my account", "Die App stürzt ab, Fehlermeldung!",
    "went above and beyond, problem solved", "Super geholfen, Problem gelöst, weiter so",
    "", "!!!", "@brand http://t.co/x 12:30", "COLOR colour Colr", "waited 45min", "45 MIN",
]

# Words that occur in the patterns, so random texts hit triggers often.
VOCAB = sorted({w for p in PATTERNS for w in re.findall(r"[a-zäöüß]{2,}", p)} | {"I", "My", "NOT", "2", "45"})
text_strategy = st.lists(
    st.one_of(st.sampled_from(VOCAB), st.sampled_from([" ", " ", ", ", ". ", "? ", "!", "'", "-", "2 ", "'t "])),
    max_size=25,
).map("".join)


def check(text: str) -> None:
    doc = Doc(text)
    for pattern, compiled, pset in zip(PATTERNS, COMPILED, SETS):
        expected = bool(compiled.search(text))
        assert pset.search(doc) == expected, (pattern, text)
        if expected:
            assert pset.may_match(doc), (pattern, text)


def test_hand_written_texts_match_exactly_as_plain_regex() -> None:
    for text in SENTENCES:
        check(text)
        check(text.upper())


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_random_texts_match_exactly_as_plain_regex(text: str) -> None:
    check(text)


def test_triggers_are_words_prefixes_or_substrings() -> None:
    assert triggers_of(r"\bon hold\b") == {("word", "hold")}
    assert triggers_of(r"liefer") == {("substring", "liefer")}
    assert triggers_of(r"\bcancel+(?:ed|led)\b") == {("prefix", "cance")}
    assert triggers_of(r"\d+") is None  # nothing to index: runs on every text
