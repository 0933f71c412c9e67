"""When demo mentions happen: daily and weekly rhythm, trend, spikes and an avalanche."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

HOUR = 3600
DAY = 24 * HOUR

# Share of mentions per local hour: quiet nights, a lunch bump, an evening peak.
DAILY = np.array([0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 0.8, 1.1, 1.2, 1.2, 1.25,
                  1.4, 1.3, 1.2, 1.2, 1.25, 1.35, 1.5, 1.6, 1.5, 1.2, 0.8, 0.45])
WEEKLY = np.array([1.1, 1.05, 1.0, 1.0, 1.05, 0.75, 0.7])  # Monday first


@dataclass
class Episode:
    """An injected burst: which brand, when, how big, and which template pool it draws from."""

    type: str  # "spike" or "avalanche"
    name: str
    brand: str
    pool: str  # "CAMPAIGN", "OUTAGE" or "AVALANCHE"
    start: int
    end: int
    share: float  # fraction of all root posts that belong to the episode
    words: list[str] = field(default_factory=list)
    negative: bool = False


def episodes(end: int, days: int, brands: list[str]) -> list[Episode]:
    """Two volume spikes (one positive campaign, one outage) and a live avalanche near `end`."""
    air, mobile = brands[0], brands[1]
    start_of = lambda days_back, hour: end - days_back * DAY - (end % DAY) + hour * HOUR  # noqa: E731
    camp_day = min(45, max(days - 10, 3))
    out_day = min(20, max(days // 3, 2))
    return [
        Episode("spike", "Summer sale campaign", air, "CAMPAIGN", start_of(camp_day, 8),
                start_of(camp_day, 8) + 10 * HOUR, 0.012,
                ["#kestrelsummersale", "sale", "deal", "fares", "booked"]),
        Episode("spike", "Network outage", mobile, "OUTAGE", start_of(out_day, 13),
                start_of(out_day, 13) + 7 * HOUR, 0.012,
                ["netzausfall", "#netzstörung", "netz", "outage", "stunden"], negative=True),
        Episode("avalanche", "App double charge", air, "AVALANCHE", end - 30 * HOUR,
                end - HOUR // 2, 0.004,
                ["charged", "twice", "login", "app", "broken", "abgebucht"], negative=True),
    ]


def hourly_weights(start: int, hours: int, tz_offsets: np.ndarray) -> np.ndarray:
    """Relative arrival intensity per hour (local rhythm, weekly pattern, slow growth)."""
    t = start + np.arange(hours) * HOUR
    local = t + tz_offsets
    hour_of_day = (local // HOUR) % 24
    weekday = ((local // DAY) + 3) % 7  # 1970-01-01 was a Thursday
    trend = np.linspace(0.85, 1.15, hours)
    return DAILY[hour_of_day] * WEEKLY[weekday] * trend


def episode_times(rng: np.random.Generator, ep: Episode, count: int) -> np.ndarray:
    """Episode posts ramp up: an avalanche grows, a spike rises fast and decays."""
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    span = ep.end - ep.start
    u = rng.beta(2.2, 1.0, count) if ep.type == "avalanche" else rng.beta(1.3, 2.5, count)
    return (ep.start + u * span).astype(np.int64)
