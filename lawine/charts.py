"""Plotly figures shared by the pages and the PDF snapshot (no Streamlit here)."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

SENTIMENT_COLORS = {"negative": "#d62728", "neutral": "#9e9e9e", "positive": "#2ca02c"}
RANGE_BUTTONS = [
    dict(count=1, label="1d", step="day", stepmode="backward"),
    dict(count=7, label="7d", step="day", stepmode="backward"),
    dict(count=30, label="30d", step="day", stepmode="backward"),
    dict(step="all", label="all"),
]


def _time_axis(fig: go.Figure) -> go.Figure:
    fig.update_xaxes(rangeselector=dict(buttons=RANGE_BUTTONS), title=None)
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=10), legend=dict(orientation="h", y=-0.15),
                      hovermode="x unified")
    return fig


def volume_chart(df: pd.DataFrame, by: str = "source") -> go.Figure:
    """Mentions per bucket, stacked by channel."""
    fig = px.area(df, x="bucket", y="mentions", color=by, line_shape="hv")
    fig.update_traces(line=dict(width=0.5))
    fig.update_yaxes(title="mentions")
    return _time_axis(fig)


def sentiment_chart(df: pd.DataFrame) -> go.Figure:
    """Stacked sentiment counts with the mean compound score on a second axis."""
    fig = go.Figure()
    for label in ("negative", "neutral", "positive"):
        fig.add_bar(x=df["bucket"], y=df[label], name=label, marker_color=SENTIMENT_COLORS[label])
    fig.add_scatter(x=df["bucket"], y=df["mean_sentiment"], name="mean sentiment", yaxis="y2",
                    line=dict(color="#1f3b73", width=1.5))
    fig.update_layout(barmode="stack", bargap=0,
                      yaxis=dict(title="customer posts"),
                      yaxis2=dict(title="mean", overlaying="y", side="right", range=[-1, 1], dtick=0.5,
                                  showgrid=False))
    return _time_axis(fig)
