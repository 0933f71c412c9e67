"""Find alert candidates in the store: new events, SLA breaches, VIP complaints, sensitive posts."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Optional
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, or_, select

from lawine.analysis import mask_sensitive
from lawine.business_hours import BusinessCalendar, sla_deadline
from lawine.config import AlertRule, Settings
from lawine.events import parse_explanation
from lawine.i18n import code_label, moment_text, network_name, t, t_or
from lawine.numbers import level, number, share
from lawine.queries import customer, open_request
from lawine.store import schema

E, M = schema.events, schema.mentions
EVENT_TYPES = ("spike", "avalanche")
MENTION_TYPES = ("sla_breach", "vip_author", "sensitive_public")
# Which dashboard page each alert links to (Streamlit url paths of pages/*.py; "" is the overview).
VIEWS = {"spike": "events", "avalanche": "events",
         "sla_breach": "queue", "vip_author": "queue", "sensitive_public": "queue"}
QUOTE_CHARS = 280
SLA_SCAN_DAYS = 7  # an SLA deadline can fall days after the post (weekends, holidays)
EXPLANATION_FACTS = 6
# Whole posts and thread lists belong on the Events page, not in a chat message.
SKIP_EXPLANATION = {"top_posts", "core_threads", "components", "spike_posts", "baseline_posts"}


@dataclass(frozen=True)
class Alert:
    """One thing worth telling people about; `key` makes it happen once per channel."""

    key: str
    type: str
    brand: str
    title: str
    at_ts: int  # when it happened (event start/end, SLA deadline, post time)
    facts: tuple[tuple[str, str], ...] = ()
    quote: Optional[str] = None  # the customer's words, personal data masked; escaped when rendered
    link: Optional[str] = None  # the dashboard view
    post_url: Optional[str] = None  # the post on its network
    score: Optional[float] = None
    marketing: bool = False
    thread_key: Optional[str] = None  # on updates: the key of the first notification
    covers: tuple[str, ...] = ()  # update keys this alert's message makes unnecessary

    @property
    def is_update(self) -> bool:
        return self.thread_key is not None


def matches(rule: AlertRule, alert: Alert) -> bool:
    if alert.type not in rule.types or (rule.brands and alert.brand not in rule.brands):
        return False
    if alert.type in EVENT_TYPES:
        return (alert.score or 0.0) >= rule.min_score
    return alert.marketing or not rule.marketing_posts_only


def find_alerts(engine: Engine, settings: Settings, now_ts: int, lang: str = "en") -> list[Alert]:
    """Every candidate as of now_ts, worded in `lang`; the dispatcher decides what is new for which
    channel (keys do not depend on the language, so one rule's German text and another's English
    text are the same alert)."""
    return (event_alerts(engine, settings, now_ts, lang) + sla_alerts(engine, settings, now_ts, lang)
            + vip_alerts(engine, settings, now_ts, lang) + sensitive_alerts(engine, settings, now_ts, lang))


# --- formatting helpers ---------------------------------------------------------

def local_time(ts: Optional[int], tz: str, lang: str = "en") -> str:
    """A moment in the team's zone as the message's language writes it, with the zone's abbreviation."""
    if ts is None:
        return "–"
    local = datetime.fromtimestamp(ts, ZoneInfo(tz))
    return f"{moment_text(local, tz, lang)} {local:%Z}"


def duration(seconds: float, lang: str = "en") -> str:
    minutes = int(seconds // 60)
    if minutes < 120:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    day = "d" if lang == "en" else "T"
    return f"{hours} h {rest} min" if hours < 48 else f"{hours // 24} {day} {hours % 24} h"


def dashboard_link(settings: Settings, view: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
    base = settings.alerts.dashboard_url.rstrip("/")
    return f"{base}/{view}" + (f"?{query}" if query else "")


def _local_date(ts: int, tz: str) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).astimezone(ZoneInfo(tz)).date().isoformat()


def _safe_url(url: Optional[str]) -> Optional[str]:
    # Post links come from the networks; only plain web links may become clickable.
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _quote(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    text = mask_sensitive(text)  # alerts leave our system: never forward personal data
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1] + "…"


# --- events: spikes and avalanches -------------------------------------------------

def _fact_value(value, lang: str = "en") -> Optional[str]:
    """Scalars as they are; [[term, weight], ...] as the terms; {name: count} as 'name count'."""
    if isinstance(value, bool) or value is None:
        return None if value is None else str(value)
    if isinstance(value, float):
        return number(value, 2, lang)
    if isinstance(value, (int, str)):
        return number(value, 0, lang) if isinstance(value, int) else value
    if isinstance(value, list):
        items = [v[0] if isinstance(v, list) and v else v for v in value[:5]]
        return ", ".join(str(v) for v in items if not isinstance(v, (dict, list))) or None
    if isinstance(value, dict):
        items = [f"{k} {number(v, 0, lang)}" if isinstance(v, int) else f"{k} {v}" for k, v in list(value.items())[:5]
                 if not isinstance(v, (dict, list))]
        return ", ".join(items) or None
    return None


def _known_fact(key: str, value, lang: str) -> Optional[str]:
    """Facts whose meaning we know read as people say them: shares as percentages, mentions per
    hour as whole numbers, networks by name; None for the rest (written by _fact_value)."""
    if key.endswith("_share") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return share(value, lang)
    if key in ("observed_peak", "expected_peak") and isinstance(value, (int, float)):
        return f"{level(value, lang)}/h"
    if key == "channels" and isinstance(value, dict):
        return _fact_value({network_name(str(k)): v for k, v in value.items()}, lang)
    return None


def _explanation_facts(raw: Optional[str], lang: str = "en") -> list[tuple[str, str]]:
    """A few readable lines from the detector's explanation JSON (its full detail is on the Events page)."""
    facts = []
    for key, value in parse_explanation(raw).items():
        if key in SKIP_EXPLANATION:
            continue
        text = _known_fact(key, value, lang) or _fact_value(value, lang)
        if text:
            facts.append((t_or(f"al_expl_{key}", lang, str(key).replace("_", " ").capitalize()), text))
    return facts[:EXPLANATION_FACTS]


def event_alerts(engine: Engine, settings: Settings, now_ts: int, lang: str = "en") -> list[Alert]:
    """A first alert per recent event, and an update when someone (or the detector) changes its status."""
    since = now_ts - settings.alerts.lookback_hours * 3600
    # Detection refreshes updated_ts on every run, so only a *changed status* makes an older event relevant.
    # An event still running at the last detection run (no end yet; detection refreshed it
    # within the lookback) is news however long ago it started.
    running = and_(E.c.end_ts.is_(None), E.c.updated_ts >= since)
    recent = or_(E.c.start_ts >= since, running, E.c.end_ts >= since)
    # The database says which rows are recent, so the rule lives in one place (NULL reads as no).
    q = (select(E, recent.label("is_recent"))
         .where(E.c.type.in_(EVENT_TYPES), E.c.start_ts <= now_ts,
                or_(recent, and_(E.c.status != "open", E.c.updated_ts >= since)))
         .order_by(E.c.start_ts, E.c.id))
    with engine.connect() as conn:
        rows = conn.execute(q).fetchall()
    out = []
    for r in rows:
        base = _event_alert(settings, r, now_ts, lang)
        if r.is_recent:
            out.append(base)
        if r.status != "open":
            title = t("al_update", lang, kind=code_label(r.type, lang), status=code_label(r.status, lang),
                      rest=base.title.split(": ", 1)[1])
            out.append(replace(base, key=f"{base.key}#{r.status}", at_ts=r.updated_ts, thread_key=base.key,
                               covers=(), title=title))
    return out


def _event_alert(settings: Settings, r, now_ts: int, lang: str = "en") -> Alert:
    tz = settings.team.timezone
    where = t("al_on", lang, name=r.channel) if r.channel else ""
    facts = [(t("al_score", lang), number(r.score, 1, lang)), (t("al_started", lang), local_time(r.start_ts, tz, lang)),
             (t("al_peak", lang), local_time(r.peak_ts, tz, lang)), (t("al_status", lang), code_label(r.status, lang))]
    if r.end_ts and r.status != "open":
        facts.append((t("al_active_until", lang), local_time(r.end_ts, tz, lang)))
    facts += _explanation_facts(r.explanation, lang)
    link = dashboard_link(settings, VIEWS[r.type], event=r.id, brand=r.brand, **{
        "from": _local_date(r.start_ts, tz), "to": _local_date(r.end_ts or now_ts, tz)})
    key = f"{r.type}:{r.id}"
    # The first message already shows a non-open status; no separate update for that status then.
    covers = (f"{key}#{r.status}",) if r.status != "open" else ()
    title = t("al_title_avalanche" if r.type == "avalanche" else "al_title_spike", lang, brand=r.brand, where=where)
    return Alert(key=key, type=r.type, brand=r.brand, title=title, at_ts=r.start_ts,
                 facts=tuple(facts), link=link, score=r.score, covers=covers)


# --- mentions ------------------------------------------------------------------

_COLS = (M.c.id, M.c.source, M.c.channel, M.c.brand, M.c.text, M.c.url, M.c.created_ts, M.c.author_name,
         M.c.author_followers, M.c.sentiment_label, M.c.intent, M.c.on_marketing_post)


def _mention_rows(engine: Engine, *clauses) -> list:
    with engine.connect() as conn:
        return conn.execute(select(*_COLS).where(*clauses).order_by(M.c.created_ts, M.c.id)).fetchall()


def _mention_alert(settings: Settings, r, type_: str, title: str, facts: list[tuple[str, str]],
                   at_ts: int, lang: str = "en") -> Alert:
    facts = [(t("al_network", lang), r.source), (t("al_channel", lang), r.channel), *facts,
             (t("al_posted", lang), local_time(r.created_ts, settings.team.timezone, lang))]
    return Alert(key=f"{type_}:{r.id}", type=type_, brand=r.brand, title=title, at_ts=at_ts,
                 facts=tuple(facts), quote=_quote(r.text), post_url=_safe_url(r.url),
                 link=dashboard_link(settings, VIEWS[type_], brand=r.brand, source=r.source),
                 marketing=bool(r.on_marketing_post))


def sla_alerts(engine: Engine, settings: Settings, now_ts: int, lang: str = "en") -> list[Alert]:
    """Open customer posts whose first-response deadline passed within the lookback window."""
    minutes = settings.sla.first_response_minutes
    rows = _mention_rows(engine, open_request(), M.c.created_ts >= now_ts - SLA_SCAN_DAYS * 86400,
                         M.c.created_ts <= now_ts - minutes * 60)
    calendar = BusinessCalendar.from_team(settings.team)
    since = now_ts - settings.alerts.lookback_hours * 3600
    out = []
    for r in rows:
        created = datetime.fromtimestamp(r.created_ts, timezone.utc)
        deadline = int(sla_deadline(calendar, created, minutes, settings.sla.business_hours_only).timestamp())
        if not since <= deadline <= now_ts:
            continue
        clock = t("al_business_time" if settings.sla.business_hours_only else "al_around_the_clock", lang)
        facts = [(t("al_waiting", lang), duration(now_ts - r.created_ts, lang)),
                 (t("al_sla", lang), t("al_sla_value", lang, minutes=minutes, clock=clock)),
                 (t("al_deadline", lang), local_time(deadline, settings.team.timezone, lang)),
                 (t("al_overdue_by", lang), duration(now_ts - deadline, lang))]
        where = t("al_sla_marketing" if r.on_marketing_post else "al_sla_post", lang)
        title = t("al_sla_title", lang, where=where, brand=r.brand, source=r.source)
        out.append(_mention_alert(settings, r, "sla_breach", title, facts, deadline, lang))
    return out


def vip_alerts(engine: Engine, settings: Settings, now_ts: int, lang: str = "en") -> list[Alert]:
    """Negative posts and complaints by authors with at least alerts.vip_followers followers."""
    since = now_ts - settings.alerts.lookback_hours * 3600
    rows = _mention_rows(engine, customer(), M.c.created_ts >= since, M.c.created_ts <= now_ts,
                         M.c.author_followers >= settings.alerts.vip_followers,
                         or_(M.c.sentiment_label == "negative", M.c.intent == "complaint"))
    return [_mention_alert(settings, r, "vip_author", t("al_vip_title", lang, brand=r.brand, source=r.source),
                           [(t("al_author", lang), r.author_name or "–"),
                            (t("al_followers", lang), number(r.author_followers, 0, lang)),
                            (t("al_sentiment", lang), r.sentiment_label or "–"),
                            (t("al_intent", lang), r.intent or "–")],
                           r.created_ts, lang) for r in rows]


def sensitive_alerts(engine: Engine, settings: Settings, now_ts: int, lang: str = "en") -> list[Alert]:
    """Customers who posted personal data (order numbers, IBAN, ...) in public."""
    since = now_ts - settings.alerts.lookback_hours * 3600
    rows = _mention_rows(engine, and_(customer(), M.c.sensitive.is_(True)),
                         M.c.created_ts >= since, M.c.created_ts <= now_ts)
    return [_mention_alert(settings, r, "sensitive_public",
                           t("al_sensitive_title", lang, brand=r.brand, source=r.source),
                           [(t("al_advice", lang), t("al_advice_private", lang))], r.created_ts, lang) for r in rows]
