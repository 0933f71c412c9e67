"""Weekly KPIs aggregated in SQL: volume, sentiment, marketing-page questions, response times, SLA."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional

import numpy as np
import pandas as pd
from sqlalchemy import Engine, and_, case, false, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from lawine.business_hours import sla_expired_before
from lawine.config import Settings
from lawine.queries import Filters, customer, nearest_rank, open_request, plain_frame, where
from lawine.response_times import SlaPolicy
from lawine.snapshot.week import Week
from lawine.store import schema
from lawine.store.writer import to_ts

M = schema.mentions
AVERAGE_WEEKS = 4
# Order = order of the KPI tiles and the KPI table.
KPI_KEYS = (
    "mentions", "share_negative", "share_positive", "mean_sentiment",
    "support_requests", "answered_share", "median_response_s", "p90_response_s", "sla_compliance",
    "marketing_questions", "marketing_question_share", "marketing_median_response_s",
)
# For these a rise is bad news (the page colours deltas with this).
LOWER_IS_BETTER = {"share_negative", "median_response_s", "p90_response_s", "marketing_median_response_s"}


@dataclass(frozen=True)
class Metric:
    """One KPI for the week with last week's value and the mean of the weeks before it."""

    key: str
    value: Optional[float]
    previous: Optional[float]
    average: Optional[float]
    weeks_averaged: int

    @property
    def delta_previous(self) -> Optional[float]:
        return None if self.value is None or self.previous is None else self.value - self.previous

    @property
    def delta_average(self) -> Optional[float]:
        return None if self.value is None or self.average is None else self.value - self.average


def week_filter(f: Filters, week: Week) -> Filters:
    return f.between(week.start, week.end)


def marketing_question() -> ColumnElement:
    """A customer's support question or complaint left under one of our marketing posts."""
    return and_(customer(), M.c.on_marketing_post.is_(True),
                or_(M.c.intent.in_(("question", "complaint")), M.c.needs_reply.is_(True)))


def _share(part: Optional[float], whole: Optional[float]) -> Optional[float]:
    return float(part) / float(whole) if whole else None


def _week_index(weeks: list[Week]) -> ColumnElement:
    """i for a post in weeks[i]; weeks are consecutive, newest first (callers bound the range)."""
    if len(weeks) == 1:
        return literal(0)
    return case(*[(M.c.created_ts >= to_ts(w.start), i) for i, w in enumerate(weeks[:-1])],
                else_=len(weeks) - 1)


def _weeks_filter(f: Filters, weeks: list[Week]) -> Filters:
    return f.between(weeks[-1].start, weeks[0].end)


def _counts(engine: Engine, fw: Filters, expired_before: Optional[int]) -> dict[str, Optional[float]]:
    """One week's counted KPIs and its open requests whose SLA ran out (see `_expired_before`).

    A query per week, not one grouped by week: without GROUP BY there is nothing to sort, which
    makes five of them faster than one on SQLite and PostgreSQL alike."""
    label, answered, needing = M.c.sentiment_label, M.c.first_reply_ts.is_not(None), M.c.needs_reply.is_(True)

    def n(cond: ColumnElement):
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    expired = and_(open_request(), M.c.created_ts < expired_before) if expired_before is not None else false()
    q = select(
        func.count().label("mentions"), n(label == "negative").label("negative"),
        n(label == "positive").label("positive"), n(label.is_not(None)).label("labelled"),
        func.avg(M.c.sentiment).label("mean_sentiment"),
        n(M.c.on_marketing_post.is_(True)).label("marketing_comments"),
        n(marketing_question()).label("marketing_questions"),
        n(needing).label("support_requests"), n(and_(needing, answered)).label("answered"),
        n(expired).label("open_expired"),
    ).where(customer(), *where(fw))
    with engine.connect() as conn:
        row = conn.execute(q).one()._mapping
    return {k: (float(v) if v is not None else None) for k, v in row.items()}


def _expired_before(policy: SlaPolicy, as_of: datetime) -> Optional[int]:
    """Open requests created before this moment are past their SLA at as_of (None: none are).

    The SLA counts requests answered (met or missed) and requests still open whose clock has run
    out (missed). One still open within its time is not due yet; one answered by the community or
    closed in the queue without a reply of ours no longer waits for us (open_request excludes it)."""
    as_of_ts = to_ts(as_of)
    if policy.business_hours_only:
        return sla_expired_before(policy.calendar, as_of_ts, policy.target_s)
    return as_of_ts - policy.target_s  # wall clock: elapsed = as_of - created


def _answered(engine: Engine, policy: SlaPolicy, f: Filters, weeks: list[Week]) -> pd.DataFrame:
    """Every answered customer post of the weeks: week, seconds to our reply, flags, SLA met."""
    flag = lambda cond: case((cond, 1), else_=0)  # noqa: E731
    q = select(_week_index(weeks).label("week"), M.c.created_ts, M.c.first_reply_ts,
               flag(M.c.needs_reply.is_(True)).label("needing"), flag(marketing_question()).label("marketing")
               ).where(customer(), M.c.first_reply_ts.is_not(None), *where(_weeks_filter(f, weeks)))
    df = plain_frame(engine, q)
    created, replied = df["created_ts"].to_numpy(np.int64), df["first_reply_ts"].to_numpy(np.int64)
    df["s"] = replied - created
    df["met"] = (df["needing"] == 1) & (policy.elapsed_many(created, replied) <= policy.target_s)
    return df


def _week_values(c: dict[str, Optional[float]], answered: pd.DataFrame) -> dict[str, Optional[float]]:
    """Every KPI of one week as a plain number (None where there is nothing to divide by)."""
    s = np.sort(answered["s"].to_numpy())
    due = int(answered["needing"].sum()) + int(c["open_expired"])
    return {
        "mentions": c["mentions"],
        "share_negative": _share(c["negative"], c["labelled"]),
        "share_positive": _share(c["positive"], c["labelled"]),
        "mean_sentiment": c["mean_sentiment"],
        "support_requests": c["support_requests"],
        "answered_share": _share(c["answered"], c["support_requests"]),
        "median_response_s": nearest_rank(s, 0.5),
        "p90_response_s": nearest_rank(s, 0.9),
        "sla_compliance": _share(int(answered["met"].sum()), due),
        "marketing_questions": c["marketing_questions"],
        "marketing_question_share": _share(c["marketing_questions"], c["marketing_comments"]),
        "marketing_median_response_s": nearest_rank(np.sort(answered.loc[answered["marketing"] == 1, "s"].to_numpy()),
                                                    0.5),
    }


def week_values(engine: Engine, settings: Settings, f: Filters, weeks: list[Week],
                as_of: datetime) -> list[dict[str, Optional[float]]]:
    """The KPIs of each of several consecutive weeks (newest first): a count query per week and
    one read of the answered posts of all of them (percentiles and SLA)."""
    policy = SlaPolicy.from_settings(settings)
    expired_before = _expired_before(policy, as_of)
    answered = _answered(engine, policy, f, weeks)
    return [_week_values(_counts(engine, week_filter(f, w), expired_before), answered[answered["week"] == i])
            for i, w in enumerate(weeks)]


def weekly_metrics(engine: Engine, settings: Settings, f: Filters, week: Week,
                   as_of: datetime) -> dict[str, Metric]:
    """The week's KPIs with deltas vs. the previous week and vs. the mean of the 4 weeks before."""
    current, *earlier = week_values(engine, settings, f, [week.shifted(-i) for i in range(AVERAGE_WEEKS + 1)],
                                    as_of)
    # Weeks before data collection started would drag the average to zero; skip them.
    with_data = [w for w in earlier if w["mentions"]]
    result = {}
    for key in KPI_KEYS:
        values = [w[key] for w in with_data if w[key] is not None]
        result[key] = Metric(key, current[key], earlier[0][key] if earlier[0]["mentions"] else None,
                             sum(values) / len(values) if values else None, len(values))
    return result
