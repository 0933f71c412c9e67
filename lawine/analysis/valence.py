"""A fast VADER-style valence engine shared by English and German: lexicon + negation, boosters, caps, contrast, punctuation."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from lawine.analysis.emotes import emoji_in, emoticon_valence

# VADER's empirically derived constants (Hutto & Gilbert 2014), kept so that both languages
# and the customer-service layer add up on one scale.
B_INCR = 0.293
C_INCR = 0.733
N_SCALAR = -0.74
ALPHA = 15.0
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~„“”‚‘’«»…"
_CLAUSE_END = frozenset(".!?;,:")
_DECAY = (1.0, 0.95, 0.9)  # a modifier two or three words away counts a little less
# @handles and links name things, they do not judge them ("@united" is not "united" +1.8).
_NOT_WORDS = re.compile(r"@\w+|https?://[\x21-\x7e]+|www\.[\x21-\x7e]+")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"), ("&quot;", '"'))  # tweets arrive HTML-escaped
# Words glued by punctuation ("raise....great", "late,again", "yes!thanks") are two words.
_GLUED = re.compile(r"(?<=[^\W\d_])([.…,;!?/]+)(?=[^\W\d_])")
# Emoticons and emoji glued to a word ("ok:)", "great😍") are tokens of their own.
_GLUED_EMOTE = re.compile(
    r"(?<=\S)([:;=][-'o]?[)(DPp/|*3]+)(?!\w)|([\U0001F300-\U0001FAFF\u2600-\u27BF\u2764\u2665]+)"
)
# "soooo guuut", "lieeeebe": letters repeated three or more times are emphasis, not spelling.
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")


def normalise(raw: float) -> float:
    """VADER's squashing of a raw valence sum into -1..1."""
    return raw / math.sqrt(raw * raw + ALPHA)


def special_words(cases: dict[str, float]) -> frozenset[str]:
    return frozenset(w for phrase in cases for w in phrase.split())


@dataclass(frozen=True)
class Language:
    """The language-specific resources the engine needs."""

    lookup: Callable[[str], Optional[float]]  # lower-case word -> valence or None
    boosters: dict[str, float]  # degree adverbs: +B_INCR intensify, -B_INCR dampen
    negators: frozenset[str]
    contrast: frozenset[str]  # "but", "aber": the clause after it dominates
    negation_suffix: str = ""  # "n't" makes any English word a negator
    clause_final_negation: bool = False  # German: "das gefällt mir nicht"
    special_cases: dict[str, float] = field(default_factory=dict)  # "yeah right" -> -2
    special_words: frozenset[str] = frozenset()  # the words of special_cases, to skip the check fast
    emphasis_words: frozenset[str] = frozenset()  # "so", "this" after "never": "never so good"


def _tokens(text: str) -> list[str]:
    # VADER's tokeniser: whitespace split, surrounding punctuation stripped unless that leaves
    # two characters or fewer (then it was an emoticon such as ':)' and stays whole).
    return [s if len(s := raw.strip(_PUNCT)) > 2 else raw for raw in text.split()]


def _spaced(match: re.Match[str]) -> str:
    return f" {match.group(0)} "


def raw_valence(text: str, lang: Language) -> float:
    """Raw (un-normalised) valence sum of `text`; normalise() turns it into VADER's compound."""
    if "\u2019" in text:
        text = text.replace("\u2019", "'")  # "can’t" negates like "can't"
    if "&" in text:
        for entity, char in _ENTITIES:
            text = text.replace(entity, char)
    if "@" in text or "/" in text:
        text = _NOT_WORDS.sub(" ", text)
    text = _GLUED.sub(r"\1 ", text)
    if not text.isascii() or ":" in text or ";" in text or "=" in text:
        text = _GLUED_EMOTE.sub(_spaced, text)
    raw_tokens = text.split()
    if not raw_tokens:
        return 0.0
    tokens = _tokens(text)
    low = [t.lower() for t in tokens]
    n = len(tokens)
    lookup = lang.lookup
    values = [lookup(w) for w in low]
    if _ELONGATED.search(text):
        for i, w in enumerate(low):
            if values[i] is None and _ELONGATED.search(w):
                value = lookup(_ELONGATED.sub(r"\1\1", w))  # "goooood" -> "good"
                if value is None:
                    value = lookup(_ELONGATED.sub(r"\1", w))  # "lieeeebe" -> "liebe"
                if value:
                    values[i] = value + (0.3 if value > 0 else -0.3)  # the stretch is emphasis
    if "#" in text:
        for i, raw in enumerate(raw_tokens):
            if raw.startswith("#") and values[i] is None and len(low[i]) > 4:
                values[i] = hashtag_valence(low[i], lang)
    upper = [t.isupper() for t in tokens]
    n_upper = sum(upper)
    cap_diff = 0 < n_upper < n
    ends = [t[-1] in _CLAUSE_END for t in raw_tokens]
    negators, suffix, boosters = lang.negators, lang.negation_suffix, lang.boosters

    contrast_at = -1
    if not lang.contrast.isdisjoint(low):
        contrast_at = next((i for i, w in enumerate(low) if i > 0 and w in lang.contrast), -1)
    items: list[tuple[int, float]] = []  # (token position, valence)
    # Only sentiment words and non-alphanumeric tokens (emoticons, emoji) can score; the
    # remaining words are only looked at as modifiers of those.
    for i in [i for i, v in enumerate(values) if v or not tokens[i].isalnum()]:
        w = low[i]
        tok = tokens[i]
        value = values[i]
        if not value:
            emo = emoticon_valence(tok)
            if emo is not None:
                items.append((i, emo))
            elif not tok.isascii():
                items.extend((i, e) for e in emoji_in(tok))
            continue
        if w == "kind" and i + 1 < n and low[i + 1] == "of":
            continue  # "kind of" is a hedge, not kindness
        if w in boosters and i + 1 < n and values[i + 1]:
            continue  # "incredibly rude", "furchtbar nett": here it is a degree adverb
        if w == "no" and i + 1 < n and values[i + 1] is not None:
            continue  # "no problem": "no" negates the next word instead of scoring itself
        if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no"):
            value *= N_SCALAR
        if upper[i] and cap_diff and len(tok) > 1:
            value += C_INCR if value > 0 else -C_INCR
        negated = False
        for dist in (1, 2, 3):
            j = i - dist
            if j < 0 or ends[j]:
                break  # modifiers do not reach back across a clause boundary
            prev = low[j]
            if values[j] and prev not in boosters:
                continue  # a sentiment word in between scores on its own (VADER's rule)
            boost = boosters.get(prev)
            if boost:
                boost *= _DECAY[dist - 1]
                if upper[j] and cap_diff:
                    boost += C_INCR if boost > 0 else -C_INCR
                value += boost if value > 0 else -boost
            elif prev in negators or (suffix and suffix in prev):
                # "never so good" / "never this good" is emphasis, not negation.
                if prev == "never" and dist > 1 and low[j + 1] in lang.emphasis_words:
                    value *= 1.25
                elif not (prev == "without" and "doubt" in low[j + 1 : i]):
                    negated = not negated if prev != "no" else negated
        if lang.clause_final_negation and not negated and not ends[i]:
            for j in range(i + 1, min(i + 4, n)):
                if low[j] in negators and (ends[j] or j == n - 1 or low[j + 1] in ("mehr", "so")):
                    negated = True
                    break
                if ends[j] or values[j]:
                    break
        if negated:
            value *= N_SCALAR
        if i > 0 and low[i - 1] == "least" and (i < 2 or low[i - 2] not in ("at", "very")):
            value *= N_SCALAR
        if w in lang.special_words or (i and low[i - 1] in lang.special_words):
            value = _special(low, i, value, lang.special_cases)
        items.append((i, value))

    if not items:
        return 0.0
    if contrast_at >= 0:
        total = sum(v * (0.5 if pos < contrast_at else 1.5) for pos, v in items)
    else:
        total = sum(v for _pos, v in items)
    if total:
        emphasis = min(text.count("!"), 4) * 0.292
        q = text.count("?")
        if q > 1:
            emphasis += q * 0.18 if q <= 3 else 0.96
        total += emphasis if total > 0 else -emphasis
    return total


def hashtag_valence(tag: str, lang: Language) -> Optional[float]:
    """Valence of a run-together hashtag: #notcool, #worstflightever, #unitedfail, #nieWieder."""
    # Hashtags are compressed sentences; a lexicon word at their start or end usually carries
    # them. A leading negator flips it, as in running text.
    for neg in ("not", "no", "never", "nicht", "kein", "keine", "nie"):
        if tag.startswith(neg) and len(tag) > len(neg) + 2:
            rest = lang.lookup(tag[len(neg):])
            if rest:
                return rest * N_SCALAR
    for size in range(min(len(tag) - 1, 12), 3, -1):
        for part in (tag[:size], tag[-size:]):
            value = lang.lookup(part)
            if value:
                return value
    return None


def _special(low: list[str], i: int, value: float, cases: dict[str, float]) -> float:
    # Idioms that replace the valence of the word they contain ("the shit" +3, "yeah right" -2).
    for start, stop in ((i - 1, i + 1), (i - 2, i + 1), (i, i + 2), (i, i + 3)):
        if start >= 0 and stop <= len(low):
            phrase = " ".join(low[start:stop])
            if phrase in cases:
                return cases[phrase]
    return value
