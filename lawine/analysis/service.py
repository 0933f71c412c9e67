"""Customer-service layer: complaint, sarcasm and question cues that plain sentiment lexicons miss (EN + DE)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Union

from lawine.analysis import service_rules as R
from lawine.analysis.fastmatch import Doc, PatternSet

# Weights are raw valence points on VADER's -4..4 word scale: a described failure counts like
# a clearly negative word ("terrible" is -2.1 before VADER's own boosts), a weak cue like a
# mildly negative one. Repetition saturates at three of each.
STRONG_WEIGHT = -1.6
WEAK_WEIGHT = -0.6
PRAISE_WEIGHT = 1.6
POLITE_IN_QUESTION = -1.6  # cancels one "thanks" (+1.6 in the English service senses)
# Information questions and link-sharing news/promotions mention sentiment words as their
# topic ("is my flight cancelled?", "X reports record profit"), so their lexicon valence
# counts only partly. (Wishes, "I'd love a window seat", are special cases in the lexicons.)
TOPIC_DAMPING = 0.3
CONCESSION_WEIGHT = 0.5


@dataclass(frozen=True)
class ServiceSignals:
    """What the customer-service layer saw in one text."""

    valence: float  # raw valence points to add to the lexicon score
    strong: int  # clear descriptions of a service failure
    weak: int  # weak complaint cues
    sarcasm: bool  # positive words that are not meant positively
    info_question: bool  # asks for information; failure words in it are the topic, not a verdict
    broadcast: bool  # links without first/second person: news or promotion, not an opinion
    polite_question: bool  # a question closing with "thanks": the thanks is not praise
    # a question, request, condition or hope addressed to a company ("can I get a free upgrade?",
    # "please get me on the next flight", "if you fix it I'll be happy", "hoping for a window
    # seat"): its positive words name what the customer wants, not what happened. English only:
    # in German general chatter (SB10k) questions with positive words are often positive.
    asks: bool = False


class _Rules:
    """One language's pattern sets, read from service_rules by prefix (EN_STRONG, DE_STRONG, ...)."""

    def __init__(self, prefix: str, asks_for_topic: bool) -> None:
        def patterns(name: str) -> PatternSet:
            return PatternSet(getattr(R, f"{prefix}_{name}"))

        self.strong, self.weak, self.praise = patterns("STRONG"), patterns("WEAK"), patterns("PRAISE")
        self.sarcasm, self.ironic, self.polite = patterns("SARCASM"), patterns("IRONIC"), patterns("POLITE")
        self.info, self.rhetoric, self.personal = patterns("INFO_QUESTION"), patterns("RHETORIC"), patterns("PERSONAL")
        self.reassure = patterns("REASSURANCE")
        self.reassure_re = re.compile("|".join(getattr(R, f"{prefix}_REASSURANCE")) or r"(?!)", re.I)
        # False: the language keeps positive words in questions and requests at full weight
        self.asks_for_topic = asks_for_topic
        self.wants = PatternSet(getattr(R, f"{prefix}_WANTS", []))


_EN = _Rules("EN", asks_for_topic=True)
_DE = _Rules("DE", asks_for_topic=False)


def service_signals(text: Union[str, Doc], lang: Optional[str]) -> ServiceSignals:
    """Complaint and sarcasm cues in `text`; English rules for every language except German."""
    doc = text if isinstance(text, Doc) else Doc(text)
    rules = _DE if lang == "de" else _EN
    praise = rules.praise.count(doc)
    cues = doc
    if rules.reassure.search(doc):
        # "never lets me down", "can't complain": praise whose words are not complaint cues
        praise += 1
        cues = Doc(rules.reassure_re.sub(" ", doc.text))
    strong = rules.strong.count(cues)
    weak = rules.weak.count(cues)
    sarcasm = rules.sarcasm.search(doc) or (strong > 0 and rules.ironic.search(doc))
    if sarcasm:
        praise = 0  # "great job losing my bag": the praise phrase is the sarcasm
    weak_valence = WEAK_WEIGHT * min(weak, 3)
    valence = STRONG_WEIGHT * min(strong, 3) + weak_valence + PRAISE_WEIGHT * min(praise, 2)
    question = "?" in doc.text
    polite_question = question and not sarcasm and rules.polite.search(doc)
    info_question = question and not strong and rules.info.search(doc) and not rules.rhetoric.search(doc)
    if info_question:
        valence -= weak_valence  # weak cues are the question's topic
    asks = rules.asks_for_topic and (question or rules.wants.search(doc)) and not praise
    broadcast = "http" in doc.low and not rules.personal.search(doc)
    return ServiceSignals(valence, strong, weak, bool(sarcasm), bool(info_question),
                          bool(broadcast), bool(polite_question), asks)


def apply_signals(raw: float, signals: ServiceSignals) -> float:
    """The lexicon's raw valence adjusted by the service layer's cues (still raw, not normalised)."""
    if signals.polite_question and raw > 0:
        raw = max(0.0, raw + POLITE_IN_QUESTION)
    if signals.info_question or signals.broadcast:
        raw *= TOPIC_DAMPING
    if signals.asks and raw > 0:
        raw *= TOPIC_DAMPING  # on top of the above: an information question is doubly not praise
    if signals.weak >= 2 and raw > 0 and not signals.sarcasm:
        # "thanks, but I still haven't got my bag and nobody told me why": among two or more
        # complaint cues the positive words are politeness or a concession (VADER's pre-"but" 0.5)
        raw *= CONCESSION_WEIGHT
    if signals.sarcasm:
        # "Thanks for nothing": the positive words are the sarcasm, so they count against, and the
        # sarcasm is a complaint cue of its own ("thanks for losing my bag": thanks and loss cancel).
        raw = -abs(raw) + WEAK_WEIGHT
    return raw + signals.valence
