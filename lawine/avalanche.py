"""Sentiment avalanches: negative posts that other customers confirm and amplify, scored 0-100.

Per brand and hour, a trailing window W (6 h) against the same 6 hours on each of the 14 days
before (so the daily rhythm is not mistaken for an avalanche):
  s_volume  negative posts in W vs. the baseline rate, as a Poisson z-score (z/8, capped at 1)
  s_share   lift of the negative share of customer posts (lift/0.35, capped at 1)
  s_amplify negative replies piling onto negative posts ("same here") plus likes/shares/replies
            on negative posts, per negative post, vs. the usual rate (z/6, capped at 1)
  s_spread  networks where negatives run at more than twice their usual rate ((k-1)/3, capped)
score = 100 * (0.3 s_volume + 0.25 s_share + 0.3 s_amplify + 0.15 s_spread).
Volume alone (a campaign) moves none of the negative terms, so it cannot raise the score.
Every quantity at hour t uses only data up to t, so the score is causal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy import Engine, and_, case, func, select

from lawine.store import schema
from lawine.store.writer import from_ts, to_ts

M = schema.mentions
HOUR = 3600
WINDOW_H = 6
BASELINE_DAYS = 14
MIN_BASELINE_DAYS = 3
THRESHOLD = 60.0
MIN_NEGATIVE = 8  # below this many negative posts in the window there is no avalanche to speak of
WEIGHTS = {"volume": 0.3, "share": 0.25, "amplify": 0.3, "spread": 0.15}
SHARES = ("negative_share", "usual_negative_share")

# Agreement: other customers confirming a complaint, in English and German.
AGREE = re.compile(
    r"\b(me too|same here|same (?:problem|issue|thing)|(?:happened|happening) to me|\+1|"
    r"not just you|ich auch|bei mir (?:auch|genauso|dasselbe)|geht mir genauso|dito)\b|^\s*\+1",
    re.I)


@dataclass
class Avalanche:
    brand: str
    start: datetime
    peak: datetime
    end: datetime
    score: float
    components: dict[str, float]
    channels: list[str] = field(default_factory=list)
    ongoing: bool = False  # not yet `cool_hours` below release at the last hour scored: no end yet
    # At the peak: the negative share of customer posts in the window and in the same hours
    # before, which is what a reader understands of an avalanche first.
    negative_share: float = 0.0
    usual_negative_share: float = 0.0


def hourly_features(engine: Engine, brand: str, start: datetime, end: datetime) -> pd.DataFrame:
    """Per hour: customer posts, negative posts, their engagement, confirming negative replies."""
    P = M.alias("p")
    neg = M.c.sentiment_label == "negative"
    confirm = and_(M.c.kind == "reply", neg, P.c.sentiment_label == "negative", P.c.is_own.is_(False))
    bucket = (M.c.created_ts - M.c.created_ts % HOUR).label("h")
    q = (select(bucket, func.count().label("posts"),
                func.sum(case((neg, 1), else_=0)).label("negative"),
                func.sum(case((neg, M.c.likes + M.c.shares + M.c.replies), else_=0)).label("engagement"),
                func.sum(case((confirm, 1), else_=0)).label("confirmations"))
         .select_from(M.outerjoin(P, P.c.id == M.c.parent_id))
         .where(M.c.brand == brand, M.c.is_own.is_(False),
                M.c.created_ts >= to_ts(start), M.c.created_ts < to_ts(end))
         .group_by("h"))
    with engine.connect() as conn:
        rows = conn.execute(q).fetchall()
    hours = np.arange(to_ts(start) // HOUR * HOUR, to_ts(end), HOUR)
    df = pd.DataFrame(rows, columns=["h", "posts", "negative", "engagement", "confirmations"])
    return df.set_index("h").reindex(hours, fill_value=0).astype("float64")


def negative_by_source(engine: Engine, brand: str, start: datetime, end: datetime) -> pd.DataFrame:
    bucket = (M.c.created_ts - M.c.created_ts % HOUR).label("h")
    q = (select(bucket, M.c.source, func.count().label("n"))
         .where(M.c.brand == brand, M.c.is_own.is_(False), M.c.sentiment_label == "negative",
                M.c.created_ts >= to_ts(start), M.c.created_ts < to_ts(end))
         .group_by("h", M.c.source))
    with engine.connect() as conn:
        rows = conn.execute(q).fetchall()
    hours = np.arange(to_ts(start) // HOUR * HOUR, to_ts(end), HOUR)
    df = pd.DataFrame(rows, columns=["h", "source", "n"])
    wide = df.pivot_table(index="h", columns="source", values="n", aggfunc="sum", fill_value=0)
    return wide.reindex(hours, fill_value=0).astype("float64")


def _trailing(x: np.ndarray, width: int) -> np.ndarray:
    """Sum of the last `width` values up to and including each position (causal)."""
    c = np.concatenate([[0.0], np.cumsum(x, axis=0)]) if x.ndim == 1 else \
        np.vstack([np.zeros((1, x.shape[1])), np.cumsum(x, axis=0)])
    idx = np.arange(1, len(x) + 1)
    return c[idx] - c[np.maximum(idx - width, 0)]


def _poisson_z(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    return (observed - expected) / np.sqrt(expected + 1.0)


def _same_hours_before(win: np.ndarray, days: int = BASELINE_DAYS) -> tuple[np.ndarray, np.ndarray]:
    """Mean of the same trailing window on each of the previous `days` days (rhythm-aware, causal)."""
    total = np.zeros_like(win)
    count = np.zeros(len(win))
    for k in range(1, days + 1):
        lag = 24 * k
        if lag >= len(win):
            break
        total[lag:] += win[:-lag]
        count[lag:] += 1
    shape = (-1,) + (1,) * (win.ndim - 1)
    return total / np.maximum(count, 1).reshape(shape), count


def scores(features: pd.DataFrame, by_source: pd.DataFrame) -> pd.DataFrame:
    """Score every hour: trailing window vs. the same hours of the previous days."""
    win = {c: _trailing(features[c].to_numpy(), WINDOW_H) for c in features.columns}
    base = {}
    for c in features.columns:
        base[c], days_seen = _same_hours_before(win[c])
    have = days_seen >= MIN_BASELINE_DAYS
    comps = {}
    comps["volume"] = np.clip(_poisson_z(win["negative"], base["negative"]) / 8, 0, 1)
    share_w = win["negative"] / np.maximum(win["posts"], 1)
    share_b = base["negative"] / np.maximum(base["posts"], 1)
    comps["share"] = np.clip((share_w - share_b) / 0.35, 0, 1)
    # Amplification is a rate: confirmations and engagement per negative post against the usual
    # rate, so more posts alone (a campaign) do not count. Engagement is heavy-tailed: its square
    # root keeps one viral post from dominating.
    neg_b = np.maximum(base["negative"], 0.5)
    amp_rate_b = (base["confirmations"] + np.sqrt(base["engagement"])) / neg_b
    amp_obs = win["confirmations"] + np.sqrt(win["engagement"])
    comps["amplify"] = np.clip(_poisson_z(amp_obs, amp_rate_b * win["negative"]) / 6, 0, 1)
    src = by_source.to_numpy()
    if src.size:
        sw = _trailing(src, WINDOW_H)
        sb, _ = _same_hours_before(sw)
        elevated = ((sw >= 3) & (sw > 2 * sb + 1)).sum(axis=1)
    else:
        elevated = np.zeros(len(features))
    comps["spread"] = np.clip((elevated - 1) / 3, 0, 1)
    score = sum(WEIGHTS[k] * comps[k] for k in WEIGHTS) * 100
    out = pd.DataFrame(comps, index=features.index)
    out["negative_share"], out["usual_negative_share"] = share_w, share_b
    out["score"] = np.where(have & (win["negative"] >= MIN_NEGATIVE), score, 0.0)
    out["elevated_sources"] = elevated
    return out


def episodes(scored: pd.DataFrame, brand: str, threshold: float = THRESHOLD,
             release: float = 0.6, cool_hours: int = 3) -> list[Avalanche]:
    """One event per episode: starts above the threshold, ends after `cool_hours` below release."""
    found: list[Avalanche] = []
    s = scored["score"].to_numpy()
    hours = scored.index.to_numpy()
    i = 0
    while i < len(s):
        if s[i] < threshold:
            i += 1
            continue
        start, below, j = i, 0, i
        while j < len(s) and below < cool_hours:
            below = below + 1 if s[j] < threshold * release else 0
            j += 1
        end = j - below if below else j
        seg = slice(start, max(end, start + 1))
        peak = start + int(np.argmax(s[seg]))
        at_peak = {k: round(float(scored[k].iloc[peak]), 3) for k in (*WEIGHTS, *SHARES)}
        found.append(Avalanche(brand, from_ts(int(hours[start])), from_ts(int(hours[peak])),
                               from_ts(int(hours[max(end, start + 1) - 1]) + HOUR), round(float(s[peak]), 1),
                               {k: at_peak[k] for k in WEIGHTS}, ongoing=below < cool_hours,
                               **{k: at_peak[k] for k in SHARES}))
        i = j
    return found


def detect(engine: Engine, brand: str, start: datetime, end: datetime,
           threshold: float = THRESHOLD) -> tuple[list[Avalanche], pd.DataFrame]:
    """Avalanches of one brand between start and end (history before start feeds the baseline)."""
    from datetime import timedelta

    history = start - timedelta(days=BASELINE_DAYS, hours=WINDOW_H)
    feats = hourly_features(engine, brand, history, end)
    by_src = negative_by_source(engine, brand, history, end)
    scored = scores(feats, by_src)
    scored = scored[scored.index >= to_ts(start) // HOUR * HOUR]
    found = episodes(scored, brand, threshold)
    for av in found:
        av.channels = _elevated_channels(by_src, av)
    return found, scored


def _elevated_channels(by_src: pd.DataFrame, av: Avalanche) -> list[str]:
    window = by_src[(by_src.index >= to_ts(av.start)) & (by_src.index < to_ts(av.end))]
    totals = window.sum().sort_values(ascending=False)
    return [str(s) for s, n in totals.items() if n > 0][:6]


def core_threads(engine: Engine, brand: str, start: datetime, end: datetime, limit: int = 5) -> list[dict]:
    """The complaints at the core: negative customer posts that drew the most negative replies
    (confirmations) inside the window, with their agreement count and engagement."""
    P, R = M.alias("p"), M.alias("r")
    neg_reply = case((R.c.sentiment_label == "negative", 1), else_=0)
    q = (select(P.c.id, P.c.text, P.c.url, P.c.source, P.c.likes, P.c.shares,
                func.count(R.c.id).label("replies"), func.sum(neg_reply).label("negative_replies"))
         .select_from(P.join(R, R.c.parent_id == P.c.id))
         .where(P.c.brand == brand, P.c.is_own.is_(False), P.c.sentiment_label == "negative",
                R.c.is_own.is_(False), R.c.created_ts >= to_ts(start), R.c.created_ts < to_ts(end))
         .group_by(P.c.id, P.c.text, P.c.url, P.c.source, P.c.likes, P.c.shares)
         .order_by(func.sum(neg_reply).desc(), func.count(R.c.id).desc(), P.c.id)
         .limit(limit))
    out = []
    with engine.connect() as conn:
        for row in conn.execute(q).fetchall():
            texts = conn.execute(select(M.c.text).where(M.c.parent_id == row.id, M.c.is_own.is_(False))
                                 .limit(1000)).scalars().all()
            out.append({"id": row.id, "text": row.text, "url": row.url, "source": row.source,
                        "replies": int(row.replies), "negative_replies": int(row.negative_replies or 0),
                        "agreements": sum(1 for t in texts if AGREE.search(t)),
                        "engagement": int(row.likes + row.shares)})
    return out
