"""German sentiment: a VADER-style lexicon analyser (negation, intensifiers, 'aber', caps, punctuation, emoji)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from lawine.analysis.emotes import emoji_in, emoticon_valence

_LEXICON_FILE = Path(__file__).with_name("data") / "de_lexicon.tsv"

# The same empirical constants as VADER, so both languages live on one scale.
B_INCR = 0.293
C_INCR = 0.733
N_SCALAR = -0.74

NEGATORS = frozenset(
    "nicht nich net nix nichts kein keine keinen keinem keiner keines nie niemals ohne weder "
    "noch-nie kaum niemand nirgends".split()
)
BOOSTERS = {
    **dict.fromkeys(
        "sehr total voll extrem mega echt wirklich so richtig ziemlich besonders absolut "
        "unglaublich unfassbar äußerst äusserst höchst tierisch übelst unheimlich wahnsinnig "
        "irre sau zu viel weit ganz komplett völlig vollkommen durchaus mehr am meisten "
        "super hammer derbe arg furchtbar schrecklich".split(),
        B_INCR,
    ),
    **dict.fromkeys(
        "etwas bisschen bissl wenig eher relativ halbwegs fast leicht einigermaßen teilweise "
        "manchmal kaum recht".split(),
        -B_INCR,
    ),
}
# Contrast words: what follows them carries the writer's actual opinion ("gut, aber teuer").
CONTRAST = frozenset("aber jedoch allerdings trotzdem dennoch sondern nur".split()) - {"nur"}
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~„“”‚‘’«»…"
_ADJ_ENDINGS = ("sten", "ste", "em", "en", "er", "es", "e", "n", "s")
_CLAUSE_END = re.compile(r"[.!?;,:]$")


def _load_lexicon() -> tuple[dict[str, float], dict[str, float]]:
    words: dict[str, float] = {}
    stems: dict[str, float] = {}
    for line in _LEXICON_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value = line.split("\t")[:2]
        if word.endswith("*"):
            stems[word[:-1]] = float(value)
        else:
            words[word] = float(value)
    return words, stems


_WORDS, _STEMS = _load_lexicon()
_MIN_STEM = min(len(s) for s in _STEMS) if _STEMS else 99


@lru_cache(maxsize=65536)
def word_valence(word: str) -> Optional[float]:
    """Lexicon valence of a lower-case German word, trying inflection endings and stems."""
    if word in _WORDS:
        return _WORDS[word]
    for ending in _ADJ_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3 and word[: -len(ending)] in _WORDS:
            return _WORDS[word[: -len(ending)]]
    # Longest matching stem wins: "scheißwetter" -> "scheiß*", "liebling*" before "lieb".
    for end in range(len(word), _MIN_STEM - 1, -1):
        value = _STEMS.get(word[:end])
        if value is not None:
            return value
    return None


def _tokens(text: str) -> list[str]:
    # Like VADER: split on whitespace, strip surrounding punctuation unless that leaves
    # almost nothing (then the token was an emoticon such as ':-)' and stays as it is).
    out = []
    for raw in text.split():
        stripped = raw.strip(_PUNCT)
        out.append(stripped if len(stripped) > 2 else raw)
    return out


def raw_valence_de(text: str) -> float:
    """Raw (un-normalised) valence sum of German `text`; normalise() turns it into a compound."""
    tokens = _tokens(text)
    if not tokens:
        return 0.0
    lowered = [t.lower() for t in tokens]
    caps = [t.isupper() and len(t) > 1 and t.isalpha() for t in tokens]
    cap_diff = 0 < sum(caps) < len(tokens)
    # Clause-final "nicht" negates the verb/adjective before it: "das gefällt mir nicht".
    raw_ends = [bool(_CLAUSE_END.search(t)) for t in text.split()]

    sentiments: list[float] = []
    contrast_at: Optional[int] = None
    for i, (tok, low) in enumerate(zip(tokens, lowered)):
        if contrast_at is None and low in CONTRAST and i > 0:
            contrast_at = len(sentiments)
        emo = emoticon_valence(tok)
        if emo is not None:
            sentiments.append(emo)
            continue
        emojis = emoji_in(tok)
        if emojis:
            sentiments.extend(emojis)
            continue
        if low in NEGATORS:
            continue
        value = word_valence(low)
        if low in BOOSTERS and (value is None or (i + 1 < len(tokens) and word_valence(lowered[i + 1]))):
            # "furchtbar nett", "super schnell": an evaluative word used as a degree adverb.
            continue
        if value is None or value == 0.0:
            continue
        if caps[i] and cap_diff:
            value += C_INCR if value > 0 else -C_INCR
        negated = False
        for dist in (1, 2, 3):
            j = i - dist
            if j < 0:
                break
            prev = lowered[j]
            if raw_ends[j]:
                break  # modifiers do not reach across a clause boundary
            if prev in BOOSTERS:
                boost = BOOSTERS[prev] * (1.0, 0.95, 0.9)[dist - 1]
                value += boost if value > 0 else -boost
            elif prev in NEGATORS:
                negated = True
        if not negated and not raw_ends[i]:
            # Look ahead for a clause-final negator: "gefällt mir gar nicht", "mag ich nicht".
            for j in range(i + 1, min(i + 4, len(tokens))):
                if lowered[j] in NEGATORS and (raw_ends[j] or j == len(tokens) - 1 or lowered[j + 1] in ("mehr", "so")):
                    negated = True
                    break
                if raw_ends[j] or word_valence(lowered[j]):
                    break
        if negated:
            value *= N_SCALAR
        sentiments.append(value)

    if contrast_at is not None:
        sentiments = [s * 0.5 for s in sentiments[:contrast_at]] + [s * 1.5 for s in sentiments[contrast_at:]]
    total = sum(sentiments)
    if total:
        emphasis = min(text.count("!"), 4) * 0.292
        questions = text.count("?")
        if questions > 1:
            emphasis += min(questions * 0.18, 0.96)
        total += emphasis if total > 0 else -emphasis
    return total
