"""Read-side queries for the pages: aggregate in SQL, return small DataFrames or dicts."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Optional, Sequence
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from sqlalchemy import Engine, and_, case, exists, func, not_, select, true
from sqlalchemy.sql import ColumnElement, Select

from lawine.store import schema
from lawine.store.queue_writes import CLOSING as CLOSING_ACTIONS
from lawine.store.writer import from_ts, to_ts

M = schema.mentions
Q = schema.queue_actions
OPEN_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the view to; empty tuples mean 'all'."""

    brands: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    start: Optional[datetime] = None
    end: Optional[datetime] = None

    def between(self, start: Optional[datetime], end: Optional[datetime]) -> "Filters":
        return Filters(self.brands, self.sources, self.channels, self.langs, start, end)


def where(f: Filters, table=M) -> list[ColumnElement]:
    clauses: list[ColumnElement] = []
    for values, column in ((f.brands, table.c.brand), (f.sources, table.c.source),
                           (f.channels, table.c.channel), (f.langs, table.c.lang)):
        if values:
            clauses.append(column.in_(list(values)))
    if f.start is not None:
        clauses.append(table.c.created_ts >= to_ts(f.start))
    if f.end is not None:
        clauses.append(table.c.created_ts < to_ts(f.end))
    return clauses


def frame(engine: Engine, query: Select) -> pd.DataFrame:
    """Run a select and return its rows as a DataFrame."""
    with engine.connect() as conn:
        result = conn.execute(query)
        # Plain tuples: building a frame from SQLAlchemy Row objects is ~10x slower.
        return pd.DataFrame([tuple(r) for r in result.fetchall()], columns=list(result.keys()))


def plain_frame(engine: Engine, query: Select) -> pd.DataFrame:
    """`frame` for many rows of plain numbers and text (the answered posts of a month, say): the
    driver's rows go into numpy column by column, without a SQLAlchemy row object per row (about
    0.1 s less per 100,000 rows). Values come as the driver gives them: select flags as 0/1."""
    with engine.connect() as conn:
        result = conn.execute(query)
        names, rows = list(result.keys()), result.cursor.fetchall()
    if not rows:
        return pd.DataFrame(columns=names)
    return pd.DataFrame({name: np.array(values) for name, values in zip(names, zip(*rows))})


def _bucket(bucket_s: int):
    return (M.c.created_ts - (M.c.created_ts % bucket_s)).label("bucket_ts")


def _with_time(df: pd.DataFrame, column: str = "bucket_ts", name: str = "bucket") -> pd.DataFrame:
    df[name] = pd.to_datetime(df.pop(column).astype("int64"), unit="s", utc=True)
    return df


def customer() -> ColumnElement:
    return M.c.is_own.is_(False)


def closed_ids() -> Select:
    """Mentions whose latest status action closed them (a later reopen undoes a close)."""
    later = Q.alias("later")
    reopened = exists().where(later.c.mention_id == Q.c.mention_id, later.c.action == "reopen",
                              later.c.id > Q.c.id)
    return select(Q.c.mention_id).where(Q.c.action.in_(CLOSING_ACTIONS), not_(reopened))


def open_request() -> ColumnElement:
    """A customer post that needs a reply, has none, and nobody closed it in the queue."""
    return and_(customer(), M.c.needs_reply.is_(True), M.c.first_reply_ts.is_(None),
                M.c.answered_by_community.is_(False), M.c.id.not_in(closed_ids()))


# --- mention lists ---------------------------------------------------------

def mention_bounds(engine: Engine) -> tuple[Optional[datetime], Optional[datetime], int]:
    # Three subqueries, not one select: min and max alone are single index lookups, and the count
    # scans the smallest index; together they would scan every row for min and max.
    one = lambda agg: select(agg).select_from(M).scalar_subquery()  # noqa: E731
    with engine.connect() as conn:
        lo, hi, n = conn.execute(select(one(func.min(M.c.created_ts)), one(func.max(M.c.created_ts)),
                                        one(func.count()))).one()
    return from_ts(lo), from_ts(hi), int(n)


INDEX_LED = ("brand", "source", "channel", "lang")  # each is the first column of an index (schema.py)


def distinct_values(engine: Engine, column: str) -> list[str]:
    """Sorted distinct non-null values; for an index-led column one index seek per value."""
    col = M.c[column]
    if column not in INDEX_LED:
        q = select(col).where(col.is_not(None)).distinct().order_by(col)
    else:
        # A loose index scan: each step asks for the next bigger value, so listing the few
        # brands of 1M mentions costs a handful of seeks instead of a scan of the table.
        seen = select(func.min(col).label("v")).cte("seen", recursive=True)
        following = select(func.min(col)).where(col > seen.c.v).scalar_subquery()
        seen = seen.union_all(select(following).where(seen.c.v.is_not(None)))
        q = select(seen.c.v).where(seen.c.v.is_not(None)).order_by(seen.c.v)
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(q)]


def latest_mentions(engine: Engine, f: Filters, limit: int = 50) -> pd.DataFrame:
    cols = [M.c.id, M.c.created_ts, M.c.source, M.c.channel, M.c.brand, M.c.kind, M.c.author_name,
            M.c.text, M.c.lang, M.c.sentiment, M.c.sentiment_label, M.c.intent, M.c.needs_reply,
            M.c.sensitive, M.c.is_own, M.c.url, M.c.likes, M.c.replies]
    q = select(*cols).where(*where(f)).order_by(M.c.created_ts.desc(), M.c.id.desc()).limit(limit)
    return _with_time(frame(engine, q), "created_ts", "created_at")


# --- timelines ---------------------------------------------------------------

def volume_timeline(engine: Engine, f: Filters, bucket_s: int = 3600, by: str = "source") -> pd.DataFrame:
    """Mentions per time bucket and group (source, channel or brand), in UTC."""
    group = M.c[by]
    q = (select(_bucket(bucket_s), group.label(by), func.count().label("mentions"))
         .where(*where(f)).group_by("bucket_ts", group).order_by("bucket_ts"))
    return _with_time(frame(engine, q))


def sentiment_timeline(engine: Engine, f: Filters, bucket_s: int = 3600) -> pd.DataFrame:
    """Per bucket: counts per sentiment label, the mean compound score of customer posts, and the
    mean of the day up to each bucket (`mean_24h`), which also reads the day before the range, so
    the line is right from the range's first bucket."""
    df = _sentiment_buckets(engine, f, bucket_s)
    if f.start is None or df.empty:
        df["mean_24h"] = trailing_mean(df, "mean_sentiment", "scored", "24h")
        return df
    lead = _sentiment_buckets(engine, f.between(f.start - timedelta(hours=24), f.start), bucket_s)
    # Lead rows first: a bucket split by the range's start then counts both parts at its own row.
    both = pd.concat([lead.assign(_lead=True), df.assign(_lead=False)], ignore_index=True)
    both = both.sort_values("bucket", kind="stable").reset_index(drop=True)
    both["mean_24h"] = trailing_mean(both, "mean_sentiment", "scored", "24h")
    return both[~both.pop("_lead")].reset_index(drop=True)


def _sentiment_buckets(engine: Engine, f: Filters, bucket_s: int) -> pd.DataFrame:
    label = M.c.sentiment_label
    q = (select(
        _bucket(bucket_s),
        func.sum(case((label == "negative", 1), else_=0)).label("negative"),
        func.sum(case((label == "neutral", 1), else_=0)).label("neutral"),
        func.sum(case((label == "positive", 1), else_=0)).label("positive"),
        func.avg(M.c.sentiment).label("mean_sentiment"),
        func.count(M.c.sentiment).label("scored"),
    ).where(customer(), *where(f)).group_by("bucket_ts").order_by("bucket_ts"))
    df = _with_time(frame(engine, q))
    for col in ("negative", "neutral", "positive", "scored"):
        df[col] = df[col].astype("int64")
    return df


def trailing_mean(df: pd.DataFrame, mean: str, weight: str, window: str) -> pd.Series:
    """The mean over the `window` up to each bucket, from per-bucket means and their counts.

    An hour at night holds a handful of posts, so hourly means jump; the trailing day's mean
    shows the trend a team acts on, and uses no bucket after the one it is drawn at.
    """
    if df.empty:
        return pd.Series(dtype="float64")
    timed = df.set_index("bucket")
    total = (timed[mean].fillna(0.0) * timed[weight]).rolling(window).sum()
    count = timed[weight].rolling(window).sum()
    return pd.Series((total / count.where(count > 0)).to_numpy(), index=df.index)


def resample_local(df: pd.DataFrame, tz: str, freq: str, value_cols: Sequence[str],
                   by: Optional[str] = None) -> pd.DataFrame:
    """Re-bucket small hourly SQL results to local days/weeks (DST-correct, done after SQL)."""
    if df.empty:
        return df
    local = df.assign(bucket=df["bucket"].dt.tz_convert(tz))
    keys = [pd.Grouper(key="bucket", freq=freq)] + ([by] if by else [])
    return local.groupby(keys)[list(value_cols)].sum().reset_index()


# --- percentiles in SQL --------------------------------------------------------

def percentile(engine: Engine, values: Select, q: float) -> Optional[float]:
    """The q-quantile (nearest rank) of a one-column select, via ORDER BY/OFFSET on any backend."""
    sub = values.subquery()
    col = list(sub.c)[0]
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(sub).where(col.is_not(None))).scalar_one()
        if not n:
            return None
        # Nearest rank, the ceil(q*n)-th smallest, in integer per mille so float rounding
        # cannot move it (0.9 * 10 is 9.000000000000002 in floats).
        rank = min(n, max(1, -(-n * round(q * 1000) // 1000)))
        v = conn.execute(select(col).where(col.is_not(None)).order_by(col).offset(rank - 1).limit(1)).scalar_one()
    return float(v)


def nearest_rank(ordered: np.ndarray, q: float) -> Optional[float]:
    """`percentile` for values already read: the ceil(q·n)-th of sorted values, same integer rank."""
    n = len(ordered)
    return float(ordered[min(n, max(1, -(-n * round(q * 1000) // 1000))) - 1]) if n else None


def first_response_seconds(f: Filters) -> Select:
    """Seconds from a customer post to our first reply, for answered posts in the filter."""
    return select((M.c.first_reply_ts - M.c.created_ts).label("seconds")).where(
        customer(), M.c.first_reply_ts.is_not(None), *where(f))


# --- KPI tiles ---------------------------------------------------------------

@dataclass
class Kpis:
    mentions_today: int
    mentions_usual: float  # mean of the same weekday, same time of day, over the last weeks
    weeks_compared: int
    share_negative_today: Optional[float]
    share_negative_usual: Optional[float]
    open_requests: int
    median_first_response_today_s: Optional[float]
    median_first_response_usual_s: Optional[float]
    day_start: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


def _count_and_negative(engine: Engine, f: Filters) -> tuple[int, int, int]:
    """All mentions, negative customer posts, all customer posts."""
    q = select(func.count(), func.coalesce(func.sum(case(
        (and_(customer(), M.c.sentiment_label == "negative"), 1), else_=0)), 0),
        func.coalesce(func.sum(case((customer(), 1), else_=0)), 0)).where(*where(f))
    with engine.connect() as conn:
        total, negative, customers = conn.execute(q).one()
    return int(total), int(negative), int(customers)


def kpis(engine: Engine, f: Filters, now: datetime, tz: str, weeks: int = 4) -> Kpis:
    """Today (local midnight until now) against the same weekday and time in earlier weeks."""
    local_now = now.astimezone(ZoneInfo(tz))
    day_start = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    today = f.between(day_start, now)
    total, negative, customers = _count_and_negative(engine, today)
    past = []
    for w in range(1, weeks + 1):
        start = (day_start - timedelta(weeks=w))
        past.append(_count_and_negative(engine, f.between(start, start + (now - day_start))))
    past = [p for p in past if p[0] > 0]
    usual_total = sum(p[0] for p in past) / len(past) if past else 0.0
    usual_customers = sum(p[2] for p in past)
    # The backlog that still matters: older unanswered posts are history, not work.
    recent = f.between(now - timedelta(days=OPEN_WINDOW_DAYS), now)
    with engine.connect() as conn:
        open_n = conn.execute(select(func.count()).where(open_request(), *where(recent))).scalar_one()
    usual_window = f.between(day_start - timedelta(weeks=weeks), day_start)
    return Kpis(
        mentions_today=total, mentions_usual=usual_total, weeks_compared=len(past),
        share_negative_today=negative / customers if customers else None,
        share_negative_usual=(sum(p[1] for p in past) / usual_customers) if usual_customers else None,
        open_requests=int(open_n),
        median_first_response_today_s=percentile(engine, first_response_seconds(today), 0.5),
        median_first_response_usual_s=percentile(engine, first_response_seconds(usual_window), 0.5),
        day_start=day_start,
    )


def count(engine: Engine, *clauses: ColumnElement) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(M).where(*(clauses or (true(),)))).scalar_one())


__all__ = [
    "Filters", "Kpis", "closed_ids", "count", "customer", "distinct_values", "first_response_seconds", "frame",
    "kpis", "latest_mentions", "mention_bounds", "nearest_rank", "open_request", "percentile", "plain_frame",
    "resample_local", "sentiment_timeline", "trailing_mean", "volume_timeline", "where",
]
