"""Personal data detection and masking in English and German formats."""
from __future__ import annotations

import pytest

from lawine.analysis import analyse_text, find_sensitive, mask_sensitive


@pytest.mark.parametrize(
    "text, kind, secret",
    [
        ("Meine IBAN ist DE89 3704 0044 0532 0130 00, bitte erstatten", "iban", "3704 0044"),
        ("IBAN DE89370400440532013000", "iban", "DE89370400440532013000"),
        ("Ruft mich an unter +49 30 1234567", "phone", "1234567"),
        ("Tel. 030 1234567 oder 0171/1234567", "phone", "1234567"),
        ("call me at (555) 123-4567", "phone", "123-4567"),
        ("write to max.mustermann@example.de please", "email", "max.mustermann@example.de"),
        ("Bestellnummer 123456789 ist nie angekommen", "order_number", "123456789"),
        ("my order #A1234567 never arrived", "order_number", "A1234567"),
        ("Kundennummer: 4711-0815-42", "order_number", "4711-0815"),
        ("Lieferung an Musterstraße 12, 10115 Berlin", "address", "Musterstraße 12"),
        ("ship it to 221 Baker Street", "address", "221 Baker"),
        ("card 4111 1111 1111 1111 was charged", "card", "4111 1111"),
    ],
)
def test_found_and_masked(text: str, kind: str, secret: str) -> None:
    assert kind in find_sensitive(text)
    masked = mask_sensitive(text)
    assert secret not in masked
    assert "•••" in masked
    assert analyse_text(text).sensitive is True


def test_keyword_is_kept_so_the_agent_knows_what_was_there() -> None:
    assert mask_sensitive("Bestellnummer 123456789 ist weg") == "Bestellnummer ••• ist weg"


@pytest.mark.parametrize(
    "text",
    [
        "@united flight 1234 delayed 45 minutes",
        "Flug LH 400 am 24.12.2023 um 12:30",
        "Wir sehen uns um 18 Uhr am Bahnhof",
        "I waited 3 hours for a 20 dollar refund",
        "",
    ],
)
def test_ordinary_numbers_are_not_personal_data(text: str) -> None:
    assert find_sensitive(text) == []
    assert mask_sensitive(text) == text
    assert analyse_text(text).sensitive is False


def test_several_kinds_in_one_text_are_all_masked() -> None:
    text = "Mail: anna@example.com, Tel +49 171 2345678, IBAN DE89 3704 0044 0532 0130 00"
    assert set(find_sensitive(text)) == {"email", "phone", "iban"}
    masked = mask_sensitive(text)
    for secret in ("anna@example.com", "2345678", "3704"):
        assert secret not in masked
