"""Mixed posts: positive words among several complaint cues, and sarcastic thanks or praise (English)."""
from __future__ import annotations

import pytest

from lawine.analysis import analyse_text
from lawine.analysis.service import apply_signals, service_signals


def label(text: str) -> str:
    return analyse_text(text, lang="en").sentiment_label


def test_praise_among_two_complaint_cues_is_a_concession() -> None:
    assert label("Love the new seats, but I still can't find the power outlet.") == "negative"


def test_concession_halves_only_the_positive_part() -> None:
    two_cues = service_signals("I still can't log in.", "en")
    assert two_cues.weak >= 2
    assert apply_signals(2.0, two_cues) == pytest.approx(1.0 + two_cues.valence)
    assert apply_signals(-2.0, two_cues) == pytest.approx(-2.0 + two_cues.valence)
    one_cue = service_signals("I can't log in.", "en")
    assert one_cue.weak == 1
    assert apply_signals(2.0, one_cue) == pytest.approx(2.0 + one_cue.valence)


def test_clear_praise_survives_a_concession() -> None:
    assert label("Great flight, the seats were still comfortable after ten hours and I didn't mind the food.") == "positive"


@pytest.mark.parametrize("text", ["thx for not answering my emails", "ty for losing my bag"])
def test_abbreviated_sarcastic_thanks(text: str) -> None:
    assert label(text) == "negative"


def test_ironic_praise_of_a_system_next_to_a_failure() -> None:
    assert label("Great system you got there, on hold for two hours.") == "negative"


def test_sarcasm_is_negative_even_when_its_words_cancel_out() -> None:
    # "thanks" and "losing" weigh about the same: the sarcasm itself must tip it
    signals = service_signals("thanks for losing my bag", "en")
    assert signals.sarcasm
    assert apply_signals(0.0, signals) < 0
    assert label("thanks for losing my bag") == "negative"


@pytest.mark.parametrize("text", ["Keep up the good work, folks! http://example.com/snow",
                                  "Please tell the crew of flight 12 well done.",
                                  "Good job at the gate this morning."])
def test_praise_phrases_are_positive(text: str) -> None:
    assert label(text) == "positive"


def test_sarcastic_praise_phrase_does_not_count_as_praise() -> None:
    signals = service_signals("Great job, my bag is lost again and nobody answers.", "en")
    assert signals.sarcasm and signals.valence < 0
    assert label("Great job, my bag is lost again and nobody answers.") == "negative"
