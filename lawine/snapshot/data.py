"""Everything the weekly snapshot shows for one ISO week: KPIs, charts data, events, topics, FAQ, samples."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Optional, Union

import pandas as pd
from sqlalchemy import Engine, and_, case, func, or_, select
from sqlalchemy.sql import ColumnElement

from lawine.analysis import mask_sensitive
from lawine.config import Settings
from lawine.demo import demo_manifest
from lawine.events import parse_explanation, summary
from lawine.i18n import code_label, t
from lawine.model import now_utc
from lawine.queries import Filters, customer, where
from lawine.snapshot import faq
from lawine.snapshot.metrics import AVERAGE_WEEKS, Metric, week_filter, weekly_metrics
from lawine.snapshot.week import Week, parse_week
from lawine.store import schema
from lawine.store.writer import from_ts, to_ts

log = logging.getLogger(__name__)
M, E = schema.mentions, schema.events
SAMPLE_TEXTS = 5000  # texts loaded per week for topics and FAQ; everything else stays in SQL
TOP_EVENTS, TOP_TOPICS, TOP_FAQ = 5, 10, 10
SAMPLE_KINDS = ("negative", "question", "positive")


@dataclass(frozen=True)
class SamplePost:
    kind: str
    created_at: datetime
    source: str
    brand: str
    text: str
    likes: int
    replies: int
    shares: int
    url: Optional[str]


@dataclass
class Snapshot:
    """The weekly snapshot; plain data, so pages cache it and renderers need no database."""

    week: Week
    as_of: datetime
    filters: Filters
    sla_minutes: int
    business_hours_only: bool
    metrics: dict[str, Metric]
    volume_by_day: pd.DataFrame  # day, source, mentions (every day of the week, zeros included)
    sentiment_by_day: pd.DataFrame  # day, negative, neutral, positive, mean_sentiment
    networks: pd.DataFrame  # source, mentions, previous_week, change
    events: pd.DataFrame
    topics: Optional[list[tuple[str, float]]]  # None when lawine.explain is not available
    faq: list[faq.FaqCluster]
    samples: dict[str, Optional[SamplePost]]
    demo: bool = False  # the data is the synthetic demo: the report says so
    generated_at: datetime = field(default_factory=now_utc)

    @property
    def has_data(self) -> bool:
        return bool(self.metrics["mentions"].value)

    @property
    def complete(self) -> bool:
        return self.as_of >= self.week.end

    def tables(self, lang: str = "en") -> dict[str, pd.DataFrame]:
        """Every table of the snapshot as a DataFrame, for CSV export (event summaries in `lang`)."""
        kpis = pd.DataFrame([{"kpi": m.key, "value": m.value, "previous_week": m.previous,
                              "delta_previous_week": m.delta_previous, f"average_{AVERAGE_WEEKS}_weeks": m.average,
                              "delta_average": m.delta_average, "weeks_averaged": m.weeks_averaged}
                             for m in self.metrics.values()])
        return {
            "kpis": kpis, "networks": self.networks, "volume_by_day": self.volume_by_day,
            "sentiment_by_day": self.sentiment_by_day, "events": events_table(self.events, lang),
            "topics": pd.DataFrame(self.topics or [], columns=["term", "score"]),
            "faq": pd.DataFrame([{"question": c.representative, "count": c.size, "variants": " | ".join(c.examples)}
                                 for c in self.faq], columns=["question", "count", "variants"]),
            "samples": pd.DataFrame([vars(s) for s in self.samples.values() if s is not None]),
        }


def reference_now(engine: Engine) -> datetime:
    """Demo data is frozen at its end time; real data is live (mirrors the dashboard)."""
    manifest = demo_manifest(engine)
    if manifest and manifest.get("end"):
        return from_ts(manifest["end"])
    return now_utc()


def build_snapshot(engine: Engine, settings: Settings, week: Union[Week, str], filters: Optional[Filters] = None,
                   now: Optional[datetime] = None, progress: Optional[Callable[[str], None]] = None) -> Snapshot:
    """Collect the weekly snapshot; `week` is a Week or '2026-W47' / 'last' / 'this'."""
    say = progress or (lambda _msg: None)
    now = now or reference_now(engine)
    if isinstance(week, str):
        week = parse_week(week, settings.team.timezone, now)
    f = (filters or Filters()).between(None, None)
    fw = week_filter(f, week)
    say(f"KPIs for {week.label} and the {AVERAGE_WEEKS} weeks before")
    metrics = weekly_metrics(engine, settings, f, week, now)
    say("volume, sentiment and events")
    volume, sentiment = volume_by_day(engine, fw, week), sentiment_by_day(engine, fw, week)
    networks, events = by_network(engine, f, week), top_events(engine, f, week)
    say("topics and recurring questions")
    topics = top_topics(engine, f, week)
    questions = faq.cluster(sample_texts(engine, [customer(), M.c.intent == "question", M.c.kind != "reply",
                                                  *where(fw)]), top=TOP_FAQ)
    questions = [faq.FaqCluster(mask_sensitive(c.representative), c.size,
                                tuple(mask_sensitive(e) for e in c.examples)) for c in questions]
    samples = {kind: sample_post(engine, fw, kind) for kind in SAMPLE_KINDS}
    return Snapshot(week, now, f, settings.sla.first_response_minutes, settings.sla.business_hours_only,
                    metrics, volume, sentiment, networks, events, topics, questions, samples,
                    demo=demo_manifest(engine) is not None)


# --- per day and per network --------------------------------------------------

def day_index(week: Week) -> ColumnElement:
    """0..6 for Monday..Sunday in the team time zone (exact local midnights, DST included)."""
    starts = [to_ts(d) for d in week.day_starts()]
    return case(*[(M.c.created_ts < starts[i + 1], i) for i in range(6)], else_=6)


def _frame(engine: Engine, query) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _days(week: Week) -> list:
    return [week.monday + timedelta(days=i) for i in range(7)]


def volume_by_day(engine: Engine, fw: Filters, week: Week) -> pd.DataFrame:
    q = (select(day_index(week).label("day_idx"), M.c.source, func.count().label("mentions"))
         .where(customer(), *where(fw)).group_by("day_idx", M.c.source))
    df = _frame(engine, q)
    if df.empty:
        return pd.DataFrame({"day": _days(week), "source": "–", "mentions": 0}).iloc[:0]
    wide = df.pivot_table(index="day_idx", columns="source", values="mentions", aggfunc="sum", fill_value=0)
    # Biggest network first, so it sits at the bottom of the stacked bars and leads the legend.
    wide = wide.reindex(range(7), fill_value=0)
    wide = wide[sorted(wide.columns, key=lambda c: (-int(wide[c].sum()), str(c)))]
    long = wide.reset_index().melt(id_vars="day_idx", var_name="source", value_name="mentions")
    long["day"] = [week.monday + timedelta(days=int(i)) for i in long.pop("day_idx")]
    return long[["day", "source", "mentions"]].astype({"mentions": "int64"}).reset_index(drop=True)


def sentiment_by_day(engine: Engine, fw: Filters, week: Week) -> pd.DataFrame:
    label = M.c.sentiment_label
    q = (select(day_index(week).label("day_idx"),
                *[func.coalesce(func.sum(case((label == x, 1), else_=0)), 0).label(x)
                  for x in ("negative", "neutral", "positive")],
                func.avg(M.c.sentiment).label("mean_sentiment"))
         .where(customer(), *where(fw)).group_by("day_idx"))
    df = _frame(engine, q).set_index("day_idx").reindex(range(7))
    for col in ("negative", "neutral", "positive"):
        df[col] = df[col].fillna(0).astype("int64")
    df["mean_sentiment"] = df["mean_sentiment"].astype("float64")
    df.insert(0, "day", _days(week))
    return df.reset_index(drop=True)


def by_network(engine: Engine, f: Filters, week: Week) -> pd.DataFrame:
    def counts(w: Week) -> pd.Series:
        q = (select(M.c.source, func.count().label("n")).where(customer(), *where(week_filter(f, w)))
             .group_by(M.c.source))
        df = _frame(engine, q)
        return pd.Series(df["n"].to_numpy(), index=df["source"], dtype="int64") if not df.empty \
            else pd.Series(dtype="int64")

    now, before = counts(week), counts(week.shifted(-1))
    sources = sorted(set(now.index) | set(before.index), key=lambda s: (-int(now.get(s, 0)), s))
    df = pd.DataFrame({"source": sources, "mentions": [int(now.get(s, 0)) for s in sources],
                       "previous_week": [int(before.get(s, 0)) for s in sources]})
    df["change"] = df["mentions"] - df["previous_week"]
    return df


# --- events, topics, texts, samples -------------------------------------------------

def top_events(engine: Engine, f: Filters, week: Week, limit: int = TOP_EVENTS) -> pd.DataFrame:
    """The strongest events that overlap the week (the table may be empty: no detector ran yet)."""
    start, end = to_ts(week.start), to_ts(week.end)
    clauses = [E.c.start_ts < end, or_(E.c.end_ts.is_(None), E.c.end_ts >= start)]  # no end: still running
    if f.brands:
        clauses.append(E.c.brand.in_(list(f.brands)))
    q = (select(E.c.type, E.c.brand, E.c.channel, E.c.start_ts, E.c.peak_ts, E.c.score, E.c.status,
                E.c.explanation).where(*clauses).order_by(E.c.score.desc(), E.c.start_ts, E.c.id).limit(limit))
    df = _frame(engine, q)
    columns = ["type", "brand", "channel", "start", "peak", "score", "status", "explanation"]
    if df.empty:
        return pd.DataFrame(columns=columns)
    df["start"] = [from_ts(v) for v in df.pop("start_ts")]
    df["peak"] = [from_ts(v) for v in df.pop("peak_ts")]
    df["explanation"] = [parse_explanation(v) for v in df["explanation"]]
    return df[columns]


def events_table(events: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The week's events as the page, its CSV and the export show them, in `lang`: type and status
    named, no channel read as all networks, the explanation read into a one-line summary."""
    out = events.drop(columns=["explanation"])
    out["type"] = [code_label(k, lang) for k in events["type"]]
    out["status"] = [code_label(s, lang) for s in events["status"]]
    out["channel"] = [c if isinstance(c, str) and c else t("snap_all_networks", lang) for c in events["channel"]]
    out["summary"] = [summary(k, ex, lang) for k, ex in zip(events["type"], events["explanation"])]
    return out


def sample_texts(engine: Engine, clauses: list[ColumnElement], limit: int = SAMPLE_TEXTS) -> list[str]:
    """At most `limit` texts spread evenly over the matching rows (every k-th by time)."""
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(M).where(*clauses)).scalar_one()
        if not n:
            return []
        step = -(-n // limit)
        ranked = select(M.c.text, func.row_number().over(order_by=(M.c.created_ts, M.c.id)).label("rn")) \
            .where(*clauses).subquery()
        q = select(ranked.c.text).where((ranked.c.rn - 1) % step == 0).order_by(ranked.c.rn).limit(limit)
        return [r[0] for r in conn.execute(q)]


def top_topics(engine: Engine, f: Filters, week: Week, k: int = TOP_TOPICS) -> Optional[list[tuple[str, float]]]:
    """Terms over-represented this week against the 4 weeks before (None without lawine.explain)."""
    try:
        from lawine.explain import top_terms
    except ImportError:  # written by a colleague in parallel; the snapshot works without it
        log.warning("lawine.explain is not available: the snapshot has no topics")
        return None
    # Masked first: a booking code or phone number that recurs must not become a "topic" in an e-mail.
    week_texts = [mask_sensitive(x) for x in sample_texts(engine, [customer(), *where(week_filter(f, week))])]
    base = f.between(week.shifted(-AVERAGE_WEEKS).start, week.start)
    baseline = [mask_sensitive(x) for x in sample_texts(engine, [customer(), *where(base)])]
    if not week_texts:
        return []
    return [(term, float(score)) for term, score in top_terms(week_texts, baseline, k)]


_SAMPLE_CONDITIONS = {
    "negative": lambda: M.c.sentiment_label == "negative",
    "question": lambda: and_(M.c.intent == "question", M.c.kind != "reply"),
    "positive": lambda: M.c.sentiment_label == "positive",
}


def sample_post(engine: Engine, fw: Filters, kind: str) -> Optional[SamplePost]:
    """The customer post of this kind with the most engagement (likes + replies + shares)."""
    engagement = M.c.likes + M.c.replies + M.c.shares
    q = (select(M.c.created_ts, M.c.source, M.c.brand, M.c.text, M.c.likes, M.c.replies, M.c.shares,
                M.c.url, M.c.sensitive)
         .where(customer(), _SAMPLE_CONDITIONS[kind](), M.c.intent.is_distinct_from("spam_or_abuse"), *where(fw))
         .order_by(engagement.desc(), M.c.created_ts, M.c.id).limit(1))
    with engine.connect() as conn:
        row = conn.execute(q).first()
    if row is None:
        return None
    # Private data stays masked in a report that travels by e-mail.
    text = mask_sensitive(row.text) if row.sensitive else row.text
    return SamplePost(kind, from_ts(row.created_ts), row.source, row.brand, text,
                      int(row.likes), int(row.replies), int(row.shares), row.url)
