"""Outage reports are complaints in both languages; 'for almost nothing' is a price, not a complaint."""
import pytest

from lawine.analysis import analyse_text


@pytest.mark.parametrize("text", [
    "Netzausfall in Kiel! Seit Stunden kein Netz",
    "Schon wieder Stromausfall im ganzen Viertel",
    "Kein Internet und kein Empfang seit heute morgen #Netzstörung",
    "Network outage in Leeds, no signal for hours",
    "The app is down again",
    "no service in the whole building since noon",
])
def test_outage_reports_are_negative_complaints(text):
    a = analyse_text(text)
    assert a.sentiment_label == "negative" and a.intent == "complaint"


@pytest.mark.parametrize("text", [
    "Flights to Rome and back for almost nothing in the sale",
    "Got the upgrade for next to nothing",
])
def test_price_idiom_is_not_negative(text):
    assert analyse_text(text).sentiment_label != "negative"


def test_thanks_for_nothing_stays_sarcastic():
    assert analyse_text("Thanks for nothing, still no refund").sentiment_label == "negative"
