"""Weekly snapshot: one ISO week for the executives, on screen and as HTML, PDF and CSV downloads."""
from __future__ import annotations

from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from lawine.i18n import moment_text, network_name
from lawine.numbers import MISSING
from lawine.snapshot import fmt
from lawine.snapshot.data import SAMPLE_KINDS, Snapshot
from lawine.snapshot.render import figures
from lawine.snapshot.week import Week, WeekError, parse_week, week_of
from pages import _data
from pages._layout import Context, csv_button, number_table, page, time_column, to_local

MAX_WEEKS = 104
DELTA_COLOR = {1: "normal", -1: "inverse", 0: "off"}


def week_options(ctx: Context, tz: str) -> list[str]:
    """Every ISO week from the first mention to the running week, newest first."""
    first = _data.bounds(ctx.url)[0] or ctx.now
    current = week_of(ctx.now.astimezone(ZoneInfo(tz)).date(), tz)
    weeks, w = [], current
    while len(weeks) < MAX_WEEKS and w.end > first:
        weeks.append(w.label)
        w = w.shifted(-1)
    return weeks


def pick_week(ctx: Context) -> Week:
    tz = _data.settings().team.timezone
    options = week_options(ctx, tz)
    default = parse_week("last", tz, ctx.now).label
    wanted = st.query_params.get("week", default)
    try:
        wanted = parse_week(wanted, tz, ctx.now).label
    except WeekError as exc:
        st.warning(str(exc))
        wanted = default
    if wanted not in options:
        options.append(wanted)
    label = st.selectbox(ctx.t("snap_week_picker"), options, index=options.index(wanted))
    st.query_params["week"] = label
    return parse_week(label, tz, ctx.now)


def downloads(ctx: Context, key: tuple) -> None:
    cols = st.columns(2)
    name = f"lawine-snapshot-{key[1]}"
    # Callables: the export (charts + Chromium, a few seconds) only runs when someone clicks.
    cols[0].download_button(ctx.t("snap_download_html"), lambda: _data.snapshot_html(*key, ctx.lang),
                            file_name=f"{name}.html", mime="text/html", on_click="ignore", key="snap_html")
    cols[1].download_button(ctx.t("snap_download_pdf"), lambda: _data.snapshot_pdf(*key, ctx.lang),
                            file_name=f"{name}.pdf", mime="application/pdf", on_click="ignore", key="snap_pdf")


def tiles(ctx: Context, snap: Snapshot) -> None:
    clock = ctx.t("snap_business_hours" if snap.business_hours_only else "snap_around_the_clock")
    for title_key, keys in fmt.SECTIONS:
        st.subheader(ctx.t(title_key))
        for col, key in zip(st.columns(len(keys)), keys):
            m, cells = snap.metrics[key], fmt.metric_cells(snap.metrics[key], ctx.lang)
            sla = key == "sla_compliance"
            label = ctx.t(f"snap_kpi_{key}") + (f" ({snap.sla_minutes} min, {clock})" if sla else "")
            short = ctx.t(f"snap_kpi_{key}") + (f" ({snap.sla_minutes} min)" if sla else "")
            # st.metric reads the arrow from a leading ASCII '-'; our typographic minus would point up.
            delta = cells["delta_previous"].replace("−", "-") if m.delta_previous is not None else None
            col.metric(short, cells["value"], delta=delta, delta_color=DELTA_COLOR[fmt.DIRECTION[key]],
                       help=f"{label}; {ctx.t('snap_vs_previous')}")
            col.caption(f"{cells['delta_average']} {ctx.t('snap_vs_average')}")
        if title_key == "snap_section_volume":
            charts(ctx, snap)


def charts(ctx: Context, snap: Snapshot) -> None:
    data = {"snap_volume_chart": ("volume_by_day", snap.volume_by_day),
            "snap_sentiment_chart": ("sentiment_by_day", snap.sentiment_by_day)}
    for key, fig in figures(snap, ctx.lang).items():
        st.markdown(f"**{ctx.t(key)}**")
        st.plotly_chart(fig, width="stretch", key=key)
        name, df = data[key]
        csv_button(df, f"snapshot_{name}", ctx.lang, f"snap_{name}_csv")
    st.markdown(f"**{ctx.t('snap_networks')}**")
    shown(ctx, snap.networks.assign(source=[network_name(v) for v in snap.networks["source"]]))
    csv_button(snap.networks, "snapshot_networks", ctx.lang, "snap_networks_csv")


# Column headers on screen; the CSV keeps the plain English names, which scripts can rely on.
HEADERS = {"source": "snap_col_network", "mentions": "snap_col_mentions", "previous_week": "snap_col_previous",
           "change": "snap_col_change", "type": "snap_col_type", "brand": "snap_col_brand",
           "channel": "snap_col_channel", "start": "snap_col_start", "peak": "snap_col_peak", "score": "snap_col_score",
           "status": "snap_col_status", "summary": "snap_col_summary", "question": "snap_col_question",
           "count": "snap_col_count", "variants": "snap_col_variants", "term": "snap_col_term"}


KINDS = {"mentions": "count", "previous_week": "count", "change": "change", "count": "count", "score": "decimal1"}
# An event's score is 0-100, whole, as on the Events page and in the export; a topic's keeps its decimal.
EVENT_KINDS = {**KINDS, "score": "count"}


def shown(ctx: Context, df: pd.DataFrame, kinds: dict[str, str] = KINDS) -> None:
    dates = {c: time_column(ctx.t(HEADERS[c]), ctx.lang)
             for c in ("start", "peak") if c in df.columns}
    number_table(ctx, df, kinds, HEADERS, dates)


def table(ctx: Context, title_key: str, df: pd.DataFrame, empty_key: str, name: str, hint_key: str = "",
          kinds: dict[str, str] = KINDS) -> None:
    st.subheader(ctx.t(title_key))
    if df.empty:
        st.info(ctx.t(empty_key), icon=":material/search:")
        return
    if hint_key:
        st.caption(ctx.t(hint_key))
    shown(ctx, df, kinds)
    csv_button(df, f"snapshot_{name}", ctx.lang, f"snap_{name}_csv")


def kpi_table(ctx: Context, snap: Snapshot, raw: pd.DataFrame) -> None:
    """Formatted for reading; the CSV carries the raw numbers (shares as fractions, times in seconds)."""
    st.subheader(ctx.t("snap_kpi_table"))
    view = pd.DataFrame([{
        ctx.t("snap_col_kpi"): ctx.t(f"snap_kpi_{m.key}"),
        ctx.t("snap_col_value"): fmt.value(m.key, m.value, ctx.lang),
        ctx.t("snap_col_previous"): fmt.value(m.key, m.previous, ctx.lang),
        ctx.t("snap_vs_previous"): fmt.delta(m.key, m.delta_previous, ctx.lang),
        ctx.t("snap_col_average"): fmt.value(m.key, m.average, ctx.lang),
        ctx.t("snap_vs_average"): fmt.delta(m.key, m.delta_average, ctx.lang),
    } for m in snap.metrics.values()])
    st.dataframe(view, hide_index=True, width="stretch", placeholder=MISSING)
    csv_button(raw, "snapshot_kpis", ctx.lang, "snap_kpis_csv")


def samples(ctx: Context, snap: Snapshot) -> None:
    st.subheader(ctx.t("snap_samples"))
    for kind in SAMPLE_KINDS:
        post = snap.samples.get(kind)
        st.markdown(f"**{ctx.t(f'snap_sample_{kind}')}**")
        if post is None:
            st.caption(ctx.t("snap_sample_none"))
            continue
        meta = fmt.sample_meta(post, ctx.tz, ctx.lang)
        st.caption(f"{meta['source']} · {post.brand} · {meta['time']} · {meta['engagement']}")
        st.text(post.text)  # user text: never markdown or HTML


def body(ctx: Context, snap: Snapshot) -> None:
    tables = snap.tables(ctx.lang)
    tiles(ctx, snap)
    events = to_local(to_local(tables["events"], "start", ctx.tz), "peak", ctx.tz)
    table(ctx, "snap_events", events, "snap_no_events", "events", kinds=EVENT_KINDS)
    no_topics = "snap_no_topics" if snap.topics is not None else "snap_topics_unavailable"
    table(ctx, "snap_topics", tables["topics"], no_topics, "topics", "snap_topics_hint")
    table(ctx, "snap_faq", tables["faq"], "snap_no_faq", "faq", "snap_faq_hint")
    samples(ctx, snap)
    kpi_table(ctx, snap, tables["kpis"])
    st.caption(ctx.t("snap_definitions_text", tz=snap.week.tz, minutes=snap.sla_minutes,
                     clock=ctx.t("snap_business_hours" if snap.business_hours_only else "snap_around_the_clock")))


ctx = page("snapshot", dates=False)  # the week picker sets the period
week = pick_week(ctx)
st.caption(f"{fmt.period(week, ctx.lang)} · {ctx.t('snap_filters_note')}")
# Minute resolution: a live `now` would otherwise make every rerun a cache miss.
key = (ctx.url, week.label, ctx.filters.between(None, None), ctx.now.replace(second=0, microsecond=0))
with st.spinner("…"):
    snap = _data.snapshot(*key)
if not snap.complete:
    st.warning(ctx.t("snap_incomplete", when=moment_text(ctx.now, ctx.tz, ctx.lang)),
               icon=":material/hourglass_top:")
if not snap.has_data:
    st.info(ctx.t("snap_no_data", week=week.label), icon=":material/inbox:")
else:
    downloads(ctx, key)
    body(ctx, snap)
