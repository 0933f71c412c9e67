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
def events(url: str, f: Filters, types: tuple[str, ...] = (), statuses: tuple[str, ...] = (),
           lang: str = "en") -> pd.DataFrame:
    from lawine.events import list_events

    return list_events(engine(url), f, types, statuses, lang=lang)


@st.cache_data(ttl=TTL, show_spinner=False)
def running_events(url: str, f: Filters, now: datetime, lang: str = "en") -> pd.DataFrame:
    from lawine.events import list_events

    return list_events(engine(url), f, limit=20, lang=lang, running_at=now)


@st.cache_data(ttl=10 * TTL, show_spinner=False)  # a replay of 90 days: seconds, and it changes slowly
def sensitivity_preview(url: str, now: datetime, brands: tuple[str, ...]) -> pd.DataFrame:
    from lawine.detect import sensitivity_preview as preview

    return preview(engine(url), now, brands=brands)


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


# --- response times and the escalation queue (pages/response_times.py, pages/queue.py) ----------

def sla_policy():
    from lawine.response_times import SlaPolicy

    return SlaPolicy.from_settings(settings())


@st.cache_data(ttl=TTL, show_spinner=False)
def response_stats(url: str, f: Filters, bys: tuple[str, ...], tz: str) -> dict[str, pd.DataFrame]:
    """The groupings a page shows at once, from the same two queries."""
    from lawine.response_times import first_response_stats_by

    return first_response_stats_by(engine(url), f, sla_policy(), bys, tz)


@st.cache_data(ttl=TTL, show_spinner=False)
def load_and_backlog(url: str, f: Filters, now: datetime, tz: str, hours: int = 8):
    """(hour-of-week load of the filter's range, backlog forecast): one pair of hourly queries."""
    from lawine.response_times import load_and_backlog as _both

    return _both(engine(url), f, f, now, tz, hours)


@st.cache_data(ttl=TTL, show_spinner=False)
def satisfaction(url: str, f: Filters, by: str = "brand") -> pd.DataFrame:
    from lawine.satisfaction import satisfaction as _satisfaction

    return _satisfaction(engine(url), f, by)


@st.cache_data(ttl=TTL, show_spinner=False)
def queue(url: str, f: Filters, now: datetime, departments: tuple[str, ...] = (),
          marketing_only: bool = False, limit: int = 500) -> pd.DataFrame:
    from lawine.queue import queue_items

    return queue_items(engine(url), f, now, sla_policy(), limit, departments=departments,
                       marketing_only=marketing_only)


@st.cache_data(ttl=TTL, show_spinner=False)
def queue_counts(url: str, f: Filters, now: datetime, departments: tuple[str, ...] = (),
                 marketing_only: bool = False):
    from lawine.queue import queue_counts as _counts

    return _counts(engine(url), f, now, sla_policy(), departments=departments, marketing_only=marketing_only)


@st.cache_data(ttl=TTL, show_spinner=False)
def queue_departments(url: str, f: Filters, now: datetime) -> list[str]:
    from lawine.queue import queue_departments as _departments

    return _departments(engine(url), f, now)


@st.cache_data(ttl=TTL, show_spinner=False)
def recently_closed(url: str, limit: int = 50) -> pd.DataFrame:
    from lawine.queue import recently_closed as _closed

    return _closed(engine(url), limit)


def clear_queue() -> None:
    """After a queue action: the queue views must show it at once, not after the TTL."""
    for fn in (queue, queue_counts, queue_departments, recently_closed, load_and_backlog):
        fn.clear()


# --- sources ----------------------------------------------------------------------------
@st.cache_data(ttl=10, show_spinner=False)
def source_statuses(url: str):
    from lawine.sources_status import source_statuses as statuses

    return statuses(engine(url), settings())


@st.cache_data(ttl=10, show_spinner=False)
def quarantined(url: str, limit: int = 200) -> list[dict]:
    from lawine.store.sources import quarantined as held

    return held(engine(url), limit=limit)
