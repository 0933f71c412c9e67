"""How numbers, shares and durations read in English and German (one place for pages, exports and alerts)."""
from __future__ import annotations

from typing import Any, Callable, Optional

MISSING = "–"
KINDS = ("count", "change", "decimal1", "decimal2", "share", "duration", "score")


def number(value: float, decimals: int = 0, lang: str = "en") -> str:
    """A number as it reads in lang: 1,234.5 in English, 1.234,5 in German."""
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def level(value: float, lang: str = "en") -> str:
    """A count per hour that may be small: a decimal below 10 ("0.4"), whole from there ("12").
    Rounded to a whole, a small expectation would read "0", as if nothing ever came."""
    return number(value, 1 if value < 10 else 0, lang)


def duration(seconds: Optional[float], lang: str = "en", signed: bool = False) -> str:
    """Seconds as people read them: 42 min under two hours, then hours, then days from two days on;
    '–' where there is no value."""
    if missing(seconds):
        return MISSING
    sign = ("+" if seconds > 0 else "−" if seconds < 0 else "±") if signed else ""
    s = abs(seconds)
    if s < 120 * 60:
        return f"{sign}{number(s / 60, 0, lang)} min"
    if s < 48 * 3600:
        return f"{sign}{number(s / 3600, 1, lang)} h"
    return f"{sign}{number(s / 86400, 1, lang)} {'d' if lang == 'en' else 'T'}"


def share(value: Optional[float], lang: str = "en", decimals: int = 0) -> str:
    """A share 0..1 as a percentage: 61% in English, 61 % in German (DIN 5008 puts a space before %);
    '–' where there is no value."""
    if missing(value):
        return MISSING
    return f"{number(value * 100, decimals, lang)}{' %' if lang == 'de' else '%'}"


def score(value: float, lang: str = "en") -> str:
    """A sentiment score (−1..+1) with its sign: +0.12, −0.04, 0.00."""
    return f"{'+' if value > 0 else '−' if value < 0 else ''}{number(abs(value), 2, lang)}"


def change(value: float, lang: str = "en") -> str:
    """A change in a count with its sign, as reports write it: +74, −8, ±0."""
    return f"{'+' if value > 0 else '−' if value < 0 else '±'}{number(abs(value), 0, lang)}"


def metric_delta(value: float, lang: str = "en", decimals: int = 0, unit: str = "") -> str:
    """A change for st.metric: +12, -3,5 PP. An ASCII sign, because st.metric picks the arrow's
    direction from a leading "-" (a typographic minus would point the arrow up)."""
    text = f"{'-' if value < 0 else '+'}{number(abs(value), decimals, lang)}"
    return f"{text} {unit}" if unit else text


def missing(value: Any) -> bool:
    """None, NaN and pandas' NA/NaT all read as 'no value'."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NaT are the values unequal to themselves
    except (TypeError, ValueError):  # pandas.NA refuses to be a bool
        return True


def formatter(kind: str, lang: str = "en") -> Callable[[Any], str]:
    """A one-argument formatter for a kind of number (KINDS), '–' for missing values."""
    shapes: dict[str, Callable[[float], str]] = {
        "count": lambda v: number(v, 0, lang),
        "change": lambda v: change(v, lang),
        "decimal1": lambda v: number(v, 1, lang),
        "decimal2": lambda v: number(v, 2, lang),
        "share": lambda v: share(v, lang, 1),
        "duration": lambda v: duration(v, lang),
        "score": lambda v: score(v, lang),
    }
    if kind not in shapes:
        raise ValueError(f"unknown number kind {kind!r}; expected one of {', '.join(KINDS)}")
    shape = shapes[kind]
    return lambda v: MISSING if missing(v) else shape(float(v))
