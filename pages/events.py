"""Events: detected spikes and avalanches, each explained, with a drill-down and status."""
from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from lawine.charts import event_sentiment_timeline, event_timeline, terms_chart
from lawine.events import headline, window
from lawine.i18n import code_label, event_kinds, network_name, sentiment_names
from lawine.numbers import metric_delta, number, share
from lawine.store.event_writes import set_event_status
from pages import _data
from pages._layout import Context, csv_button, number_table, page, plot, time_column, to_local

STATUSES = ("open", "acknowledged", "resolved", "false_alarm")


def event_list(ctx: Context) -> pd.DataFrame:
    cols = st.columns([2, 2, 3])
    label = partial(code_label, lang=ctx.lang)
    types = cols[0].multiselect(ctx.t("event_type"), ["spike", "avalanche"], placeholder=ctx.t("choose"),
                                default=["spike", "avalanche"], format_func=label)
    statuses = cols[1].multiselect(ctx.t("status"), STATUSES, placeholder=ctx.t("choose"),
                                   default=["open", "acknowledged"], format_func=label)
    df = to_local(to_local(to_local(_data.events(ctx.url, ctx.filters, tuple(types), tuple(statuses), ctx.lang),
                                    "start", ctx.tz), "peak", ctx.tz), "end", ctx.tz)
    return df


def sensitivity_panel(ctx: Context) -> None:
    """How many spikes each sensitivity would raise here: the numbers to set it by."""
    current = _data.settings().detection.spike_sensitivity
    with st.expander(ctx.t("sensitivity_title", current=ctx.t(f"sensitivity_{current}"))):
        st.caption(ctx.t("sensitivity_help"))
        if not st.toggle(ctx.t("sensitivity_compare"), key="sensitivity_compare"):
            return
        with st.spinner(ctx.t("sensitivity_running")):
            table = _data.sensitivity_preview(ctx.url, ctx.now, ctx.filters.brands)
        if table.empty:
            st.caption(ctx.t("no_data"))
            return
        shown = table.assign(sensitivity=[ctx.t(f"sensitivity_{s}") + (" ✓" if s == current else "")
                                          for s in table["sensitivity"]])
        number_table(ctx, shown, {"spikes": "count", "per_week": "decimal2"},
                     {"sensitivity": "col_sensitivity", "spikes": "col_spikes", "per_week": "col_per_week",
                      "brands": "brand"})
        if table["spikes"].nunique() == 1:
            st.caption(ctx.t("sensitivity_same"))
        csv_button(table, "spike_sensitivity", ctx.lang, "sensitivity_csv")


def drill_down(ctx: Context, event_id: str) -> None:
    ev = _data.event(ctx.url, event_id)
    if ev is None:
        st.warning(ctx.t("event_missing"))
        return
    ex = ev["explanation"]
    st.subheader(headline(ev["type"], ev["brand"], ev["channel"], ctx.lang))
    cols = st.columns(4)
    cols[0].metric(ctx.t("score"), f"{ev['score']:.0f}")
    cols[1].metric(ctx.t("started"), ctx.stamp(ev["start"]))
    cols[2].metric(ctx.t("peak"), ctx.stamp(ev["peak"]))
    if ev["end"] is None:
        st.caption(ctx.t("event_running_since", when=ctx.stamp(ev["updated"])))
    if "observed_peak" in ex:
        usual = ex.get("expected_peak")
        cols[3].metric(ctx.t("peak_volume"), f"{number(ex['observed_peak'], 0, ctx.lang)}/h",
                       delta=None if usual is None else
                       ctx.t("vs_expected", n=metric_delta(ex["observed_peak"] - usual, ctx.lang)),
                       delta_color="inverse")
    elif "negative_share" in ex:
        lift = (ex["negative_share"] - ex.get("usual_negative_share", 0.0)) * 100
        cols[3].metric(ctx.t("negative_share"), share(ex["negative_share"], ctx.lang), delta_color="inverse",
                       delta=ctx.t("vs_usually", n=metric_delta(lift, ctx.lang, 1, ctx.t("pp"))))
    elif "components" in ex:  # stored before avalanches kept their negative share
        cols[3].metric(ctx.t("amplification"), share(ex["components"].get("amplify", 0), ctx.lang))
    status = st.segmented_control(ctx.t("status"), STATUSES, default=ev["status"], key=f"status_{event_id}",
                                  format_func=partial(code_label, lang=ctx.lang))
    if status and status != ev["status"]:
        set_event_status(_data.engine(ctx.url), event_id, status)
        _data.clear()
        st.rerun()
    start, end = window(ev)
    f = ctx.filters.between(start, end)
    if ev["channel"]:
        f = type(f)(ctx.filters.brands or (ev["brand"],), (ev["channel"],), (), ctx.filters.langs, start, end)
    else:
        f = type(f)((ev["brand"],), ctx.filters.sources, (), ctx.filters.langs, start, end)
    vol = to_local(_data.volume(ctx.url, f, 3600), "bucket", ctx.tz)
    # In the viewer's zone like the volume: plotly draws wall-clock times and drops the offset.
    shaded = (ctx.local(ev["start"]), ctx.local(ev["end"] or ctx.now), ev["type"])
    if not vol.empty:
        plot(ctx, event_timeline(vol, *shaded, ctx.t("snap_col_mentions"), ctx.t("source"), event_kinds(ctx.lang)))
    if ev["type"] == "avalanche":  # what makes it one: negative posts piling up, not volume alone
        sent = to_local(_data.sentiment(ctx.url, f, 3600), "bucket", ctx.tz)
        if not sent.empty:
            st.markdown(f"**{ctx.t('sentiment')}**")
            plot(ctx, event_sentiment_timeline(sent, *shaded, sentiment_names(ctx.lang), ctx.t("snap_customer_posts"),
                                               ctx.t("snap_mean"), event_kinds(ctx.lang)))
    left, right = st.columns(2)
    terms = pd.DataFrame(ex.get("top_terms", []), columns=["term", "z"])
    with left:
        st.markdown(f"**{ctx.t('top_terms')}**")
        if terms.empty:
            st.caption(ctx.t("no_terms"))
        else:
            plot(ctx, terms_chart(terms, ctx.t("terms_axis")))
            csv_button(terms, "event_terms", ctx.lang, "terms_csv")
    with right:
        channels = pd.DataFrame([(network_name(k), v) for k, v in ex.get("channels", {}).items()],
                                columns=["network", "mentions"])
        st.markdown(f"**{ctx.t('channels')}**")
        number_table(ctx, channels, {"mentions": "count"}, {"network": "snap_col_network",
                                                             "mentions": "snap_col_mentions"})
    posts = pd.DataFrame(ex.get("core_threads") or ex.get("top_posts") or [])
    st.markdown(f"**{ctx.t('core_threads') if ex.get('core_threads') else ctx.t('top_posts')}**")
    if posts.empty:
        st.caption(ctx.t("no_posts"))
    else:
        post_table(ctx, posts)
        csv_button(posts, "event_posts", ctx.lang, "posts_csv")


POST_COUNTS = ("engagement", "replies", "negative_replies", "agreements")


def post_table(ctx: Context, posts: pd.DataFrame) -> None:
    """The posts that drive an event, with headers, sentiment and counts in the page's language."""
    shown = posts.drop(columns=[c for c in ("id",) if c in posts])
    if "source" in shown:
        shown["source"] = [network_name(v) for v in shown["source"]]
    if "sentiment_label" in shown:
        feelings = sentiment_names(ctx.lang)
        shown["sentiment_label"] = [feelings.get(v, v) for v in shown["sentiment_label"]]
    number_table(ctx, shown, {c: "count" for c in POST_COUNTS},
                 {"source": "source", "sentiment_label": "sentiment", **{c: f"col_{c}" for c in POST_COUNTS}},
                 {"url": st.column_config.LinkColumn(ctx.t("col_link"), display_text=ctx.t("col_open")),
                  "text": st.column_config.TextColumn(ctx.t("col_text"), width="large")})


ctx = page("events", default_days=90)
df = event_list(ctx)
sensitivity_panel(ctx)
if df.empty:
    st.info(ctx.t("no_events"), icon=":material/check_circle:")
    st.stop()
# The fact opens the summary already; the running-now box on the overview shows it alone.
df = df.drop(columns=["fact"])
shown_events = df.drop(columns=["id"]).assign(type=[code_label(c, ctx.lang) for c in df["type"]],
                                              status=[code_label(c, ctx.lang) for c in df["status"]])
# The placeholder names the one cell that is ever empty here: a running event's end.
picked = st.dataframe(
    shown_events, hide_index=True, width="stretch", placeholder=ctx.t("event_running"), on_select="rerun",
    selection_mode="single-row",
    column_config={
        "type": ctx.t("snap_col_type"), "brand": ctx.t("snap_col_brand"), "channel": ctx.t("snap_col_channel"),
        "start": time_column(ctx.t("snap_col_start"), ctx.lang),
        "peak": time_column(ctx.t("snap_col_peak"), ctx.lang),
        "end": time_column(ctx.t("col_end"), ctx.lang),
        "score": st.column_config.ProgressColumn(ctx.t("snap_col_score"), min_value=0, max_value=100, format="%.0f"),
        "status": ctx.t("snap_col_status"),
        "summary": st.column_config.TextColumn(ctx.t("snap_col_summary"), width="large"),
    }, key="events_table")
csv_button(df, "events", ctx.lang, "events_csv")
rows = picked.selection.rows if picked and picked.selection else []
selected = df.iloc[rows[0]]["id"] if rows else st.query_params.get("event", df.iloc[0]["id"])
if selected not in set(df["id"]):
    selected = df.iloc[0]["id"]
st.query_params["event"] = selected
st.divider()
drill_down(ctx, selected)
