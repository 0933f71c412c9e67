"""First-response times, SLA compliance, arrival/answer rhythm, backlog forecast and a satisfaction proxy.

Definitions (all counted over customer posts, i.e. not our own):
- answered: a post with a reply from one of our handles; its first-response time is
  `first_reply_ts - created_ts` (the store keeps the earliest own reply).
- unanswered: a post that needs a reply (`needs_reply`) and has none from us.
- answered_share: of the posts that need a reply, the share we answered.
- SLA met: first response within `sla.first_response_minutes`, measured twice: wall-clock
  and in business hours (the team calendar). `sla_met_share` is the one the settings pick.
- Percentiles are nearest-rank (the ceil(q·n)-th smallest value).

Every grouping comes from two queries (see `first_response_stats_by`): a GROUP BY over the
finest keys counts posts and unanswered requests, and the answered posts of the filter are read
once as (keys, created_ts, first_reply_ts) for the percentiles and the SLA, which do not add up
across groups. Business-hours elapsed time: wall-clock time is an upper bound of business
time, so every post answered within the target in wall-clock time also met it in business
hours; only the remaining pairs are converted with `business_seconds_many`, a vectorised numpy
version of `BusinessCalendar.business_seconds` (cumulative open seconds over the open intervals).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional, Sequence
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from sqlalchemy import Engine, and_, case, func, literal, select, true
from sqlalchemy.sql import ColumnElement

from lawine.business_hours import BusinessCalendar, business_seconds_many
from lawine.config import Settings
from lawine.queries import OPEN_WINDOW_DAYS, Filters, customer, frame, nearest_rank, open_request, plain_frame, where
from lawine.store import schema
from lawine.store.writer import to_ts

M = schema.mentions
HOUR, DAY, WEEK = 3600, 86_400, 7 * 86_400
GROUPS = ("brand", "channel", "source", "day", "week", "all")
STAT_COLUMNS = ("answered", "median_first_response_s", "p90_first_response_s", "unanswered",
                "answered_share", "sla_met_share_business", "sla_met_share_wall", "sla_met_share")
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


# --- first-response statistics ---------------------------------------------------------
# Two passes serve every grouping at once. A GROUP BY over the finest keys the groupings need
# (brand, channel, source, local day) counts posts and unanswered requests; one read of the
# answered posts (those keys, created, first reply) gives the percentiles and both SLA clocks,
# which do not add up across groups. A local week is a union of local days.

KEY_COLUMNS = ("brand", "channel", "source")


def _keys(engine: Engine, f: Filters, bys: Sequence[str], tz: str) -> list[ColumnElement]:
    keys = [M.c[k].label(k) for k in KEY_COLUMNS if k in bys]
    if "day" in bys or "week" in bys:
        lo, hi = _window(engine, f)
        keys.append(local_key(M.c.created_ts, "day", ZoneInfo(tz), lo, hi).label("day"))
    return keys


def _posts(engine: Engine, f: Filters, keys: list[ColumnElement]) -> pd.DataFrame:
    """Customer posts and unanswered requests per finest group (every group with a post has a row)."""
    unanswered = case((and_(M.c.needs_reply.is_(True), M.c.first_reply_ts.is_(None)), 1), else_=0)
    inner = select(*keys, unanswered.label("u")).where(customer(), *where(f)).subquery()
    cols = [inner.c[k.name] for k in keys]
    q = select(*cols, func.count().label("posts"), func.sum(inner.c.u).label("unanswered"))
    df = frame(engine, q.group_by(*cols) if cols else q)
    return df[df["posts"] > 0].astype({"posts": "int64", "unanswered": "int64"})


def _answered(engine: Engine, f: Filters, keys: list[ColumnElement], policy: SlaPolicy) -> pd.DataFrame:
    """One row per answered post: its keys, seconds to the first reply, SLA met on each clock."""
    needing = case((M.c.needs_reply.is_(True), 1), else_=0).label("needing")
    df = plain_frame(engine, select(*keys, M.c.created_ts, M.c.first_reply_ts, needing).where(
        customer(), M.c.first_reply_ts.is_not(None), *where(f)))
    created, replied = df.pop("created_ts").to_numpy(np.int64), df.pop("first_reply_ts").to_numpy(np.int64)
    df["s"] = replied - created
    df["met_wall"] = df["s"] <= policy.target_s
    # Wall-clock time bounds business time: only the posts late on the wall clock need the calendar.
    late = ~df["met_wall"].to_numpy()
    met_business = df["met_wall"].to_numpy().copy()
    met_business[late] = business_seconds_many(policy.calendar, created[late], replied[late]) <= policy.target_s
    df["met_business"] = met_business
    return df


def _group_key(df: pd.DataFrame, by: str) -> pd.Series:
    if by == "all":
        return pd.Series("all", index=df.index)
    if by == "week":  # Monday of the local day's week; 1970-01-01 was a Thursday
        day = df["day"].astype("int64")
        return day - (day + 3 * DAY) % WEEK
    return df[by]


def _stats(posts: pd.DataFrame, answered: pd.DataFrame, by: str, policy: SlaPolicy) -> pd.DataFrame:
    df = posts.groupby(_group_key(posts, by))[["unanswered"]].sum()
    a = answered.assign(grp=_group_key(answered, by)).groupby("grp")
    per = a.agg(answered=("s", "size"), needing_answered=("needing", "sum"), met_wall=("met_wall", "sum"),
                met_business=("met_business", "sum"))
    for name, q in (("median_first_response_s", 0.5), ("p90_first_response_s", 0.9)):
        per[name] = a["s"].agg(lambda v, q=q: nearest_rank(np.sort(v.to_numpy()), q)) if len(per) else []
    df = df.join(per, how="left")
    counts = ["answered", "needing_answered", "met_wall", "met_business"]
    df[counts] = df[counts].fillna(0).astype("int64")
    answered_n = df["answered"].where(df["answered"] > 0)
    needing = (df["needing_answered"] + df["unanswered"]).where(lambda v: v > 0)
    df["answered_share"] = df["needing_answered"] / needing
    df["sla_met_share_business"] = df["met_business"] / answered_n
    df["sla_met_share_wall"] = df["met_wall"] / answered_n
    df["sla_met_share"] = df["sla_met_share_business" if policy.business_hours_only else "sla_met_share_wall"]
    df = df.rename_axis(by).reset_index()
    if by in ("day", "week"):
        df[by] = [datetime.fromtimestamp(int(v), timezone.utc).date().isoformat() for v in df[by]]
    return df.sort_values(by).reset_index(drop=True)[[by, *STAT_COLUMNS]]


def first_response_stats_by(engine: Engine, f: Filters, policy: SlaPolicy, bys: Sequence[str] = GROUPS,
                            tz: Optional[str] = None) -> dict[str, pd.DataFrame]:
    """For each grouping in `bys` (brand, channel, source, local day, local week, 'all'): one row per
    group with STAT_COLUMNS. All groupings come from the same two queries."""
    for by in bys:
        if by not in GROUPS:
            raise ValueError(f"group by one of {GROUPS}, not {by!r}")
    keys = _keys(engine, f, bys, tz or str(policy.calendar.tz))
    posts = _posts(engine, f, keys)
    if posts.empty:
        return {by: pd.DataFrame(columns=[by, *STAT_COLUMNS]) for by in bys}
    answered = _answered(engine, f, keys, policy)
    return {by: _stats(posts, answered, by, policy) for by in bys}


def first_response_stats(engine: Engine, f: Filters, policy: SlaPolicy, by: str = "brand",
                         tz: Optional[str] = None) -> pd.DataFrame:
    """One row per group (brand, channel, source, local day, local week or 'all') with STAT_COLUMNS."""
    return first_response_stats_by(engine, f, policy, (by,), tz)[by]


# --- arrivals vs. answers per hour of week ------------------------------------------------

def _between(col, lo: Optional[int], hi: Optional[int]) -> list[ColumnElement]:
    return [c for c in ((col >= lo) if lo is not None else None, (col < hi) if hi is not None else None)
            if c is not None]


def _hourly(engine: Engine, ts_col, per_window: list[ColumnElement], *clauses: ColumnElement) -> list[pd.DataFrame]:
    """Rows per UTC hour of ts_col, one frame per window condition, all from one GROUP BY."""
    bucket = (ts_col - ts_col % HOUR).label("bucket_ts")
    counts = [func.sum(case((cond, 1), else_=0)).label(f"n{i}") for i, cond in enumerate(per_window)]
    df = frame(engine, select(bucket, *counts).where(*clauses).group_by("bucket_ts"))
    df["bucket"] = pd.to_datetime(df.pop("bucket_ts").astype("int64"), unit="s", utc=True)
    out = []
    for i in range(len(per_window)):
        n = df[f"n{i}"].astype("int64")
        out.append(pd.DataFrame({"bucket": df["bucket"][n > 0], "n": n[n > 0]}))
    return out


def hourly_windows(engine: Engine, windows: Sequence[Filters]) -> list[pd.DataFrame]:
    """`hourly_arrivals_answers` for several time windows of one filter (brands, sources, ...):
    the page's range, the backlog's four weeks and its last day cost one pair of queries."""
    same = windows[0].between(None, None)
    if any(w.between(None, None) != same for w in windows):
        raise ValueError("the windows must differ in their dates only")
    needing = (customer(), M.c.needs_reply.is_(True), *where(same))
    starts, ends = [to_ts(w.start) for w in windows], [to_ts(w.end) for w in windows]
    lo = None if None in starts else min(starts)
    hi = None if None in ends else max(ends)
    arrivals = _hourly(engine, M.c.created_ts, [and_(true(), *_between(M.c.created_ts, s, e))
                                                for s, e in zip(starts, ends)],
                       *needing, *_between(M.c.created_ts, lo, hi))
    # Answers count by reply time; posts older than the lookback are left out so the created_ts
    # index narrows the scan (there is no index on first_reply_ts).
    def back(ts: Optional[int]) -> Optional[int]:
        return ts - ANSWER_LOOKBACK_DAYS * DAY if ts is not None else None

    answers = _hourly(engine, M.c.first_reply_ts,
                      [and_(*_between(M.c.first_reply_ts, s, e), *_between(M.c.created_ts, back(s), None), true())
                       for s, e in zip(starts, ends)],
                      *needing, M.c.first_reply_ts.is_not(None), *_between(M.c.created_ts, back(lo), None),
                      *_between(M.c.first_reply_ts, lo, hi))
    out = []
    for arr, ans in zip(arrivals, answers):
        df = arr.rename(columns={"n": "arrivals"}).merge(ans.rename(columns={"n": "answers"}), on="bucket",
                                                         how="outer").fillna(0)
        out.append(df.astype({"arrivals": "int64", "answers": "int64"}).sort_values("bucket").reset_index(drop=True))
    return out


def hourly_arrivals_answers(engine: Engine, f: Filters) -> pd.DataFrame:
    """UTC hours with arrivals (posts needing a reply, by creation) and answers (our first replies)."""
    return hourly_windows(engine, [f])[0]


def _how(times: pd.Series, tz: str) -> pd.DataFrame:
    local = times.dt.tz_convert(tz)
    return pd.DataFrame({"weekday": local.dt.day_of_week, "hour": local.dt.hour})


def hour_of_week(engine: Engine, f: Filters, tz: str, hourly: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """168 rows (weekday 0=Mon, local hour): totals and per-week means of arrivals and answers.

    SQL groups by UTC hour; the local mapping happens here so DST is right. In zones with
    half-hour offsets an hour bucket lands on the local hour it starts in. `hourly`: the
    `hourly_arrivals_answers` of f when the caller already has it.
    """
    lo, hi = _window(engine, f)
    hours = pd.date_range(pd.Timestamp(lo - lo % HOUR, unit="s", tz="UTC"),
                          pd.Timestamp(hi, unit="s", tz="UTC"), freq="h", inclusive="left")
    grid = _how(pd.Series(hours), tz).value_counts().rename("weeks").reset_index()
    full = pd.MultiIndex.from_product([range(7), range(24)], names=["weekday", "hour"]).to_frame(index=False)
    out = full.merge(grid, on=["weekday", "hour"], how="left")
    hourly = hourly_arrivals_answers(engine, f) if hourly is None else hourly
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
    return load_and_backlog(engine, None, f, now, tz, hours, weeks, window_days)[1]


def load_and_backlog(engine: Engine, shown: Optional[Filters], f: Filters, now: datetime, tz: str, hours: int = 8,
                     weeks: int = 4, window_days: int = OPEN_WINDOW_DAYS) -> tuple[Optional[pd.DataFrame], Backlog]:
    """`hour_of_week` of the range `shown` (None: skip it) and `backlog_forecast`, from one pair of
    hourly queries over the three windows (shown range, last `weeks` weeks, last 24 hours)."""
    start = now - timedelta(weeks=weeks)
    windows = [f.between(start, now), f.between(now - timedelta(hours=24), now)] + ([shown] if shown else [])
    hourly = hourly_windows(engine, windows)
    profile = hour_of_week(engine, windows[0], tz, hourly[0]).set_index(["weekday", "hour"])
    arrivals_24h = int(hourly[1]["arrivals"].sum())
    recent = f.between(now - timedelta(days=window_days), now)
    with engine.connect() as conn:
        open_now = int(conn.execute(select(func.count()).where(open_request(), *where(recent))).scalar_one())
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
    load = hour_of_week(engine, shown, tz, hourly[2]) if shown else None
    return load, Backlog(open_now, arrivals_24h, expected, level, pd.DataFrame(rows))
