"""Recurring questions: normalise, TF-IDF over words and character n-grams, cosine, greedy clusters.

Plain numpy instead of scikit-learn: a week's questions are a few thousand short texts, the whole
job is ~100 lines, and the dashboard does not need a 30 MB dependency for it.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

THRESHOLD = 0.5  # cosine at which two questions count as "the same question"
MAX_UNIQUE = 3000  # bounds the n x n similarity matrix (~36 MB of float32)
MAX_FEATURES = 8192

_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"(?<!\w)@[\w.@-]+")
_CODE = re.compile(r"\b(?=\w*\d)(?=\w*[^\W\d])\w{5,}\b")  # booking codes, order ids
_NUMBER = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class FaqCluster:
    """A group of similar questions: the most typical one, how many there were, a few variants."""

    representative: str
    size: int
    examples: tuple[str, ...] = ()


def normalise(text: str) -> str:
    """Lower-case words only: links, @handles, codes and numbers are what varies, not the question."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _HANDLE.sub(" ", _URL.sub(" ", text))
    text = _NUMBER.sub("0", _CODE.sub(" code ", text))
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    return _SPACE.sub(" ", text).strip()


def features(norm: str) -> Counter:
    """Word unigrams and bigrams plus character 3-5-grams inside words (robust to typos, inflection)."""
    words = norm.split()
    feats: Counter = Counter(f"w:{w}" for w in words)
    feats.update(f"b:{a} {b}" for a, b in zip(words, words[1:]))
    for w in words:
        padded = f" {w} "
        for n in (3, 4, 5):
            feats.update(f"c:{padded[i:i + n]}" for i in range(max(1, len(padded) - n + 1)))
    return feats


def tfidf(docs: Sequence[Counter]) -> np.ndarray:
    """L2-normalised sublinear TF-IDF rows; only features shared by 2+ documents get a column."""
    df: Counter = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    idf = {f: math.log((1 + n) / (1 + c)) + 1.0 for f, c in df.items()}
    # A feature in one document only never adds to a dot product between two documents, but it
    # still belongs in that document's norm: compute norms first, then keep the shared columns.
    shared = [f for f, c in df.most_common(MAX_FEATURES) if c > 1]
    column = {f: i for i, f in enumerate(shared)}
    matrix = np.zeros((n, len(column)), dtype=np.float32)
    for row, d in enumerate(docs):
        weights = {f: (1.0 + math.log(c)) * idf[f] for f, c in d.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        for f, v in weights.items():
            if f in column:
                matrix[row, column[f]] = v / norm
    return matrix


def cluster(texts: Iterable[str], threshold: float = THRESHOLD, top: int = 10,
            min_size: int = 2, examples: int = 3) -> list[FaqCluster]:
    """The `top` biggest groups of similar texts, biggest first (greedy densest-centre clustering)."""
    groups: dict[str, list[str]] = {}
    for text in texts:
        norm = normalise(text)
        if norm:
            groups.setdefault(norm, []).append(text)
    # Identical questions after normalisation are one point with a weight: demo and real data repeat a lot.
    keys = sorted(groups, key=lambda k: (-len(groups[k]), k))[:MAX_UNIQUE]
    if not keys:
        return []
    weight = np.array([len(groups[k]) for k in keys], dtype=np.float64)
    x = tfidf([features(k) for k in keys])
    near = (x @ x.T) >= threshold
    np.fill_diagonal(near, True)
    free = np.ones(len(keys), dtype=bool)
    result: list[FaqCluster] = []
    while len(result) < top and free.any():
        # The free point with the most (weighted) free neighbours is the centre of the next group.
        density = (near[:, free] @ weight[free]) * free
        centre = int(np.argmax(density))
        if density[centre] < min_size:
            break
        members = np.flatnonzero(near[centre] & free)
        free[members] = False
        result.append(_describe(members, keys, groups, weight, near, examples))
    return result


def _describe(members: np.ndarray, keys: list[str], groups: dict[str, list[str]], weight: np.ndarray,
              near: np.ndarray, examples: int) -> FaqCluster:
    # Representative: the member most similar to the rest of its group (a medoid), in its commonest spelling.
    inner = near[np.ix_(members, members)] @ weight[members]
    order = sorted(range(len(members)), key=lambda i: (-inner[i], -weight[members[i]], keys[members[i]]))
    spelled = [Counter(groups[keys[members[i]]]).most_common(1)[0][0] for i in order]
    return FaqCluster(spelled[0], int(weight[members].sum()), tuple(spelled[1:1 + examples]))
