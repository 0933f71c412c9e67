"""Route a text to the department that should handle it, by keyword/regex rules (EN + DE)."""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Optional, Sequence

from lawine.analysis.fastmatch import Doc, PatternSet

# department -> case-insensitive regular expressions (plain keywords are valid regexes).
# German compounds are matched by stem ("liefer" finds Lieferung, Lieferzeit, Paketlieferung).
DEFAULT_DEPARTMENT_RULES: dict[str, list[str]] = {
    "billing": [
        r"\bbill(?:ed|ing)?\b", r"\binvoice", r"\bcharg(?:e|ed|es|ing)\b", r"\bovercharg", r"\brefund",
        r"\bpayment", r"\bpaid\b", r"\bpay\b", r"\bcredit card\b", r"\bfee\b", r"\bfees\b", r"\bprice\b",
        r"\bmoney back\b", r"\breimburs", r"\bcompensation\b", r"\bsubscription\b",
        r"rechnung", r"abbuchung", r"abgebucht", r"\bbezahl", r"\bzahlung", r"\bgebühr", r"erstattung",
        r"\bgeld zurück\b", r"\blastschrift", r"\bpreis", r"\bkosten\b", r"\bmahnung", r"\bgutschrift",
        r"\bentschädigung", r"\babo\b", r"\babonnement",
    ],
    "delivery": [
        r"\bdeliver", r"\bshipping\b", r"\bshipped\b", r"\bshipment", r"\bpackage\b", r"\bparcel\b",
        r"\btracking\b", r"\bcourier\b", r"\bnever arrived\b", r"\bhasn'?t arrived\b", r"\bwhere is my order\b",
        r"\bluggage\b", r"\bbaggage\b", r"\bbags?\b", r"\bsuitcase\b",
        r"liefer", r"\bversand", r"\bversendet\b", r"\bpaket", r"\bsendung", r"\bzustell", r"\bzusteller",
        r"\bkurier", r"\bnicht angekommen\b", r"\bgepäck", r"\bkoffer\b", r"\bdhl\b", r"\bhermes\b", r"\bdpd\b",
    ],
    "technical": [
        r"\bapp\b", r"\bwebsite\b", r"\bsite\b", r"\bcrash", r"\bbug\b", r"\berror\b", r"\bglitch",
        r"\bnot working\b", r"\bdoesn'?t work\b", r"\bwon'?t load\b", r"\boutage\b", r"\bwi-?fi\b",
        r"\binternet\b", r"\bupdate\b", r"\bbroken\b", r"\bdown\b(?! to)", r"\bserver",
        r"\bstörung", r"\babsturz", r"\bstürzt\b", r"\bfehlermeldung", r"\bfunktioniert nicht\b",
        r"\bgeht nicht\b", r"\bkaputt\b", r"\bdefekt\b", r"\bnetz\b", r"\bwlan\b", r"\binternet",
        r"\bwebseite\b", r"\bupdate", r"\bsoftware\b",
    ],
    "account": [
        r"\baccount\b", r"\blog ?in\b", r"\bsign ?in\b", r"\bpassword\b", r"\blocked out\b", r"\bprofile\b",
        r"\bmileage\b", r"\bmiles\b", r"\bpoints\b", r"\bmembership\b", r"\busername\b", r"\b2fa\b",
        r"\bkonto\b", r"\bkundenkonto", r"\banmeld", r"\beinlogg", r"\blogin", r"\bpasswort", r"\bgesperrt\b",
        r"\bzugangsdaten\b", r"\bprofil\b", r"\bmitgliedschaft", r"\bregistrier",
    ],
    "booking": [
        r"\bbooking\b", r"\bbook(?:ed)?\b", r"\breservation", r"\brebook", r"\bseat\b", r"\bseats\b",
        r"\bflight\b", r"\bflights\b", r"\bcancel", r"\bdelay", r"\bupgrade\b", r"\bcheck-?in\b",
        r"\bticket", r"\bconnection\b",
        r"\bbuchung", r"\bgebucht\b", r"\bumbuch", r"\bsitzplatz", r"\bstorn", r"\bflug\b", r"\bflüge\b",
        r"\bverspät", r"\bfahrkarte", r"\bticket", r"\breservier", r"\banschluss",
    ],
    "returns": [
        r"\breturn(?:s|ed|ing)?\b", r"\bexchange\b", r"\bwarranty\b", r"\breplacement\b", r"\bwrong item\b",
        r"\brücksend", r"\bretoure", r"\bumtausch", r"\bgarantie", r"\bgewährleistung", r"\breklamation",
        r"\bzurückschicken\b", r"\bersatz\b", r"\bfalsche(?:n|r|s)? artikel\b",
    ],
    "privacy": [
        r"\bprivacy\b", r"\bgdpr\b", r"\bpersonal data\b", r"\bdelete my (?:data|account)\b", r"\bdata breach\b",
        r"\bhacked\b", r"\bdatenschutz", r"\bdsgvo\b", r"\bdaten löschen\b", r"\bgehackt\b", r"\bpersönliche daten\b",
    ],
}


class FrozenRules:
    """A rules dict in hashable form, hash computed once (it keys the per-text analysis cache)."""

    __slots__ = ("items", "_hash")

    def __init__(self, items: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self.items = items
        self._hash = hash(items)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, FrozenRules) and self.items == other.items)


@lru_cache(maxsize=32)
def compile_rules(frozen: FrozenRules) -> PatternSet:
    """All departments' patterns in one trigger-indexed set; compiled once per distinct rule set."""
    patterns = [p for _dept, ps in frozen.items for p in ps]
    labels = [dept for dept, ps in frozen.items for _p in ps]
    return PatternSet(patterns, labels)


def freeze_rules(rules: Optional[Mapping[str, Sequence[str]]]) -> FrozenRules:
    """Hashable form of a rules dict, so compiled patterns can be cached per rule set."""
    if rules is None:
        return _DEFAULT_FROZEN
    return FrozenRules(tuple((str(dept), tuple(patterns)) for dept, patterns in rules.items()))


def route(text: str, rules: Optional[Mapping[str, Sequence[str]]] = None) -> Optional[str]:
    """The department whose rules match `text` most often; ties go to the earlier department."""
    return route_compiled(Doc(text), compile_rules(freeze_rules(rules)))


def route_compiled(doc: Doc, compiled: PatternSet) -> Optional[str]:
    counts = compiled.counts_by_label(doc)
    if not counts:
        return None
    if len(counts) == 1:
        return next(iter(counts))
    order = compiled.label_order
    return max(counts, key=lambda dept: (counts[dept], -order[dept]))


_DEFAULT_FROZEN = FrozenRules(tuple((dept, tuple(ps)) for dept, ps in DEFAULT_DEPARTMENT_RULES.items()))
