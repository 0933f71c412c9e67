"""Live overview: KPI tiles, volume and sentiment timelines, and the latest mentions."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import streamlit as st

from lawine.analysis import mask_sensitive
from lawine.charts import sentiment_chart, shade_events, volume_chart
from lawine.events import headline
from lawine.i18n import event_kinds, intent_label, network_name, sentiment_names
from lawine.numbers import MISSING, duration, metric_delta, number, share
from pages import _data
from pages._layout import Context, csv_button, page, plot, time_column, to_local

REFRESH_S = 60


def kpi_tiles(ctx: Context) -> None:
    k = _data.kpis(ctx.url, ctx.filters.between(None, None), ctx.now, ctx.tz)
    cols = st.columns(4)
    delta = k.mentions_today - k.mentions_usual if k.weeks_compared else None
    lang = ctx.lang
    cols[0].metric(ctx.t("mentions_today"), number(k.mentions_today, 0, lang),
                   delta=metric_delta(delta, lang) if delta is not None else None, delta_color="off",
                   help=ctx.t("vs_usual", n=k.weeks_compared))
    neg = k.share_negative_today
    neg_delta = (neg - k.share_negative_usual) * 100 if neg is not None and k.share_negative_usual is not None else None
    cols[1].metric(ctx.t("share_negative"), share(neg, lang),
                   delta=metric_delta(neg_delta, lang, 1, ctx.t("pp")) if neg_delta is not None else None,
                   delta_color="inverse",
                   help=ctx.t("vs_usual", n=k.weeks_compared))
    cols[2].metric(ctx.t("open_requests"), number(k.open_requests, 0, lang))
    med, usual = k.median_first_response_today_s, k.median_first_response_usual_s
    cols[3].metric(ctx.t("median_response"), duration(med, lang),
                   delta=metric_delta((med - usual) / 60, lang, 0, "min") if med is not None and usual is not None
                   else None, delta_color="inverse", help=ctx.t("vs_median_4w"))


RUNNING_SHOWN = 3


def running_now(ctx: Context) -> None:
    """Spikes and avalanches still running, each a link to its drill-down: what the wall screen
    must not let anyone miss. Nothing at all when none runs."""
    running = _data.running_events(ctx.url, ctx.filters.between(None, None), ctx.now, ctx.lang)
    if running.empty:
        return
    with st.container(border=True):
        st.markdown(f"**{ctx.t('running_now')}**")
        for ev in running.head(RUNNING_SHOWN).itertuples():
            # How big it is, in the reader's terms; the detector's score where the event does not say.
            size = ev.fact or ctx.t("running_score", score=number(ev.score, 0, ctx.lang))
            label = ctx.t("running_item", event=headline(ev.type, ev.brand, ev.channel, ctx.lang),
                          since=ctx.stamp(ev.start), size=size)
            st.page_link("pages/events.py", label=label, icon=":material/bolt:", query_params={"event": ev.id})
        if len(running) > RUNNING_SHOWN:
            st.caption(ctx.t("running_more", n=len(running) - RUNNING_SHOWN))


def bucket_for(span: timedelta) -> int:
    return 3600 if span <= timedelta(days=31) else 6 * 3600


def timelines(ctx: Context) -> None:
    f = ctx.filters
    bucket = bucket_for(f.end - f.start)
    vol = to_local(_data.volume(ctx.url, f, bucket), "bucket", ctx.tz)
    if vol.empty:
        st.info(ctx.t("no_data"), icon=":material/search:")
        return
    st.subheader(ctx.t("volume"))
    markers = _data.events(ctx.url, f)
    if not markers.empty:
        markers = to_local(to_local(markers, "start", ctx.tz), "end", ctx.tz)
    volume = volume_chart(vol, "source", ctx.t("snap_col_mentions"), ctx.t("source"))
    plot(ctx, shade_events(volume, markers, event_kinds(ctx.lang), until=ctx.local(ctx.now)))
    csv_button(vol, "volume", ctx.lang, "volume_csv")
    sent = to_local(_data.sentiment(ctx.url, f, bucket), "bucket", ctx.tz)
    st.subheader(ctx.t("sentiment"))
    plot(ctx, sentiment_chart(sent, sentiment_names(ctx.lang), ctx.t("snap_customer_posts"), ctx.t("snap_mean")))
    csv_button(sent, "sentiment", ctx.lang, "sentiment_csv")


def feed(ctx: Context) -> None:
    st.subheader(ctx.t("latest"))
    df = _data.latest(ctx.url, ctx.filters, 50)
    if df.empty:
        st.info(ctx.t("no_data"), icon=":material/search:")
        return
    df = to_local(df, "created_at", ctx.tz)
    # Private data stays masked on a shared screen; the queue shows the hint to move it.
    df["text"] = [mask_sensitive(t) if s else t for t, s in zip(df["text"], df["sensitive"])]
    feelings = sentiment_names(ctx.lang)
    view = df[["created_at", "source", "brand", "author_name", "text", "sentiment_label", "intent", "url"]].assign(
        source=[network_name(v) for v in df["source"]],
        sentiment_label=[feelings.get(v, v) for v in df["sentiment_label"]],  # no label stays empty
        intent=[intent_label(v, ctx.lang) for v in df["intent"]])
    st.dataframe(view, hide_index=True, width="stretch", placeholder=MISSING, column_config={
        "created_at": time_column(ctx.t("col_time"), ctx.lang),
        "source": ctx.t("source"), "brand": ctx.t("brand"), "author_name": ctx.t("col_author"),
        "sentiment_label": ctx.t("sentiment"), "intent": ctx.t("col_intent"),
        "url": st.column_config.LinkColumn(ctx.t("col_link"), display_text=ctx.t("col_open")),
        "text": st.column_config.TextColumn(ctx.t("col_text"), width="large"),
    })
    csv_button(view, "latest_mentions", ctx.lang, "latest_csv")


TV_CSS = """<style>
section[data-testid="stSidebar"], header[data-testid="stHeader"] {display: none;}
div[data-testid="stMetricValue"] {font-size: 3.2rem;}
.block-container {padding-top: 1rem; max-width: 100%;}
</style>"""


def tv_mode(ctx: Context) -> bool:
    """Wall-screen layout: no sidebar, big numbers; ?tv=1 in the URL so the screen can bookmark it."""
    on = st.sidebar.toggle(ctx.t("tv_mode"), value=st.query_params.get("tv") == "1")
    st.query_params["tv"] = "1" if on else "0"
    if on:
        st.markdown(TV_CSS, unsafe_allow_html=True)  # our own CSS only, no user text
        st.caption(ctx.t("tv_hint"))
    return on


ctx = page("overview")
tv = tv_mode(ctx)


@st.fragment(run_every=REFRESH_S)
def live() -> None:
    running_now(ctx)
    kpi_tiles(ctx)
    st.caption(f"{ctx.t('updated')} {datetime.now(ZoneInfo(ctx.tz)):%H:%M:%S} · {ctx.t('refresh_every', s=REFRESH_S)}")
    timelines(ctx)
    if not tv:
        feed(ctx)


live()
