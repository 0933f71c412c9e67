"""Lawine dashboard entry point: only a router over the pages."""
import streamlit as st

from lawine.i18n import LANG_KEY, nav_language, t

st.set_page_config(page_title="Lawine", page_icon="🏔️", layout="wide")

# The menu is drawn before a page runs, so it takes the language from the URL or the last choice.
lang = nav_language(st.query_params.get("ui"), st.session_state.get(LANG_KEY))
st.session_state["nav_lang"] = lang

pages = {
    t("nav_monitor", lang): [
        st.Page("pages/overview.py", title=t("overview", lang), icon=":material/monitoring:", default=True),
        st.Page("pages/events.py", title=t("nav_events", lang), icon=":material/bolt:"),
    ],
    t("nav_care", lang): [
        st.Page("pages/queue.py", title=t("nav_queue", lang), icon=":material/support_agent:"),
        st.Page("pages/response_times.py", title=t("nav_response_times", lang), icon=":material/timer:"),
    ],
    t("nav_reports", lang): [
        st.Page("pages/snapshot.py", title=t("snapshot", lang), icon=":material/summarize:"),
    ],
    t("nav_setup", lang): [
        st.Page("pages/sources.py", title=t("sources", lang), icon=":material/cable:"),
        st.Page("pages/alerts.py", title=t("nav_alerts", lang), icon=":material/notifications:"),
    ],
}

st.navigation(pages).run()
