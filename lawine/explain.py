"""Why is there a spike: words and hashtags over-represented in a spike window against a baseline."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

import numpy as np

# Hand-written function words (English, German) plus social-media filler that never
# explains a spike. Lower case; compared after lowercasing.
_STOP_EN = """
a about above after again against all almost already also am an and any are aren't as at be
because been before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't during each even ever every few for from further get gets getting got had
hadn't has hasn't have haven't having he he'd he'll he's her here hers herself him himself
his how i i'd i'll i'm i've if in into is isn't it it's its itself just let's like me more
most much must my myself no nor not now of on once one only or other ought our ours
ourselves own really same she she'd she'll she's should shouldn't since so some still
such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through to too until upon us very was wasn't we
we'd we'll we're we've were weren't what what's when where which while who whom why will
with won't would wouldn't yes yet you you'd you'll you're you've your yours yourself
yourselves im ive dont cant wont didnt doesnt isnt thats theres youre
"""
_STOP_DE = """
aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch
auf aus bei beim bereits bin bis bist da dabei dadurch dafür dagegen daher damit dann darauf darum
das dass dazu dein deine deinem deinen deiner dem den denn dennoch der deren des deshalb
dessen dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine
einem einen einer eines einige einigen einmal er es etwas euch euer eure für gegen gewesen
hab habe haben hat hatte hätte hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer
im immer in ins ist ja jede jedem jeden jeder jedes jetzt kann kein keine keinem keinen
keiner können könnte machen man manche mehr mein meine meinem meinen meiner mich mir mit
muss musste nach nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen
seiner seit sich sie sind so solche soll sollte sondern sonst über um und uns unser unsere
unter vom von vor war waren warum was weil weiter welche welchem welchen welcher wenn wer
werde werden wie wieder will wir wird wo wurde wurden zu zum zur zwar zwischen mal gibt geht genauso
"""
_STOP_SOCIAL = "rt amp via http https www com co"
STOPWORDS = frozenset((_STOP_EN + _STOP_DE + _STOP_SOCIAL).split())

# One pass: URLs are matched first so that their pieces never become words, then dropped.
# #tag and @handle keep their sigil; words need a letter first (digits alone say little).
_TOKEN = re.compile(r"(?:https?://|www\.)\S+|[#@]\w+|[^\W\d_][\w'’]*")
MIN_WORD_LEN = 3
MIN_TAG_LEN = 3  # sigil included: "#a" is noise, "#db" may be a brand


def tokenize(text: str) -> list[str]:
    """Lower-cased words, #hashtags and @handles of one text, without URLs and stopwords."""
    out = []
    for tok in _TOKEN.findall(text.lower()):
        first = tok[0]
        if first in "#@":
            if len(tok) >= MIN_TAG_LEN:
                out.append(tok)
            continue
        if tok.startswith(("http", "www.")) and ("/" in tok or tok.startswith("www.")):
            continue
        tok = tok.rstrip("'’")
        if len(tok) >= MIN_WORD_LEN and tok not in STOPWORDS:
            out.append(tok)
    return out


def _doc_counts(texts: Iterable[str]) -> Counter:
    """In how many texts each term occurs: one text repeating a word counts once.

    Identical texts (retweets) are tokenised once and weighted by their multiplicity.
    """
    counts: Counter = Counter()
    for text, times in Counter(texts).items():
        for term in set(tokenize(text or "")):
            counts[term] += times
    return counts


def top_terms(
    spike_texts: list[str], baseline_texts: list[str], k: int = 10, min_z: float = 1.96
) -> list[tuple[str, float]]:
    """The k terms most over-represented in the spike texts, with their z-scores.

    Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
    2008): the prior is the pooled frequency of each term, so rare terms are shrunk
    towards "no difference" instead of topping the list on one or two occurrences, and
    the log-odds difference is divided by its standard deviation. Terms below `min_z`
    (default: 5 % two-sided) are left out, so a quiet spike yields a short list, not noise.
    Without baseline texts there is no contrast and nothing is over-represented.
    """
    spike, base = _doc_counts(spike_texts), _doc_counts(baseline_texts)
    vocab = sorted(set(spike) | set(base))
    if not vocab or k <= 0:
        return []
    yi = np.array([spike.get(w, 0) for w in vocab], dtype=np.float64)
    yj = np.array([base.get(w, 0) for w in vocab], dtype=np.float64)
    alpha = yi + yj                      # pooled counts as prior pseudo-counts
    a0, ni, nj = alpha.sum(), yi.sum(), yj.sum()
    # The "rest" terms are floored so a one-term vocabulary cannot take log(0).
    rest_i = np.maximum(ni + a0 - yi - alpha, 0.5)
    rest_j = np.maximum(nj + a0 - yj - alpha, 0.5)
    delta = (np.log(yi + alpha) - np.log(rest_i)) - (np.log(yj + alpha) - np.log(rest_j))
    z = delta / np.sqrt(1.0 / (yi + alpha) + 1.0 / (yj + alpha))
    keep = np.flatnonzero((yi > 0) & (z > max(min_z, 0.0)))
    order = sorted(keep.tolist(), key=lambda i: (-z[i], vocab[i]))
    return [(vocab[i], float(z[i])) for i in order[:k]]
