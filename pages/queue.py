"""Escalation queue: open customer requests by priority, SLA clock per row, actions that persist."""
from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from lawine.i18n import code_label, department_label, network_name
from lawine.numbers import MISSING, formatter, number
from lawine.queries import OPEN_WINDOW_DAYS
from lawine.queue import sla_clock
from lawine.store import queue_writes
from pages import _data
from pages._layout import Context, csv_button, page, time_column, to_local

LIMIT = 500
# The browser writes day names in English only, so the German table shows the date instead.
DUE_FORMAT = {"en": "ddd HH:mm", "de": "DD.MM. HH:mm"}
# Our row markers are glyphs every font has (an emoji shows as an empty box on a wall screen
# without an emoji font); the CSV carries the plain flags instead.
ESCALATING_MARK = "▲"
PICK_KEY, TABLE_KEY, FLASH_KEY = "queue_pick", "queue_table", "queue_flash"
ACTION_LABELS = {"assign": "q_assign", "handled": "q_handled", "not_needed": "q_not_needed", "reopen": "q_reopen"}


def queue_filters(ctx: Context) -> tuple[tuple[str, ...], bool]:
    """Department and marketing-post filters, kept in the URL like the sidebar filters."""
    options = _data.queue_departments(ctx.url, ctx.filters, ctx.now)
    wanted = [d for d in st.query_params.get_all("dept") if d in options]
    side = st.sidebar
    departments = side.multiselect(ctx.t("q_department"), options, placeholder=ctx.t("choose"), default=wanted,
                                   key="queue_dept", format_func=partial(department_label, lang=ctx.lang))
    marketing = side.checkbox(ctx.t("q_marketing_only"), value=st.query_params.get("mkt") == "1", key="queue_mkt")
    st.query_params["dept"] = departments
    st.query_params["mkt"] = "1" if marketing else "0"
    return tuple(departments), marketing


def kpi_row(ctx: Context, counts) -> None:
    cols = st.columns(4)
    cols[0].metric(ctx.t("q_open"), number(counts.open, 0, ctx.lang))
    cols[1].metric(ctx.t("q_overdue"), number(counts.overdue, 0, ctx.lang))
    cols[2].metric(ctx.t("q_due_soon"), number(counts.due_soon, 0, ctx.lang))
    cols[3].metric(ctx.t("q_sensitive"), number(counts.sensitive, 0, ctx.lang))


def table_view(ctx: Context, df: pd.DataFrame) -> pd.DataFrame:
    view = pd.DataFrame({
        "flag": [ESCALATING_MARK if e else "" for e in df["escalating"]],
        "score": df["score"].round(0).astype(int),
        "sla_clock": [sla_clock(s, ctx.lang) for s in df["time_left_s"]],
        "due_at": df["due_at"],
        "created_at": df["created_at"],
        "department": [department_label(d, ctx.lang) if isinstance(d, str) and d else "" for d in df["department"]],
        "source": [network_name(v) for v in df["source"]],
        "brand": df["brand"],
        "author_followers": df["author_followers"],
        "marketing_post": df["on_marketing_post"],
        "text": df["text"],
        "hint": [ctx.t("q_private_hint") if s else "" for s in df["sensitive"]],
        "assignee": df["assignee"],
        "url": df["url"],
        "id": df["id"],
        "overdue": df["overdue"],
        "escalating": df["escalating"],
    })
    return to_local(to_local(view, "due_at", ctx.tz), "created_at", ctx.tz)


def _highlight(row: pd.Series) -> list[str]:
    # Only our own computed columns are styled; user text is never passed through the Styler.
    color = "background-color: #ffd6d6" if row["escalating"] else (
        "background-color: #fff3cd" if row["overdue"] else "")
    return [color] * len(row)


def show_table(ctx: Context, view: pd.DataFrame) -> list[str]:
    """The queue table; returns the ids of the rows the user selected in it."""
    styled = (view.style.apply(_highlight, axis=1, subset=["flag", "score", "sla_clock", "overdue", "escalating"])
              .format(formatter("count", ctx.lang), subset=["author_followers"]))
    # A new key after each action gives a fresh, empty selection: the browser would otherwise keep
    # row numbers selected, and they would now point at other requests.
    key = f"{TABLE_KEY}_{st.session_state.get('queue_table_gen', 0)}"
    event = st.dataframe(styled, hide_index=True, width="stretch", placeholder=MISSING, key=key, on_select="rerun",
                         selection_mode="multi-row", column_config={
                             "flag": st.column_config.TextColumn("", width="small"),
                             "score": st.column_config.NumberColumn(ctx.t("q_col_priority"),
                                                                    help=ctx.t("q_col_priority_help")),
                             "sla_clock": st.column_config.TextColumn(ctx.t("q_col_clock")),
                             "due_at": st.column_config.DatetimeColumn(ctx.t("q_col_due"),
                                                                       format=DUE_FORMAT[ctx.lang]),
                             "created_at": time_column(ctx.t("q_col_posted"), ctx.lang),
                             "department": ctx.t("q_department"),
                             "source": ctx.t("source"),
                             "brand": ctx.t("brand"),
                             "author_followers": st.column_config.NumberColumn(ctx.t("q_col_reach")),
                             "marketing_post": st.column_config.CheckboxColumn(ctx.t("q_col_marketing")),
                             "text": st.column_config.TextColumn(ctx.t("col_text"), width="large"),
                             "hint": st.column_config.TextColumn(ctx.t("q_col_private")),
                             "assignee": st.column_config.TextColumn(ctx.t("q_col_assigned")),
                             "url": st.column_config.LinkColumn(ctx.t("q_col_reply"),
                                                                display_text=ctx.t("col_open")),
                             "id": st.column_config.TextColumn(ctx.t("q_col_id")),
                             "overdue": None, "escalating": None,
                         })
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    return [view["id"].iloc[i] for i in rows if i < len(view)]


def _act(action: str, lang_t, url: str) -> None:
    """Button callback: write the action for the picked rows, then reset the pick (runs before the rerun)."""
    ids = list(dict.fromkeys(st.session_state.get(PICK_KEY, []) + st.session_state.get("queue_table_ids", [])))
    if not ids:
        st.session_state[FLASH_KEY] = ("warning", lang_t("q_nothing_picked"))
        return
    actor = st.session_state.get("queue_actor") or queue_writes.DEFAULT_ACTOR
    try:
        n = queue_writes.record_action(_data.engine(url), ids, action, actor,
                                       assignee=st.session_state.get("queue_assignee"))
    except queue_writes.QueueActionError as exc:
        st.session_state[FLASH_KEY] = ("error", str(exc))
        return
    st.session_state[FLASH_KEY] = ("success", lang_t("q_done", action=lang_t(ACTION_LABELS[action]), n=n,
                                                     actor=actor))
    st.session_state[PICK_KEY] = []
    st.session_state["queue_table_gen"] = st.session_state.get("queue_table_gen", 0) + 1
    _data.clear_queue()


def actions(ctx: Context, view: pd.DataFrame, table_ids: list[str]) -> None:
    st.subheader(ctx.t("q_actions"))
    st.session_state["queue_table_ids"] = table_ids
    labels = dict(zip(view["id"], view["text"].str.slice(0, 70)))
    st.multiselect(ctx.t("q_pick"), list(view["id"]), placeholder=ctx.t("choose"), key=PICK_KEY,
                   format_func=lambda i: f"{i} · {labels.get(i, '')}")
    left, right = st.columns(2)
    left.text_input(ctx.t("q_actor"), value=queue_writes.DEFAULT_ACTOR, key="queue_actor")
    right.text_input(ctx.t("q_assignee"), key="queue_assignee")
    cols = st.columns(3)
    for col, action in zip(cols, ("assign", "handled", "not_needed")):
        col.button(ctx.t(ACTION_LABELS[action]), key=f"queue_{action}", on_click=_act,
                   args=(action, ctx.t, ctx.url), width="stretch")


def closed_section(ctx: Context) -> None:
    with st.expander(ctx.t("q_closed")):
        closed = _data.recently_closed(ctx.url)
        if closed.empty:
            st.caption(ctx.t("q_no_closed"))
            return
        closed = to_local(closed, "at", ctx.tz)
        view = closed[["at", "action", "actor", "brand", "source", "text", "url", "mention_id"]].assign(
            source=[network_name(v) for v in closed["source"]],
            action=[code_label(a, ctx.lang) for a in closed["action"]])
        st.dataframe(view, hide_index=True, width="stretch", placeholder=MISSING, column_config={
            "at": time_column(ctx.t("q_col_closed"), ctx.lang),
            "action": ctx.t("q_col_closed_as"), "actor": ctx.t("q_col_by"), "brand": ctx.t("brand"),
            "source": ctx.t("source"), "mention_id": ctx.t("q_col_id"),
            "url": st.column_config.LinkColumn(ctx.t("col_link"), display_text=ctx.t("col_open")),
            "text": st.column_config.TextColumn(ctx.t("col_text"), width="large")})
        csv_button(view, "queue_closed", ctx.lang, "queue_closed_csv")
        st.selectbox(ctx.t("q_reopen_pick"), list(view["mention_id"]), key="queue_reopen_pick")
        st.button(ctx.t("q_reopen"), key="queue_reopen", on_click=_reopen, args=(ctx.t, ctx.url))


def _reopen(lang_t, url: str) -> None:
    picked = st.session_state.get("queue_reopen_pick")
    st.session_state[PICK_KEY] = [picked] if picked else []
    _act("reopen", lang_t, url)


def flash() -> None:
    kind, text = st.session_state.pop(FLASH_KEY, (None, None))
    if kind:
        getattr(st, kind)(text)


ctx = page("queue_title", default_days=OPEN_WINDOW_DAYS, dates=False)  # always the open window
flash()
departments, marketing_only = queue_filters(ctx)
policy = _data.sla_policy()
st.caption(ctx.t("q_caption", days=OPEN_WINDOW_DAYS, limit=LIMIT, minutes=policy.target_s // 60,
                 clock=ctx.t("q_clock_business" if policy.business_hours_only else "q_clock_wall")))
counts = _data.queue_counts(ctx.url, ctx.filters, ctx.now, departments, marketing_only)
kpi_row(ctx, counts)
if counts.open == 0:
    st.success(ctx.t("q_inbox_zero"), icon=":material/celebration:")
else:
    if counts.sensitive:
        st.warning(ctx.t("q_sensitive_hint", n=counts.sensitive), icon=":material/lock:")
    st.caption(ctx.t("q_escalating", mark=ESCALATING_MARK))
    view = table_view(ctx, _data.queue(ctx.url, ctx.filters, ctx.now, departments, marketing_only, LIMIT))
    table_ids = show_table(ctx, view)
    csv_button(view.drop(columns=["flag"]), "escalation_queue", ctx.lang, "queue_csv")
    actions(ctx, view, table_ids)
closed_section(ctx)
