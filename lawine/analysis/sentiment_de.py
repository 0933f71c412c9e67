"""German sentiment: a VADER-style lexicon analyser (negation, intensifiers, 'aber', caps, punctuation, emoji)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from lawine.analysis.valence import B_INCR, Language, raw_valence, special_words

_LEXICON_FILE = Path(__file__).with_name("data") / "de_lexicon.tsv"

NEGATORS = frozenset(
    "nicht nich net nix nichts kein keine keinen keinem keiner keines nie niemals ohne weder "
    "noch-nie kaum niemand nirgends".split()
)
BOOSTERS = {
    **dict.fromkeys(
        "sehr total voll extrem mega echt wirklich so richtig ziemlich besonders absolut "
        "unglaublich unfassbar äußerst äusserst höchst tierisch übelst unheimlich wahnsinnig "
        "irre sau zu viel weit ganz komplett völlig vollkommen durchaus mehr am meisten "
        "super hammer derbe arg furchtbar schrecklich verdammt scheiß scheiss sau".split(),
        B_INCR,
    ),
    **dict.fromkeys(
        "etwas bisschen bissl wenig eher relativ halbwegs fast leicht einigermaßen teilweise "
        "manchmal recht".split(),
        -B_INCR,
    ),
}
# Contrast words: what follows them carries the writer's actual opinion ("gut, aber teuer").
CONTRAST = frozenset("aber jedoch allerdings trotzdem dennoch sondern".split())
_ADJ_ENDINGS = ("sten", "ste", "em", "en", "er", "es", "e", "n", "s")


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


# "Ich hätte gerne ein Fensterplatz": a request, not praise ("gerne" alone is positive).
WISHES = {f"{aux} {adverb}": 0.0 for aux in ("würde", "würden", "hätte", "hätten", "möchte", "möchten")
          for adverb in ("gerne", "gern", "lieber")}
GERMAN = Language(
    lookup=word_valence,
    boosters=BOOSTERS,
    negators=NEGATORS,
    contrast=CONTRAST,
    clause_final_negation=True,
    special_cases=WISHES,
    special_words=special_words(WISHES),
)


def raw_valence_de(text: str) -> float:
    """Raw (un-normalised) valence sum of German `text`; normalise() turns it into a compound."""
    return raw_valence(text, GERMAN)
