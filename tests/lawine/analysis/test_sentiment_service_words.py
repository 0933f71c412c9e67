"""Mistreatment and service-failure words VADER lacks are negative in the English service senses."""
from __future__ import annotations

import pytest

from lawine.analysis import analyse_text
from lawine.analysis.sentiment_en import raw_valence_en


@pytest.mark.parametrize(
    "text",
    [
        "The agent yelled at my mother at the counter.",
        "We got a scolding for using the overhead bin.",
        "The new booking page is sloppy and unresponsive.",
        "They mishandled the stroller and were dismissive about it.",
        "Our seats were downgraded without a word.",
    ],
)
def test_described_mistreatment_is_negative(text: str) -> None:
    assert analyse_text(text, lang="en").sentiment_label == "negative"


def test_new_words_are_negative_only_in_the_service_senses() -> None:
    text = "The staff were condescending and the process was absurd."
    assert raw_valence_en(text) < 0
    assert raw_valence_en(text, service_senses=False) == 0.0  # plain VADER has neither word
