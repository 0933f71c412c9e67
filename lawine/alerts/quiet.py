"""Quiet hours in the team's time zone and when the morning digest is due."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from lawine.config import AlertRule


def in_quiet(rule: AlertRule, local: datetime) -> bool:
    """Is `local` (aware, team zone) inside the rule's quiet hours? Windows may span midnight."""
    if not rule.quiet_hours:
        return False
    start, end = rule.quiet_hours
    t = local.time().replace(tzinfo=None)
    return start <= t < end if start < end else (t >= start or t < end)


def quiet_end(rule: AlertRule, local: datetime) -> datetime:
    """The end of the quiet window that `local` lies in."""
    start, end = rule.quiet_hours
    day = local.date()
    if start > end and local.time().replace(tzinfo=None) >= start:
        day += timedelta(days=1)  # late evening: the window ends tomorrow morning
    return _at(day, end, local)


def digest_due(rule: AlertRule, local: datetime) -> datetime:
    """When alerts held now go out: the end of quiet hours, or the next `digest_at` after it."""
    end = quiet_end(rule, local)
    if rule.digest_at is None:
        return end
    due = _at(end.date(), rule.digest_at, local)
    return due if due >= end else due + timedelta(days=1)


def _at(day, clock: time, like: datetime) -> datetime:
    # Build in the zone (not by adding hours) so a DST change overnight still gives 07:00 local.
    return datetime.combine(day, clock, like.tzinfo)
