"""Hand-made mentions for snapshot tests, and the plain-Python arithmetic the tests compare against."""
from __future__ import annotations

import math
import random
from datetime import datetime, timedelta, timezone
from typing import Optional

from lawine.business_hours import BusinessCalendar
from lawine.model import Mention

UTC = timezone.utc


def mention(n: int, created: datetime, *, own: bool = False, label: Optional[str] = "neutral",
            score: Optional[float] = 0.0, intent: Optional[str] = "other", needs_reply: Optional[bool] = False,
            marketing: bool = False, reply_after: Optional[timedelta] = None, community: bool = False,
            text: str = "hello", likes: int = 0, replies: int = 0, shares: int = 0, source: str = "x",
            brand: str = "Acme", lang: str = "en") -> Mention:
    marketing = marketing and not own
    return Mention(
        id=f"{source}:t{n}", source=source, channel="test", brand=brand, author_id=f"a{n}",
        kind="comment" if marketing else "post", parent_id=f"{source}:ad1" if marketing else None,
        is_own=own, on_marketing_post=marketing, text=text, lang=lang, created_at=created,
        sentiment=score, sentiment_label=label, intent=intent, needs_reply=needs_reply,
        answered_by_community=community, likes=likes, replies=replies, shares=shares,
        first_reply_at=created + reply_after if reply_after is not None else None,
    )


def random_week(rng: random.Random, start: datetime, end: datetime, first_id: int, n: int) -> list[Mention]:
    """n mentions spread over [start, end): a mix of everything the KPIs distinguish."""
    out = []
    span = int((end - start).total_seconds())
    for i in range(n):
        created = start + timedelta(seconds=rng.randrange(span))
        label = rng.choice(["negative", "neutral", "positive", None])
        score = None if label is None else {"negative": -0.6, "neutral": 0.0, "positive": 0.7}[label] + rng.random() / 10
        needs = rng.random() < 0.5
        answered = rng.random() < 0.7
        out.append(mention(
            first_id + i, created, own=rng.random() < 0.1, label=label, score=score,
            intent=rng.choice(["question", "complaint", "praise", "other"]), needs_reply=needs,
            marketing=rng.random() < 0.3, community=(not answered and rng.random() < 0.3),
            reply_after=timedelta(minutes=rng.choice([5, 30, 59, 61, 90, 600, 2000, 5000])) if answered else None,
            likes=rng.randrange(20), source=rng.choice(["x", "facebook", "reddit"])))
    return out


def nearest_rank(values: list[float], q: float) -> Optional[float]:
    if not values:
        return None
    values = sorted(values)
    return values[max(1, math.ceil(q * len(values))) - 1]


def share(part: int, whole: int) -> Optional[float]:
    return part / whole if whole else None


def expected(rows: list[Mention], start: datetime, end: datetime, now: datetime,
             limit_min: int = 60, business_hours: bool = True) -> dict:
    """Every KPI of the week, recomputed from the Mention objects without SQL."""
    cal = BusinessCalendar()
    week = [m for m in rows if start <= m.created_at < end and not m.is_own]
    labelled = [m for m in week if m.sentiment_label]
    scores = [m.sentiment for m in week if m.sentiment is not None]
    needing = [m for m in week if m.needs_reply]
    answered = [m for m in week if m.first_reply_at]
    marketing = [m for m in week if m.on_marketing_post]
    mq = [m for m in marketing if m.intent in ("question", "complaint") or m.needs_reply]

    def clock(m: Mention) -> float:
        until = m.first_reply_at or now
        return cal.business_seconds(m.created_at, until) if business_hours else (until - m.created_at).total_seconds()

    sla = [m for m in needing if m.first_reply_at or not m.answered_by_community]
    met = sum(1 for m in sla if m.first_reply_at and clock(m) <= limit_min * 60)
    due = sum(1 for m in sla if m.first_reply_at or clock(m) > limit_min * 60)
    seconds = lambda ms: [(m.first_reply_at - m.created_at).total_seconds() for m in ms if m.first_reply_at]  # noqa: E731
    return {
        "mentions": len(week),
        "share_negative": share(sum(m.sentiment_label == "negative" for m in labelled), len(labelled)),
        "share_positive": share(sum(m.sentiment_label == "positive" for m in labelled), len(labelled)),
        "mean_sentiment": sum(scores) / len(scores) if scores else None,
        "support_requests": len(needing),
        "answered_share": share(sum(1 for m in needing if m.first_reply_at), len(needing)),
        "median_response_s": nearest_rank(seconds(answered), 0.5),
        "p90_response_s": nearest_rank(seconds(answered), 0.9),
        "sla_compliance": share(met, due),
        "marketing_questions": len(mq),
        "marketing_question_share": share(len(mq), len(marketing)),
        "marketing_median_response_s": nearest_rank(seconds(mq), 0.5),
    }
