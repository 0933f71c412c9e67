"""Negated complaints are reassurance, understatement is criticism, 'thanks for making' is not sarcasm by itself (English)."""
from __future__ import annotations

import pytest

from lawine.analysis import analyse_text


def label(text: str) -> str:
    return analyse_text(text, lang="en").sentiment_label


@pytest.mark.parametrize(
    "text",
    [
        "No worries, the next flight works fine for me.",
        "Never lets me down, see you next month!",
        "Storms all day, not your fault, the crew did what they could.",
        "Arrived on time with my bag, can't complain.",
        "This airline never disappoints.",
    ],
)
def test_negated_complaints_are_not_complaints(text: str) -> None:
    assert label(text) == "positive"


@pytest.mark.parametrize(
    "text",
    [
        "The staff at the desk were less than friendly.",
        "The hotline was helpful at best.",
        "The app is great for booking. Changing a flight, not so much.",
        "Far from ideal to queue at the gate for an hour.",
    ],
)
def test_understatement_is_criticism(text: str) -> None:
    assert label(text) == "negative"


def test_thanks_for_making_something_easy_is_praise() -> None:
    assert label("Thanks for making the rebooking so easy!") == "positive"
    # the failure itself still makes it a complaint
    assert label("Thanks for making me wait three hours on the phone.") == "negative"


def test_what_gives_is_a_rhetorical_question() -> None:
    # not an information question: its negated statement keeps counting
    assert label("I paid for the upgrade and it didn't show up on my ticket. What gives?") == "negative"


@pytest.mark.parametrize("text", ["Kein Problem, der nächste Zug passt auch.", "Pünktlich und sauber, ich kann mich nicht beschweren."])
def test_german_negated_complaints_stay_positive_through_the_lexicon(text: str) -> None:
    # German has no reassurance patterns: its negation handling must keep covering these
    assert analyse_text(text, lang="de").sentiment_label == "positive"


def test_cant_wait_is_eagerness_unless_it_is_about_waiting() -> None:
    assert label("Booked my trip for June, can't wait!") == "positive"
    assert label("Can't wait to fly with you again!") == "positive"
    assert label("I can't wait on hold any longer.") == "negative"
    assert label("I cannot wait any longer for my refund.") == "negative"
