"""The escalation queue: open customer requests, most urgent first, with an SLA clock per row.

A request is open when a customer post needs a reply, has no reply from us or the community,
and its latest status action in queue_actions is not "handled"/"not_needed" (a later
"reopen" opens it again). Only requests from the last `window_days` days count: older
unanswered posts are history, not work (as on the Live overview).

Priority score (0–100; higher = answer first):

    score = 40·sla + 20·neg + 15·reach + 15·heat + 10·marketing

- sla   = min(elapsed / target, 2) / 2, elapsed on the SLA clock (business hours when
          `sla.business_hours_only`): 0.5 at the deadline, 1.0 when twice overdue. Waiting
          weighs most because a breached SLA is a promise already broken.
- neg   = max(0, -sentiment): how angry the post is (0..1).
- reach = min(1, log10(1 + followers) / 6): an author with 1M followers counts fully.
- heat  = max(min(1, log10(1 + replies + likes) / 3), escalating): 1,000 interactions count
          fully; an escalating thread always does.
- marketing = 1 for comments under our own marketing posts (public, seen by the ad audience).

Escalating thread: at least ESCALATION_MIN negative customer messages in the thread in the
last 2 hours, and more than in the 2 hours before.

Speed at 1M mentions: SQL pre-orders all open requests by the same formula with wall-clock
waiting and reach/heat in log-buckets (portable SQL has no log) and returns only the top
2×limit candidates; their exact scores are computed here. The KPI counts cover every open
request and need only each one's created_ts, converted to SLA time with numpy.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Engine, case, exists, func, literal, not_, select
from sqlalchemy.sql import ColumnElement

from lawine.analysis import mask_sensitive
from lawine.business_hours import sla_deadline
from lawine.i18n import t
from lawine.queries import OPEN_WINDOW_DAYS, Filters, customer, frame, open_request, where
from lawine.response_times import SlaPolicy
from lawine.store import schema
from lawine.store.queue_writes import CLOSING
from lawine.store.writer import from_ts, to_ts

M, Q = schema.mentions, schema.queue_actions
WEIGHTS = {"sla": 40.0, "neg": 20.0, "reach": 15.0, "heat": 15.0, "marketing": 10.0}
ESCALATION_WINDOW_S = 2 * 3600
ESCALATION_MIN = 3
DUE_SOON_S = 15 * 60
STATUS_ACTIONS = (*CLOSING, "reopen")


def _scope(f: Filters, now: datetime, window_days: int, departments: Sequence[str] = (),
           marketing_only: bool = False) -> list[ColumnElement]:
    clauses = [open_request(), *where(f.between(now - timedelta(days=window_days), now))]
    if departments:
        clauses.append(M.c.department.in_(list(departments)))
    if marketing_only:
        clauses.append(M.c.on_marketing_post.is_(True))
    return clauses


# --- score ----------------------------------------------------------------------------------

def priority(elapsed_s, sentiment, followers, replies, likes, escalating, marketing, target_s: int) -> np.ndarray:
    """The documented score for arrays of the inputs."""
    sla = np.minimum(np.asarray(elapsed_s, float) / target_s, 2.0) / 2.0
    neg = np.clip(-np.nan_to_num(np.asarray(sentiment, float)), 0.0, 1.0)
    reach = np.minimum(np.log10(1.0 + np.asarray(followers, float)) / 6.0, 1.0)
    heat = np.maximum(np.minimum(np.log10(1.0 + np.asarray(replies, float) + np.asarray(likes, float)) / 3.0, 1.0),
                      np.asarray(escalating, float))
    return (WEIGHTS["sla"] * sla + WEIGHTS["neg"] * neg + WEIGHTS["reach"] * reach
            + WEIGHTS["heat"] * heat + WEIGHTS["marketing"] * np.asarray(marketing, float))


def _steps(col, thresholds: Sequence[int], scale: float) -> ColumnElement:
    # floor(log10(x + 1)) / scale without log(): a lower bound of the exact component.
    n = len(thresholds)
    return case(*[(col >= t, min((n - k) / scale, 1.0)) for k, t in enumerate(thresholds)], else_=0.0)


def pre_score(now_ts: int, target_s: int) -> ColumnElement:
    """The score in portable SQL: wall-clock waiting, bucketed reach and heat."""
    age = literal(now_ts) - M.c.created_ts
    sla = case((age >= 2 * target_s, 1.0), (age <= 0, 0.0), else_=age * (0.5 / target_s))
    neg = case((M.c.sentiment < 0, -M.c.sentiment), else_=0.0)
    reach = _steps(M.c.author_followers, [999_999, 99_999, 9_999, 999, 99, 9], 6.0)
    heat = _steps(M.c.replies + M.c.likes, [999, 99, 9], 3.0)
    marketing = case((M.c.on_marketing_post.is_(True), 1.0), else_=0.0)
    return (WEIGHTS["sla"] * sla + WEIGHTS["neg"] * neg + WEIGHTS["reach"] * reach
            + WEIGHTS["heat"] * heat + WEIGHTS["marketing"] * marketing)


# --- reads ------------------------------------------------------------------------------------

@dataclass
class QueueCounts:
    open: int
    overdue: int
    due_soon: int  # not overdue, due within DUE_SOON_S on the SLA clock
    sensitive: int


def queue_counts(engine: Engine, f: Filters, now: datetime, policy: SlaPolicy,
                 window_days: int = OPEN_WINDOW_DAYS, departments: Sequence[str] = (),
                 marketing_only: bool = False) -> QueueCounts:
    q = select(M.c.created_ts, M.c.sensitive).where(*_scope(f, now, window_days, departments, marketing_only))
    df = frame(engine, q)
    if df.empty:
        return QueueCounts(0, 0, 0, 0)
    left = policy.target_s - policy.elapsed_many(df["created_ts"], np.full(len(df), to_ts(now)))
    return QueueCounts(len(df), int((left < 0).sum()), int(((left >= 0) & (left <= DUE_SOON_S)).sum()),
                       int(df["sensitive"].astype(bool).sum()))


QUEUE_COLUMNS = [M.c.id, M.c.created_ts, M.c.source, M.c.channel, M.c.brand, M.c.department, M.c.thread_id,
                 M.c.author_name, M.c.author_followers, M.c.on_marketing_post, M.c.sensitive, M.c.text,
                 M.c.url, M.c.sentiment, M.c.likes, M.c.replies, M.c.intent, M.c.lang]


def queue_items(engine: Engine, f: Filters, now: datetime, policy: SlaPolicy, limit: int = 500,
                window_days: int = OPEN_WINDOW_DAYS, departments: Sequence[str] = (),
                marketing_only: bool = False) -> pd.DataFrame:
    """The top `limit` open requests by priority, with SLA clock, flags, assignee and masked text."""
    q = (select(*QUEUE_COLUMNS).where(*_scope(f, now, window_days, departments, marketing_only))
         .order_by(pre_score(to_ts(now), policy.target_s).desc(), M.c.created_ts, M.c.id).limit(2 * limit))
    df = frame(engine, q)
    if df.empty:
        return df.assign(score=[], escalating=[], elapsed_s=[], time_left_s=[], due_at=[], sla_clock=[],
                         overdue=[], assignee=[], hint=[], created_at=[])
    df = _scored(engine, df, now, policy).head(limit).reset_index(drop=True)
    return _annotated(engine, df, policy)


def _scored(engine: Engine, df: pd.DataFrame, now: datetime, policy: SlaPolicy) -> pd.DataFrame:
    hot = escalating_threads(engine, df["thread_id"].dropna().unique(), now)
    df["escalating"] = [hot.get(t, False) for t in df["thread_id"]]
    df["on_marketing_post"] = df["on_marketing_post"].astype(bool)
    df["elapsed_s"] = policy.elapsed_many(df["created_ts"], np.full(len(df), to_ts(now)))
    df["time_left_s"] = policy.target_s - df["elapsed_s"]
    df["overdue"] = df["time_left_s"] < 0
    df["score"] = priority(df["elapsed_s"], df["sentiment"], df["author_followers"], df["replies"],
                           df["likes"], df["escalating"], df["on_marketing_post"], policy.target_s)
    return df.sort_values(["score", "created_ts", "id"], ascending=[False, True, True])


def _annotated(engine: Engine, df: pd.DataFrame, policy: SlaPolicy) -> pd.DataFrame:
    """Columns for the screen: deadline, clock text, assignee, masked text and the private-channel hint."""
    runs = policy.calendar.days or not policy.business_hours_only  # no business days: the clock never runs
    df["due_at"] = pd.to_datetime([sla_deadline(policy.calendar, from_ts(ts), policy.target_s // 60,
                                                policy.business_hours_only) if runs else None
                                   for ts in df["created_ts"]], utc=True)
    df["sla_clock"] = [sla_clock(s) for s in df["time_left_s"]]
    assigned = assignees(engine, df["id"].tolist())
    df["assignee"] = [assigned.get(i, "") for i in df["id"]]
    df["sensitive"] = df["sensitive"].astype(bool)
    # Personal data stays masked on screen; the agent answers it in a private channel.
    df["text"] = [mask_sensitive(t) if s else t for t, s in zip(df["text"], df["sensitive"])]
    df["hint"] = np.where(df["sensitive"], "move to private channel", "")
    df["created_at"] = pd.to_datetime(df["created_ts"], unit="s", utc=True)
    return df


def escalating_threads(engine: Engine, thread_ids: Sequence[str], now: datetime) -> dict[str, bool]:
    """thread_id -> True when its negative customer messages grow: ≥ MIN in the last window and more than before."""
    if len(thread_ids) == 0:
        return {}
    now_ts = to_ts(now)
    mid, lo = now_ts - ESCALATION_WINDOW_S, now_ts - 2 * ESCALATION_WINDOW_S
    recent = func.sum(case((M.c.created_ts >= mid, 1), else_=0))
    before = func.sum(case((M.c.created_ts < mid, 1), else_=0))
    out: dict[str, bool] = {}
    ids = list(thread_ids)
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            q = (select(M.c.thread_id, recent, before)
                 .where(M.c.thread_id.in_(ids[i:i + 500]), customer(), M.c.sentiment_label == "negative",
                        M.c.created_ts >= lo, M.c.created_ts < now_ts).group_by(M.c.thread_id))
            for thread, r, b in conn.execute(q):
                out[thread] = int(r) >= ESCALATION_MIN and int(r) > int(b)
    return out


def assignees(engine: Engine, mention_ids: Sequence[str]) -> dict[str, str]:
    """mention id -> the person of its latest assign action."""
    out: dict[str, str] = {}
    with engine.connect() as conn:
        for i in range(0, len(mention_ids), 500):
            q = (select(Q.c.mention_id, Q.c.assignee).where(Q.c.action == "assign",
                                                            Q.c.mention_id.in_(list(mention_ids[i:i + 500])))
                 .order_by(Q.c.id))
            out.update({m: a for m, a in conn.execute(q)})
    return out


def recently_closed(engine: Engine, limit: int = 50) -> pd.DataFrame:
    """Requests whose latest status action closed them, newest first (for the reopen list)."""
    later = Q.alias("later")
    superseded = exists().where(later.c.mention_id == Q.c.mention_id, later.c.action.in_(STATUS_ACTIONS),
                                later.c.id > Q.c.id)
    q = (select(Q.c.mention_id, Q.c.action, Q.c.actor, Q.c.at_ts, M.c.brand, M.c.source, M.c.sensitive,
                M.c.text, M.c.url)
         .select_from(Q.join(M, M.c.id == Q.c.mention_id))
         .where(Q.c.action.in_(CLOSING), not_(superseded)).order_by(Q.c.id.desc()).limit(limit))
    df = frame(engine, q)
    if not df.empty:
        df["text"] = [mask_sensitive(t) if s else t for t, s in zip(df["text"], df["sensitive"])]
        df["at"] = pd.to_datetime(df.pop("at_ts"), unit="s", utc=True)
    return df


def queue_departments(engine: Engine, f: Filters, now: datetime, window_days: int = OPEN_WINDOW_DAYS) -> list[str]:
    q = (select(M.c.department).where(*_scope(f, now, window_days), M.c.department.is_not(None))
         .distinct().order_by(M.c.department))
    return [d for d in frame(engine, q)["department"] if d]


def sla_clock(time_left_s: Optional[float], lang: str = "en") -> str:
    """'due in 25m' / 'overdue 2h 10m' (SLA time, rounded down to minutes), in English or German."""
    if time_left_s is None or pd.isna(time_left_s):
        return ""
    minutes = int(abs(time_left_s) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    unit = {k: t(f"q_unit_{k}", lang) for k in ("d", "h", "m")}
    span = (f"{days}{unit['d']} {hours}{unit['h']}" if days else
            f"{hours}{unit['h']} {mins}{unit['m']}" if hours else f"{mins}{unit['m']}")
    return t("q_overdue_by" if time_left_s < 0 else "q_due_in", lang, span=span)
