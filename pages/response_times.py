"""Response times: first-response median/p90, SLA compliance, hour-of-week load, backlog forecast, satisfaction."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lawine.charts import backlog_chart, hour_of_week_heatmap, response_time_chart, satisfaction_chart, sla_chart
from lawine.i18n import day_span, network_name, weekday_names
from lawine.numbers import duration, metric_delta, number, score, share
from lawine.satisfaction import satisfaction_total
from pages import _data
from pages._layout import Context, csv_button, number_table, page, plot, to_local

BUCKETS = ("day", "week")
GROUPS = ("channel", "brand", "source")
FORECAST_HOURS = 8


# Response-time tables: which kind of number each column holds, and its header's i18n key.
STAT_KINDS = {"answered": "count", "unanswered": "count", "median_first_response_s": "duration",
              "p90_first_response_s": "duration", "answered_share": "share", "sla_met_share_business": "share",
              "sla_met_share_wall": "share", "sla_met_share": "share"}
STAT_LABELS = {"day": "rt_col_day", "week": "rt_col_week", "channel": "snap_col_channel", "brand": "brand",
               "source": "source", "answered": "rt_col_answered", "unanswered": "rt_col_unanswered",
               "median_first_response_s": "rt_median", "p90_first_response_s": "rt_p90",
               "answered_share": "rt_col_answered_share", "sla_met_share_business": "rt_sla_business",
               "sla_met_share_wall": "rt_sla_wall"}
HIDDEN = {"sla_met_share": None}  # the configured clock's copy of one of the two columns beside it (kept in the CSV)
SAT_KINDS = {"pairs": "count", "before_mean": "score", "after_mean": "score", "change_mean": "score",
             "improved_share": "share", "worsened_share": "share"}
SAT_LABELS = {"brand": "brand", "pairs": "rt_pairs", "before_mean": "rt_col_before", "after_mean": "rt_col_after",
              "change_mean": "rt_change", "improved_share": "rt_improved", "worsened_share": "rt_worsened"}


def _param_choice(name: str, options: tuple[str, ...]) -> int:
    value = st.query_params.get(name, options[0])
    return options.index(value) if value in options else 0


def _chosen(key: str, param: str, options: tuple[str, ...]) -> str:
    """What the widget `key` will return this run (its state, else the URL), before it is drawn."""
    value = st.session_state.get(key)
    return value if value in options else options[_param_choice(param, options)]


def stats(ctx: Context, shown: dict[str, pd.DataFrame], by: str) -> pd.DataFrame:
    """One grouping's rows: the visible groupings were computed together, before the widgets."""
    df = shown[by] if by in shown else _data.response_stats(ctx.url, ctx.filters, (by,), ctx.tz)[by]
    return df.assign(source=[network_name(v) for v in df["source"]]) if by == "source" and not df.empty else df


def names(ctx: Context) -> dict[str, str]:
    return {"median": ctx.t("rt_median"), "p90": ctx.t("rt_p90"), "axis": ctx.t("rt_axis"),
            "target": ctx.t("rt_target"), "business": ctx.t("rt_sla_business"), "wall": ctx.t("rt_sla_wall"),
            "answered": ctx.t("rt_answered_share"), "arrivals": ctx.t("rt_arrivals"),
            "answers": ctx.t("rt_answers"), "backlog": ctx.t("rt_backlog_now"), "per_hour": ctx.t("rt_per_hour")}


def kpis(ctx: Context, overall: pd.Series) -> None:
    cols = st.columns(5)
    cols[0].metric(ctx.t("rt_median"), duration(overall["median_first_response_s"], ctx.lang))
    cols[1].metric(ctx.t("rt_p90"), duration(overall["p90_first_response_s"], ctx.lang))
    cols[2].metric(ctx.t("rt_sla_business"), share(overall["sla_met_share_business"], ctx.lang))
    cols[3].metric(ctx.t("rt_sla_wall"), share(overall["sla_met_share_wall"], ctx.lang))
    cols[4].metric(ctx.t("rt_answered_share"), share(overall["answered_share"], ctx.lang),
                   help=ctx.t("rt_answered_help", answered=number(overall["answered"], 0, ctx.lang),
                              unanswered=number(overall["unanswered"], 0, ctx.lang)))


def over_time(ctx: Context, target_min: float, shown: dict[str, pd.DataFrame]) -> None:
    st.subheader(ctx.t("rt_over_time"))
    bucket = st.radio(ctx.t("rt_bucket"), BUCKETS, index=_param_choice("bucket", BUCKETS), horizontal=True,
                      format_func=lambda b: ctx.t(f"rt_{b}"), key="rt_bucket")
    st.query_params["bucket"] = bucket
    df = stats(ctx, shown, bucket)
    plot(ctx, response_time_chart(df, bucket, target_min, names(ctx), ctx.lang))
    st.subheader(ctx.t("rt_sla"))
    hours = _data.settings().team.business_hours
    st.caption(ctx.t("rt_sla_caption", minutes=int(target_min),
                     hours=f"{day_span(hours.days, ctx.lang)} {hours.start:%H:%M}–{hours.end:%H:%M}"))
    plot(ctx, sla_chart(df, bucket, names(ctx)))
    number_table(ctx, df, STAT_KINDS, STAT_LABELS, HIDDEN, days=BUCKETS)
    csv_button(df, f"response_times_by_{bucket}", ctx.lang, "rt_time_csv")


def by_group(ctx: Context, target_min: float, shown: dict[str, pd.DataFrame]) -> None:
    st.subheader(ctx.t("rt_by_group"))
    labels = {"channel": ctx.t("snap_col_channel"), "brand": ctx.t("brand"), "source": ctx.t("source")}
    group = st.selectbox(ctx.t("rt_group"), GROUPS, index=_param_choice("by", GROUPS), key="rt_group",
                         format_func=labels.get)
    st.query_params["by"] = group
    df = stats(ctx, shown, group)
    plot(ctx, response_time_chart(df, group, target_min, names(ctx), ctx.lang))
    number_table(ctx, df, STAT_KINDS, STAT_LABELS, HIDDEN)
    csv_button(df, f"response_times_by_{group}", ctx.lang, "rt_group_csv")


def heat(ctx: Context) -> None:
    st.subheader(ctx.t("rt_heat"))
    st.caption(ctx.t("rt_heat_caption", tz=ctx.tz))
    df = _data.load_and_backlog(ctx.url, ctx.filters, ctx.now, ctx.tz, FORECAST_HOURS)[0]
    tabs = st.tabs([ctx.t("rt_arrivals"), ctx.t("rt_answers"), ctx.t("rt_difference")])
    axes = {"weekdays": weekday_names(ctx.lang), "hour_label": ctx.t("rt_hour")}
    for tab, (column, title, colors) in zip(tabs, (("arrivals_per_week", "rt_arrivals", "Oranges"),
                                                   ("answers_per_week", "rt_answers", "Greens"),
                                                   ("difference_per_week", "rt_difference", "RdBu"))):
        center = 0.0 if column == "difference_per_week" else None  # the difference diverges around zero
        plot(ctx, hour_of_week_heatmap(df, column, ctx.t(title), colors, center, **axes), tab,
             key=f"rt_heat_{column.removesuffix('_per_week')}")
    csv_button(df, "arrivals_answers_hour_of_week", ctx.lang, "rt_heat_csv")


def backlog(ctx: Context) -> None:
    st.subheader(ctx.t("rt_backlog"))
    b = _data.load_and_backlog(ctx.url, ctx.filters, ctx.now, ctx.tz, FORECAST_HOURS)[1]
    cols = st.columns(3)
    cols[0].metric(ctx.t("rt_backlog_now"), number(b.open_now, 0, ctx.lang))
    later = b.forecast["backlog"].iloc[-1]
    cols[1].metric(ctx.t("rt_backlog_later"), number(later, 0, ctx.lang),
                   delta=metric_delta(later - b.open_now, ctx.lang),
                   delta_color="inverse")
    cols[2].metric(ctx.t("rt_backlog_level"), f"{number(b.level, 1, ctx.lang)}×")
    st.caption(ctx.t("rt_backlog_caption", arrivals=number(b.arrivals_24h, 0, ctx.lang),
                     expected=number(b.expected_24h, 0, ctx.lang)))
    forecast = to_local(b.forecast.copy(), "time", ctx.tz)
    plot(ctx, backlog_chart(forecast, names(ctx)))
    rounded = forecast.round({"arrivals": 2, "answers": 2, "backlog": 2})
    csv_button(rounded, "backlog_forecast", ctx.lang, "rt_backlog_csv")


def satisfaction(ctx: Context) -> None:
    st.subheader(ctx.t("rt_satisfaction"))
    st.caption(ctx.t("rt_sat_caption"))
    df = _data.satisfaction(ctx.url, ctx.filters, "brand")
    row = satisfaction_total(df)
    if row is None:
        st.info(ctx.t("rt_no_pairs"), icon=":material/forum:")
        return
    cols = st.columns(4)
    cols[0].metric(ctx.t("rt_pairs"), number(row["pairs"], 0, ctx.lang))
    cols[1].metric(ctx.t("rt_change"), score(row["change_mean"], ctx.lang))
    cols[2].metric(ctx.t("rt_improved"), share(row["improved_share"], ctx.lang))
    cols[3].metric(ctx.t("rt_worsened"), share(row["worsened_share"], ctx.lang))
    plot(ctx, satisfaction_chart(df, "brand", {"before": ctx.t("rt_col_before"), "after": ctx.t("rt_col_after"),
                                               "mean": ctx.t("snap_mean_sentiment")}))
    number_table(ctx, df, SAT_KINDS, SAT_LABELS)
    csv_button(df, "satisfaction_proxy", ctx.lang, "rt_sat_csv")


ctx = page("rt_title")
shown = _data.response_stats(ctx.url, ctx.filters, ("all", _chosen("rt_bucket", "bucket", BUCKETS),
                                                    _chosen("rt_group", "by", GROUPS)), ctx.tz)
overall = shown["all"]
if overall.empty or int(overall.iloc[0]["answered"]) + int(overall.iloc[0]["unanswered"]) == 0:
    st.info(ctx.t("rt_no_data"), icon=":material/search:")
    st.stop()
target = _data.sla_policy().target_s / 60
kpis(ctx, overall.iloc[0])
over_time(ctx, target, shown)
by_group(ctx, target, shown)
heat(ctx)
backlog(ctx)
satisfaction(ctx)
