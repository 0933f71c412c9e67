"""Lawine dashboard entry point: only a router over the pages."""
import streamlit as st

st.set_page_config(page_title="Lawine", page_icon="🏔️", layout="wide")

pages = {
    "Monitor": [
        st.Page("pages/overview.py", title="Live overview", icon="📈", default=True),
        st.Page("pages/events.py", title="Events", icon="⚡"),
    ],
    "Care": [
        st.Page("pages/queue.py", title="Escalation queue", icon="🚨"),
        st.Page("pages/response_times.py", title="Response times", icon="⏱️"),
    ],
    "Reports": [
        st.Page("pages/snapshot.py", title="Weekly snapshot", icon="🗞️"),
    ],
    "Setup": [
        st.Page("pages/sources.py", title="Sources & settings", icon="🔌"),
        st.Page("pages/alerts.py", title="Alerts", icon="🔔"),
    ],
}

st.navigation(pages).run()
