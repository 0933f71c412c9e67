"""English sentiment: VADER, exposing its raw (un-normalised) valence sum so other layers can add to it."""
from __future__ import annotations

import math
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ALPHA = 15.0  # VADER's normalisation constant, reused so all layers share one scale


def normalise(raw: float) -> float:
    """VADER's squashing of a raw valence sum into -1..1."""
    return raw / math.sqrt(raw * raw + ALPHA)


class _RawVader(SentimentIntensityAnalyzer):
    # VADER only returns the squashed compound; adding the customer-service layer's valence
    # must happen before squashing, so keep the raw sum alongside.
    def score_valence(self, sentiments, text):  # type: ignore[override]
        scores = super().score_valence(sentiments, text)
        raw = float(sum(sentiments))
        if raw:
            emphasis = self._punctuation_emphasis(text)
            raw += emphasis if raw > 0 else -emphasis
        scores["raw"] = raw
        return scores


@lru_cache(maxsize=1)
def _analyser() -> _RawVader:
    return _RawVader()


def raw_valence_en(text: str) -> float:
    """Raw VADER valence of `text` (0 when no sentiment words); normalise() gives the compound."""
    return _analyser().polarity_scores(text)["raw"]
