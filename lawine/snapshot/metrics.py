"""Weekly KPIs aggregated in SQL: volume, sentiment, marketing-page questions, response times, SLA."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional

import numpy as np
from sqlalchemy import Engine, and_, case, func, or_, select
from sqlalchemy.sql import ColumnElement

from lawine.business_hours import BusinessCalendar, business_seconds_many
from lawine.config import Settings
from lawine.queries import Filters, customer, first_response_seconds, open_request, percentile, where
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


def _counts(engine: Engine, fw: Filters) -> dict[str, float]:
    label, answered = M.c.sentiment_label, M.c.first_reply_ts.is_not(None)

    def n(cond: ColumnElement):
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    q = select(
        func.count().label("mentions"), n(label == "negative").label("negative"),
        n(label == "positive").label("positive"), n(label.is_not(None)).label("labelled"),
        func.avg(M.c.sentiment).label("mean_sentiment"),
        n(M.c.on_marketing_post.is_(True)).label("marketing_comments"),
        n(marketing_question()).label("marketing_questions"),
        n(M.c.needs_reply.is_(True)).label("support_requests"),
        n(and_(M.c.needs_reply.is_(True), answered)).label("answered"),
    ).where(customer(), *where(fw))
    with engine.connect() as conn:
        row = conn.execute(q).one()._mapping
    return {k: (float(v) if v is not None else None) for k, v in row.items()}


def _marketing_response(fw: Filters):
    return select((M.c.first_reply_ts - M.c.created_ts).label("seconds")).where(
        marketing_question(), M.c.first_reply_ts.is_not(None), *where(fw))


def sla_counts(engine: Engine, settings: Settings, fw: Filters, week: Week, as_of: datetime) -> tuple[int, int]:
    """(met, due): requests answered within the SLA, and requests whose SLA is answered or expired.

    A request still open whose clock has not run out yet is not due; one answered by the community
    or closed in the queue without a reply of ours no longer waits for us and is left out. The
    week's (created, replied) pairs come from SQL; business time is counted in numpy.
    """
    limit_s = settings.sla.first_response_minutes * 60
    q = select(M.c.created_ts, M.c.first_reply_ts).where(
        customer(), M.c.needs_reply.is_(True), or_(M.c.first_reply_ts.is_not(None), open_request()), *where(fw))
    with engine.connect() as conn:
        pairs = np.array([(c, r if r is not None else -1) for c, r in conn.execute(q)], dtype=float).reshape(-1, 2)
    created, replied = pairs[:, 0], pairs[:, 1]
    answered = replied >= 0
    until = np.where(answered, replied, float(to_ts(as_of)))
    if settings.sla.business_hours_only:
        elapsed = business_seconds_many(BusinessCalendar.from_team(settings.team), created, until)
    else:
        elapsed = np.maximum(until - created, 0.0)
    met = int(np.sum(answered & (elapsed <= limit_s)))
    due = int(np.sum(answered | (elapsed > limit_s)))
    return met, due


def week_values(engine: Engine, settings: Settings, f: Filters, week: Week,
                as_of: datetime) -> dict[str, Optional[float]]:
    """Every KPI of one week as a plain number (None where there is nothing to divide by)."""
    fw = week_filter(f, week)
    c = _counts(engine, fw)
    met, due = sla_counts(engine, settings, fw, week, as_of)
    return {
        "mentions": c["mentions"],
        "share_negative": _share(c["negative"], c["labelled"]),
        "share_positive": _share(c["positive"], c["labelled"]),
        "mean_sentiment": c["mean_sentiment"],
        "support_requests": c["support_requests"],
        "answered_share": _share(c["answered"], c["support_requests"]),
        "median_response_s": percentile(engine, first_response_seconds(fw), 0.5),
        "p90_response_s": percentile(engine, first_response_seconds(fw), 0.9),
        "sla_compliance": _share(met, due),
        "marketing_questions": c["marketing_questions"],
        "marketing_question_share": _share(c["marketing_questions"], c["marketing_comments"]),
        "marketing_median_response_s": percentile(engine, _marketing_response(fw), 0.5),
    }


def weekly_metrics(engine: Engine, settings: Settings, f: Filters, week: Week,
                   as_of: datetime) -> dict[str, Metric]:
    """The week's KPIs with deltas vs. the previous week and vs. the mean of the 4 weeks before."""
    current = week_values(engine, settings, f, week, as_of)
    earlier = [week_values(engine, settings, f, week.shifted(-i), as_of) for i in range(1, AVERAGE_WEEKS + 1)]
    # Weeks before data collection started would drag the average to zero; skip them.
    with_data = [w for w in earlier if w["mentions"]]
    result = {}
    for key in KPI_KEYS:
        values = [w[key] for w in with_data if w[key] is not None]
        result[key] = Metric(key, current[key], earlier[0][key] if earlier[0]["mentions"] else None,
                             sum(values) / len(values) if values else None, len(values))
    return result
