"""How numbers, shares and durations read in English and German."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from lawine.numbers import KINDS, MISSING, duration, formatter, number, score, share


def test_number_groups_and_decimals_by_language():
    assert number(1234567.891, 2) == "1,234,567.89"
    assert number(1234567.891, 2, "de") == "1.234.567,89"
    assert number(-0.5, 1, "de") == "-0,5"
    assert number(999.96, 1, "de") == "1.000,0"


@pytest.mark.parametrize("seconds, en, de", [
    (0, "0 min", "0 min"),
    (42 * 60, "42 min", "42 min"),
    (119 * 60, "119 min", "119 min"),
    (2 * 3600 + 18 * 60, "2.3 h", "2,3 h"),
    (47.9 * 3600, "47.9 h", "47,9 h"),
    (3 * 86400 + 43200, "3.5 d", "3,5 T"),
])
def test_duration_switches_unit_as_people_read_it(seconds, en, de):
    assert duration(seconds) == en and duration(seconds, "de") == de


def test_signed_duration_uses_typographic_minus():
    assert duration(-600, "en", signed=True) == "−10 min"
    assert duration(7200, "de", signed=True) == "+2,0 h"
    assert duration(0, "en", signed=True) == "±0 min"


def test_share_and_score():
    assert share(0.5461) == "55%" and share(0.5461, "de", 1) == "54,6 %"
    assert score(0.123) == "+0.12" and score(-0.04, "de") == "−0,04" and score(0.0) == "0.00"


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT, math.nan])
def test_formatter_shows_missing_values_as_a_dash(value):
    for kind in KINDS:
        assert formatter(kind, "de")(value) == MISSING


def test_formatter_by_kind():
    assert formatter("count", "de")(12345) == "12.345"
    assert formatter("decimal2", "de")(1234.5) == "1.234,50"
    assert formatter("decimal1")(3) == "3.0"
    assert formatter("share", "de")(0.0421) == "4,2 %"
    assert formatter("duration", "en")(9000) == "2.5 h"
    assert formatter("score", "de")(-0.5) == "−0,50"
    assert [formatter("change", "de")(v) for v in (1234, -8, 0)] == ["+1.234", "−8", "±0"]
    with pytest.raises(ValueError, match="unknown number kind 'percent'"):
        formatter("percent")


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT])
def test_share_and_duration_show_a_dash_without_a_value(value):
    assert share(value, "de") == MISSING and duration(value) == MISSING
