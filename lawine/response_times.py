"""First-response times, SLA compliance, arrival/answer rhythm, backlog forecast and a satisfaction proxy.

Definitions (all counted over customer posts, i.e. not our own):
- answered: a post with a reply from one of our handles; its first-response time is
  `first_reply_ts - created_ts` (the store keeps the earliest own reply).
- unanswered: a post that needs a reply (`needs_reply`) and has none from us.
- answered_share: of the posts that need a reply, the share we answered.
- SLA met: first response within `sla.first_response_minutes`, measured twice: wall-clock
  and in business hours (the team calendar). `sla_met_share` is the one the settings pick.
- Percentiles are nearest-rank (the ceil(q·n)-th smallest value) computed per group in SQL
  with window functions, so only a few rows per group leave the database.

Business-hours elapsed time for many rows: wall-clock time is an upper bound of business
time, so every post answered within the target in wall-clock time also met it in business
hours; SQL counts those. Only the (created_ts, first_reply_ts) pairs of the remaining answered
posts are fetched and converted with `business_seconds_many`, a vectorised numpy version of
`BusinessCalendar.business_seconds` (cumulative open seconds over the calendar's open intervals).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from sqlalchemy import Engine, and_, case, func, literal, literal_column, or_, select
from sqlalchemy.sql import ColumnElement

from lawine.business_hours import BusinessCalendar, business_seconds_many
from lawine.config import Settings
from lawine.queries import OPEN_WINDOW_DAYS, Filters, customer, frame, open_request, where
from lawine.store import schema
from lawine.store.writer import to_ts

M = schema.mentions
HOUR, DAY, WEEK = 3600, 86_400, 7 * 86_400
GROUPS = ("brand", "channel", "source", "day", "week", "all")
STAT_COLUMNS = ("answered", "median_first_response_s", "p90_first_response_s", "unanswered",
                "answered_share", "sla_met_share_business", "sla_met_share_wall", "sla_met_share")
LABEL_RANK = {"negative": 0, "neutral": 1, "positive": 2}
ANSWER_LOOKBACK_DAYS = 14  # first replies later than this after the post are not counted as answers by hour


@dataclass(frozen=True)
class SlaPolicy:
    """The first-response target and the clock it runs on."""

    calendar: BusinessCalendar
    target_s: int = 3600
    business_hours_only: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> "SlaPolicy":
        return cls(BusinessCalendar.from_team(settings.team), settings.sla.first_response_minutes * 60,
                   settings.sla.business_hours_only)

    def elapsed_many(self, start_ts, end_ts) -> np.ndarray:
        """Seconds on the SLA clock between each pair of epoch seconds."""
        start, end = np.asarray(start_ts, dtype=float), np.asarray(end_ts, dtype=float)
        if self.business_hours_only:
            return business_seconds_many(self.calendar, start, end)
        return np.maximum(end - start, 0.0)


# --- local day/week keys in SQL ----------------------------------------------------

def offset_segments(tz: ZoneInfo, lo: int, hi: int) -> list[tuple[int, int]]:
    """[(from_ts, utc_offset_s)] covering lo..hi: daily samples, each switch pinned by bisection."""
    def off(ts: int) -> int:
        return int(datetime.fromtimestamp(ts, tz).utcoffset().total_seconds())

    segments = [(lo, off(lo))]
    ts = lo
    while ts < hi:
        nxt = min(ts + DAY, hi)
        if off(nxt) != segments[-1][1]:
            a, b = ts, nxt  # off(a) is the old offset, off(b) the new one
            while b - a > 1:
                mid = (a + b) // 2
                a, b = (mid, b) if off(mid) == segments[-1][1] else (a, mid)
            segments.append((b, off(b)))
        ts = nxt
    return segments


def local_key(col, by: str, tz: ZoneInfo, lo: int, hi: int) -> ColumnElement:
    """Start of the local day or week (Monday) as 'local epoch' seconds, exact across DST switches."""
    segments = offset_segments(tz, lo, hi)
    offset = literal(segments[0][1]) if len(segments) == 1 else case(
        *[(col < nxt[0], cur[1]) for cur, nxt in zip(segments, segments[1:])], else_=segments[-1][1])
    local = col + offset
    if by == "day":
        return local - local % DAY
    return local - (local + 3 * DAY) % WEEK  # 1970-01-01 was a Thursday; weeks start on Monday


def _window(engine: Engine, f: Filters) -> tuple[int, int]:
    lo, hi = to_ts(f.start), to_ts(f.end)
    if lo is None or hi is None:
        with engine.connect() as conn:
            mn, mx = conn.execute(select(func.min(M.c.created_ts), func.max(M.c.created_ts))
                                  .where(customer(), *where(f))).one()
        now = int(datetime.now(timezone.utc).timestamp())
        lo = lo if lo is not None else (mn if mn is not None else now)
        hi = hi if hi is not None else (mx + 1 if mx is not None else now)
    return int(lo), int(hi)


def group_expr(engine: Engine, f: Filters, by: str, tz: str) -> ColumnElement:
    if by not in GROUPS:
        raise ValueError(f"group by one of {GROUPS}, not {by!r}")
    if by == "all":
        return literal_column("'all'")  # a constant, not a bind parameter: PostgreSQL can group on it
    if by in ("day", "week"):
        lo, hi = _window(engine, f)
        return local_key(M.c.created_ts, by, ZoneInfo(tz), lo, hi)
    return M.c[by]


# --- first-response statistics ---------------------------------------------------------

def _elapsed():
    return M.c.first_reply_ts - M.c.created_ts


def _rank_is(rn, n, q: float) -> ColumnElement:
    """rn is the nearest rank ceil(q·n), in integer arithmetic (per mille) so floats cannot tip it."""
    q_pm = int(round(q * 1000))
    return and_(rn * 1000 >= n * q_pm, (rn - 1) * 1000 < n * q_pm)


def _percentiles(engine: Engine, f: Filters, grp: ColumnElement) -> pd.DataFrame:
    inner = select(grp.label("grp"), _elapsed().label("s")).where(
        customer(), M.c.first_reply_ts.is_not(None), *where(f)).subquery()
    ranked = select(inner.c.grp, inner.c.s,
                    func.row_number().over(partition_by=inner.c.grp, order_by=inner.c.s).label("rn"),
                    func.count().over(partition_by=inner.c.grp).label("n")).subquery()
    is_med, is_p90 = _rank_is(ranked.c.rn, ranked.c.n, 0.5), _rank_is(ranked.c.rn, ranked.c.n, 0.9)
    q = (select(ranked.c.grp, func.max(case((is_med, ranked.c.s))).label("median_first_response_s"),
                func.max(case((is_p90, ranked.c.s))).label("p90_first_response_s"))
         .where(or_(is_med, is_p90)).group_by(ranked.c.grp))
    return frame(engine, q)


def _counts(engine: Engine, f: Filters, grp: ColumnElement, target_s: int) -> pd.DataFrame:
    answered = M.c.first_reply_ts.is_not(None)
    needing = M.c.needs_reply.is_(True)
    inner = select(
        grp.label("grp"),
        case((answered, 1), else_=0).label("a"),
        case((and_(needing, M.c.first_reply_ts.is_(None)), 1), else_=0).label("u"),
        case((and_(needing, answered), 1), else_=0).label("na"),
        case((and_(answered, _elapsed() <= target_s), 1), else_=0).label("w"),
    ).where(customer(), *where(f)).subquery()
    q = select(inner.c.grp, func.sum(inner.c.a).label("answered"), func.sum(inner.c.u).label("unanswered"),
               func.sum(inner.c.na).label("needing_answered"), func.sum(inner.c.w).label("met_wall"),
               ).group_by(inner.c.grp)
    return frame(engine, q)


def _late_business_met(engine: Engine, f: Filters, grp: ColumnElement, policy: SlaPolicy) -> pd.Series:
    """Per group: posts late on the wall clock that still met the target in business hours."""
    q = select(grp.label("grp"), M.c.created_ts, M.c.first_reply_ts).where(
        customer(), M.c.first_reply_ts.is_not(None), _elapsed() > policy.target_s, *where(f))
    late = frame(engine, q)
    if late.empty:
        return pd.Series(dtype="int64")
    business = business_seconds_many(policy.calendar, late["created_ts"], late["first_reply_ts"])
    return late.assign(ok=business <= policy.target_s).groupby("grp")["ok"].sum().astype("int64")


def first_response_stats(engine: Engine, f: Filters, policy: SlaPolicy, by: str = "brand",
                         tz: Optional[str] = None) -> pd.DataFrame:
    """One row per group (brand, channel, source, local day, local week or 'all') with STAT_COLUMNS."""
    tz = tz or str(policy.calendar.tz)
    grp = group_expr(engine, f, by, tz)
    counts = _counts(engine, f, grp, policy.target_s)
    if counts.empty:
        return pd.DataFrame(columns=[by, *STAT_COLUMNS])
    df = counts.merge(_percentiles(engine, f, grp), on="grp", how="left")
    late_ok = _late_business_met(engine, f, grp, policy)
    for col in ("answered", "unanswered", "needing_answered", "met_wall"):
        df[col] = df[col].astype("int64")
    met_business = df["met_wall"] + df["grp"].map(late_ok).fillna(0).astype("int64")
    answered = df["answered"].where(df["answered"] > 0)
    needing = (df["needing_answered"] + df["unanswered"]).where(lambda s: s > 0)
    df["answered_share"] = df["needing_answered"] / needing
    df["sla_met_share_business"] = met_business / answered
    df["sla_met_share_wall"] = df["met_wall"] / answered
    df["sla_met_share"] = df["sla_met_share_business" if policy.business_hours_only else "sla_met_share_wall"]
    if by in ("day", "week"):
        df["grp"] = [datetime.fromtimestamp(int(v), timezone.utc).date().isoformat() for v in df["grp"]]
    df = df.rename(columns={"grp": by}).sort_values(by).reset_index(drop=True)
    return df[[by, *STAT_COLUMNS]]


# --- arrivals vs. answers per hour of week ------------------------------------------------

def _hourly(engine: Engine, ts_col, *clauses: ColumnElement) -> pd.DataFrame:
    bucket = (ts_col - ts_col % HOUR).label("bucket_ts")
    q = select(bucket, func.count().label("n")).where(*clauses).group_by("bucket_ts")
    df = frame(engine, q)
    df["bucket"] = pd.to_datetime(df.pop("bucket_ts").astype("int64"), unit="s", utc=True)
    return df


def hourly_arrivals_answers(engine: Engine, f: Filters) -> pd.DataFrame:
    """UTC hours with arrivals (posts needing a reply, by creation) and answers (our first replies)."""
    needing = (customer(), M.c.needs_reply.is_(True))
    arrivals = _hourly(engine, M.c.created_ts, *needing, *where(f))
    # Answers count by reply time; posts older than the lookback are left out so the created_ts
    # index narrows the scan (there is no index on first_reply_ts).
    no_dates = f.between(f.start - timedelta(days=ANSWER_LOOKBACK_DAYS) if f.start else None, None)
    in_window = [c for c in ((M.c.first_reply_ts >= to_ts(f.start)) if f.start else None,
                             (M.c.first_reply_ts < to_ts(f.end)) if f.end else None) if c is not None]
    answers = _hourly(engine, M.c.first_reply_ts, *needing, M.c.first_reply_ts.is_not(None),
                      *where(no_dates), *in_window)
    df = arrivals.rename(columns={"n": "arrivals"}).merge(
        answers.rename(columns={"n": "answers"}), on="bucket", how="outer").fillna(0)
    return df.astype({"arrivals": "int64", "answers": "int64"}).sort_values("bucket").reset_index(drop=True)


def _how(times: pd.Series, tz: str) -> pd.DataFrame:
    local = times.dt.tz_convert(tz)
    return pd.DataFrame({"weekday": local.dt.day_of_week, "hour": local.dt.hour})


def hour_of_week(engine: Engine, f: Filters, tz: str) -> pd.DataFrame:
    """168 rows (weekday 0=Mon, local hour): totals and per-week means of arrivals and answers.

    SQL groups by UTC hour; the local mapping happens here so DST is right. In zones with
    half-hour offsets an hour bucket lands on the local hour it starts in.
    """
    lo, hi = _window(engine, f)
    hours = pd.date_range(pd.Timestamp(lo - lo % HOUR, unit="s", tz="UTC"),
                          pd.Timestamp(hi, unit="s", tz="UTC"), freq="h", inclusive="left")
    grid = _how(pd.Series(hours), tz).value_counts().rename("weeks").reset_index()
    full = pd.MultiIndex.from_product([range(7), range(24)], names=["weekday", "hour"]).to_frame(index=False)
    out = full.merge(grid, on=["weekday", "hour"], how="left")
    hourly = hourly_arrivals_answers(engine, f)
    if not hourly.empty:
        counted = pd.concat([_how(hourly["bucket"], tz), hourly[["arrivals", "answers"]]], axis=1)
        out = out.merge(counted.groupby(["weekday", "hour"], as_index=False).sum(), on=["weekday", "hour"], how="left")
    out = out.reindex(columns=["weekday", "hour", "weeks", "arrivals", "answers"]).fillna(0)
    out = out.astype({"weeks": "int64", "arrivals": "int64", "answers": "int64"})
    per = out["weeks"].where(out["weeks"] > 0)
    out["arrivals_per_week"] = (out["arrivals"] / per).fillna(0.0)
    out["answers_per_week"] = (out["answers"] / per).fillna(0.0)
    out["difference_per_week"] = out["answers_per_week"] - out["arrivals_per_week"]
    return out


# --- backlog now and its forecast -----------------------------------------------------

@dataclass
class Backlog:
    open_now: int
    arrivals_24h: int
    expected_24h: float
    level: float  # last 24h arrivals relative to the usual for those hours of the week
    forecast: pd.DataFrame  # time, arrivals, answers, backlog (first row: now)


def backlog_forecast(engine: Engine, f: Filters, now: datetime, tz: str, hours: int = 8, weeks: int = 4,
                     window_days: int = OPEN_WINDOW_DAYS) -> Backlog:
    """Open requests now, then per coming hour: + expected arrivals - usual answers, floored at 0.

    Expected arrivals at an hour of the week = the mean over the last `weeks` weeks at that
    hour of the week, scaled by how busy the last 24 hours were against that same profile
    (an ongoing surge raises the whole forecast). Answers = the mean number of first replies
    the team sent at that hour of the week: the capacity we usually have then.
    """

    start = now - timedelta(weeks=weeks)
    profile = hour_of_week(engine, f.between(start, now), tz).set_index(["weekday", "hour"])
    recent = f.between(now - timedelta(days=window_days), now)
    with engine.connect() as conn:
        open_now = int(conn.execute(select(func.count()).where(open_request(), *where(recent))).scalar_one())
        arrivals_24h = int(conn.execute(select(func.count()).where(
            customer(), M.c.needs_reply.is_(True), *where(f.between(now - timedelta(hours=24), now)))).scalar_one())
    last_day = pd.Series(pd.date_range(now - timedelta(hours=24), periods=24, freq="h"))
    expected = float(sum(profile.loc[(d, h), "arrivals_per_week"]
                         for d, h in _how(last_day, tz).itertuples(index=False)))
    level = arrivals_24h / expected if expected > 0 else 1.0
    slots = pd.Series(pd.date_range(now, periods=hours, freq="h"))
    rows, backlog = [{"time": now, "arrivals": 0.0, "answers": 0.0, "backlog": float(open_now)}], float(open_now)
    for slot, (d, h) in zip(slots, _how(slots, tz).itertuples(index=False)):
        arr = level * profile.loc[(d, h), "arrivals_per_week"]
        ans = float(profile.loc[(d, h), "answers_per_week"])
        backlog = max(0.0, backlog + arr - ans)
        rows.append({"time": slot + pd.Timedelta(hours=1), "arrivals": arr, "answers": ans, "backlog": backlog})
    return Backlog(open_now, arrivals_24h, expected, level, pd.DataFrame(rows))


# --- satisfaction proxy -------------------------------------------------------------------

def satisfaction_pairs(f: Filters):
    """Each answered post (before) with the same author's last later message in the thread (after).

    The customer's latest message in a thread is "after our reply" exactly when its time is
    past our first reply, so SQL ranks each (thread, author)'s messages once (window function)
    and joins the latest to the answered posts: no per-post correlated search, which would scan
    long threads (comments under a marketing post) again for every post.
    """
    R = M.alias("r")
    since = [R.c.created_ts >= to_ts(f.start)] if f.start is not None else []
    ranked = select(R.c.thread_id, R.c.author_id, R.c.created_ts, R.c.sentiment, R.c.sentiment_label,
                    func.row_number().over(partition_by=(R.c.thread_id, R.c.author_id),
                                           order_by=(R.c.created_ts.desc(), R.c.id.desc())).label("rn")
                    ).where(R.c.is_own.is_(False), R.c.sentiment.is_not(None), *since).subquery()
    last = select(ranked).where(ranked.c.rn == 1).subquery()
    return (select(M.c.brand, M.c.source, M.c.channel, M.c.sentiment.label("before"),
                   M.c.sentiment_label.label("before_label"), last.c.sentiment.label("after"),
                   last.c.sentiment_label.label("after_label"))
            # `|| ''` keeps SQLite off the author/thread indexes (a prolific author or a long marketing
            # thread makes those lookups slow); it joins via an automatic index on `last` instead.
            .select_from(M.join(last, and_(last.c.thread_id == M.c.thread_id.concat(""),
                                           last.c.author_id == M.c.author_id.concat(""))))
            .where(customer(), M.c.first_reply_ts.is_not(None), M.c.sentiment.is_not(None),
                   last.c.created_ts > M.c.first_reply_ts, *where(f)).subquery())


def satisfaction(engine: Engine, f: Filters, by: str = "brand") -> pd.DataFrame:
    """Per group (brand, source, channel or 'all'): pairs, mean sentiment before/after, label moves."""
    p = satisfaction_pairs(f)
    rank = lambda col: case(*[(col == k, v) for k, v in LABEL_RANK.items()], else_=1)  # noqa: E731
    step = rank(p.c.after_label) - rank(p.c.before_label)
    key = literal_column("'all'") if by == "all" else p.c[by]
    q = select(key.label(by), func.count().label("pairs"), func.avg(p.c.before).label("before_mean"),
               func.avg(p.c.after).label("after_mean"),
               func.sum(case((step > 0, 1), else_=0)).label("improved"),
               func.sum(case((step < 0, 1), else_=0)).label("worsened"))
    df = frame(engine, q if by == "all" else q.group_by(key))
    df = df[df["pairs"] > 0] if not df.empty else df
    if df.empty:
        return pd.DataFrame(columns=[by, "pairs", "before_mean", "after_mean", "change_mean",
                                     "improved_share", "worsened_share"])
    df = df.astype({"pairs": "int64", "before_mean": "float64", "after_mean": "float64"})
    df["change_mean"] = df["after_mean"] - df["before_mean"]
    df["improved_share"] = df.pop("improved").astype("int64") / df["pairs"]
    df["worsened_share"] = df.pop("worsened").astype("int64") / df["pairs"]
    return df.sort_values(by).reset_index(drop=True)


def satisfaction_total(groups: pd.DataFrame) -> Optional[pd.Series]:
    """All groups in one row, exactly (means and shares weighted by pairs): saves a second query."""
    if groups.empty:
        return None
    w = groups["pairs"]
    total = {"pairs": int(w.sum())}
    for col in ("before_mean", "after_mean", "change_mean", "improved_share", "worsened_share"):
        total[col] = float((groups[col] * w).sum() / w.sum())
    return pd.Series(total)

