"""SLA clocks that only run during the team's business hours, in the team's time zone."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Iterable
from zoneinfo import ZoneInfo

from lawine.config import WEEKDAYS, Team


class BusinessCalendar:
    """Open/closed times for one team; all public methods take and return aware datetimes."""

    def __init__(self, tz: str = "Europe/Berlin", days: Iterable[str] = WEEKDAYS[:5],
                 start: time = time(9), end: time = time(18), holidays: Iterable[str] = ()):
        if start >= end:
            raise ValueError("business hours must start before they end")
        self.tz = ZoneInfo(tz)
        self.days = {WEEKDAYS.index(d) for d in days}
        self.start, self.end = start, end
        self.holidays = {date.fromisoformat(h) for h in holidays}

    @classmethod
    def from_team(cls, team: Team) -> "BusinessCalendar":
        bh = team.business_hours
        return cls(team.timezone, bh.days, bh.start, bh.end, team.holidays)

    def _open_day(self, d: date) -> bool:
        return d.weekday() in self.days and d not in self.holidays

    def _window(self, d: date) -> tuple[datetime, datetime]:
        return (datetime.combine(d, self.start, self.tz), datetime.combine(d, self.end, self.tz))

    def is_open(self, dt: datetime) -> bool:
        local = dt.astimezone(self.tz)
        if not self._open_day(local.date()):
            return False
        return self.start <= local.time() < self.end

    def next_open(self, dt: datetime) -> datetime:
        """dt itself when open, else the next opening time."""
        if not self.days:
            raise ValueError("no business days configured")
        local = dt.astimezone(self.tz)
        d = local.date()
        for _ in range(400):  # a year of holidays cannot keep us closed longer
            if self._open_day(d):
                opens, closes = self._window(d)
                if local < opens:
                    return opens
                if local < closes:
                    return local
            d += timedelta(days=1)
            local = datetime.combine(d, time(0), self.tz)
        raise ValueError("no business hours within a year")

    def business_seconds(self, start: datetime, end: datetime) -> float:
        """Seconds of business time between start and end (0 if end <= start)."""
        if end <= start:
            return 0.0
        s, e = start.astimezone(self.tz), end.astimezone(self.tz)
        total = 0.0
        d = s.date()
        while d <= e.date():
            if self._open_day(d):
                opens, closes = self._window(d)
                lo, hi = max(opens, s), min(closes, e)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            d += timedelta(days=1)
        return total

    def add_business_seconds(self, start: datetime, seconds: float) -> datetime:
        """The moment when `seconds` of business time have passed after start (the SLA deadline)."""
        current = self.next_open(start)
        remaining = seconds
        while True:
            _, closes = self._window(current.astimezone(self.tz).date())
            available = (closes - current).total_seconds()
            if remaining <= available:
                return current + timedelta(seconds=remaining)
            remaining -= available
            current = self.next_open(closes + timedelta(seconds=1))


def sla_deadline(calendar: BusinessCalendar, created: datetime, minutes: int,
                 business_hours_only: bool = True) -> datetime:
    if business_hours_only:
        return calendar.add_business_seconds(created, minutes * 60)
    return created + timedelta(minutes=minutes)


def elapsed(calendar: BusinessCalendar, created: datetime, until: datetime,
            business_hours_only: bool = True) -> float:
    if business_hours_only:
        return calendar.business_seconds(created, until)
    return max(0.0, (until - created).total_seconds())

