"""UI strings: fallbacks, language choice, weekday spans."""
import pytest

from lawine.i18n import STRINGS, day_span, nav_language, t, weekday_names


def test_fallbacks_to_english_then_to_the_key():
    assert t("brand", "de") == "Marke" and t("brand", "fr") == "Brand" and t("no_such_key", "de") == "no_such_key"


def test_every_string_has_english_and_german():
    missing = [k for k, v in STRINGS.items() if not v.get("en") or not v.get("de")]
    assert missing == []


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


def test_weekday_names_start_on_monday():
    assert weekday_names("de")[0] == "Mo" and len(weekday_names("en")) == 7


def test_event_codes_read_in_the_language_and_unknown_codes_stay_as_stored():
    from lawine.i18n import code_label

    assert [code_label(c, "de") for c in ("spike", "avalanche", "false_alarm")] == ["Spitze", "Lawine", "Fehlalarm"]
    assert code_label("false_alarm") == "false alarm" and code_label("muted", "de") == "muted"


def test_the_string_table_is_the_union_of_its_areas_without_overlap():
    from lawine.texts import alerts, care, general, setup, snapshot

    parts = [general.STRINGS, snapshot.STRINGS, care.STRINGS, setup.STRINGS, alerts.STRINGS]
    assert sum(len(p) for p in parts) == len(STRINGS)  # no key in two areas (import would fail too)
    assert all(STRINGS[k] is p[k] for p in parts for k in p)
