"""Shared page chrome: demo banner, UI language, filters kept in the URL, the viewer's time zone."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any, Optional
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from lawine.charts import in_language
from lawine.i18n import LANG_KEY, LANGUAGES, day_text, moment_text, nav_language, network_name, t
from lawine.numbers import MISSING, formatter
from lawine.queries import Filters
from lawine.workspace import Workspace, remove_demo, restore_demo
from pages import _data


def _ensure_router() -> None:
    """Streamlit runs pages/x.py on its own (legacy multipage mode) when a fresh server's first
    visitor opens a sub-page URL, before dashboard.py ever called st.navigation. Leave that mode
    and rerun, so the router (layout, sections, icons) handles the same URL."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


_ensure_router()


@dataclass
class Context:
    ws: Workspace
    url: str
    filters: Filters
    now: datetime
    tz: str
    lang: str

    def local(self, when: datetime) -> datetime:
        """A moment in the viewer's zone (charts draw wall-clock times and drop the offset)."""
        return when.astimezone(ZoneInfo(self.tz))

    def stamp(self, when: datetime) -> str:
        """A moment in the viewer's zone as the page's language writes it: 07.12. 14:05 / 07 Dec 14:05."""
        return self.local(when).strftime("%d.%m. %H:%M" if self.lang == "de" else "%d %b %H:%M")

    def t(self, key: str, **kwargs) -> str:
        return t(key, self.lang, **kwargs)


def viewer_tz() -> str:
    """The browser's time zone when Streamlit knows it, else the team's."""
    tz = getattr(st.context, "timezone", None)
    try:
        ZoneInfo(tz) if tz else None
    except Exception:  # an odd browser value must not break the page
        tz = None
    return tz or _data.settings().team.timezone


def _param_list(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v]


def _param_date(name: str, default: date) -> date:
    try:
        return date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return default


def ui_language() -> str:
    """The language picker; the choice survives page changes (session) and shared links (URL)."""
    wanted = nav_language(st.query_params.get("ui"), st.session_state.get(LANG_KEY))
    lang = st.sidebar.selectbox("Sprache / Language", list(LANGUAGES), format_func=LANGUAGES.get,
                                index=list(LANGUAGES).index(wanted))
    st.session_state[LANG_KEY] = lang
    st.query_params["ui"] = lang
    if lang != st.session_state.get("nav_lang", lang):
        st.rerun()  # the menu was drawn in the old language
    return lang


def demo_banner(ws: Workspace, lang: str, now: datetime, tz: str) -> None:
    if ws.is_demo:
        stamp = moment_text(now, tz, lang)
        st.info(f"{t('demo_banner', lang)} ({t('as_of', lang)} {stamp})", icon=":material/science:")
        if st.sidebar.button(t("remove_demo", lang), help="python -m lawine demo --remove"):
            remove_demo(_data.settings())
            _data.clear()
            st.rerun()


def empty_workspace(lang: str) -> None:
    st.info(t("empty_workspace", lang), icon=":material/inbox:")
    if st.button(t("load_demo", lang)):
        restore_demo(_data.settings())
        _data.clear()
        st.rerun()
    st.stop()


def sidebar_filters(url: str, now: datetime, tz: str, lang: str, default_days: int = 30,
                    dates: bool = True) -> Filters:
    """Brand, network, language and date filters, mirrored into the URL so a view can be shared.
    Without `dates` (a page that sets its own period) the last `default_days` days, and no picker."""
    side = st.sidebar
    side.header(t("filters", lang))
    choose = t("choose", lang)
    brands = side.multiselect(t("brand", lang), _data.distinct(url, "brand"), placeholder=choose,
                              default=[b for b in _param_list("brand") if b in _data.distinct(url, "brand")])
    sources = side.multiselect(t("source", lang), _data.distinct(url, "source"), placeholder=choose,
                               format_func=network_name,
                               default=[s for s in _param_list("source") if s in _data.distinct(url, "source")])
    langs = side.multiselect(t("language", lang), _data.distinct(url, "lang"), placeholder=choose,
                             default=[x for x in _param_list("lang") if x in _data.distinct(url, "lang")])
    local_today = now.astimezone(ZoneInfo(tz)).date()
    start_d, end_d = local_today - timedelta(days=default_days), local_today
    st.query_params.update({"brand": brands, "source": sources, "lang": langs})
    if dates:
        start_d, end_d = _param_date("from", start_d), _param_date("to", end_d)
        picked = side.date_input(t("date_range", lang), value=(start_d, end_d), max_value=local_today)
        if isinstance(picked, (tuple, list)) and len(picked) == 2:
            start_d, end_d = picked
        st.query_params.update({"from": start_d.isoformat(), "to": end_d.isoformat()})
    # Without `dates` the page's own period; a range chosen elsewhere stays in the URL for the pages that use it.
    zone = ZoneInfo(tz)
    start = datetime.combine(start_d, time(0), zone)
    end = min(datetime.combine(end_d + timedelta(days=1), time(0), zone), now + timedelta(seconds=1))
    return Filters(tuple(brands), tuple(sources), (), tuple(langs), start, end)


def page(title_key: str, default_days: int = 30, filters: bool = True, dates: bool = True) -> Context:
    """Common top of every page; stops with an empty state when there is nothing to show.
    `filters=False` for a page the mention filters do not narrow, `dates=False` for one that sets its
    own period: filters that change nothing mislead."""
    lang = ui_language()
    st.title(t(title_key, lang))
    ws = _data.workspace()
    tz = viewer_tz()
    now = _data.now_for(ws)
    demo_banner(ws, lang, now, tz)
    if _data.bounds(ws.url)[2] == 0:
        empty_workspace(lang)
    chosen = sidebar_filters(ws.url, now, tz, lang, default_days, dates) if filters else Filters()
    return Context(ws, ws.url, chosen, now, tz, lang)


def to_local(df: pd.DataFrame, column: str, tz: str) -> pd.DataFrame:
    if not df.empty:
        df[column] = df[column].dt.tz_convert(tz)
    return df


# How tables write a moment: ISO in English (read the same way everywhere), the German way in German.
DATETIME_FORMAT = {"en": "YYYY-MM-DD HH:mm", "de": "DD.MM.YYYY HH:mm"}


def time_column(label: str, lang: str, **kwargs: Any) -> Any:
    """A table column of moments (already in the viewer's zone), written as the page's language writes them."""
    return st.column_config.DatetimeColumn(label, format=DATETIME_FORMAT.get(lang, DATETIME_FORMAT["en"]), **kwargs)


def csv_button(df: pd.DataFrame, name: str, lang: str, key: str) -> None:
    st.download_button(t("download_csv", lang), df.to_csv(index=False).encode("utf-8"),
                       file_name=f"{name}.csv", mime="text/csv", key=key)


def number_table(ctx: Context, df: pd.DataFrame, kinds: dict[str, str], labels: dict[str, str],
                 config: Optional[dict] = None, days: tuple[str, ...] = (), **kwargs: Any) -> Any:
    """st.dataframe with headers in the page's language (`labels`: column -> i18n key) and numbers as
    they read in it (`kinds`: column -> lawine.numbers kind), ISO day columns (`days`) too. A pandas
    Styler writes them, so the browser shows "54,6 %" or "2,3 h" while sorting by a column still sorts
    the values."""
    shapes = {c: formatter(k, ctx.lang) for c, k in kinds.items() if c in df.columns}
    shapes.update({c: partial(day_text, lang=ctx.lang) for c in days if c in df.columns})
    styled = df.style.format(shapes)
    columns = {c: ctx.t(key) for c, key in labels.items() if c in df.columns}
    return st.dataframe(styled, hide_index=True, width="stretch", placeholder=MISSING,
                        column_config={**columns, **(config or {})}, **kwargs)


def plot(ctx: Context, fig: Any, where: Any = None, **kwargs: Any) -> None:
    """A plotly chart, full width, with the page language's decimal and thousands separators;
    `where` is a container (a tab, a column), the page by default."""
    (where or st).plotly_chart(in_language(fig, ctx.lang), width="stretch", **kwargs)
