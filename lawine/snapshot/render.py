"""The snapshot as one self-contained HTML file (Jinja2, autoescaped) and as PDF (headless Chromium)."""
from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import logging
import os
import re
from pathlib import Path
from typing import Callable, Optional, TypeVar

import plotly.graph_objects as go
from jinja2 import Environment

from lawine.charts import in_language, weekly_sentiment_chart, weekly_volume_chart
from lawine.i18n import moment_text, network_name, sentiment_names, t
from lawine.snapshot import fmt
from lawine.snapshot.data import SAMPLE_KINDS, Snapshot, events_table
from lawine.snapshot.template import TEMPLATE

log = logging.getLogger(__name__)
DEFAULT_BROWSER = "/usr/bin/chromium"
CHART_SIZE = (900, 320)  # px; the PDF scales it to the page width, so this only sets proportions
# autoescape=True: every value, posts and names included, is HTML-escaped unless marked safe (none is).
_TEMPLATE = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(TEMPLATE)
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)
T = TypeVar("T")


class RenderError(RuntimeError):
    """Rendering needs a browser that is not there (or failed); the message says what to install."""


def browser_path() -> Optional[str]:
    """Chromium for kaleido (BROWSER_PATH) and Playwright: Debian's package unless told otherwise."""
    if Path(DEFAULT_BROWSER).exists():
        os.environ.setdefault("BROWSER_PATH", DEFAULT_BROWSER)
    return os.environ.get("BROWSER_PATH")


def _off_event_loop(fn: Callable[[], T]) -> T:
    """Run fn here, or in a worker thread when this thread already runs an asyncio loop
    (Playwright's sync API and asyncio.run both refuse to run inside one)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


# --- charts ----------------------------------------------------------------------

def figures(snapshot: Snapshot, lang: str = "en") -> dict[str, go.Figure]:
    """The snapshot's charts as plotly figures: the page shows them, the export draws them to SVG."""
    volume = snapshot.volume_by_day.assign(day=[fmt.day_label(d, lang) for d in snapshot.volume_by_day["day"]])
    sentiment = snapshot.sentiment_by_day.assign(
        day=[fmt.day_label(d, lang) for d in snapshot.sentiment_by_day["day"]])
    names = sentiment_names(lang)
    return {
        "snap_volume_chart": in_language(weekly_volume_chart(volume, t("snap_col_mentions", lang)), lang),
        "snap_sentiment_chart": in_language(weekly_sentiment_chart(sentiment, names, t("snap_customer_posts", lang),
                                                                   t("snap_mean", lang)), lang),
    }


def chart_images(figs: dict[str, go.Figure]) -> dict[str, str]:
    """SVG data URIs of the figures, drawn by kaleido in one browser session (~3 s to start it)."""
    browser_path()
    import kaleido

    for name in ("kaleido", "choreographer"):
        # Their INFO lines (one per tab and temp dir) would bury the CLI's progress on stderr.
        if logging.getLogger(name).level == logging.NOTSET:
            logging.getLogger(name).setLevel(logging.WARNING)

    width, height = CHART_SIZE

    async def draw() -> dict[str, bytes]:
        # mathjax=False: its default is a CDN script, and the report must never reach out.
        async with kaleido.Kaleido(n=1, mathjax=False) as k:
            return {name: await k.calc_fig(fig, opts=dict(format="svg", width=width, height=height))
                    for name, fig in figs.items()}

    try:
        svgs = _off_event_loop(lambda: asyncio.run(draw()))
    except Exception as exc:  # kaleido raises several kinds when no browser can start
        raise RenderError(f"charts need Chromium (install Debian's chromium or set BROWSER_PATH): {exc}") from exc
    return {name: "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii") for name, svg in svgs.items()}


# --- HTML ------------------------------------------------------------------------

def _scope(snapshot: Snapshot, lang: str) -> str:
    f = snapshot.filters
    parts = [", ".join(v) for v in (f.brands, f.sources, f.langs) if v]
    return " · ".join(parts) if parts else t("snap_all", lang)


def _tiles(snapshot: Snapshot, lang: str) -> list[dict]:
    clock = t("snap_business_hours" if snapshot.business_hours_only else "snap_around_the_clock", lang)
    sections = []
    for title_key, keys in fmt.SECTIONS:
        tiles = []
        for key in keys:
            label = t(f"snap_kpi_{key}", lang)
            if key == "sla_compliance":
                label += f" ({snapshot.sla_minutes} min, {clock})"
            tiles.append({"key": key, "label": label, **fmt.metric_cells(snapshot.metrics[key], lang)})
        sections.append({"key": title_key, "title": t(title_key, lang), "tiles": tiles})
    return sections


def _samples(snapshot: Snapshot, lang: str) -> list[dict]:
    out = []
    for kind in SAMPLE_KINDS:
        post, view = snapshot.samples.get(kind), None
        if post is not None:
            view = {**fmt.sample_meta(post, snapshot.week.tz, lang), "brand": post.brand, "text": post.text,
                    # Only plain web links: a collected javascript: or data: URL must not become a link.
                    "url": post.url if post.url and _SAFE_URL.match(post.url) else None}
        out.append({"kind": kind, "title": t(f"snap_sample_{kind}", lang), "post": view})
    return out


def _networks(snapshot: Snapshot, lang: str) -> list[dict]:
    return [{"source": network_name(r.source), "mentions": fmt.number(r.mentions, 0, lang),
             "previous": fmt.number(r.previous_week, 0, lang), "change": fmt.delta("mentions", r.change, lang)}
            for r in snapshot.networks.itertuples()]


def _events(snapshot: Snapshot, lang: str) -> list[dict]:
    tz = snapshot.week.tz
    return [{"type": e.type, "brand": e.brand, "channel": e.channel, "start": moment_text(e.start, tz, lang),
             "score": fmt.number(e.score, 0, lang), "status": e.status, "summary": e.summary}
            for e in events_table(snapshot.events, lang).itertuples()]


def context(snapshot: Snapshot, lang: str = "en", images: Optional[dict[str, str]] = None) -> dict:
    """Everything the template shows, already formatted; user text stays plain (Jinja escapes it)."""
    week, tz = snapshot.week, snapshot.week.tz
    images = images or {}
    missing = "Chart unavailable: rendering needs Chromium." if lang == "en" else \
        "Diagramm nicht verfügbar: dafür wird Chromium benötigt."
    return {
        "lang": lang, "title": t("snapshot", lang), "week": week.label,
        "period": fmt.period(week, lang),
        "scope_label": t("snap_scope", lang), "scope": _scope(snapshot, lang),
        "demo": t("snap_demo", lang) if snapshot.demo else "",
        "incomplete": "" if snapshot.complete else
                      t("snap_incomplete", lang, when=moment_text(snapshot.as_of, tz, lang)),
        "has_data": snapshot.has_data, "no_data": t("snap_no_data", lang, week=week.label),
        "sections": _tiles(snapshot, lang),
        "vs_previous": t("snap_vs_previous", lang), "vs_average": t("snap_vs_average", lang),
        "charts": [{"title": t(key, lang), "src": images.get(key), "missing": missing}
                   for key in ("snap_volume_chart", "snap_sentiment_chart")],
        "networks_title": t("snap_networks", lang), "networks": _networks(snapshot, lang),
        "cols": {c: t(f"snap_col_{c}", lang) for c in (
            "network", "mentions", "previous", "change", "type", "brand", "channel", "start", "score", "status",
            "summary", "question", "count", "variants")},
        "events_title": t("snap_events", lang), "events": _events(snapshot, lang),
        "no_events": t("snap_no_events", lang),
        "topics_title": t("snap_topics", lang), "topics_hint": t("snap_topics_hint", lang),
        "topics": [(term, fmt.number(score, 1, lang)) for term, score in (snapshot.topics or [])],
        "no_topics": t("snap_no_topics" if snapshot.topics is not None else "snap_topics_unavailable", lang),
        "faq_title": t("snap_faq", lang), "faq_hint": t("snap_faq_hint", lang), "no_faq": t("snap_no_faq", lang),
        "faq": [{"representative": c.representative, "size": fmt.number(c.size, 0, lang),
                 "examples": " · ".join(c.examples)} for c in snapshot.faq],
        "samples_title": t("snap_samples", lang), "samples": _samples(snapshot, lang),
        "open_label": t("snap_open", lang), "none_label": t("snap_sample_none", lang),
        "definitions_title": t("snap_definitions", lang),
        "definitions": t("snap_definitions_text", lang, tz=tz, minutes=snapshot.sla_minutes,
                         clock=t("snap_business_hours" if snapshot.business_hours_only else "snap_around_the_clock",
                                 lang)),
        "generated": t("snap_generated", lang, when=moment_text(snapshot.generated_at, tz, lang)),
    }


def render_html(snapshot: Snapshot, lang: str = "en", charts: bool = True) -> str:
    """One self-contained HTML page: inline CSS, charts as SVG data URIs, no remote resources."""
    images: dict[str, str] = {}
    if charts and snapshot.has_data:
        try:
            images = chart_images(figures(snapshot, lang))
        except RenderError as exc:
            # The numbers matter more than the pictures: deliver the report, say what is missing.
            log.warning("%s", exc)
    return _TEMPLATE.render(**context(snapshot, lang, images))


# --- PDF -------------------------------------------------------------------------

def html_to_pdf(html: str) -> bytes:
    """Print the HTML with headless Chromium, so the PDF is the page as a browser shows it."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    executable = browser_path()
    footer = ('<div style="font-size:8px;color:#6b7280;width:100%;text-align:right;margin-right:11mm">'
              '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')

    def run() -> bytes:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                page = browser.new_page()
                # Self-contained by design; refuse any request anyway, so nothing in a post can phone home.
                page.route("**/*", lambda route: route.abort())
                page.set_content(html, wait_until="load")
                return page.pdf(format="A4", print_background=True, prefer_css_page_size=True,
                                display_header_footer=True, header_template="<span></span>",
                                footer_template=footer)
            finally:
                browser.close()

    try:
        return _off_event_loop(run)
    except PlaywrightError as exc:
        raise RenderError(f"PDF export needs Chromium (install Debian's chromium or set BROWSER_PATH): {exc}") from exc


def render_pdf(snapshot: Snapshot, lang: str = "en") -> bytes:
    return html_to_pdf(render_html(snapshot, lang))
