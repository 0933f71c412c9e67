"""UI strings: fallbacks, language choice, weekday spans, phrases worded for a page."""
import json
import pickle
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from lawine.i18n import STRINGS, Phrase, day_span, day_text, moment_text, nav_language, t, weekday_names, worded


def test_fallbacks_to_english_then_to_the_key():
    assert t("brand", "de") == "Marke" and t("brand", "fr") == "Brand" and t("no_such_key", "de") == "no_such_key"


def test_every_string_has_english_and_german():
    missing = [k for k, v in STRINGS.items() if not v.get("en") or not v.get("de")]
    assert missing == []


def needs_emoji_font(text: str) -> list[str]:
    """Characters that show as an empty box without an emoji font (pictographs, coloured shapes)."""
    return [c for c in text if ord(c) >= 0x1F000]


def test_our_own_words_and_pages_need_no_emoji_font():
    # A wall screen or a server's browser often has no emoji font; our markers must still read.
    words = {key: needs_emoji_font(v["en"] + v["de"]) for key, v in STRINGS.items()}
    assert {key: chars for key, chars in words.items() if chars} == {}
    pages = Path(__file__).resolve().parents[2] / "pages"
    found = {f.name: needs_emoji_font(f.read_text(encoding="utf-8")) for f in pages.glob("*.py")}
    assert {name: chars for name, chars in found.items() if chars} == {}


def test_url_language_wins_over_the_remembered_one():
    assert nav_language("de", "en") == "de"
    assert nav_language(None, "de") == "de"
    assert nav_language("xx", None) == "en"


@pytest.mark.parametrize("days, lang, text", [
    (["mon", "tue", "wed", "thu", "fri"], "en", "Mon–Fri"),
    (["mon", "tue", "wed", "thu", "fri"], "de", "Mo–Fr"),
    (["sat", "mon", "tue"], "en", "Mon, Tue, Sat"),
    (["mon", "wed", "thu", "fri", "sun"], "de", "Mo, Mi–Fr, So"),
    ([], "en", ""),
])
def test_day_span(days, lang, text):
    assert day_span(days, lang) == text


def test_a_day_reads_iso_in_english_and_the_german_way_in_german():
    assert day_text("2026-11-09", "en") == "2026-11-09" and day_text("2026-11-09", "de") == "09.11.2026"
    assert day_text(date(2026, 3, 1), "de") == "01.03.2026"
    summer = datetime(2026, 7, 1, 12, 5, tzinfo=timezone.utc)
    assert moment_text(summer, "Europe/Berlin", "de") == "01.07.2026 14:05"
    assert moment_text(summer, "America/New_York", "en") == "2026-07-01 08:05"


def test_weekday_names_start_on_monday():
    assert weekday_names("de")[0] == "Mo" and len(weekday_names("en")) == 7


def test_event_codes_read_in_the_language_and_unknown_codes_stay_as_stored():
    from lawine.i18n import code_label

    assert [code_label(c, "de") for c in ("spike", "avalanche", "false_alarm")] == ["Spitze", "Lawine", "Fehlalarm"]
    assert code_label("false_alarm") == "false alarm" and code_label("muted", "de") == "muted"


def test_the_string_table_is_the_union_of_its_areas_without_overlap():
    from lawine.texts import alerts, care, general, setup, snapshot, sources

    parts = [general.STRINGS, snapshot.STRINGS, care.STRINGS, setup.STRINGS, sources.STRINGS, alerts.STRINGS]
    assert sum(len(p) for p in parts) == len(STRINGS)  # no key in two areas (import would fail too)
    assert all(STRINGS[k] is p[k] for p in parts for k in p)


def test_a_phrase_reads_as_english_and_is_worded_again_for_a_page():
    reason = Phrase("src_why_no_pages", network="facebook")
    assert reason == "no facebook ids under marketing_pages of any brand in lawine.toml"
    assert "facebook" in reason and f"skipped ({reason})".endswith("lawine.toml)")  # a str wherever one goes
    assert worded(reason, "de") == "keine facebook-IDs unter marketing_pages einer Marke in lawine.toml"
    assert worded(reason, "en") == reason
    assert worded("HTTP 503 from the server", "de") == "HTTP 503 from the server"  # not ours: as it is


def test_a_phrase_survives_the_page_cache_and_json():
    note = Phrase("src_next_every", minutes="5")
    back = pickle.loads(pickle.dumps(note))  # st.cache_data pickles what the data calls return
    assert isinstance(back, Phrase) and back == "every 5 min" and worded(back, "de") == "alle 5 Min."
    assert json.loads(json.dumps({"note": note})) == {"note": "every 5 min"}


def test_a_phrase_with_an_unknown_key_fails_where_it_is_made():
    with pytest.raises(KeyError, match="src_why_typo"):
        Phrase("src_why_typo")


@pytest.mark.parametrize("minutes, en, de", [(5.0, "every 5 min", "alle 5 Min."), (0.5, "every 0.5 min", "alle 0,5 Min."),
                                             (1500, "every 1,500 min", "alle 1.500 Min.")])
def test_a_phrase_writes_its_numbers_the_way_the_language_does(minutes, en, de):
    note = Phrase("src_next_every", minutes=minutes)
    assert note == en and worded(note, "de") == de


def test_every_built_in_department_is_named_in_both_languages_and_an_own_one_as_written():
    from lawine.analysis.routing import DEFAULT_DEPARTMENT_RULES
    from lawine.i18n import department_label

    for code in DEFAULT_DEPARTMENT_RULES:
        assert department_label(code, "en") != code and department_label(code, "de") != department_label(code, "en")
    assert (department_label("billing", "en"), department_label("billing", "de")) == ("Billing", "Abrechnung")
    assert department_label("Social Media Desk", "de") == "Social Media Desk"


def test_every_intent_is_named_in_both_languages():
    from lawine.i18n import intent_label
    from lawine.model import INTENTS

    assert all(intent_label(i, "en") != intent_label(i, "de") for i in INTENTS)
    assert intent_label("spam_or_abuse") == "spam or abuse" and intent_label("complaint", "de") == "Beschwerde"


def test_every_network_has_a_name():
    from typing import get_args

    from lawine.i18n import network_name
    from lawine.model import Source

    assert [network_name(s) for s in get_args(Source)] == \
        ["Reddit", "X", "Facebook", "Instagram", "Mastodon", "Bluesky", "RSS", "Import"]
    assert network_name("fediverse") == "fediverse" and network_name(None) is None
