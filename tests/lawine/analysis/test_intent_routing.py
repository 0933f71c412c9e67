"""Intent classification and department routing, English and German, on hand-written cases."""
from __future__ import annotations

import pytest

from lawine.analysis import DEFAULT_DEPARTMENT_RULES, analyse_text, route


@pytest.mark.parametrize(
    "text, intent",
    [
        ("How do I change the delivery address for my order?", "question"),
        ("Can you tell me when the store opens on Sunday", "question"),
        ("Wie kann ich meine Lieferadresse ändern?", "question"),
        ("Gibt es die Jacke auch in Größe M", "question"),
        ("My package still hasn't arrived after two weeks.", "complaint"),
        ("Why is my flight delayed AGAIN?!", "complaint"),
        ("Seit drei Tagen keine Antwort vom Support, unmöglich.", "complaint"),
        ("Thank you so much, the team was amazing!", "praise"),
        ("Vielen Dank, super Beratung im Laden!", "praise"),
        ("Buy 10k followers cheap, click here", "spam_or_abuse"),
        ("Earn $500 a day with crypto, DM me for details", "spam_or_abuse"),
        ("You idiots should all be fired", "spam_or_abuse"),
        ("Ihr Idioten, verpisst euch", "spam_or_abuse"),
        ("Just landed in Berlin.", "other"),
    ],
)
def test_intent(text: str, intent: str) -> None:
    assert analyse_text(text).intent == intent


def test_swearing_about_a_situation_is_a_complaint_not_abuse() -> None:
    # Customers swear about failures; that still deserves an answer, unlike a bare insult.
    assert analyse_text("fuck, my flight got cancelled again").intent == "complaint"
    assert analyse_text("fuck you and your queues, I missed my connection").intent == "complaint"
    assert analyse_text("fuck you @brand").intent == "spam_or_abuse"


def test_customers_asking_about_offers_are_not_spam() -> None:
    assert analyse_text("Is there a promo code for students?").intent == "question"
    assert analyse_text("The app says click here but nothing happens").intent != "spam_or_abuse"


def test_needs_reply_only_for_questions_and_complaints() -> None:
    assert analyse_text("Where is my refund?").needs_reply is True
    assert analyse_text("Love the new store design!").needs_reply is False
    assert analyse_text("buy followers now at cheapfollowers dot com").needs_reply is False


@pytest.mark.parametrize(
    "text, department",
    [
        ("I was charged twice on my credit card, please refund", "billing"),
        ("Die Rechnung ist falsch, es wurde doppelt abgebucht", "billing"),
        ("Where is my package? Tracking has not moved in a week", "delivery"),
        ("Mein Paket ist immer noch nicht angekommen, Sendungsverfolgung zeigt nichts", "delivery"),
        ("The app crashes every time I open it", "technical"),
        ("Die App stürzt ständig ab, Fehlermeldung beim Start", "technical"),
        ("I can't log in, password reset email never comes", "account"),
        ("Mein Konto ist gesperrt und ich kann mich nicht anmelden", "account"),
        ("I want to return the shoes, wrong size", "returns"),
        ("Please delete my personal data under GDPR", "privacy"),
    ],
)
def test_default_routing(text: str, department: str) -> None:
    assert route(text) == department
    assert analyse_text(text).department == department


def test_no_department_when_nothing_matches() -> None:
    assert route("What a lovely day at the beach") is None


def test_custom_rules_override_the_defaults() -> None:
    rules = {"loyalty": [r"\bmiles\b", r"meilen"], "billing": [r"\binvoice"]}
    assert route("Where are my miles from last week?", rules) == "loyalty"
    assert analyse_text("Meine Meilen fehlen", rules=rules).department == "loyalty"
    # departments absent from the custom rules are not used
    assert route("The app crashes all the time", rules) is None


def test_custom_rules_accept_plain_keywords_and_upper_case_regexes() -> None:
    rules = {"stores": ["Filiale", r"\bSTORE\b"]}
    assert route("Die filiale in Köln hatte zu", rules) == "stores"
    assert route("the STORE was closed", rules) == "stores"
    # rules are case-insensitive, whatever case they are written in
    assert route("the store was closed", rules) == "stores"


def test_default_rules_cover_the_core_departments_in_both_languages() -> None:
    for dept in ("billing", "delivery", "technical", "account"):
        assert dept in DEFAULT_DEPARTMENT_RULES
        assert len(DEFAULT_DEPARTMENT_RULES[dept]) >= 5
