"""Questions, requests, conditions and hopes to a company: their positive words are wishes, not praise (English)."""
from __future__ import annotations

import pytest

from lawine.analysis import analyse_text
from lawine.analysis.service import service_signals


def sentiment(text: str, lang: str = "en") -> float:
    return analyse_text(text, lang=lang).sentiment


@pytest.mark.parametrize(
    "text",
    [
        "Can I get a free upgrade on my awesome flight tomorrow?",
        "Do you have any great deals to Denver this summer?",
        "Why is it so hard to get a great seat?",
    ],
)
def test_english_questions_with_positive_words_are_not_praise(text: str) -> None:
    assert analyse_text(text, lang="en").sentiment_label == "neutral"


@pytest.mark.parametrize(
    "wanted, experienced",
    [
        ("If you find my suitcase today I will be so happy.", "You found my suitcase today, I am so happy."),
        ("Hoping for a smooth flight and a friendly crew.", "A smooth flight and a friendly crew."),
        ("Fingers crossed for a great trip.", "It was a great trip."),
        ("Please make it a great trip.", "It was a great trip."),
    ],
)
def test_english_conditions_hopes_and_requests_count_less_than_experience(wanted: str, experienced: str) -> None:
    assert 0 <= sentiment(wanted) < sentiment(experienced) / 2


@pytest.mark.parametrize(
    "text",
    [
        "The crew was wonderful, what a great flight!",
        "Thanks so much, the agent was amazing and fixed everything.",
    ],
)
def test_english_praise_without_a_question_stays_positive(text: str) -> None:
    assert analyse_text(text, lang="en").sentiment_label == "positive"


def test_explicit_praise_in_a_question_still_counts() -> None:
    # "thanks to ..." is a praise phrase: the closing question does not take it back
    assert analyse_text("Huge thanks to the gate agent in Denver, she was amazing! Can I send her a note?",
                        lang="en").sentiment_label == "positive"


def test_only_english_damps_questions() -> None:
    # SB10k-style German chatter ("Habt ihr die neue Folge gesehen? Mega!") is often enthusiastic
    assert service_signals("Habt ihr die tolle neue Folge gesehen? Super!", "de").asks is False
    assert service_signals("Did you see the great new episode? Super!", "en").asks is True
    assert analyse_text("Habt ihr die tolle neue Folge gesehen? Super!", lang="de").sentiment_label == "positive"


@pytest.mark.parametrize("curly, straight", [("I can’t log in to the app.", "I can't log in to the app."),
                                             ("The app doesn’t work.", "The app doesn't work.")])
def test_typographic_apostrophes_negate_like_straight_ones(curly: str, straight: str) -> None:
    assert sentiment(curly) == sentiment(straight) < 0


def test_really_is_emphasis_and_only_would_makes_a_wish() -> None:
    assert analyse_text("I really appreciate the follow up.", lang="en").sentiment_label == "positive"
    assert analyse_text("We really love this airline.", lang="en").sentiment_label == "positive"
    assert sentiment("I would really love a window seat.") == 0.0
    assert sentiment("I'd so appreciate an update.") == 0.0


def test_how_do_you_asks_and_how_can_you_reproaches() -> None:
    assert analyse_text("How do you add a pet to a booking?", lang="en").sentiment_label == "neutral"
    assert analyse_text("How can you lose the same bag twice?", lang="en").sentiment_label == "negative"
