"""ISO weeks in the team's time zone: parse '2026-W47' / 'last' / 'this' into exact local boundaries."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Optional
from zoneinfo import ZoneInfo

from lawine.model import now_utc

_WEEK = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")


class WeekError(ValueError):
    """The week the user asked for cannot be read; the message says what would work."""


@dataclass(frozen=True)
class Week:
    """One ISO week, Monday 00:00 to the next Monday 00:00 in `tz` (167 or 169 hours across DST)."""

    year: int
    number: int
    tz: str = "Europe/Berlin"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def start(self) -> datetime:
        return self.day_starts()[0]

    @property
    def end(self) -> datetime:
        return self.day_starts()[7]

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def day_starts(self) -> list[datetime]:
        """The eight local midnights from Monday to the following Monday, as UTC datetimes.

        Local date + local midnight is what makes DST weeks come out right; converting to UTC keeps
        `end - start` honest (Python subtracts two times of one zone as wall clock: always 7 days).
        """
        zone = ZoneInfo(self.tz)
        return [datetime.combine(self.monday + timedelta(days=i), time(0), zone).astimezone(timezone.utc)
                for i in range(8)]

    def shifted(self, weeks: int) -> "Week":
        return week_of(self.monday + timedelta(weeks=weeks), self.tz)

    def __str__(self) -> str:
        return self.label


def week_of(day: date, tz: str) -> Week:
    year, number, _ = day.isocalendar()
    return Week(year, number, tz)


def parse_week(value: str, tz: str = "Europe/Berlin", now: Optional[datetime] = None) -> Week:
    """'2026-W47' (also '2026W47'), 'this' (the running week) or 'last' (the last complete week)."""
    if not isinstance(value, str) or not value.strip():
        raise WeekError("no week given: use an ISO week like 2026-W47, 'last' or 'this'")
    today = (now or now_utc()).astimezone(ZoneInfo(tz)).date()
    word = value.strip().lower()
    if word == "this":
        return week_of(today, tz)
    if word == "last":
        return week_of(today - timedelta(weeks=1), tz)
    match = _WEEK.match(value)
    if not match:
        raise WeekError(f"{value!r} is not a week: use an ISO week like 2026-W47, 'last' or 'this'")
    year, number = int(match.group(1)), int(match.group(2))
    weeks_in_year = date(year, 12, 28).isocalendar()[1]  # 28 December is always in the last ISO week
    if not 1 <= number <= weeks_in_year:
        raise WeekError(f"{value!r}: ISO year {year} has weeks 1 to {weeks_in_year}")
    return Week(year, number, tz)
