"""Run spike and avalanche detection over the store and save explained events."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, select

from lawine import avalanche
from lawine.explain import top_terms
from lawine.config import SENSITIVITY_NAMES, Settings
from lawine.spikes import SpikeBank, SpikeConfig, config_for
from lawine.store import schema
from lawine.store.event_writes import end_vanished_events, prune_open_events, upsert_events
from lawine.store.writer import to_ts

M = schema.mentions
HOUR = 3600
ALL = "*"  # the series of all channels of a brand
TEXT_SAMPLE = 4000
# The hour in progress is judged on what has arrived so far (SpikeBank.peek) once this much
# of it has passed: fewer minutes hold too few mentions to judge.
MIN_PARTIAL_S = 5 * 60


@dataclass
class SpikeEpisode:
    brand: str
    channel: str
    start: int
    peak: int
    end: int
    score: float
    observed: float
    expected: float
    column: int = 0  # the series' column in the counts it was found in
    ongoing: bool = False  # still in its episode at the last hour looked at: no end yet


def hourly_counts(engine: Engine, start: datetime, end: datetime) -> pd.DataFrame:
    """Customer mentions per hour for every brand and every brand x network (own posts excluded:
    our Monday-morning reply wave is not a spike)."""
    bucket = (M.c.created_ts - M.c.created_ts % HOUR).label("h")
    q = (select(bucket, M.c.brand, M.c.source, func.count().label("n"))
         .where(M.c.is_own.is_(False), M.c.created_ts >= to_ts(start), M.c.created_ts < to_ts(end))
         .group_by("h", M.c.brand, M.c.source))
    with engine.connect() as conn:
        df = pd.DataFrame(conn.execute(q).fetchall(), columns=["h", "brand", "source", "n"])
    if df.empty:
        return pd.DataFrame()
    per_source = df.pivot_table(index="h", columns=["brand", "source"], values="n", aggfunc="sum", fill_value=0)
    per_brand = df.pivot_table(index="h", columns="brand", values="n", aggfunc="sum", fill_value=0)
    per_brand.columns = pd.MultiIndex.from_tuples([(b, ALL) for b in per_brand.columns])
    wide = pd.concat([per_brand, per_source], axis=1)
    hours = np.arange(to_ts(start) // HOUR * HOUR, to_ts(end), HOUR)
    return wide.reindex(hours, fill_value=0).astype("float64")


def spike_episodes(counts: pd.DataFrame, config: Optional[SpikeConfig] = None,
                   last_elapsed_s: int = HOUR) -> list[SpikeEpisode]:
    """Advance one SpikeBank over all series hour by hour; one episode per alert. The last
    row may be the hour in progress, `last_elapsed_s` seconds old: it is only peeked at.
    Columns are (brand, channel), optionally below further levels (see sensitivity_preview)."""
    if counts.empty:
        return []
    bank = SpikeBank(counts.shape[1], HOUR, config)
    values = counts.to_numpy()
    hours = counts.index.to_numpy()
    if last_elapsed_s < MIN_PARTIAL_S:
        values, hours = values[:-1], hours[:-1]
    peek_last = MIN_PARTIAL_S <= last_elapsed_s < HOUR
    open_eps: dict[int, SpikeEpisode] = {}
    done: list[SpikeEpisode] = []
    for i, ts in enumerate(hours):
        if peek_last and i == len(hours) - 1:
            step = bank.peek(float(ts), values[i], last_elapsed_s / HOUR)
        else:
            step = bank.step(float(ts), values[i])
        for j in np.flatnonzero(step.alert):
            brand, channel = counts.columns[j][-2:]
            open_eps[j] = SpikeEpisode(brand, channel, int(ts), int(ts), int(ts) + HOUR, float(step.score[j]),
                                       float(values[i, j]), float(step.expected[j]), int(j))
        for j, ep in list(open_eps.items()):
            if step.in_episode[j] or step.alert[j]:
                ep.end = int(ts) + HOUR
                if values[i, j] > ep.observed:
                    ep.peak, ep.observed = int(ts), float(values[i, j])
                    ep.expected = float(step.expected[j])
                ep.score = max(ep.score, float(step.score[j]))
            else:
                done.append(open_eps.pop(j))
    for ep in open_eps.values():
        ep.ongoing = True
    return done + list(open_eps.values())


def _texts(engine: Engine, brand: str, channel: str, start: int, end: int) -> list[str]:
    q = select(M.c.text).where(M.c.brand == brand, M.c.is_own.is_(False),
                               M.c.created_ts >= start, M.c.created_ts < end)
    if channel != ALL:
        q = q.where(M.c.source == channel)
    with engine.connect() as conn:
        return list(conn.execute(q.order_by(M.c.created_ts).limit(TEXT_SAMPLE)).scalars())


def _top_posts(engine: Engine, brand: str, channel: str, start: int, end: int, limit: int = 5) -> list[dict]:
    q = (select(M.c.id, M.c.text, M.c.url, M.c.source, M.c.sentiment_label,
                (M.c.likes + M.c.shares + M.c.replies).label("engagement"))
         .where(M.c.brand == brand, M.c.is_own.is_(False), M.c.created_ts >= start, M.c.created_ts < end)
         .order_by((M.c.likes + M.c.shares + M.c.replies).desc(), M.c.id).limit(limit))
    if channel != ALL:
        q = q.where(M.c.source == channel)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def _channel_mix(engine: Engine, brand: str, start: int, end: int) -> dict[str, int]:
    q = (select(M.c.source, func.count()).where(M.c.brand == brand, M.c.is_own.is_(False),
                                                M.c.created_ts >= start, M.c.created_ts < end)
         .group_by(M.c.source).order_by(func.count().desc()))
    with engine.connect() as conn:
        return {s: int(n) for s, n in conn.execute(q)}


def explain_spike(engine: Engine, ep: SpikeEpisode, baseline_days: int = 7) -> dict:
    """Which words, posts and networks drive the spike: the first hours against the days before."""
    window_end = min(ep.end, ep.start + 6 * HOUR)
    spike_texts = _texts(engine, ep.brand, ep.channel, ep.start, window_end)
    base_texts = _texts(engine, ep.brand, ep.channel, ep.start - baseline_days * 86400, ep.start)
    return {
        "top_terms": [[w, round(z, 2)] for w, z in top_terms(spike_texts, base_texts, 10)],
        "top_posts": _top_posts(engine, ep.brand, ep.channel, ep.start, window_end),
        "channels": _channel_mix(engine, ep.brand, ep.start, ep.end),
        # The posts each side of the word comparison had (at most TEXT_SAMPLE): 0 tells the
        # summary that there was nothing to compare with.
        "spike_posts": len(spike_texts), "baseline_posts": len(base_texts),
        "observed_peak": ep.observed, "expected_peak": round(ep.expected, 1),
        "detector_score": round(ep.score, 2),
    }


def merge_channel_episodes(episodes: list[SpikeEpisode]) -> list[SpikeEpisode]:
    """A brand-wide spike already covers its networks' spikes at the same time: keep one event."""
    brand_level = [e for e in episodes if e.channel == ALL]
    kept = list(brand_level)
    for e in episodes:
        if e.channel == ALL:
            continue
        if not any(b.brand == e.brand and b.start < e.end and e.start < b.end for b in brand_level):
            kept.append(e)
    return kept


def spike_events(engine: Engine, start: datetime, now: datetime,
                 config: Optional[SpikeConfig] = None) -> list[dict]:
    """Spikes from `start` until `now`, the hour in progress included as far as it has gone."""
    now_ts = to_ts(now)
    hour_end = (now_ts // HOUR + 1) * HOUR
    counts = hourly_counts(engine, start, datetime.fromtimestamp(hour_end, timezone.utc))
    events = []
    for ep in merge_channel_episodes(spike_episodes(counts, config, now_ts - (hour_end - HOUR))):
        events.append({
            "id": f"spike:{ep.brand}:{ep.channel}:{ep.start}", "type": "spike", "brand": ep.brand,
            "channel": None if ep.channel == ALL else ep.channel, "start_ts": ep.start, "peak_ts": ep.peak,
            "end_ts": None if ep.ongoing else ep.end,  # a running event has no end yet
            "score": round(min(100.0, 50.0 * ep.score), 1),  # 50 = alert threshold
            "explanation": explain_spike(engine, ep),
        })
    return events


def sensitivity_preview(engine: Engine, now: datetime, days: int = 90, brands: Sequence[str] = ()) -> pd.DataFrame:
    """How many spike events each sensitivity would have raised over the last `days` (for
    `brands`, or all), to choose [detection] spike_sensitivity on one's own data."""
    counts = hourly_counts(engine, now - timedelta(days=days), now)
    if brands and not counts.empty:
        counts = counts.loc[:, counts.columns.get_level_values(0).isin(list(brands))]
    return sensitivity_table(counts)


def sensitivity_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Spike events per sensitivity over hourly `counts`, counted as detection stores them (a
    network's spike inside its brand's is one event). All sensitivities run as one bank."""
    columns = ["sensitivity", "spikes", "per_week", "brands"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    n = counts.shape[1]
    tiled = pd.concat({name: counts for name in SENSITIVITY_NAMES}, axis=1)
    config = SpikeConfig(return_days=np.repeat([config_for(s).return_days for s in SENSITIVITY_NAMES], n))
    found = spike_episodes(tiled, config)
    # Alerts start once the warm-up has passed; the rate is per week of that time.
    weeks = max(len(counts) * HOUR - config.warmup_s, HOUR) / (7 * 86400)
    rows = []
    for k, name in enumerate(SENSITIVITY_NAMES):
        eps = merge_channel_episodes([e for e in found if e.column // n == k])
        rows.append({"sensitivity": name, "spikes": len(eps), "per_week": round(len(eps) / weeks, 2),
                     "brands": ", ".join(sorted({e.brand for e in eps}))})
    return pd.DataFrame(rows, columns=columns)


def avalanche_events(engine: Engine, start: datetime, end: datetime) -> list[dict]:
    events = []
    for brand in _brands(engine):
        found, _ = avalanche.detect(engine, brand, start, end)
        for av in found:
            s, e = to_ts(av.start), to_ts(av.end)
            events.append({
                "id": f"avalanche:{brand}:{s}", "type": "avalanche", "brand": brand, "channel": None,
                "start_ts": s, "peak_ts": to_ts(av.peak), "end_ts": None if av.ongoing else e, "score": av.score,
                "explanation": {
                    "components": av.components, "channels": _channel_mix(engine, brand, s, e),
                    "negative_share": av.negative_share, "usual_negative_share": av.usual_negative_share,
                    "core_threads": avalanche.core_threads(engine, brand, av.start, av.end),
                    "top_terms": [[w, round(z, 2)] for w, z in top_terms(
                        _texts(engine, brand, ALL, s, e), _texts(engine, brand, ALL, s - 7 * 86400, s), 10)],
                },
            })
    return events


def _brands(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(M.c.brand).distinct().order_by(M.c.brand)).scalars())


def run_detection(engine: Engine, now: Optional[datetime] = None, days: int = 90,
                  settings: Optional[Settings] = None) -> dict[str, int]:
    """Detect over the last `days` (history before feeds baselines) and upsert the events;
    spikes at the configured sensitivity ([detection] spike_sensitivity)."""
    now = now or datetime.now(timezone.utc)
    end = now + timedelta(hours=1)
    start = end - timedelta(days=days)
    sensitivity = settings.detection.spike_sensitivity if settings is not None else "normal"
    spikes = spike_events(engine, start, now, config_for(sensitivity))
    # Up to now, the hour in progress included as far as it has gone; not the hour after it.
    avalanches = avalanche_events(engine, start + timedelta(days=avalanche.BASELINE_DAYS), now)
    found = spikes + avalanches
    upsert_events(engine, found)
    found_ids = {e["id"] for e in found}
    prune_open_events(engine, to_ts(start), to_ts(end), found_ids)
    end_vanished_events(engine, to_ts(start), to_ts(end), found_ids)
    return {"spikes": len(spikes), "avalanches": len(avalanches)}
