"""Customer-service layer: complaint and sarcasm patterns that plain sentiment lexicons miss (EN + DE)."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Each pattern is a general way customers describe a service failure, often without a single
# emotional word ("on hold for 2 hours", "seit drei Tagen keine Antwort"). Weights are raw
# valence points on VADER's -4..4 word scale: a strong failure counts like a clearly negative
# word ("terrible" is -2.1), a weak cue like a mild one.
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|several|few|many|couple of|ein|eine|einer|zwei|drei|vier|fünf|sechs|mehreren|vielen|paar)"
_EN_STRONG = [
    r"\bon hold\b", r"\bhold (?:time|music)\b", r"\bhung up\b",
    r"\b(?:still|been|keep|kept|am|are|is) (?:waiting|sitting|stuck|on hold)\b",
    r"\bwait(?:ed|ing)? (?:for )?(?:over |more than |almost |nearly )?" + _NUM + r"\+? ?(?:hours?|hrs?|days?|weeks?|months?|mins?|minutes?)\b",
    r"\b" + _NUM + r"\+? ?(?:hours?|hrs?|days?|weeks?|mins?|minutes?) (?:late|delay(?:ed)?|on (?:the )?(?:tarmac|hold|phone|plane)|wait(?:ing)?|later|and counting|now|already)\b",
    r"\bno (?:one|body)\b", r"\bnobody\b",
    r"\bno (?:response|reply|answer|call ?back|update|updates|info|information|communication|help|explanation|apology|compensation|refund|show)\b",
    r"\b(?:never|not|haven'?t|hasn'?t|didn'?t|did not|have not) (?:heard back|got(?:ten)? (?:a |any )?(?:response|reply|answer|refund|call)|received|arrived|responded|replied|showed up|called back)\b",
    r"\bcancel+(?:ed|led|ing|ation|ations)\b", r"\bdelay(?:ed|s|ing)?\b",
    r"\b(?:lost|missing|damaged|broken|delayed) (?:my |our |the )?(?:bag|bags|luggage|baggage|suitcase|package|parcel|order)\b",
    r"\b(?:bag|bags|luggage|baggage|suitcase|package|parcel|order) (?:is |was |are |were |has been |got )?(?:lost|missing|damaged|never arrived|still missing)\b",
    r"\bmiss(?:ed|ing) (?:my |our |the )?(?:connection|connecting|flight|flights|appointment|delivery)\b",
    r"\bstranded\b", r"\bstuck\b", r"\boverbook(?:ed|ing)\b", r"\bbumped\b", r"\bsold out\b",
    r"\bcharged (?:me |us )?(?:twice|double|two times|again)\b", r"\bdouble[- ]charged\b", r"\bovercharg\w*",
    r"\b(?:want|need|demand|where(?:'s| is)) (?:my |a |our )?(?:refund|money back|compensation)\b",
    r"\b(?:does ?n[o']?t|did ?n[o']?t|won'?t|will not|can'?t|cannot|could ?n'?t|isn'?t|not) (?:work|working|load|loading|let me|open|log ?in|connect|get through|even)\b",
    r"\bunacceptable\b", r"\bridiculous\b", r"\bpathetic\b", r"\bdisgrac\w+", r"\bshame on\b", r"\bwhat a joke\b",
    r"\b(?:worst|terrible|horrible|awful|poor|lousy|bad) (?:customer )?(?:service|experience|airline|company|support)\b",
    r"\bnever (?:again|fly(?:ing)?|use|using|buy(?:ing)?|order(?:ing)?)\b",
    r"\brude\b", r"\bsucks?\b", r"\bfail(?:ed|s|ure)?\b",
]
_EN_WEAK = [
    r"\bstill\b", r"\bagain\b", r"\byet another\b", r"\bevery (?:single )?time\b", r"\bhow (?:long|many more)\b",
    r"\bwhen will\b", r"\bwhere(?:'s| is| are) (?:my|our|the)\b", r"\bwhy (?:is|are|was|were|does|do|did|would|won'?t|can'?t|isn'?t|aren'?t|wasn'?t|hasn'?t|haven'?t|didn'?t|doesn'?t|don'?t|not|no)\b",
    r"\brefund\b", r"\bwait(?:ing|ed)?\b", r"\blate\b", r"\blost\b", r"\bmissed\b", r"\bmissing\b",
    r"\bcomplain\w*", r"\bcomplaint\b", r"\bissue\b", r"\bproblem\b", r"\brebook\w*", r"\berror\b",
    r"\bseriously\b", r"\bcan'?t (?:believe|get|find|even|reach|check|change|book)\b", r"\bforced\b",
    r"\bwaste\w*\b", r"\bhours\b", r"\bunable\b", r"\bwrong\b",
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
    r"\b(?:great|nice|good|awesome|amazing) (?:job|work)\b.{0,30}\.\.\.? ?not\b",
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


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


_RULES = {
    "en": (_compile(_EN_STRONG), _compile(_EN_WEAK), _EN_SARCASM, _EN_IRONIC),
    "de": (_compile(_DE_STRONG), _compile(_DE_WEAK), _DE_SARCASM, _DE_IRONIC),
}
STRONG_WEIGHT = -1.6
WEAK_WEIGHT = -0.6


@dataclass(frozen=True)
class ServiceSignals:
    """What the customer-service layer saw in one text."""

    valence: float  # raw valence points to add to the lexicon score (<= 0)
    strong: int  # number of clear service-failure descriptions
    weak: int  # number of weak complaint cues
    sarcasm: bool  # positive words that are not meant positively


def service_signals(text: str, lang: str | None) -> ServiceSignals:
    """Complaint and sarcasm cues in `text`; English rules for every language except German."""
    strong_re, weak_re, sarcasm_re, ironic_re = _RULES["de" if lang == "de" else "en"]
    strong = len(strong_re.findall(text))
    weak = len(weak_re.findall(text))
    sarcasm = bool(sarcasm_re.search(text)) or (strong > 0 and bool(ironic_re.search(text)))
    # Repetition saturates: the third "still" does not make a tweet three times as angry.
    valence = STRONG_WEIGHT * min(strong, 3) + WEAK_WEIGHT * min(weak, 3)
    return ServiceSignals(valence, strong, weak, sarcasm)
