"""The analyse path: language -> sentiment (lexicon + service layer) -> intent, department, sensitivity."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Optional, Sequence, Union

from lawine.analysis.fastmatch import Doc
from lawine.analysis.intent import classify_intent
from lawine.analysis.lang import detect_lang, normalise_lang
from lawine.analysis.routing import FrozenRules, compile_rules, freeze_rules, route_compiled
from lawine.analysis.sensitive import has_sensitive
from lawine.analysis.sentiment_de import raw_valence_de
from lawine.analysis.sentiment_en import raw_valence_en
from lawine.analysis.service import ServiceSignals, apply_signals, service_signals
from lawine.analysis.valence import normalise
from lawine.model import Mention

# Decision thresholds on the compound score (-1..1), deliberately asymmetric:
# - NEGATIVE_AT is VADER's own -0.05: any net negative evidence counts, because in customer
#   service a missed complaint (an unanswered customer) costs more than a neutral post
#   shown as negative.
# - POSITIVE_AT 0.2 is the compound of a raw valence of about 0.8, i.e. one mildly positive
#   word is not enough: "ok", "number" or a closing "thanks" is politeness, not praise.
# Both were checked on two disjoint halves of the English and German dev sets (benchmarks/
# sentiment_bench.py --half a|b): macro-F1 is flat around these values, so they are not tuned
# to a particular sample.
POSITIVE_AT = 0.2
NEGATIVE_AT = -0.05
REPLY_INTENTS = frozenset({"question", "complaint"})


@dataclass(frozen=True)
class TextAnalysis:
    """Everything the analysis knows about one text, independent of where it was posted."""

    lang: Optional[str]
    sentiment: float
    sentiment_label: str
    intent: str
    needs_reply: bool
    department: Optional[str]
    sensitive: bool


def label_for(compound: float) -> str:
    """negative / neutral / positive for a compound score."""
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def sentiment_of(text: Union[str, Doc], lang: Optional[str]) -> tuple[float, ServiceSignals]:
    """Compound sentiment (-1..1) and the service signals it was built from."""
    doc = text if isinstance(text, Doc) else Doc(text)
    raw = raw_valence_de(doc.text) if lang == "de" else raw_valence_en(doc.text)
    signals = service_signals(doc, lang)
    raw = apply_signals(raw, signals)  # the service layer's cues (service.py) adjust the lexicon sum
    return max(-1.0, min(1.0, normalise(raw))), signals


def analyse_text(
    text: str,
    lang: Optional[str] = None,
    rules: Optional[Mapping[str, Sequence[str]]] = None,
) -> TextAnalysis:
    """Analyse one text; `lang` skips detection, `rules` overrides DEFAULT_DEPARTMENT_RULES."""
    return _analyse(text or "", normalise_lang(lang), freeze_rules(rules))


@lru_cache(maxsize=50_000)
def _analyse(text: str, lang: Optional[str], frozen_rules: FrozenRules) -> TextAnalysis:
    # Cached per identical text: re-collected and cross-posted mentions repeat a lot.
    lang = lang or detect_lang(text)
    routing = compile_rules(frozen_rules)
    doc = Doc(text)
    compound, signals = sentiment_of(doc, lang)
    label = label_for(compound)
    intent = classify_intent(doc, compound, label, signals)
    return TextAnalysis(
        lang=lang,
        sentiment=round(compound, 4),
        sentiment_label=label,
        intent=intent,
        # Without context, assume the text is addressed to the brand; enrich() knows better.
        needs_reply=intent in REPLY_INTENTS,
        department=route_compiled(doc, routing),
        sensitive=has_sensitive(text, doc),
    )


_HANDLE = re.compile(r"@(\w+)")
_NON_ALNUM = re.compile(r"\W+")


@lru_cache(maxsize=256)
def _brand_pattern(brand: str) -> Optional[re.Pattern[str]]:
    # "Deutsche Bahn" also matches "deutsche-bahn" and "#DeutscheBahn", but "Go" not "going".
    words = [w for w in _NON_ALNUM.split(brand.lower()) if w]
    if not words:
        return None
    return re.compile(r"(?<![^\W_])" + r"[\W_]*".join(map(re.escape, words)) + r"(?![^\W_])", re.I)


def _addressed_to_brand(m: Mention, by_id: dict[str, Mention], own_channels: set[tuple[str, str]]) -> bool:
    """Is `m` aimed at the brand: naming or @-ing it, replying to it, or commenting on its page?"""
    pattern = _brand_pattern(m.brand)
    if pattern is not None and pattern.search(m.text):
        return True
    squashed = _NON_ALNUM.sub("", m.brand.lower())
    if squashed and any(squashed in h.lower() for h in _HANDLE.findall(m.text)):
        return True  # @LumenSupport, @lumen_de
    for ref in (m.parent_id, m.thread_id):
        other = by_id.get(ref or "")
        if other is not None and other.id != m.id:
            if other.is_own:
                return True
    # A comment whose parent is not in this batch, in a channel where the brand itself posts
    # (its Facebook page, its subreddit), is almost always aimed at the brand.
    return m.kind != "post" and m.parent_id not in by_id and (m.source, m.channel) in own_channels


def clear_caches() -> None:
    """Forget every per-text result, so a benchmark or a rules change starts cold."""
    _analyse.cache_clear()


def text_key(m: Mention) -> tuple[str, Optional[str]]:
    """What the per-text analysis of `m` depends on (besides the rules)."""
    return m.text or "", normalise_lang(m.lang)


def enrich(
    mentions: list[Mention],
    rules: Optional[Mapping[str, Sequence[str]]] = None,
    analyses: Optional[Sequence[TextAnalysis]] = None,
) -> list[Mention]:
    """Copies of `mentions` with lang, sentiment, intent, needs_reply, department and sensitive filled.

    `analyses`, one per mention, are per-text results computed elsewhere (lawine.analysis.parallel
    analyses the texts of a large batch in worker processes); the batch context is added here."""
    frozen = freeze_rules(rules)
    if analyses is None:
        analyses = [_analyse(*text_key(m), frozen) for m in mentions]
    elif len(analyses) != len(mentions):
        raise ValueError(f"{len(analyses)} analyses for {len(mentions)} mentions")
    by_id = {m.id: m for m in mentions}
    own_channels = {(m.source, m.channel) for m in mentions if m.is_own}
    out = []
    for m, a in zip(mentions, analyses):
        needs_reply = (
            not m.is_own
            and a.intent in REPLY_INTENTS
            and (m.on_marketing_post or _addressed_to_brand(m, by_id, own_channels))
        )
        out.append(
            m.model_copy(
                update={
                    "lang": a.lang,
                    "sentiment": a.sentiment,
                    "sentiment_label": a.sentiment_label,
                    "intent": a.intent,
                    "needs_reply": needs_reply,
                    "department": a.department,
                    "sensitive": a.sensitive,
                }
            )
        )
    return out
