"""Find and mask personal data (order/account numbers, IBAN, cards, phones, e-mails, addresses) in EN and DE text."""
from __future__ import annotations

import re
from typing import Optional

from lawine.analysis.fastmatch import Doc, PatternSet

MASK = "•••"

# Order matters: the most specific patterns run first so that e.g. an IBAN is not
# half-eaten by the phone pattern.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.I)),
    # IBAN: country code, check digits, 11-30 alphanumerics, optionally grouped by four.
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")),
    # Payment cards: 13-19 digits, grouped by spaces or dashes.
    ("card", re.compile(r"\b\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}\b")),
    # Numbers introduced by a keyword: order, booking, account, customer, invoice ... (EN + DE).
    ("order_number", re.compile(
        r"(?:\b(?:order|booking|reservation|confirmation|account|acct|customer|member(?:ship)?|"
        r"invoice|ticket|tracking|case|reference|ref|contract|policy|frequent flyer|ff)"
        r"(?:\s*(?:number|no\.?|nr\.?|num|id|code|#))?"
        r"|\b(?:bestell|kunden|auftrags|vertrags|rechnungs|buchungs|sendungs|konto|mitglieds|"
        r"vorgangs|ticket|referenz|tracking)(?:nummer|nr\.?|-nr\.?|id)"
        r"|\b(?:bestellung|buchung|auftrag|rechnung|kundenkonto|konto|sendung|vorgang))"
        r"\s*(?:#|:|no\.?|nr\.?|number|nummer|is|ist|lautet)?\s*:?\s*#?\s*"
        r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,}\b", re.I)),
    # International (+49 30 1234567, 0049-...) and national (030 1234567, 0171/1234567) phones,
    # and North-American (555) 123-4567 / 555-123-4567.
    # (one shared look-behind up front: most positions are inside words and fail right there)
    ("phone", re.compile(
        r"(?<![\w+])(?:(?:\+|00)\d{1,3}[\s./-]?(?:\(0\)\s?)?\d{1,5}(?:[\s./-]?\d{2,}){1,4}"
        r"|0\d{2,5}[\s/-]?\d{3,}(?:[\s-]\d{2,})*"
        r"|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4})\b")),
    # Street addresses: German "Musterstraße 12a" / "Am Ring 3", English "221 Baker Street".
    ("address", re.compile(
        r"\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad)"
        r"\s+\d{1,4}\s?[a-zA-Z]?\b(?:\s*,?\s*\d{5}\s+[A-ZÄÖÜ][\wäöüß-]+)?"
        r"|\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|"
        r"Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy)\b\.?")),
    # A bare run of 9+ digits is almost always an order, customer or tracking number.
    ("long_number", re.compile(r"(?<![\w.,])\d{9,}(?![\w.,])")),
)


# The fewest digits each kind can have; most posts have few digits, so most patterns are
# skipped without running (tweets nearly always contain an @handle, so "@" alone says nothing).
_MIN_DIGITS = {"email": 0, "iban": 6, "card": 13, "order_number": 1, "phone": 6, "address": 1, "long_number": 9}
_NO_DIGITS = str.maketrans("", "", "0123456789")
_EMAIL_HINT = re.compile(r"[\w.+-]@[\w-]+\.")


# Order/account numbers and addresses need a keyword ("Bestellnummer", "order", "straße",
# "Street"); the trigger index finds those without running the two largest patterns.
_KEYWORDED = {kind: PatternSet([pattern.pattern], flags=pattern.flags & re.I)
              for kind, pattern in _PATTERNS if kind in ("order_number", "address")}


def _candidates(text: str, doc: Optional[Doc] = None) -> list[tuple[str, re.Pattern[str]]]:
    digits = len(text) - len(text.translate(_NO_DIGITS))
    email = "@" in text and _EMAIL_HINT.search(text) is not None
    out = []
    for kind, pattern in _PATTERNS:
        if not (email if kind == "email" else digits >= _MIN_DIGITS[kind]):
            continue
        if kind in _KEYWORDED:
            doc = doc if doc is not None else Doc(text)
            if not _KEYWORDED[kind].may_match(doc):
                continue
        out.append((kind, pattern))
    return out


def find_sensitive(text: str) -> list[str]:
    """Kinds of personal data found in `text`, in a stable order, each once."""
    found: list[str] = []
    for kind, pattern in _candidates(text):
        if pattern.search(text):
            found.append(kind)
            # Mask as we go so one value is counted under one kind only.
            text = pattern.sub(MASK, text)
    return found


def has_sensitive(text: str, doc: Optional[Doc] = None) -> bool:
    """Whether `text` contains any personal data (cheaper than find_sensitive); `doc` may be shared."""
    return any(pattern.search(text) for _kind, pattern in _candidates(text, doc))


def mask_sensitive(text: str) -> str:
    """Replace every piece of personal data in `text` with •••; the rest stays untouched."""
    for _kind, pattern in _candidates(text):
        text = pattern.sub(_keep_keyword if _kind == "order_number" else MASK, text)
    return text


_DIGITS_TAIL = re.compile(r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,}$", re.I)


def _keep_keyword(match: re.Match[str]) -> str:
    # "Bestellnummer 123456789" -> "Bestellnummer •••": the keyword tells the agent what was there.
    value = match.group(0)
    tail = _DIGITS_TAIL.search(value)
    return value[: tail.start()] + MASK if tail else MASK
