"""Read detected events for pages, reports and alerts."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Optional, Sequence

import pandas as pd
from sqlalchemy import Engine, select

from lawine.i18n import code_label, t
from lawine.numbers import level, number, share
from lawine.queries import Filters
from lawine.store import schema
from lawine.store.writer import from_ts, to_ts

E = schema.events


# Detection refreshes a running event on every run (after each collect); one it has not seen for
# this long may have ended unseen (detection stopped), so it is no longer shown as running now.
RUNNING_FRESH_S = 3 * 3600


def list_events(engine: Engine, f: Filters, types: Sequence[str] = (), statuses: Sequence[str] = (),
                limit: int = 500, lang: str = "en", running_at: Optional[datetime] = None) -> pd.DataFrame:
    """Events overlapping the filter's time range, newest first, with a one-line summary in `lang`;
    a running event has no end (NaT). With `running_at`, only the events running then."""
    q = select(E).order_by(E.c.start_ts.desc()).limit(limit)
    if running_at is not None:
        q = q.where(E.c.end_ts.is_(None), E.c.start_ts <= to_ts(running_at),
                    E.c.updated_ts >= to_ts(running_at) - RUNNING_FRESH_S)
    if f.brands:
        q = q.where(E.c.brand.in_(list(f.brands)))
    if f.sources:
        q = q.where((E.c.channel.is_(None)) | (E.c.channel.in_(list(f.sources))))
    if f.start is not None:
        q = q.where((E.c.end_ts.is_(None)) | (E.c.end_ts >= to_ts(f.start)))
    if f.end is not None:
        q = q.where(E.c.start_ts < to_ts(f.end))
    if types:
        q = q.where(E.c.type.in_(list(types)))
    if statuses:
        q = q.where(E.c.status.in_(list(statuses)))
    with engine.connect() as conn:
        rows = conn.execute(q).fetchall()
    records = []
    for r in rows:
        ex = parse_explanation(r.explanation)
        records.append({
            "id": r.id, "type": r.type, "brand": r.brand, "channel": r.channel or t("snap_all_networks", lang),
            "start": from_ts(r.start_ts), "peak": from_ts(r.peak_ts), "end": from_ts(r.end_ts),
            "score": r.score, "status": r.status, "summary": summary(r.type, ex, lang),
            "fact": key_fact(r.type, ex, lang),
        })
    columns = ["id", "type", "brand", "channel", "start", "peak", "end", "score", "status", "summary", "fact"]
    df = pd.DataFrame(records, columns=columns)
    for moment in ("start", "peak", "end"):  # datetimes even where every event is still running
        df[moment] = pd.to_datetime(df[moment], utc=True)
    return df


def headline(kind: str, brand: str, channel: Optional[str], lang: str = "en") -> str:
    """An event named in `lang`: "Spitze · Kestrel Air · alle Netzwerke" (no channel: all networks)."""
    name = code_label(kind, lang)
    return f"{name[:1].upper()}{name[1:]} · {brand} · {channel or t('snap_all_networks', lang)}"


def key_fact(kind: str, explanation: dict, lang: str = "en") -> Optional[str]:
    """The one line that says how big an event is: a spike's level against the expected, an
    avalanche's negative share against the usual; None where the explanation does not hold it."""
    if kind == "avalanche":
        if "negative_share" not in explanation:  # stored before avalanches kept it
            return None
        return t("event_negative_share", lang, share=share(explanation["negative_share"], lang),
                 usual=share(explanation.get("usual_negative_share", 0.0), lang))
    peak, usual = explanation.get("observed_peak"), explanation.get("expected_peak")
    if peak is None or usual is None:
        return None
    return t("event_level", lang, peak=number(peak, 0, lang), usual=level(usual, lang))


def summary(kind: str, explanation: dict, lang: str = "en") -> str:
    """One line on an event in `lang`: how big it is (key_fact), an avalanche's core threads, the
    words that drive it and, where no word stands out, why (nothing to compare with, or an even mix)."""
    terms = ", ".join(str(term) for term, _ in explanation.get("top_terms", [])[:5])
    words = t("event_words", lang, terms=terms) if terms else _no_words(explanation, lang)
    threads = [t("event_core_threads", lang, n=len(explanation.get("core_threads", [])))] if kind == "avalanche" else []
    fact = key_fact(kind, explanation, lang)
    return "; ".join([*([fact] if fact else []), *threads, words])


def _no_words(explanation: dict, lang: str) -> str:
    # Older explanations do not say how many posts the comparison had.
    return t("event_no_baseline" if explanation.get("baseline_posts") == 0 else "event_no_words", lang)


def parse_explanation(raw: Optional[str]) -> dict:
    """A stored explanation JSON as a dict, for pages, reports and alerts that must not fail on one
    odd row: malformed JSON or a non-object gives an empty dict."""
    try:
        data = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def get_event(engine: Engine, event_id: str) -> Optional[dict]:
    """One event with its explanation as a dict and its moments as datetimes; None if unknown."""
    with engine.connect() as conn:
        r = conn.execute(select(E).where(E.c.id == event_id)).first()
    if r is None:
        return None
    data = dict(r._mapping)
    data["explanation"] = parse_explanation(data["explanation"])
    for key in ("start_ts", "peak_ts", "end_ts", "updated_ts"):
        data[key.removesuffix("_ts")] = from_ts(data.pop(key))
    return data


def event_markers(engine: Engine, f: Filters) -> pd.DataFrame:
    """Start/end of events in range, for shading timelines."""
    df = list_events(engine, f, limit=200)
    return df[["type", "brand", "channel", "start", "end", "score"]] if not df.empty else df


def window(event: dict, hours_before: int = 48, hours_after: int = 24) -> tuple[datetime, datetime]:
    end = event["end"] or event["peak"]
    return event["start"] - timedelta(hours=hours_before), end + timedelta(hours=hours_after)
