"""UI words in English and German: pages look strings up here (table: lawine/texts) instead of hard-coding them."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from lawine.numbers import number
from lawine.texts import STRINGS

LANGUAGES = {"en": "English", "de": "Deutsch"}
LANG_KEY = "ui_lang"  # session-state key of the viewer's UI language


def nav_language(from_url: str | None, remembered: str | None) -> str:
    """The UI language: the URL's `ui` wins (shared links), then the viewer's last choice, then English."""
    for lang in (from_url, remembered):
        if lang in LANGUAGES:
            return lang
    return "en"


WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")}
DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def day_text(day: date | str, lang: str = "en") -> str:
    """A calendar day as the language writes it: 2026-11-09 in English (ISO), 09.11.2026 in German."""
    when = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{when:%d.%m.%Y}" if lang == "de" else when.isoformat()


def moment_text(when: datetime, tz: str, lang: str = "en") -> str:
    """A moment in zone `tz` as the language writes it: 2026-12-08 14:05 / 08.12.2026 14:05."""
    return when.astimezone(ZoneInfo(tz)).strftime("%d.%m.%Y %H:%M" if lang == "de" else "%Y-%m-%d %H:%M")


def weekday_names(lang: str = "en") -> tuple[str, ...]:
    """Short weekday names, Monday first."""
    return WEEKDAYS.get(lang, WEEKDAYS["en"])


def day_span(days: list[str], lang: str = "en") -> str:
    """Config day codes as people write them: ['mon'..'fri'] -> 'Mon–Fri' / 'Mo–Fr', gaps as commas."""
    names = weekday_names(lang)
    picked = sorted(DAY_CODES.index(d) for d in days if d in DAY_CODES)
    runs: list[list[int]] = []
    for i in picked:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = [f"{names[r[0]]}–{names[r[-1]]}" if len(r) > 2 else ", ".join(names[i] for i in r) for r in runs]
    return ", ".join(parts)


def code_label(code: str, lang: str = "en") -> str:
    """A stored code (event type or status, notification status, source state or run status) as the
    reader's language names it; the code itself where none is known."""
    return t_or(f"code_{code}", lang, code)


# Networks are names, the same in both languages; the store keeps the codes.
NETWORK_NAMES = {"x": "X", "facebook": "Facebook", "instagram": "Instagram", "reddit": "Reddit",
                 "mastodon": "Mastodon", "bluesky": "Bluesky", "rss": "RSS", "import": "Import"}


def network_name(code: Any) -> Any:
    """A network's code (lawine.model.Source) as people write its name: x -> X, rss -> RSS;
    anything else as it is."""
    return NETWORK_NAMES.get(code, code) if isinstance(code, str) else code


def intent_label(code: str, lang: str = "en") -> str:
    """What a post wants (lawine.model.INTENTS) as the reader's language names it."""
    return t_or(f"intent_{code}", lang, code)


def department_label(code: str, lang: str = "en") -> str:
    """A routing department as the reader's language names it; a department of one's own
    (lawine.toml) as written."""
    return t_or(f"dept_{code}", lang, code)


def event_kinds(lang: str = "en") -> dict[str, str]:
    """Event types as the reader's language names them (chart labels)."""
    return {code: code_label(code, lang) for code in ("spike", "avalanche")}


def sentiment_names(lang: str = "en") -> dict[str, str]:
    """Legend names of the sentiment charts: negative, neutral, positive and the mean score."""
    names = {k: t(f"snap_{k}", lang) for k in ("negative", "neutral", "positive")}
    names["mean"] = t("snap_mean_sentiment", lang)
    names["mean_24h"] = t("mean_sentiment_24h", lang)
    return names


def t_or(key: str, lang: str, fallback: str) -> str:
    """The UI string for key in lang, or `fallback` where the table has no such key (a name that
    comes from data, such as an explanation field, may or may not have a translation)."""
    return t(key, lang) if key in STRINGS else fallback


class Phrase(str):
    """A string-table text that remembers its key: it reads as English wherever a str goes (logs,
    the CLI, exceptions), and `worded(phrase, lang)` words it again for a page in the reader's language.
    Code without Streamlit (collectors, lawine) can so explain itself once, in both languages."""

    key: str
    params: dict

    def __new__(cls, key: str, **params: Any) -> "Phrase":
        if key not in STRINGS:  # a typo should fail where the phrase is made, not show a bare key
            raise KeyError(f"no UI string {key!r}")
        obj = super().__new__(cls, t(key, "en", **_numbers_in(params, "en")))
        obj.key, obj.params = key, params
        return obj

    def __reduce__(self):  # pickled by st.cache_data: rebuild from key and params, not from the text
        return (_phrase, (self.key, self.params))


def _phrase(key: str, params: dict) -> Phrase:
    return Phrase(key, **params)


def _numbers_in(params: dict, lang: str) -> dict:
    """A phrase's numbers as the language writes them (5, 0.5 / 0,5, 1,234 / 1.234); other values as they are."""
    def word(v: Any) -> Any:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return v
        return number(v, 0 if float(v).is_integer() else 1, lang)
    return {k: word(v) for k, v in params.items()}


def worded(text: str, lang: str = "en") -> str:
    """A Phrase in `lang`; any other text (a name, an error from a server) as it is."""
    return t(text.key, lang, **_numbers_in(text.params, lang)) if isinstance(text, Phrase) else text


def t(key: str, lang: str = "en", **kwargs) -> str:
    """The UI string for key in lang, falling back to English, then to the key itself."""
    entry = STRINGS.get(key, {})
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**kwargs) if kwargs else text
