"""Text templates for the synthetic demo workspace: two fictional brands, English and German."""
from __future__ import annotations

from dataclasses import dataclass

# Fictional brands only, so the demo never looks like a claim about a real company.
BRANDS = {
    "Kestrel Air": {
        "sector": "airline", "main_lang": "en", "sub": "KestrelAir",
        "handles": {"x": "@KestrelAir", "reddit": "KestrelAir_Team", "facebook": "Kestrel Air",
                    "instagram": "kestrelair", "mastodon": "@kestrelair@mastodon.social",
                    "bluesky": "kestrelair.bsky.social"},
        "keywords": ["Kestrel Air", "KestrelAir", "#KestrelAir"],
    },
    "Nordlicht Mobile": {
        "sector": "telecom", "main_lang": "de", "sub": "NordlichtMobile",
        "handles": {"x": "@NordlichtMobil", "reddit": "Nordlicht_Service", "facebook": "Nordlicht Mobile",
                    "instagram": "nordlichtmobile", "mastodon": "@nordlicht@social.tchncs.de",
                    "bluesky": "nordlicht.bsky.social"},
        "keywords": ["Nordlicht Mobile", "Nordlicht", "#NordlichtMobile"],
    },
}

SLOTS = {
    "n": ["10", "15", "20", "25", "30", "40", "45", "60", "90", "120"],
    "days": ["two", "three", "four", "five", "six"],
    "tage": ["zwei", "drei", "vier", "fünf", "sechs"],
    "city": ["Berlin", "Hamburg", "Munich", "Vienna", "Zurich", "London", "Lisbon", "Oslo", "Madrid", "Rome"],
    "stadt": ["Berlin", "Hamburg", "München", "Köln", "Leipzig", "Dresden", "Bremen", "Kiel", "Mainz", "Ulm"],
    "code": ["KX7Q2P", "LM3R8T", "ZP4W1N", "QA9D5K", "RT2H6Y", "BW8C3M", "HN5J7V", "EF1S4G"],
    "thing": ["suitcase", "bag", "stroller", "guitar case", "backpack"],
    "item": ["Handy", "Router", "SIM-Karte", "Rechnung", "Vertrag"],
}


@dataclass(frozen=True)
class Template:
    text: str
    lang: str
    sector: str  # "airline", "telecom" or "any"
    kind: str  # what the template is meant to be: complaint/question/praise/neutral/spam/sensitive


def _t(kind: str, lang: str, sector: str, *texts: str) -> list[Template]:
    return [Template(t, lang, sector, kind) for t in texts]


CUSTOMER = (
    _t("complaint", "en", "airline",
       "{brand} my flight to {city} was cancelled and nobody answers the phone",
       "Been on hold with {brand} for {n} minutes. Still no answer.",
       "Still waiting for my refund from {brand}, {days} weeks now",
       "{brand} lost my {thing} again. Third time this year.",
       "Flight delayed {n} minutes and no information at the gate. Thanks for nothing {brand}",
       "{brand} charged me twice for the same seat upgrade",
       "Why does {brand} keep changing my booking without telling me?",
       "Great job {brand}, another {n} minutes on the tarmac with no explanation",
       "Your app crashed during check-in and now I have to pay at the airport? {brand}",
       "{brand} customer service is the worst. {days} emails, zero replies.")
    + _t("complaint", "de", "airline",
         "{brand} mein Flug nach {stadt} wurde storniert und niemand meldet sich",
         "Seit {tage} Tagen keine Antwort von {brand} zu meiner Erstattung",
         "{brand} hat meinen Koffer schon wieder verloren",
         "Flug {n} Minuten verspätet und keine Durchsage. Danke für nichts {brand}")
    + _t("complaint", "de", "telecom",
         "Seit {tage} Tagen kein Netz in {stadt}. {brand} was ist los?",
         "{brand} hat mir die Rechnung doppelt abgebucht",
         "{n} Minuten in der Warteschleife bei {brand}, dann aufgelegt",
         "Mein {item} von {brand} ist kaputt und der Support reagiert nicht",
         "Schon wieder kein Internet. {brand} ihr seid eine Katastrophe",
         "Toller Service {brand}, seit {tage} Wochen warte ich auf meine neue SIM-Karte",
         "{brand} kündigt meinen Vertrag nicht, obwohl ich vor {tage} Monaten gekündigt habe")
    + _t("complaint", "en", "telecom",
         "No signal in {city} again. {brand} what is going on?",
         "{brand} billed me twice this month and support keeps hanging up",
         "Still waiting for my new SIM from {brand}, {days} weeks now")
    + _t("question", "en", "airline",
         "{handle} how do I change the seat on booking {code}?",
         "Hi {brand}, can I take my {thing} as cabin baggage?",
         "{handle} where do I find the invoice for my flight to {city}?",
         "Does {brand} offer a refund if I cancel within 24 hours?",
         "{handle} is the {city} lounge open again?")
    + _t("question", "de", "airline",
         "{handle} wie kann ich meinen Sitzplatz für Buchung {code} ändern?",
         "Hallo {brand}, darf ich meinen Rucksack als Handgepäck mitnehmen?")
    + _t("question", "de", "telecom",
         "{handle} wie kann ich meinen Tarif wechseln?",
         "Hallo {brand}, wo finde ich meine Rechnung in der App?",
         "{handle} wann kommt 5G nach {stadt}?",
         "Kann ich bei {brand} meine Rufnummer mitnehmen?")
    + _t("question", "en", "telecom",
         "{handle} how do I activate roaming before my trip to {city}?",
         "Hi {brand}, can I keep my number when I switch?")
    + _t("praise", "en", "airline",
         "Great flight with {brand} to {city} today, the crew was amazing!",
         "Thanks {brand} for sorting out my booking so quickly 👍",
         "Love the new {brand} app, check-in took a minute")
    + _t("praise", "de", "any",
         "Danke {brand} für die schnelle Hilfe, super Service!",
         "Endlich schnelles Internet in {stadt}, danke {brand} 👍",
         "Sehr freundliche Beratung im {brand} Shop in {stadt}")
    + _t("praise", "en", "telecom",
         "Switched to {brand} last month and the coverage in {city} is great")
    + _t("neutral", "en", "any",
         "{brand} announces new offers for {city}",
         "Anyone here used {brand} in {city} recently?",
         "Reading about the {brand} quarterly results",
         "Booked with {brand} for next month, we will see")
    + _t("neutral", "de", "any",
         "{brand} bringt neue Angebote für {stadt}",
         "Hat jemand Erfahrungen mit {brand} in {stadt}?",
         "Neuer Bericht über {brand} im Handelsblatt")
    + _t("sensitive", "en", "any",
         "{handle} still no refund for booking {code}, call me at +44 20 7946 0958 or mail jane.doe@example.com",
         "{handle} my account number is 4455667788, please fix the double charge")
    + _t("sensitive", "de", "any",
         "{handle} bitte Erstattung auf DE89 3704 0044 0532 0130 00, Kundennummer 55443322",
         "{handle} meine Adresse ist Musterstraße 12, 10115 Berlin, das Paket kam nie an")
    + _t("spam", "en", "any",
         "Buy 10k followers cheap!!! {brand} fans click here http://spam.example/buy",
         "{brand} you are all idiots and scammers")
)

# Injected episodes: their words must surface in the spike explanation.
CAMPAIGN = _t("praise", "en", "airline",
              "Just grabbed a deal in the #KestrelSummerSale, {city} for 49 euros!",
              "The #KestrelSummerSale is on, {city} and back for almost nothing",
              "#KestrelSummerSale fares to {city} look amazing, booked already")
OUTAGE = _t("complaint", "de", "telecom",
            "Netzausfall in {stadt}! Seit Stunden kein Netz bei {brand} #Netzstörung",
            "{brand} Netzausfall auch bei euch? Kein Netz, kein Internet #Netzstörung",
            "Komplett kein Netz in {stadt}, {brand} Netzausfall schon wieder") + _t(
            "complaint", "en", "telecom",
            "{brand} network outage in {city}, no signal for hours #Netzstörung")
AVALANCHE = _t("complaint", "en", "airline",
               "{brand} app login broken and I was charged twice for my booking",
               "Charged twice by the {brand} app again and the login is broken. Nobody answers",
               "{brand} double charge on my card after the app crashed at payment") + _t(
               "complaint", "de", "airline",
               "{brand} App kaputt, Login geht nicht und zweimal abgebucht")
AGREE = (_t("agree", "en", "any", "Same here, charged twice and no answer", "me too!! still no refund",
            "+1 same problem since this morning", "Same here. This is getting ridiculous")
         + _t("agree", "de", "any", "Ich auch, zweimal abgebucht", "Bei mir genauso, seit heute morgen"))
COMMUNITY_ANSWER = (_t("answer", "en", "any",
                       "You can do that in the app under My Trips, worked for me",
                       "Try logging out and in again, that fixed it for me")
                    + _t("answer", "de", "any", "Geht in der App unter Mein Konto, hat bei mir geklappt"))
FOLLOW_UP = (_t("follow", "en", "any", "Any update on this?", "Thanks, sent you a DM",
                "Still waiting...", "Thanks, that worked!")
             + _t("follow", "de", "any", "Gibt es schon was Neues?", "Danke, hat geklappt!"))
OWN_REPLY = (_t("own", "en", "any",
                "Hi, sorry to hear that! Please send us a DM with your booking reference and we'll look into it.",
                "Thanks for reaching out! You can change this in the app under Manage booking.",
                "We're sorry for the trouble. Our team is on it, we'll update you shortly.",
                "Thank you for the kind words, we're passing them on to the team!")
             + _t("own", "de", "any",
                  "Hallo, das tut uns leid! Schreib uns bitte eine DM mit deiner Kundennummer, wir kümmern uns.",
                  "Danke für deine Nachricht! Das geht in der App unter Mein Vertrag.",
                  "Entschuldige die Umstände, unser Team arbeitet daran."))
MARKETING_POST = (_t("marketing", "en", "any", "New routes and offers this week, tell us where you want to go!",
                     "Our autumn deals are live 🍂")
                  + _t("marketing", "de", "any", "Neue Tarife ab heute, jetzt wechseln!",
                       "Unsere Herbstangebote sind da 🍂"))
