"""Satisfaction proxy: a customer's sentiment before our first reply against their last message after it."""
from __future__ import annotations

from typing import Optional

import pandas as pd
from sqlalchemy import Engine, and_, case, exists, func, literal_column, select, true

from lawine.queries import Filters, customer, frame, where
from lawine.store import schema

M = schema.mentions
LABEL_RANK = {"negative": 0, "neutral": 1, "positive": 2}


def satisfaction_pairs(f: Filters, lateral: bool = False):
    """Each answered post (before) with the same author's last later message in the thread (after).

    The customer's latest message in a thread is "after our reply" exactly when its time is past
    our first reply. Both questions are index probes on (thread_id, author_id, created_ts, id):
    first whether the author wrote anything in the thread after our reply (most never do, so most
    posts stop there), then which message is their latest. A prolific author in a long thread
    under a marketing post costs one probe per post, not a scan of the thread. `lateral` (for
    PostgreSQL) reads the latest message in that probe; SQLite has no LATERAL, so it looks up the
    latest message's id and then its row by primary key. Both give the same pairs.
    """
    def same_author(t):
        return and_(t.c.thread_id == M.c.thread_id, t.c.author_id == M.c.author_id)

    R, X = M.alias("r"), M.alias("x")
    latest = (select(R.c.id, R.c.created_ts, R.c.sentiment, R.c.sentiment_label)
              .where(same_author(R), R.c.is_own.is_(False), R.c.sentiment.is_not(None))
              .order_by(R.c.created_ts.desc(), R.c.id.desc()).limit(1))
    scope = [customer(), M.c.first_reply_ts.is_not(None), M.c.sentiment.is_not(None),
             exists().where(same_author(X), X.c.created_ts > M.c.first_reply_ts), *where(f)]
    before = [M.c.brand, M.c.source, M.c.channel, M.c.sentiment.label("before"),
              M.c.sentiment_label.label("before_label")]
    if lateral:
        last = latest.lateral("last")
        return (select(*before, last.c.sentiment.label("after"), last.c.sentiment_label.label("after_label"))
                .select_from(M.join(last, true())).where(*scope, last.c.created_ts > M.c.first_reply_ts).subquery())
    last_id = latest.with_only_columns(R.c.id).scalar_subquery().label("last_id")
    answered = select(*before, M.c.first_reply_ts, last_id).where(*scope).subquery()
    L = M.alias("l")
    return (select(answered.c.brand, answered.c.source, answered.c.channel, answered.c.before,
                   answered.c.before_label, L.c.sentiment.label("after"), L.c.sentiment_label.label("after_label"))
            .select_from(answered.join(L, L.c.id == answered.c.last_id))
            .where(L.c.created_ts > answered.c.first_reply_ts).subquery())


def satisfaction(engine: Engine, f: Filters, by: str = "brand") -> pd.DataFrame:
    """Per group (brand, source, channel or 'all'): pairs, mean sentiment before/after, label moves."""
    p = satisfaction_pairs(f, lateral=engine.dialect.name == "postgresql")
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

