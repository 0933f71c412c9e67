"""English sentiment: VADER's lexicon and rules (fast re-implementation) with customer-service word senses."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import vaderSentiment.vaderSentiment as vader

from lawine.analysis.valence import Language, normalise, raw_valence, special_words

__all__ = ["normalise", "raw_valence_en", "vader_lexicon", "ENGLISH"]

# Word senses that differ in conversations with a company. VADER rates these as general
# English; addressed to customer service they are politeness or requests ("please help",
# "customer care", "I'd like to know") or domain failures ("delayed", "stranded") that
# carry no emotion word at all. Values on VADER's -4..4 scale.
SERVICE_SENSES: dict[str, float] = {
    # requests and politeness: not an opinion
    "please": 0.0, "pls": 0.0, "plz": 0.0, "help": 0.0, "helps": 0.0, "kindly": 0.0, "care": 0.0,
    "support": 0.0, "like": 0.0, "want": 0.0, "wants": 0.0, "sure": 0.0,
    "ok": 0.0, "okay": 0.0, "yes": 0.0, "true": 0.0, "matter": 0.0, "reach": 0.0, "free": 0.3,
    "greetings": 0.0, "hello": 0.0, "hi": 0.0, "dear": 0.0, "chance": 0.0, "win": 1.0, "prize": 0.5,
    "credit": 0.0, "thank": 1.6, "thanks": 1.6, "apologize": 0.0, "apology": 0.0, "sorry": -0.3,
    "joke": -1.5, "joking": -1.2, "kidding": -1.0, "lol": 0.6, "lmao": 0.3, "haha": 0.6,
    "wow": 0.0, "interesting": 0.0, "fine": 0.0, "well": 0.0, "pretty": 0.3, "clear": 0.0,
    # service failures, customer-service sense
    "delayed": -1.8, "delay": -1.6, "delays": -1.6, "cancelled": -1.8, "canceled": -1.8,
    "cancellation": -1.5, "cancellations": -1.5, "stranded": -2.3, "stuck": -1.8,
    "rebook": -1.0, "rebooked": -1.1, "rebooking": -1.0, "overbooked": -1.8, "diverted": -1.0,
    "lost": -1.5, "missing": -1.2, "damaged": -1.9, "broken": -2.1, "late": -1.2,
    "waiting": -0.9, "waited": -1.2, "wait": -0.6, "hold": -0.8, "hung": -1.0,
    "overcharged": -2.3, "refund": -0.7, "compensation": -0.6, "unhelpful": -2.1,
    "useless": -2.3, "incompetent": -2.5, "rude": -2.3, "worst": -3.1, "unacceptable": -2.5,
    "ridiculous": -2.0, "disappointing": -2.2, "disappointed": -2.3, "frustrating": -2.2,
    "frustrated": -2.2, "nightmare": -2.6, "mess": -1.6, "chaos": -1.8, "fiasco": -2.3,
    "glitch": -1.4, "error": -1.2, "outage": -1.8, "crash": -1.6, "crashed": -1.8, "crashes": -1.6,
    "bug": -1.2, "buggy": -1.5, "glitchy": -1.5, "laggy": -1.2, "unusable": -2.3, "nonexistent": -1.8,
    "inconvenient": -1.6, "overkill": -1.2, "unavailable": -1.0, "freakin": -1.0, "clueless": -2.0,
    "ripoff": -2.5, "nope": -1.0, "bs": -2.0, "unreal": -1.2, "slow": -1.2, "downhill": -1.5,
    "inconvenience": -1.5, "inconvenienced": -1.8, "incompetence": -2.5, "unprofessional": -2.3,
    "rip-off": -2.5, "excuse": -1.3, "excuses": -1.6, "smh": -1.8, "wtf": -2.8, "ugh": -1.8, "fml": -2.4,
    "unreliable": -2.2, "misinformation": -1.8, "lied": -2.5, "lying": -2.3, "scam": -2.8,
    "underpaid": -1.0, "uncomfortable": -1.6, "cramped": -1.6, "dirty": -1.9, "filthy": -2.4,
    "miserable": -2.6, "horrendous": -3.0, "atrocious": -3.0, "abysmal": -3.0, "pathetic": -2.6,
    # mistreatment and service failures VADER has no entry for
    "yelled": -1.8, "yelling": -1.8, "scolded": -1.6, "scolding": -1.6, "rushed": -0.8, "mistreated": -2.2,
    "disrespectful": -2.2, "disrespectfully": -2.2, "refuses": -1.5, "unanswered": -1.4,
    "inaccurate": -1.4, "hassle": -1.4, "overpriced": -1.8, "smelly": -1.6, "reeks": -1.8, "understaffed": -1.6,
    "downgraded": -1.4, "bumped": -1.0, "oversold": -1.2, "outdated": -1.0, "archaic": -1.0, "robotic": -0.8,
    "absurd": -1.8, "unorganized": -1.6, "disorganized": -1.6, "sloppy": -1.6, "shoddy": -2.0, "subpar": -1.8,
    "mediocre": -1.5, "flimsy": -1.2, "unreachable": -1.4, "unresponsive": -1.8, "nonresponsive": -1.8,
    "inept": -2.2, "mismanaged": -2.0, "mismanagement": -2.0, "mishandled": -1.8, "mishandling": -1.8,
    "negligence": -2.2, "negligent": -2.2, "shady": -1.8, "gouging": -2.2, "extortion": -2.5, "overcharge": -2.0,
    "overcharging": -2.2, "misled": -2.0, "deceptive": -2.2, "stole": -2.2, "theft": -2.2, "ripped": -1.5,
    "malfunction": -1.4, "malfunctioning": -1.4, "inoperable": -1.4, "condescending": -2.0, "snarky": -1.2,
    "dismissive": -1.8, "uncaring": -2.0, "pointless": -1.5, "underwhelmed": -1.2,
    # program names and procedure words ("Rapid Rewards", "honor the fare", "as promised",
    # "safety briefing") and names that VADER scores as words ("United", "Spirit", "Amazon")
    "reward": 0.0, "rewards": 0.0, "honor": 0.0, "honour": 0.0, "promise": 0.0, "promised": 0.0,
    "safety": 0.0, "safe": 0.8, "ready": 0.3, "save": 0.3, "favor": 0.0, "favour": 0.0, "welcome": 0.6,
    "united": 0.0, "spirit": 0.0, "amazon": 0.0, "priority": 0.0, "premium": 0.0, "elite": 0.0,
    # the customer relationship and logistics, described rather than judged ("as a loyal
    # customer ...", "my friend's bag", "entertainment system", "hoping to hear back")
    "loyal": 0.0, "loyalty": 0.0, "friend": 0.0, "friends": 0.0, "hope": 0.0, "hoping": 0.0, "hopefully": 0.3,
    "giving": 0.0, "allow": 0.0, "allowed": 0.0, "share": 0.0, "entertainment": 0.0, "important": 0.0,
    "special": 0.3, "worth": 0.3, "profit": 0.0, "party": 0.3, "number": 0.0, "definitely": 0.0, "fan": 0.5,
    "yeah": 0.0, "better": 0.0, "fyi": 0.0, "funny": 0.3, "unbelievable": -1.5, "fair": 0.3,
    # business-news and procedure words ("record profit", "award-winning", "certain routes")
    "wish": 0.3, "certain": 0.0, "clearly": 0.0, "original": 0.0, "responsible": 0.0, "trust": 0.5,
    "popular": 0.5, "charity": 0.0, "award": 0.5, "awards": 0.5, "gain": 0.0, "gains": 0.0, "advantage": 0.3,
    "increased": 0.0, "boost": 0.5, "honest": 0.0, "god": 0.0, "grand": 0.0, "secure": 0.0, "positive": 0.5,
    # praise for service that VADER lacks or scores low
    "rocks": 2.5, "rock": 1.0, "luv": 2.8, "incredible": 2.6, "phenomenal": 3.0, "rad": 1.8, "props": 2.0,
    "stellar": 2.8, "smooth": 1.6, "seamless": 2.0, "professional": 1.6, "quick": 1.0, "quickly": 1.0,
    "fast": 0.8, "comfy": 1.8, "shoutout": 2.0, "fab": 2.4, "lifesaver": 2.8, "painless": 1.8,
    "thx": 1.6, "thnx": 1.6, "tnx": 1.6, "ty": 1.6, "impressed": 2.4, "impressive": 2.5,
    "amazing": 2.9, "awesome": 3.1, "fantastic": 3.0, "excellent": 3.1,
}


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """VADER's own lexicon, read from the installed vaderSentiment package (MIT licence)."""
    path = Path(vader.__file__).with_name("vader_lexicon.txt")
    lexicon = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            lexicon[parts[0]] = float(parts[1])
    return lexicon


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    return {**vader_lexicon(), **SERVICE_SENSES}


# A wish is a request: "I would love a window seat" asks, it does not praise. These phrases
# replace the valence of their sentiment word (VADER's special-case mechanism).
WISHES = {
    f"{subject}{really} {verb}": 0.0
    for subject in ("would", "i'd", "we'd", "id", "wd")
    for really in ("", " really", " so", " truly")  # "would really love" is a wish, "really love" is not
    for verb in ("love", "like", "appreciate", "enjoy")
}
# "would be nice", "would have been great": a wish or reproach, not praise.
WISHES.update({f"{aux} {adj}": 0.0 for aux in ("be", "been")
               for adj in ("nice", "great", "good", "helpful", "wonderful", "super", "awesome", "lovely", "cool")})
_SPECIAL = {**vader.SPECIAL_CASES, **WISHES}
_LEX = _lexicon()
ENGLISH = Language(
    lookup=_LEX.get,
    boosters=dict(vader.BOOSTER_DICT),
    negators=frozenset(vader.NEGATE),
    # "except" and "however" shift the weight like VADER's "but" does.
    contrast=frozenset({"but", "except", "however"}),
    negation_suffix="n't",
    special_cases=_SPECIAL,
    special_words=special_words(_SPECIAL),
    emphasis_words=frozenset({"so", "this"}),
)
PLAIN_VADER = Language(
    lookup=vader_lexicon().get,
    boosters=ENGLISH.boosters,
    negators=ENGLISH.negators,
    contrast=ENGLISH.contrast,
    negation_suffix="n't",
    special_cases=ENGLISH.special_cases,
    special_words=ENGLISH.special_words,
    emphasis_words=ENGLISH.emphasis_words,
)


def raw_valence_en(text: str, service_senses: bool = True) -> float:
    """Raw valence of English `text`; service_senses=False gives VADER's own lexicon."""
    return raw_valence(text, ENGLISH if service_senses else PLAIN_VADER)
