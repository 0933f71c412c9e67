"""SLA clocks that only run during the team's business hours, in the team's time zone."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Iterable, Optional
from zoneinfo import ZoneInfo

import numpy as np

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


# --- vectorised: many (start, end) pairs at once ------------------------------------

def open_intervals(cal: BusinessCalendar, lo_ts: float, hi_ts: float) -> tuple[np.ndarray, np.ndarray]:
    """Epoch-second (opens, closes) of every open day between lo and hi, DST and holidays included."""
    day = datetime.fromtimestamp(lo_ts, cal.tz).date() - timedelta(days=1)
    last = datetime.fromtimestamp(hi_ts, cal.tz).date() + timedelta(days=1)
    opens, closes = [], []
    while day <= last:
        if day.weekday() in cal.days and day not in cal.holidays:
            opens.append(datetime.combine(day, cal.start, cal.tz).timestamp())
            closes.append(datetime.combine(day, cal.end, cal.tz).timestamp())
        day += timedelta(days=1)
    return np.array(opens, dtype=float), np.array(closes, dtype=float)


def business_seconds_many(cal: BusinessCalendar, start_ts, end_ts) -> np.ndarray:
    """`cal.business_seconds` for arrays of epoch seconds: B(end) - B(start), B = open seconds so far."""
    start, end = np.asarray(start_ts, dtype=float), np.asarray(end_ts, dtype=float)
    if start.size == 0:
        return np.zeros(0)
    opens, closes = open_intervals(cal, float(start.min()), float(max(end.max(), start.max())))
    if opens.size == 0:
        return np.zeros(start.size)
    length = closes - opens
    before = np.concatenate(([0.0], np.cumsum(length)[:-1]))

    def cumulative(t: np.ndarray) -> np.ndarray:
        i = np.searchsorted(opens, t, side="right") - 1
        j = np.clip(i, 0, None)
        return np.where(i < 0, 0.0, before[j] + np.clip(t - opens[j], 0.0, length[j]))

    return np.maximum(cumulative(end) - cumulative(start), 0.0)


def sla_expired_before(cal: BusinessCalendar, as_of_ts: int, limit_s: float) -> Optional[int]:
    """The earliest epoch second t with business_seconds(t, as_of) <= limit_s.

    Business time until as_of only shrinks as the start moves later, so a request opened before t
    has used up more than limit_s of business time by as_of and one opened at t or later has not:
    SQL can count expired requests with `created_ts < t`. None: no start within about two years
    has (a calendar without business days never runs).
    """
    def expired(start: int) -> bool:
        return bool(business_seconds_many(cal, [start], [as_of_ts])[0] > limit_s)

    span = 7 * 86_400
    while not expired(as_of_ts - span):
        span *= 2
        if span > 800 * 86_400:
            return None
    lo, hi = as_of_ts - span, as_of_ts  # expired(lo); not expired(hi): no time has passed there
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if expired(mid) else (lo, mid)
    return hi
