"""SLA clocks count only business time in the team's zone."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from lawine.business_hours import BusinessCalendar, elapsed, sla_deadline

BERLIN = ZoneInfo("Europe/Berlin")
cal = BusinessCalendar("Europe/Berlin", ["mon", "tue", "wed", "thu", "fri"], time(9), time(18), ["2026-12-25"])


def at(*args):
    return datetime(*args, tzinfo=BERLIN)


def test_open_and_next_open():
    assert cal.is_open(at(2026, 11, 23, 10))  # Monday
    assert not cal.is_open(at(2026, 11, 22, 10))  # Sunday
    assert cal.next_open(at(2026, 11, 21, 23)) == at(2026, 11, 23, 9)
    assert cal.next_open(at(2026, 12, 24, 19)) == at(2026, 12, 28, 9)  # holiday Friday skipped too


def test_business_seconds_across_a_weekend():
    # Friday 17:00 to Monday 10:00 = 1 h Friday + 1 h Monday
    assert cal.business_seconds(at(2026, 11, 20, 17), at(2026, 11, 23, 10)) == 2 * 3600
    assert cal.business_seconds(at(2026, 11, 23, 10), at(2026, 11, 23, 9)) == 0


def test_deadline_moves_over_closed_time_and_wall_clock_does_not():
    created = at(2026, 11, 20, 17, 30)  # Friday
    assert sla_deadline(cal, created, 60) == at(2026, 11, 23, 9, 30)
    assert sla_deadline(cal, created, 60, business_hours_only=False) == created + timedelta(hours=1)
    assert elapsed(cal, created, at(2026, 11, 23, 9, 30)) == 3600


def test_dst_change_is_handled_in_local_time():
    # Sunday 2026-03-29 clocks jump; Monday opening stays 09:00 local = 07:00 UTC
    assert cal.next_open(datetime(2026, 3, 28, 12, tzinfo=timezone.utc)) == at(2026, 3, 30, 9)
    assert cal.next_open(datetime(2026, 3, 28, 12, tzinfo=timezone.utc)).astimezone(timezone.utc).hour == 7
