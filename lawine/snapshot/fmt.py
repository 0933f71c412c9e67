"""How snapshot numbers read in English and German, shared by the page and the HTML/PDF export."""
from __future__ import annotations

from datetime import date
from typing import Any, Optional

from lawine.i18n import day_text, moment_text, network_name, t, weekday_names
from lawine.numbers import MISSING, duration, formatter, number
from lawine.snapshot.metrics import Metric

__all__ = ["number"]  # the rest of the snapshot formats numbers as fmt.number

KIND = {
    "mentions": "count", "support_requests": "count", "marketing_questions": "count",
    "share_negative": "share", "share_positive": "share", "answered_share": "share",
    "sla_compliance": "share", "marketing_question_share": "share",
    "mean_sentiment": "score",
    "median_response_s": "duration", "p90_response_s": "duration", "marketing_median_response_s": "duration",
}
# +1: up is good, -1: up is bad, 0: neither (more mentions is not good or bad news by itself).
DIRECTION = {
    "mentions": 0, "support_requests": 0, "marketing_questions": 0, "marketing_question_share": 0,
    "share_negative": -1, "share_positive": 1, "mean_sentiment": 1, "answered_share": 1,
    "sla_compliance": 1, "median_response_s": -1, "p90_response_s": -1, "marketing_median_response_s": -1,
}


def value(key: str, v: Optional[float], lang: str = "en") -> str:
    """A KPI value: 3,255 · 27.1% · 1.9 h · +0.02."""
    return formatter(KIND.get(key, "count"), lang)(v)


def delta(key: str, d: Optional[float], lang: str = "en") -> str:
    """A KPI change: +129 · +0.4 pp · −12 min · +0.01 (shares change in percentage points)."""
    if d is None:
        return MISSING
    kind = KIND.get(key, "count")
    if kind == "duration":
        return duration(d, lang, signed=True)
    sign = "+" if d > 0 else "−" if d < 0 else "±"
    if kind == "share":
        return f"{sign}{number(abs(d) * 100, 1, lang)} {'pp' if lang == 'en' else 'PP'}"
    if kind == "score":
        return f"{sign}{number(abs(d), 2, lang)}"
    return f"{sign}{number(abs(d), 0 if abs(d) >= 10 or d == int(d) else 1, lang)}"


def tone(key: str, d: Optional[float]) -> str:
    """'good', 'bad' or 'neutral' for colouring a change."""
    direction = DIRECTION.get(key, 0)
    if d is None or direction == 0 or abs(d) < 1e-12:
        return "neutral"
    return "good" if (d > 0) == (direction > 0) else "bad"


def metric_cells(m: Metric, lang: str = "en") -> dict[str, str]:
    return {"value": value(m.key, m.value, lang), "delta_previous": delta(m.key, m.delta_previous, lang),
            "delta_average": delta(m.key, m.delta_average, lang),
            "tone_previous": tone(m.key, m.delta_previous), "tone_average": tone(m.key, m.delta_average)}


def period(week: Any, lang: str = "en") -> str:
    """The week's days and zone as the report's header reads them: 09.11.2026 – 15.11.2026 (Europe/Berlin)."""
    return f"{day_text(week.monday, lang)} – {day_text(week.sunday, lang)} ({week.tz})"


def sample_meta(post: Any, tz: str, lang: str = "en") -> dict[str, str]:
    """A sample post's network, time (in `tz`) and engagement as the line above it reads them."""
    counts = {k: number(getattr(post, k), 0, lang) for k in ("likes", "replies", "shares")}
    return {"source": network_name(post.source), "time": moment_text(post.created_at, tz, lang),
            "engagement": t("snap_engagement", lang, **counts)}


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(d: date, lang: str = "en") -> str:
    """A day on a chart axis: 'Mon 30 Nov' in English, 'Mo 30.11.' in German."""
    if lang == "de":
        return f"{weekday_names(lang)[d.weekday()]} {d.day:02d}.{d.month:02d}."
    return f"{weekday_names(lang)[d.weekday()]} {d.day} {MONTHS_EN[d.month - 1]}"


# KPI tiles grouped as the page and the export show them: (section title key, KPI keys).
SECTIONS = (
    ("snap_section_volume", ("mentions", "share_negative", "share_positive", "mean_sentiment")),
    ("snap_section_care", ("support_requests", "answered_share", "median_response_s", "p90_response_s",
                           "sla_compliance")),
    ("snap_section_marketing", ("marketing_questions", "marketing_question_share",
                                "marketing_median_response_s")),
)
