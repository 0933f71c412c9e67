"""sla_expired_before: the first start whose business clock until a moment stays within the limit."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from lawine.business_hours import BusinessCalendar, sla_expired_before

UTC = timezone.utc


def test_starts_before_the_moment_ran_out_and_starts_from_it_did_not():
    cal = BusinessCalendar(holidays=["2026-03-27", "2026-04-03"])
    rng = random.Random(4)
    base = datetime(2026, 3, 20, tzinfo=UTC)  # includes the switch to summer time and two holidays
    for _ in range(60):
        as_of = base + timedelta(minutes=rng.randrange(0, 20 * 24 * 60), seconds=rng.randrange(60))
        limit = rng.choice([60, 15 * 60, 3600, 4 * 3600, 9 * 3600, 30 * 3600])
        t = sla_expired_before(cal, int(as_of.timestamp()), limit)
        at = datetime.fromtimestamp(t, UTC)
        assert cal.business_seconds(at, as_of) <= limit
        assert cal.business_seconds(at - timedelta(seconds=1), as_of) > limit
        assert cal.business_seconds(at - timedelta(days=3), as_of) > limit  # and further back too


def test_a_friday_evening_request_has_not_run_out_early_on_monday():
    cal = BusinessCalendar()  # Berlin, Mon-Fri 09-18
    monday_0930 = datetime(2026, 3, 16, 8, 30, tzinfo=UTC)
    t = sla_expired_before(cal, int(monday_0930.timestamp()), 3600)
    assert datetime.fromtimestamp(t, UTC) == datetime(2026, 3, 13, 16, 30, tzinfo=UTC)  # Friday 17:30 Berlin


def test_a_calendar_without_business_days_never_runs_out():
    assert sla_expired_before(BusinessCalendar(days=[]), int(datetime(2026, 3, 16, tzinfo=UTC).timestamp()), 60) is None
