"""Plotly figures shared by the pages and the PDF snapshot (no Streamlit here)."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lawine.i18n import network_name, weekday_names

SENTIMENT_COLORS = {"negative": "#d62728", "neutral": "#9e9e9e", "positive": "#2ca02c"}
# One colour per network on every chart and page, near its brand colour. Bluesky's own blue is
# Facebook's, so it gets the lighter sky blue of its butterfly's highlights.
NETWORK_COLORS = {"x": "#222222", "facebook": "#1877f2", "reddit": "#ff4500", "instagram": "#c13584",
                  "mastodon": "#6364ff", "bluesky": "#66c2ff", "rss": "#f7a600", "import": "#7f7f7f"}
RANGE_BUTTONS = [
    dict(count=1, label="1d", step="day", stepmode="backward"),
    dict(count=7, label="7d", step="day", stepmode="backward"),
    dict(count=30, label="30d", step="day", stepmode="backward"),
    dict(step="all", label="all"),
]


# German date ticks in numbers only: the browser's plotly names months in English ("Nov 8").
GERMAN_DATE_TICKS = [dict(dtickrange=[None, 86_400_000], value="%H:%M\n%d.%m."),
                     dict(dtickrange=[86_400_000, "M1"], value="%d.%m."),
                     dict(dtickrange=["M1", "M12"], value="%m.%Y"),
                     dict(dtickrange=["M12", None], value="%Y")]
GERMAN_RANGE_LABELS = {"1d": "1 T", "7d": "7 T", "30d": "30 T", "all": "alle"}


def in_language(fig: go.Figure, lang: str) -> go.Figure:
    """Numbers on axes and in hover labels with the reader's separators (plotly: decimal mark first);
    in German also dates as 08.11. and the range buttons' labels."""
    fig.update_layout(separators=",." if lang == "de" else ".,")
    if lang == "de" and _dates_on_x(fig):
        fig.update_xaxes(tickformatstops=GERMAN_DATE_TICKS, hoverformat="%d.%m.%Y %H:%M")
        buttons = fig.layout.xaxis.rangeselector.buttons
        if buttons:
            fig.update_xaxes(rangeselector=dict(buttons=[
                {**b.to_plotly_json(), "label": GERMAN_RANGE_LABELS.get(b.label, b.label)} for b in buttons]))
    return fig


def _dates_on_x(fig: go.Figure) -> bool:
    """Whether the figure's x values are moments (not categories or numbers)."""
    for trace in fig.data:
        x = getattr(trace, "x", None)
        if x is not None and len(x):
            return pd.api.types.is_datetime64_any_dtype(pd.Series(list(x[:1])))
    return False


def _time_axis(fig: go.Figure) -> go.Figure:
    fig.update_xaxes(rangeselector=dict(buttons=RANGE_BUTTONS), title=None)
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=10), legend=dict(orientation="h", y=-0.15),
                      hovermode="x unified")
    return fig


def volume_chart(df: pd.DataFrame, by: str = "source", y_title: str = "mentions",
                 legend_title: str | None = None) -> go.Figure:
    """Mentions per bucket, stacked by channel."""
    # Fixed colours by network: px would colour by order of appearance, so X changed colour
    # between a chart with Bluesky in it and one without.
    colors = {}
    if by == "source":
        df = df.assign(source=[network_name(s) for s in df["source"]])
        colors = {network_name(code): color for code, color in NETWORK_COLORS.items()}
    fig = px.area(df, x="bucket", y="mentions", color=by, line_shape="hv", color_discrete_map=colors)
    fig.update_traces(line=dict(width=0.5))
    fig.update_yaxes(title=y_title)
    fig.update_layout(legend_title_text=legend_title or by)
    return _time_axis(fig)


def sentiment_chart(df: pd.DataFrame, names: dict[str, str] | None = None,
                    y_title: str = "customer posts", mean_title: str = "mean") -> go.Figure:
    """Stacked sentiment counts with the mean compound score on a second axis."""
    names = names or {}
    fig = go.Figure()
    for label in ("negative", "neutral", "positive"):
        fig.add_bar(x=df["bucket"], y=df[label], name=names.get(label, label), marker_color=SENTIMENT_COLORS[label])
    # The trailing day's mean where the query gives it: hourly means of a few night posts only jump.
    smooth = "mean_24h" in df.columns
    fig.add_scatter(x=df["bucket"], y=df["mean_24h" if smooth else "mean_sentiment"], yaxis="y2",
                    name=names.get("mean_24h", "mean sentiment, last 24 h") if smooth else
                    names.get("mean", "mean sentiment"), line=dict(color="#1f3b73", width=2 if smooth else 1.5))
    fig.update_layout(barmode="stack", bargap=0,
                      yaxis=dict(title=y_title),
                      yaxis2=dict(title=mean_title, overlaying="y", side="right", range=[-1, 1], dtick=0.5,
                                  showgrid=False))
    return _time_axis(fig)


# --- weekly snapshot (page and HTML/PDF export share these) ------------------------

def _static_layout(fig: go.Figure, legend_title: str | None = None) -> go.Figure:
    # Same look on screen and on paper: white background, legend below, no hover-only information.
    fig.update_layout(template="plotly_white", height=340, margin=dict(l=10, r=10, t=10, b=10),
                      legend=dict(orientation="h", y=-0.18, x=0, title=legend_title),
                      font=dict(family="DejaVu Sans, Arial, sans-serif", size=12))
    fig.update_xaxes(title=None, type="category")
    return fig


def weekly_volume_chart(df: pd.DataFrame, y_title: str = "mentions") -> go.Figure:
    """Mentions per day stacked by network; df has columns day (label), source, mentions."""
    fig = go.Figure()
    for source, part in df.groupby("source", sort=False):
        fig.add_bar(x=part["day"], y=part["mentions"], name=network_name(str(source)),
                    marker_color=NETWORK_COLORS.get(str(source), "#7f7f7f"))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=y_title)
    return _static_layout(fig)


def weekly_sentiment_chart(df: pd.DataFrame, names: dict[str, str] | None = None,
                           y_title: str = "customer posts", mean_title: str = "mean") -> go.Figure:
    """Sentiment per day (stacked counts) with the mean score on a second axis; df has a day label column."""
    names = names or {}
    fig = go.Figure()
    for label in ("negative", "neutral", "positive"):
        fig.add_bar(x=df["day"], y=df[label], name=names.get(label, label), marker_color=SENTIMENT_COLORS[label])
    fig.add_scatter(x=df["day"], y=df["mean_sentiment"], name=names.get("mean", "mean sentiment"), yaxis="y2",
                    mode="lines+markers", line=dict(color="#1f3b73", width=2))
    fig.update_layout(barmode="stack", yaxis=dict(title=y_title),
                      yaxis2=dict(title=mean_title, overlaying="y", side="right", range=[-1, 1], dtick=0.5,
                                  showgrid=False, zeroline=False))
    return _static_layout(fig)


EVENT_COLORS = {"spike": "rgba(255,159,28,0.18)", "avalanche": "rgba(214,39,40,0.18)"}
# An event label ("spike Nordlicht Mobile", font size 10) takes about this share of a chart's width.
LABEL_ROOM = 0.12


def shade_events(fig: go.Figure, events: pd.DataFrame, kinds: dict[str, str] | None = None,
                 until=None) -> go.Figure:
    """Shade spike (orange) and avalanche (red) episodes on a time axis, labelled with their kind
    (`kinds` names them in the reader's language) and brand; a running event (no end) up to
    `until` (now). A label that would run into the one before it of its kind is left off."""
    kinds = kinds or {}
    span = _x_span(fig)
    room = span * LABEL_ROOM if span is not None else None
    labelled_at: dict[str, object] = {}
    for ev in events.sort_values("start").itertuples():
        end = ev.end if pd.notna(ev.end) else until if until is not None else ev.start
        before = labelled_at.get(ev.type)
        crowded = room is not None and before is not None and ev.start - before < room
        if not crowded:
            labelled_at[ev.type] = ev.start
        # Spike and avalanche of one episode overlap: the avalanche's label goes one line lower.
        # Labels sit above the data's peaks, so they get a light background.
        label = {} if crowded else dict(
            annotation_text=f"{kinds.get(ev.type, ev.type)} {ev.brand}".strip(), annotation_position="top left",
            annotation_yshift=0 if ev.type == "spike" else -14, annotation_font_size=10,
            annotation_bgcolor="rgba(255,255,255,0.75)")
        fig.add_vrect(x0=ev.start, x1=end, fillcolor=EVENT_COLORS.get(ev.type, "rgba(0,0,0,0.1)"), line_width=0,
                      **label)
    return fig


def _x_span(fig: go.Figure):
    """How much time the figure's data cover (None without dated data)."""
    xs = [pd.to_datetime(pd.Series(list(trace.x)), utc=True, errors="coerce") for trace in fig.data
          if getattr(trace, "x", None) is not None and len(trace.x)]
    every = pd.concat(xs).dropna() if xs else pd.Series(dtype="datetime64[ns, UTC]")
    return every.max() - every.min() if len(every) else None


def event_timeline(df: pd.DataFrame, start, end, kind: str, y_title: str = "mentions",
                   legend_title: str | None = None, kinds: dict[str, str] | None = None) -> go.Figure:
    """Hourly volume around one event with the event shaded."""
    fig = volume_chart(df, "source", y_title, legend_title)
    return _shade_one(fig, start, end, kind, kinds)


def event_sentiment_timeline(df: pd.DataFrame, start, end, kind: str, names: dict[str, str] | None = None,
                             y_title: str = "customer posts", mean_title: str = "mean",
                             kinds: dict[str, str] | None = None) -> go.Figure:
    """Hourly sentiment around one event (an avalanche is negatives piling up) with the event shaded."""
    return _shade_one(sentiment_chart(df, names, y_title, mean_title), start, end, kind, kinds)


def _shade_one(fig: go.Figure, start, end, kind: str, kinds: dict[str, str] | None) -> go.Figure:
    return shade_events(fig, pd.DataFrame([{"type": kind, "brand": "", "start": start, "end": end}]), kinds)


def terms_chart(terms: pd.DataFrame, x_title: str = "over-representation (z)") -> go.Figure:
    """Over-represented words as horizontal bars (z-score of the log-odds)."""
    fig = px.bar(terms.iloc[::-1], x="z", y="term", orientation="h")
    fig.update_layout(margin=dict(l=10, r=10, t=10, b=10), height=320, yaxis_title=None, xaxis_title=x_title)
    return fig


# --- response times and escalation queue (pages/response_times.py) ---------------------

# Log-axis ticks at durations people think in (values in minutes).
DURATION_TICKS = {1: "1 min", 5: "5 min", 15: "15 min", 60: "1 h", 240: "4 h", 1440: "1 d", 4320: "3 d",
                  10080: "1 w"}
GERMAN_DURATION_TICKS = {**DURATION_TICKS, 1440: "1 T", 4320: "3 T", 10080: "1 Wo"}


def _plain(fig: go.Figure, height: int = 340) -> go.Figure:
    # The legend above the plot: below it, long category names (channels), tilted, ran into it.
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig


def response_time_chart(df: pd.DataFrame, key: str, target_min: float | None = None,
                        names: dict[str, str] | None = None, lang: str = "en") -> go.Figure:
    """Median and p90 first response in minutes (log axis): lines over days/weeks, else bars per group."""
    names = names or {}
    series = (("median_first_response_s", names.get("median", "median"), None),
              ("p90_first_response_s", names.get("p90", "p90"), "dot"))
    fig = go.Figure()
    x = pd.to_datetime(df[key]) if key in ("day", "week") else df[key].astype(str)
    for col, name, dash in series:
        minutes = df[col].astype(float) / 60
        if key in ("day", "week"):
            fig.add_scatter(x=x, y=minutes, name=name, mode="lines+markers", line=dict(dash=dash))
        else:
            fig.add_bar(x=x, y=minutes, name=name)
    if target_min and len(df):
        # A trace, not add_hline: its annotation would be placed in log10 units on a log axis.
        fig.add_scatter(x=x, y=[target_min] * len(df), name=names.get("target", "SLA target"), mode="lines",
                        line=dict(color="#d62728", dash="dash", width=1.5))
    fig.update_layout(barmode="group")
    ticks = GERMAN_DURATION_TICKS if lang == "de" else DURATION_TICKS
    fig.update_yaxes(type="log", title=names.get("axis", "first response (log scale)"), tickvals=list(ticks),
                     ticktext=list(ticks.values()))
    return _plain(fig)


def sla_chart(df: pd.DataFrame, key: str, names: dict[str, str] | None = None) -> go.Figure:
    """SLA met share in business hours vs. wall-clock, and the answered share, in percent."""
    names = names or {}
    cols = (("sla_met_share_business", names.get("business", "SLA met (business hours)")),
            ("sla_met_share_wall", names.get("wall", "SLA met (wall-clock)")),
            ("answered_share", names.get("answered", "answered share")))
    fig = go.Figure()
    for col, name in cols:
        pct = df[col].astype(float) * 100
        if key in ("day", "week"):
            fig.add_scatter(x=pd.to_datetime(df[key]), y=pct, name=name, mode="lines+markers")
        else:
            fig.add_bar(x=df[key].astype(str), y=pct, name=name)
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 100], title="%")
    return _plain(fig)


def hour_of_week_heatmap(df: pd.DataFrame, value: str, title: str, colorscale: str = "Blues",
                         midpoint: float | None = None, weekdays: tuple[str, ...] = weekday_names("en"),
                         hour_label: str = "hour") -> go.Figure:
    """Weekday × local hour heat map of one column of `response_times.hour_of_week`."""
    grid = df.pivot(index="weekday", columns="hour", values=value).reindex(index=range(7), columns=range(24))
    fig = go.Figure(go.Heatmap(z=grid.values, x=list(range(24)), y=list(weekdays), colorscale=colorscale,
                               zmid=midpoint, hovertemplate="%{y} %{x}:00 → %{z:.1f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=hour_label, dtick=2)
    fig.update_layout(title=dict(text=title, font=dict(size=14)))
    return _plain(fig, 300)


def backlog_chart(forecast: pd.DataFrame, names: dict[str, str] | None = None) -> go.Figure:
    """Open requests now and per coming hour, with the expected arrivals and answers as bars."""
    names = names or {}
    fig = go.Figure()
    fig.add_bar(x=forecast["time"], y=forecast["arrivals"], name=names.get("arrivals", "expected arrivals"),
                marker_color="#ff7f0e", yaxis="y2", opacity=0.6)
    fig.add_bar(x=forecast["time"], y=forecast["answers"], name=names.get("answers", "usual answers"),
                marker_color="#2ca02c", yaxis="y2", opacity=0.6)
    fig.add_scatter(x=forecast["time"], y=forecast["backlog"], name=names.get("backlog", "open requests"),
                    mode="lines+markers", line=dict(color="#1f3b73", width=3))
    fig.update_layout(barmode="group", yaxis=dict(title=names.get("backlog", "open requests"), rangemode="tozero"),
                      yaxis2=dict(title=names.get("per_hour", "per hour"), overlaying="y", side="right",
                                  showgrid=False, rangemode="tozero"))
    return _plain(fig)


def satisfaction_chart(df: pd.DataFrame, key: str, names: dict[str, str] | None = None) -> go.Figure:
    """Mean customer sentiment before our reply and in their last message after it, per group."""
    names = names or {}
    fig = go.Figure()
    fig.add_bar(x=df[key].astype(str), y=df["before_mean"], name=names.get("before", "before our reply"),
                marker_color=SENTIMENT_COLORS["negative"])
    fig.add_bar(x=df[key].astype(str), y=df["after_mean"], name=names.get("after", "last message after"),
                marker_color=SENTIMENT_COLORS["positive"])
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[-1, 1], title=names.get("mean", "mean sentiment"))
    return _plain(fig, 300)
