"""Sources & settings: each source's state and how to configure it, set-aside items, the effective config."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from lawine.i18n import code_label, network_name, t, worded
from lawine.numbers import MISSING
from pages import _data
from pages._layout import csv_button, time_column, to_local, ui_language, viewer_tz

# Glyphs every font has: an emoji shows as an empty box on a machine without an emoji font.
STATE_ICON = {"configured": "✓", "missing credentials": "⚠", "disabled": "○"}


HEADERS = {"source": "src_col_source", "state": "src_col_state", "last run": "src_col_last_run",
           "last status": "src_col_last_status", "fetched (last run)": "src_col_fetched",
           "fetched (24 h)": "src_col_fetched_24h", "stored (last run)": "src_col_stored",
           "set aside": "src_col_set_aside",
           "errors": "src_col_errors", "next run": "src_col_next_run", "note": "src_col_note"}


def state_text(state: str, lang: str) -> str:
    return f"{STATE_ICON.get(state, '')} {code_label(state, lang)}"


def statuses_table(statuses, tz: str, lang: str) -> pd.DataFrame:
    rows = []
    for s in statuses:
        last = s.last_run or {}
        rows.append({
            # The note beside the state: why a source is off, or when it runs, is what setup needs first.
            "source": worded(s.label, lang), "state": state_text(s.state, lang),
            "note": worded(s.reason or s.next_run_note, lang),  # why it is off says more than "not yet"
            "last run": last.get("started_at"),
            "last status": code_label(last["status"], lang) if last.get("status") else None,
            "errors": "; ".join(s.errors[:2]),
            "fetched (last run)": s.items_fetched, "fetched (24 h)": s.items_fetched_24h,
            "stored (last run)": last.get("stored"), "set aside": s.quarantined, "next run": s.next_run,
        })
    df = pd.DataFrame(rows)
    for col in ("last run", "next run"):
        df[col] = pd.to_datetime(df[col], utc=True)
        df = to_local(df, col, tz)
    return df


lang = ui_language()
st.title(t("sources", lang))
ws = _data.workspace()
if ws.is_demo:
    st.info(t("sources_demo", lang), icon=":material/science:")
tz = viewer_tz()
statuses = _data.source_statuses(ws.url)
table = statuses_table(statuses, tz, lang)
st.dataframe(table, hide_index=True, width="stretch", placeholder=MISSING, column_config={
    **{col: t(key, lang) for col, key in HEADERS.items()},
    "last run": time_column(t(HEADERS["last run"], lang), lang),
    "next run": time_column(t(HEADERS["next run"], lang), lang),
    "errors": st.column_config.TextColumn(t(HEADERS["errors"], lang), width="medium"),
    "note": st.column_config.TextColumn(t(HEADERS["note"], lang), width="large")})
csv_button(table, "sources", lang, "sources_csv")

st.subheader(t("how_to_configure", lang))
for s in statuses:
    with st.expander(f"{worded(s.label, lang)}: {state_text(s.state, lang)}", expanded=s.state != "configured"):
        if s.missing:
            st.markdown(t("set_env", lang))
            st.code("\n".join(f"export {name}=..." for name in s.missing), language="bash")
        st.text(worded(s.how_to, lang))
        for err in s.errors:
            st.text(f"⚠ {err}")
st.caption(t("docs_hint", lang))

st.subheader(t("quarantine", lang))
held = pd.DataFrame(_data.quarantined(ws.url))
if held.empty:
    st.success(t("quarantine_empty", lang), icon=":material/check_circle:")
else:
    held = to_local(held, "at", tz)
    st.dataframe(held[["at", "source", "ref", "error"]].assign(source=[network_name(v) for v in held["source"]]),
                 hide_index=True, width="stretch", placeholder=MISSING,
                 column_config={"at": time_column(t("col_time", lang), lang),
                                "source": t("source", lang), "ref": t("src_col_ref", lang),
                                "error": t("src_col_errors", lang)})
    csv_button(held, "quarantine", lang, "quarantine_csv")
    pick = st.selectbox(t("quarantine_raw", lang), range(len(held)),
                        format_func=lambda i: f"{held.iloc[i]['source']} · {held.iloc[i]['ref']}")
    st.code(str(held.iloc[pick]["raw"])[:5000], language="json")  # a code block shows raw text inert

st.subheader(t("effective_config", lang))
settings = _data.settings()
st.caption(t("config_from", lang, path=settings.source_path) if settings.source_path else t("config_defaults", lang))
# The settings hold no secret values (only the names of env vars), so they can be shown as they are.
st.json(json.loads(settings.model_dump_json()), expanded=False)
