"""Customer-service layer: complaint, sarcasm and question cues that plain sentiment lexicons miss (EN + DE)."""
from __future__ import annotations

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
POLITE_IN_QUESTION = -1.2  # cancels one "thanks" (+1.2 in the English service senses)
# Information questions and link-sharing news/promotions mention sentiment words as their
# topic ("is my flight cancelled?", "X reports record profit"), so their lexicon valence
# counts only partly. (Wishes, "I'd love a window seat", are special cases in the lexicons.)
TOPIC_DAMPING = 0.3


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
    def __init__(self, strong, weak, praise, sarcasm, ironic, polite, info, rhetoric, personal, wants) -> None:  # type: ignore[no-untyped-def]
        # None: the language does not damp positive words in questions and requests
        self.asks_for_topic = wants is not None
        self.wants = PatternSet(wants or [])
        self.strong, self.weak, self.praise = PatternSet(strong), PatternSet(weak), PatternSet(praise)
        self.personal = PatternSet(personal)
        self.sarcasm, self.ironic = PatternSet(sarcasm), PatternSet(ironic)
        self.polite, self.info, self.rhetoric = PatternSet(polite), PatternSet(info), PatternSet(rhetoric)


_EN = _Rules(R.EN_STRONG, R.EN_WEAK, R.EN_PRAISE, R.EN_SARCASM, R.EN_IRONIC, R.EN_POLITE, R.EN_INFO_QUESTION, R.EN_RHETORIC, R.EN_PERSONAL, R.EN_WANTS)
_DE = _Rules(R.DE_STRONG, R.DE_WEAK, R.DE_PRAISE, R.DE_SARCASM, R.DE_IRONIC, R.DE_POLITE, R.DE_INFO_QUESTION, R.DE_RHETORIC, R.DE_PERSONAL, None)


def service_signals(text: Union[str, Doc], lang: Optional[str]) -> ServiceSignals:
    """Complaint and sarcasm cues in `text`; English rules for every language except German."""
    doc = text if isinstance(text, Doc) else Doc(text)
    rules = _DE if lang == "de" else _EN
    strong = rules.strong.count(doc)
    weak = rules.weak.count(doc)
    sarcasm = rules.sarcasm.search(doc) or (strong > 0 and rules.ironic.search(doc))
    weak_valence = WEAK_WEIGHT * min(weak, 3)
    praise = rules.praise.count(doc)
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
    if signals.sarcasm and raw > 0:
        # "Thanks for nothing": the positive words are the sarcasm, so they count against.
        raw = -raw
    return raw + signals.valence
