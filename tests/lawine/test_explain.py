"""Spike explanation: tokenizer rules and weighted log-odds with an informative Dirichlet prior."""
from __future__ import annotations

import random

from lawine.explain import STOPWORDS, tokenize, top_terms

BASE_PHRASES = [
    "my order arrived late again", "customer service was friendly today", "the app keeps crashing",
    "great price for the new phone", "waiting for a refund since monday", "love the new design",
    "Lieferung kam heute pünktlich an", "der Kundenservice war sehr freundlich", "die App stürzt ständig ab",
    "shipping to germany takes forever", "battery life could be better", "store staff were helpful",
]


def corpus(n: int, seed: int, extra: str = "", share: float = 0.0) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        text = f"@brand {rng.choice(BASE_PHRASES)} https://t.co/x{i}"
        if extra and rng.random() < share:
            text += " " + extra
        texts.append(text)
    return texts


def test_tokenizer_keeps_tags_and_handles_and_drops_noise():
    tokens = tokenize("RT @Lawine_Support: Der Server ist DOWN!! #Ausfall http://t.co/abc www.x.de/y a an ok")
    assert "@lawine_support" in tokens and "#ausfall" in tokens
    assert "server" in tokens and "down" in tokens
    for gone in ("rt", "der", "ist", "http", "t.co", "www.x.de", "a", "an", "ok", "abc"):
        assert gone not in tokens
    assert tokenize("") == []


def test_stopwords_cover_both_languages():
    for word in ("the", "and", "because", "und", "nicht", "über", "weil"):
        assert word in STOPWORDS
    # "Me too" replies are made of such words: they must leave the topic words, not be them.
    assert tokenize("+1 same problem since this morning, getting ridiculous") == ["problem", "morning", "ridiculous"]
    assert tokenize("Bei mir genauso, seit heute morgen") == ["heute", "morgen"]
    assert tokenize("Almost sold out already, bereits ausgebucht") == ["sold", "out", "ausgebucht"]


def test_injected_words_come_out_on_top():
    baseline = corpus(3000, seed=1)
    spike = corpus(400, seed=2, extra="#outage checkout broken", share=0.5)
    terms = [t for t, _ in top_terms(spike, baseline, k=5)]
    assert set(terms[:3]) == {"#outage", "checkout", "broken"}


def test_scores_are_sorted_z_scores_and_only_over_represented():
    baseline = corpus(2000, seed=3)
    spike = corpus(300, seed=4, extra="#blackfriday deal", share=0.4)
    result = top_terms(spike, baseline, k=10)
    scores = [z for _, z in result]
    assert scores == sorted(scores, reverse=True)
    assert all(z > 0 for z in scores)
    assert result[0][1] > 5  # a strong, real difference is many standard errors away
    assert "@brand" not in dict(result)  # present everywhere, explains nothing


def test_one_rare_word_is_shrunk_by_the_prior():
    baseline = corpus(2000, seed=5)
    spike = corpus(300, seed=6, extra="recall", share=0.3) + ["zyxwvut appears once"]
    scores = dict(top_terms(spike, baseline, k=10, min_z=0.0))
    assert max(scores, key=scores.get) == "recall" and scores["recall"] > 5
    assert scores["zyxwvut"] < 1.96  # seen once: not significant, however unseen before
    assert "zyxwvut" not in dict(top_terms(spike, baseline, k=10))  # default drops it


def test_a_text_repeating_a_word_counts_once():
    baseline = corpus(1000, seed=7)
    spike = corpus(200, seed=8) + ["spam " * 50] + corpus(50, seed=9, extra="delay", share=1.0)
    terms = [t for t, _ in top_terms(spike, baseline, k=2)]
    assert terms[0] == "delay"


def test_edge_cases():
    assert top_terms([], ["some baseline text"], k=5) == []
    assert top_terms(["only spike words here"], [], k=2) == []  # no baseline, no contrast
    assert top_terms(["word"], ["word"], k=0) == []
    assert len(top_terms(corpus(50, 1), corpus(50, 2), k=3)) <= 3
