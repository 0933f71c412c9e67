"""Customer-service layer: complaint and sarcasm patterns that plain sentiment lexicons miss (EN + DE)."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Each pattern is a general way customers describe a service failure, often without a single
# emotional word ("on hold for 2 hours", "seit drei Tagen keine Antwort"). Weights are raw
# valence points on VADER's -4..4 word scale: a strong failure counts like a clearly negative
# word ("terrible" is -2.1), a weak cue like a mild one.
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|several|few|many|couple of|ein|eine|einer|zwei|drei|vier|fünf|sechs|mehreren|vielen|paar)"
_DURATION = r"(?:hours?|hrs?|days?|weeks?|months?|mins?|minutes?)"
# Multi-word descriptions of a failure. Single failure words ("delayed", "stranded") live in
# the English lexicon (sentiment_en.SERVICE_SENSES), where negation rules apply to them.
_EN_STRONG = [
    r"\bon hold\b", r"\bhold (?:time|times|music)\b", r"\bhung up\b", r"\bcut off\b",
    r"\b(?:still|been|keep|kept|am|are|is|were|was) (?:waiting|sitting|stuck|on hold|trying)\b",
    r"\bwait(?:ed|ing)? (?:for )?(?:over |more than |almost |nearly )?" + _NUM + r"\+? ?" + _DURATION + r"\b",
    r"\b(?:\d+|" + _NUM + r")\+? ?" + _DURATION + r"\b(?! ago)",
    r"\bno (?:one|body)\b", r"\bnobody\b", r"\bno one\b",
    r"\bno (?:response|reply|answer|call ?back|update|updates|info|information|communication|help|explanation|"
    r"apology|compensation|refund|show|solution|power|wifi|wi-fi|food|water|crew|pilot|gate|agents?)\b",
    r"\b(?:never|not|haven'?t|hasn'?t|didn'?t|did not|have not|has not|yet to) (?:heard|hear|got(?:ten)?|get|received|receive|"
    r"arrived|arrive|responded|respond|replied|reply|showed up|called back|came|come|answered|answer|fixed|resolved|helped|refunded)\b",
    r"\b(?:lost|missing|damaged|broken|delayed|misplaced) (?:my |our |the |his |her )?(?:bag|bags|luggage|baggage|suitcase|"
    r"package|parcel|order|stroller|car ?seat)\b",
    r"\b(?:bag|bags|luggage|baggage|suitcase|package|parcel|order) (?:is |was |are |were |has been |have been |got |still )*"
    r"(?:lost|missing|damaged|never arrived|not here|nowhere)\b",
    r"\bmiss(?:ed|ing) (?:my |our |the |a )?(?:connection|connecting|flight|flights|appointment|delivery|meeting|wedding|funeral)\b",
    r"\bcharged (?:me |us )?(?:twice|double|two times|again)\b", r"\bdouble[- ]charged\b",
    r"\b(?:want|need|demand|where(?:'s| is)) (?:my |a |our )?(?:refund|money back|compensation|bags?|luggage)\b",
    r"\b(?:does ?n[o']?t|did ?n[o']?t|won'?t|will not|can'?t|cannot|could ?n'?t|isn'?t|is not|not) (?:\w+ )?"
    r"(?:work|working|load|loading|let me|open|log ?in|connect|get through|honou?r|accept|allow|help|helping|answer|respond)\b",
    r"\bshame on\b", r"\bwhat a joke\b", r"\bwhat(?:'s| is) the point\b", r"\bfor the (?:\d+(?:st|nd|rd|th)|second|third) time\b",
    r"\b(?:worst|terrible|horrible|awful|poor|lousy|bad|pathetic|appalling) (?:customer )?(?:service|experience|airline|company|support|treatment)\b",
    r"\bnever (?:again|fly(?:ing)?|use|using|buy(?:ing)?|order(?:ing)?|book(?:ing)?)\b",
    r"\b(?:won'?t|will not|never) (?:be )?(?:fly(?:ing)?|book(?:ing)?|us(?:e|ing)|choos(?:e|ing)|recommend(?:ing)?|deal(?:ing)?)\b",
    r"\b(?:take|taking|took) (?:my|our) business\b", r"\b(?:switch(?:ing)?|go(?:ing)?) to (?:a )?(?:competitor|another)\b",
    r"\b(?:should|could|would) (?:have|'ve)\b|\b(?:should|could|would)'ve\b", r"\bdeserve(?:s|d)? better\b",
    r"\bdo better\b", r"\bbe honest\b", r"\bwould (?:be|have been) (?:nice|great|good|helpful|wonderful|super|awesome)\b",
    r"\bhow (?:can|could|come|do|does|is it) (?:you|they|it|u|your|a|an|the)\b",
]
_EN_WEAK = [
    r"\bstill\b", r"\bagain\b", r"\byet another\b", r"\banother\b", r"\bevery (?:single )?time\b", r"\bhow (?:long|many more)\b",
    r"\bwhen will\b", r"\bwhere(?:'s| is| are) (?:my|our|the)\b", r"\bwhy\b",
    r"\b(?:not|no|never|nothing|cannot|cant|wont|dont|didnt|doesnt|isnt|wasnt|havent|hasnt)\b|n't\b",
    r"\bcomplain\w*", r"\bcomplaint\b", r"\bissues?\b", r"\bproblems?\b", r"\bclaim\b",
    r"\bseriously\b", r"\bforced\b", r"\bwaste\w*\b", r"\bunable\b", r"\bwrong\b", r"\bagents?\b",
    r"\btold\b", r"\bsaid\b", r"\bsupposed to\b", r"\bexpect\w*\b", r"\bline\b", r"\bphone\b",
    r"\bcustomer service\b", r"\bsupervisor\b", r"\bmanager\b", r"\bhotel\b", r"\bvoucher\b",
]
_DE_STRONG = [
    r"\bwarteschleife\b", r"\bwarte(?:n|t|st)? (?:schon |jetzt |nun )?(?:seit|über|mehr als)\b",
    r"\bseit " + _NUM + r" (?:stunden|tagen|wochen|monaten|minuten)\b",
    r"\bkeine (?:antwort|rückmeldung|reaktion|lieferung|erstattung|info|information|hilfe|ahnung)\b",
    r"\b(?:niemand|keiner|kein mensch) (?:antwortet|meldet|hilft|geht ran|reagiert|kümmert)\b",
    r"\bnicht (?:erreichbar|angekommen|geliefert|erhalten|bekommen|zugestellt|reagiert|gemeldet)\b",
    r"\bstorn\w+", r"\bverspät\w+", r"\bausgefallen\b", r"\bfällt aus\b", r"\bzugausfall\b",
    r"\b(?:rück)?erstattung\b", r"\bgeld zurück\b",
    r"\b(?:doppelt|zweimal|2x|falsch) (?:abgebucht|berechnet|bezahlt|belastet)\b",
    r"\bkaputt\b", r"\bdefekt\b", r"\b(?:funktioniert|geht|klappt|läuft) (?:\w+ )?(?:nicht|nie|kaum)\b",
    r"\b(?:koffer|gepäck|paket|sendung|bestellung) (?:ist |wurde |sind )?(?:weg|verloren|verschwunden|beschädigt|fehlt)\b",
    r"\bverloren\b", r"\bschon wieder\b", r"\bwieder mal\b", r"\bmal wieder\b", r"\bimmer noch\b", r"\bnoch immer\b",
    r"\bunverschämt\w*", r"\bfrechheit\b", r"\bzumutung\b", r"\bsauerei\b", r"\bskandal\w*", r"\babzocke\b",
    r"\b(?:schlechtest\w*|mieser?|katastrophal\w*|unterirdisch\w*) (?:service|kundenservice|kundendienst|support)\b",
    r"\bnie wieder\b", r"\bstörung\b",
]
_DE_WEAK = [
    r"\bwarum\b", r"\bwieso\b", r"\bweshalb\b", r"\bwann (?:endlich|kommt|wird)\b", r"\bendlich\b",
    r"\bbeschwer\w*", r"\breklam\w*", r"\bhotline\b", r"\bwarten\b", r"\bwarte\b", r"\bnoch\b",
    r"\bwieder\b", r"\bproblem\w*", r"\bfehler\w*", r"\bmahnung\b", r"\bkündig\w*",
    r"\bumsonst\b", r"\bimmer\b",
]
# Sarcasm. Explicit markers are never meant positively; ironic praise ("great service",
# "toller Service") is only sarcastic when the same text also describes a service failure.
_EN_SARCASM = re.compile(
    r"\bthanks? (?:you )?for nothing\b|#not\b|#sarcasm\b|\byeah,? right\b|\bjust what i needed\b|"
    r"\bthanks for (?:ruining|wasting|losing|nothing|making me wait|the (?:delay|wait))|\bgot ?ta love\b|"
    r"\b(?:great|nice|good|awesome|amazing) (?:job|work)\b.{0,30}\.\.\.? ?not\b|"
    # thanking for a failure: "thanks for losing my bag", "thanks for the no running water"
    r"\bthanks?(?: you)?(?: \w+)? for (?:the |your |a |allowing |letting |having )?(?:no|not|nothing|never|losing|lost|"
    r"delay\w*|cancel\w*|stranding|ruining|wasting|another|yet|making|copy|canned|automated|generic|useless)\b|"
    # a wish presented as praise: "would be nice if", "it would be super if", "if only"
    r"\b(?:would|'d) (?:be|have been) (?:nice|great|good|helpful|wonderful|super|awesome|lovely|cool)\b|\bif only\b",
    re.I,
)
_EN_IRONIC = re.compile(
    r"\b(?:great|awesome|fantastic|amazing|wonderful|excellent|stellar|terrific|outstanding|superb|top notch)"
    r"(?: customer)? (?:service|job|work|experience|communication)\b|\bthanks a (?:lot|bunch|ton)\b|"
    r"\b(?:love|loving) (?:how|that|when|the way|it when|being)\b|\bway to go\b|\b(?:good|nice|well) (?:job|done)\b|"
    r"\bkudos\b|\bbravo\b|\bappreciate (?:it|that)\b|\bthanks? (?:again|so much)\b",
    re.I,
)
_DE_SARCASM = re.compile(
    r"\bdanke für nichts\b|\b(?:vielen|herzlichen) dank auch\b|\bdanke auch\b|\bna (?:super|toll|klasse|prima|großartig|bravo)\b|"
    r"\bläuft bei (?:euch|ihnen|dir)\b|\bganz großes kino\b|#ironie\b|#sarkasmus\b",
    re.I,
)
_DE_IRONIC = re.compile(
    r"\b(?:toll|super|klasse|großartig|grossartig|spitze|prima|hervorragend|wunderbar|genial)\w* "
    r"(?:service|kundenservice|leistung|gemacht|arbeit|job|kommunikation)\b|\bdanke,? @\w+|"
    r"\bdanke (?:dafür|schön|sehr)\b|\bgut gemacht\b|\bbravo\b|\bweiter so\b",
    re.I,
)


# "Thanks" / "danke" in a question is a sign-off, not praise ("can I change my seat? thanks").
_EN_POLITE = re.compile(r"\b(?:thanks?|thank you|thx|ty|tia|cheers|appreciate(?: it)?)\b", re.I)
_DE_POLITE = re.compile(r"\b(?:danke\w*|vielen dank|merci|lg|liebe grüße|grüße|gruß)\b", re.I)
POLITE_IN_QUESTION = -1.1


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


# An information question ("is flight 345 cancelled?", "wird mein Paket heute geliefert?") names a
# problem as its topic rather than judging it; rhetorical "why/how come" questions are excluded.
_EN_INFO_Q = re.compile(
    r"(?:^|[.!?]\s+|^(?:@\w+\s+)+)(?:can|could|is|are|do|does|will|would|when|what|where|which|how (?:do|does|can|long|much|many) (?:i|we|one|my|our)|"
    r"any|has|have|if|should i|should we|hi|hello|hey)\b", re.I)
_EN_RHETORIC = re.compile(r"\bwhy\b|\bhow come\b|\bhow (?:can|could|dare) (?:you|they|u)\b|\bwhat(?:'s| is) the point\b|\bseriously\b|\?\?|\?!|!\?", re.I)
_DE_INFO_Q = re.compile(
    r"(?:^|[.!?]\s+|^(?:@\w+\s+)+)(?:kann|kannst|könnt|können|ist|sind|gibt|habt|hat|wird|werden|wann|was|wo|welche\w*|wie (?:kann|lange|viel)|"
    r"hallo|hi|hey|moin|weiß|weiss)\b", re.I)
_DE_RHETORIC = re.compile(r"\bwarum\b|\bwieso\b|\bweshalb\b|\bwie kann (?:man|ihr|es)\b|\bsoll das\b|\?\?|\?!|!\?", re.I)
STRONG_WEIGHT = -1.6
WEAK_WEIGHT = -0.6


_RULES = {
    "en": (_compile(_EN_STRONG), _compile(_EN_WEAK), _EN_SARCASM, _EN_IRONIC, _EN_POLITE, _EN_INFO_Q, _EN_RHETORIC),
    "de": (_compile(_DE_STRONG), _compile(_DE_WEAK), _DE_SARCASM, _DE_IRONIC, _DE_POLITE, _DE_INFO_Q, _DE_RHETORIC),
}


@dataclass(frozen=True)
class ServiceSignals:
    """What the customer-service layer saw in one text."""

    valence: float  # raw valence points to add to the lexicon score (<= 0)
    strong: int  # number of clear service-failure descriptions
    weak: int  # number of weak complaint cues
    sarcasm: bool  # positive words that are not meant positively
    info_question: bool  # asks for information; failure words in it are the topic, not a verdict


def service_signals(text: str, lang: str | None) -> ServiceSignals:
    """Complaint and sarcasm cues in `text`; English rules for every language except German."""
    strong_re, weak_re, sarcasm_re, ironic_re, polite_re, info_re, rhetoric_re = _RULES["de" if lang == "de" else "en"]
    strong = len(strong_re.findall(text))
    weak = len(weak_re.findall(text))
    sarcasm = bool(sarcasm_re.search(text)) or (strong > 0 and bool(ironic_re.search(text)))
    # Repetition saturates: the third "still" does not make a tweet three times as angry.
    valence = STRONG_WEIGHT * min(strong, 3) + WEAK_WEIGHT * min(weak, 3)
    if "?" in text and polite_re.search(text):
        valence += POLITE_IN_QUESTION
    info_question = "?" in text and not strong and bool(info_re.search(text)) and not rhetoric_re.search(text)
    if info_question:
        valence = min(0.0, valence - WEAK_WEIGHT * min(weak, 3))  # weak cues are the topic here
    return ServiceSignals(valence, strong, weak, sarcasm, info_question)
