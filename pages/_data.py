"""The one thin module of cached data calls: engines are resources, query results expire."""
from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from lawine import queries, store
from lawine.config import Settings, load_settings
from lawine.queries import Filters
from lawine.workspace import Workspace, ensure_demo, resolve

TTL = 60  # seconds: the wall screen refreshes every minute, so older results are stale anyway


@st.cache_resource
def settings() -> Settings:
    return load_settings()


@st.cache_resource
def engine(url: str) -> Engine:
    return store.open_store(url)


def workspace() -> Workspace:
    """Resolve which DB to show; build the demo with a progress bar the first time."""
    ws = _resolve()
    if ws.is_demo and ws.manifest is None:
        bar = st.progress(0.0, text="Preparing demo data / Demodaten werden erzeugt …")
        ws.manifest = ensure_demo(ws.url, progress=lambda done, total: bar.progress(
            min(done / total, 1.0), text=f"Demo data: {done:,} / {total:,} mentions"))
        bar.empty()
        _resolve.clear()
        st.cache_data.clear()
    return ws


@st.cache_data(ttl=TTL, show_spinner=False)
def _resolve() -> Workspace:
    return resolve(settings())


def now_for(ws: Workspace) -> datetime:
    """Demo data is frozen at its end time; real data is live."""
    if ws.is_demo and ws.manifest:
        return datetime.fromtimestamp(ws.manifest["end"], timezone.utc)
    return datetime.now(timezone.utc)


@st.cache_data(ttl=TTL, show_spinner=False)
def bounds(url: str):
    return queries.mention_bounds(engine(url))


@st.cache_data(ttl=TTL, show_spinner=False)
def distinct(url: str, column: str) -> list[str]:
    return queries.distinct_values(engine(url), column)


@st.cache_data(ttl=TTL, show_spinner=False)
def kpis(url: str, f: Filters, now: datetime, tz: str) -> queries.Kpis:
    return queries.kpis(engine(url), f, now, tz)


@st.cache_data(ttl=TTL, show_spinner=False)
def volume(url: str, f: Filters, bucket_s: int, by: str = "source") -> pd.DataFrame:
    return queries.volume_timeline(engine(url), f, bucket_s, by)


@st.cache_data(ttl=TTL, show_spinner=False)
def sentiment(url: str, f: Filters, bucket_s: int) -> pd.DataFrame:
    return queries.sentiment_timeline(engine(url), f, bucket_s)


@st.cache_data(ttl=TTL, show_spinner=False)
def latest(url: str, f: Filters, limit: int = 50) -> pd.DataFrame:
    return queries.latest_mentions(engine(url), f, limit)


def clear() -> None:
    st.cache_data.clear()


# --- weekly snapshot -------------------------------------------------------------
# The export functions take the same keys as snapshot(), so a download reuses the cached build.

@st.cache_data(ttl=TTL, show_spinner=False)
def snapshot(url: str, week: str, f: Filters, now: datetime):
    from lawine.snapshot import build_snapshot, parse_week

    team = settings().team
    return build_snapshot(engine(url), settings(), parse_week(week, team.timezone, now), f, now)


@st.cache_data(ttl=TTL, show_spinner=False)
def snapshot_html(url: str, week: str, f: Filters, now: datetime, lang: str) -> str:
    from lawine.snapshot.render import render_html

    return render_html(snapshot(url, week, f, now), lang)


@st.cache_data(ttl=TTL, show_spinner=False)
def snapshot_pdf(url: str, week: str, f: Filters, now: datetime, lang: str) -> bytes:
    from lawine.snapshot.render import html_to_pdf

    return html_to_pdf(snapshot_html(url, week, f, now, lang))


# --- events (detection) ---------------------------------------------------------------
@st.cache_data(ttl=TTL, show_spinner=False)
def events(url: str, f: Filters, types: tuple[str, ...] = (), statuses: tuple[str, ...] = ()) -> pd.DataFrame:
    from lawine.events import list_events

    return list_events(engine(url), f, types, statuses)


@st.cache_data(ttl=TTL, show_spinner=False)
def event(url: str, event_id: str):
    from lawine.events import get_event

    return get_event(engine(url), event_id)


# --- alerts (pages/alerts.py) ------------------------------------------------

@st.cache_data(ttl=TTL, show_spinner=False)
def notification_log(url: str, statuses: tuple[str, ...] = ()) -> pd.DataFrame:
    from lawine.alerts.state import notification_log as _log

    return _log(engine(url), statuses)


@st.cache_data(ttl=TTL, show_spinner=False)
def notification_counts(url: str) -> dict[str, int]:
    from lawine.alerts.state import status_counts

    return status_counts(engine(url))
