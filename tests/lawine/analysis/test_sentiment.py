"""Hand-written clear cases for English and German sentiment (not taken from any benchmark data)."""
from __future__ import annotations

import pytest

from lawine.analysis import analyse_text


def label(text: str, lang: str | None = None) -> str:
    return analyse_text(text, lang=lang).sentiment_label


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I love the new app, it works great!", "positive"),
        ("Your support team was fantastic, problem solved in five minutes.", "positive"),
        ("This is the worst service I have ever had.", "negative"),
        ("The update is not good.", "negative"),
        ("Honestly not bad at all.", "positive"),
        ("The staff was friendly but the room was dirty and the wifi was useless.", "negative"),
        ("The delivery was late, but the support agent was wonderful and fixed everything.", "positive"),
        ("My order number is 12345 and I ordered the blue model.", "neutral"),
    ],
)
def test_english_clear_cases(text: str, expected: str) -> None:
    assert label(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Been on hold for 2 hours and nobody picks up.",
        "My flight was cancelled and I still have not received a refund.",
        "You charged me twice for the same order.",
        "My luggage was lost on the way to Boston.",
        "The package never arrived.",
    ],
)
def test_english_complaints_without_emotion_words_are_negative(text: str) -> None:
    assert label(text, "en") == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for nothing.",
        "Great job losing my bag again... not",
        "Wow, great customer service, on hold for 3 hours.",
        "Thanks for cancelling my flight without telling me.",
    ],
)
def test_english_sarcasm_is_negative(text: str) -> None:
    result = analyse_text(text, lang="en")
    assert result.sentiment_label == "negative"
    assert result.sentiment < 0


def test_english_intensifiers_and_caps_raise_intensity() -> None:
    plain = analyse_text("The food was good.", lang="en").sentiment
    boosted = analyse_text("The food was extremely good.", lang="en").sentiment
    shouted = analyse_text("The food was GOOD!!!", lang="en").sentiment
    assert 0 < plain < boosted
    assert plain < shouted


def test_english_wish_is_a_request_not_praise() -> None:
    assert label("I would love to get a window seat on my next flight", "en") == "neutral"
    assert label("I love the window seats on your new planes", "en") == "positive"


def test_english_polite_question_is_not_praise() -> None:
    # "thanks" closing an information question is politeness, not an opinion
    result = analyse_text("Can I change my seat online? Thanks", lang="en")
    assert result.sentiment_label == "neutral"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Das ist wirklich ein toller Laden, ich bin begeistert!", "positive"),
        ("Super Beratung, vielen Dank!", "positive"),
        ("Das war der schlechteste Kundenservice aller Zeiten.", "negative"),
        ("Das Essen war nicht gut.", "negative"),
        ("Das gefällt mir nicht.", "negative"),
        ("Gar nicht schlecht, das neue Modell.", "positive"),
        ("Der Versand war schnell, aber die Ware ist leider kaputt.", "negative"),
        ("Etwas teuer, aber die Qualität ist hervorragend.", "positive"),
        ("Die Filiale öffnet um neun Uhr.", "neutral"),
    ],
)
def test_german_clear_cases(text: str, expected: str) -> None:
    assert label(text, "de") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Seit drei Tagen keine Antwort vom Kundendienst.",
        "Mein Zug ist schon wieder verspätet.",
        "Ich hänge seit einer Stunde in der Warteschleife.",
        "Die Bestellung wurde storniert und ich warte immer noch auf die Erstattung.",
        "Das Paket ist nicht angekommen.",
    ],
)
def test_german_complaints_without_emotion_words_are_negative(text: str) -> None:
    assert label(text, "de") == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Danke für nichts.",
        "Toller Service, seit zwei Wochen keine Rückmeldung.",
        "Na super, die Lieferung ist schon wieder verspätet.",
    ],
)
def test_german_sarcasm_is_negative(text: str) -> None:
    assert label(text, "de") == "negative"


def test_german_intensifier_and_negation_scale() -> None:
    gut = analyse_text("Das ist gut.", lang="de").sentiment
    sehr_gut = analyse_text("Das ist sehr gut.", lang="de").sentiment
    nicht_gut = analyse_text("Das ist nicht gut.", lang="de").sentiment
    assert 0 < gut < sehr_gut
    assert nicht_gut < 0


def test_german_inflected_forms_and_compounds_are_found() -> None:
    assert label("Was für ein schöner Tag", "de") == "positive"
    assert label("So ein Scheißwetter heute", "de") == "negative"


def test_emoji_and_emoticons_carry_sentiment_in_both_languages() -> None:
    assert label("Neue Jacke ist da 😍", "de") == "positive"
    assert label("Mein Handy ist runtergefallen :(", "de") == "negative"
    assert label("new phone arrived today 😍", "en") == "positive"


def test_compound_is_bounded_and_label_matches_sign() -> None:
    for text in ("TERRIBLE!!! worst ever!!! never again!!!", "BEST DAY EVER!!! love love love"):
        result = analyse_text(text)
        assert -1.0 <= result.sentiment <= 1.0
        assert (result.sentiment > 0) == (result.sentiment_label == "positive")


def test_empty_text_is_neutral() -> None:
    result = analyse_text("")
    assert result.sentiment == 0.0
    assert result.sentiment_label == "neutral"
    assert result.intent == "other"
