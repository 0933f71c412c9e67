"""Alerts: configured channels and rules (never their secrets), the notification log, test messages."""
from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from lawine.alerts.channels import missing_secrets
from lawine.alerts.dispatcher import send_test
from lawine.alerts.state import FAILED, QUEUED, RETRYING, SENT, STATUSES
from lawine.i18n import code_label
from lawine.numbers import MISSING, number
from pages import _data
from pages._layout import Context, csv_button, page, time_column, to_local


RULE_HEADERS = {"rule": "alerts_col_rule", "types": "alerts_col_types", "brands": "alerts_col_brands",
                "channels": "alerts_col_channels", "min_score": "alerts_col_min_score",
                "cooldown_min": "alerts_col_cooldown", "quiet_hours": "alerts_col_quiet",
                "digest_at": "alerts_col_digest_at", "marketing_posts_only": "alerts_col_marketing",
                "deliver_to": "alerts_col_deliver_to", "lang": "alerts_col_lang"}


def _clock(t) -> str:
    return t.strftime("%H:%M") if t else ""


def channels(ctx: Context) -> None:
    st.subheader(ctx.t("alerts_channels"))
    configured = _data.settings().alerts.channels
    if not configured:
        st.info(ctx.t("alerts_no_channels"), icon=":material/notifications_off:")
        return
    df = pd.DataFrame([{"channel": name, "type": cfg.type,
                        "ready": not missing_secrets(cfg)} for name, cfg in configured.items()])
    st.dataframe(df, hide_index=True, width="stretch", placeholder=MISSING, column_config={
        "channel": ctx.t("alerts_col_channels"), "type": ctx.t("event_type"), "ready": ctx.t("alerts_col_ready")})
    csv_button(df, "alert_channels", ctx.lang, "alert_channels_csv")
    for name, cfg in configured.items():
        missing = missing_secrets(cfg)
        if missing:
            st.warning(ctx.t("alerts_secret_missing", names=", ".join(missing)), icon=":material/key:")
        if st.button(ctx.t("alerts_send_test", name=name), key=f"alerts_test_{name}"):
            error = send_test(_data.engine(ctx.url), _data.settings(), name, lang=ctx.lang)
            _data.notification_log.clear()
            _data.notification_counts.clear()
            if error:
                st.error(ctx.t("alerts_test_failed", name=name))
                st.code(error, language=None)  # a server's answer: shown as text, never as markup
            else:
                st.success(ctx.t("alerts_test_sent", name=name))


def rules(ctx: Context) -> None:
    st.subheader(ctx.t("alerts_rules"))
    configured = _data.settings().alerts.rules
    if not configured:
        st.info(ctx.t("alerts_no_rules"), icon=":material/rule:")
        return
    df = pd.DataFrame([{
        "rule": r.name, "types": ", ".join(r.types), "brands": ", ".join(r.brands) or ctx.t("alerts_all_brands"),
        "channels": ", ".join(r.channels), "min_score": r.min_score, "cooldown_min": r.cooldown_minutes,
        "quiet_hours": "–".join(_clock(t) for t in r.quiet_hours) if r.quiet_hours else "",
        "digest_at": _clock(r.digest_at), "marketing_posts_only": r.marketing_posts_only,
        "deliver_to": ", ".join(r.deliver_to), "lang": r.lang} for r in configured])
    st.dataframe(df, hide_index=True, width="stretch", placeholder=MISSING, column_config={
        column: ctx.t(key) for column, key in RULE_HEADERS.items()})
    csv_button(df, "alert_rules", ctx.lang, "alert_rules_csv")


def log(ctx: Context) -> None:
    st.subheader(ctx.t("alerts_log"))
    counts = _data.notification_counts(ctx.url)
    cols = st.columns(4)
    for col, (status, key) in zip(cols, ((SENT, "alerts_sent"), (RETRYING, "alerts_retrying"),
                                         (FAILED, "alerts_failed"), (QUEUED, "alerts_held"))):
        col.metric(ctx.t(key), number(counts.get(status, 0), 0, ctx.lang))
    picked = st.multiselect(ctx.t("alerts_status_filter"), list(STATUSES), placeholder=ctx.t("choose"),
                            default=[], key="alerts_status", format_func=partial(code_label, lang=ctx.lang))
    df = _data.notification_log(ctx.url, tuple(picked))
    if df.empty:
        st.info(ctx.t("alerts_log_empty"), icon=":material/inbox:")
        return
    for column in ("created_at", "sent_at", "next_try_at"):
        df = to_local(df, column, ctx.tz)
    view = df[["created_at", "status", "rule", "channel", "subject", "attempts", "error", "sent_at",
               "next_try_at", "dedupe_key"]]
    shown = view.assign(status=[code_label(s, ctx.lang) for s in view["status"]])  # the CSV keeps the codes
    st.dataframe(shown, hide_index=True, width="stretch", placeholder=MISSING, column_config={
        "status": ctx.t("status"), "rule": ctx.t("alerts_col_rule"), "channel": ctx.t("al_channel"),
        "attempts": ctx.t("alerts_col_attempts"), "error": ctx.t("alerts_col_error"),
        "dedupe_key": ctx.t("alerts_col_key"),
        "created_at": time_column(ctx.t("col_time"), ctx.lang),
        "sent_at": time_column(ctx.t("col_sent"), ctx.lang),
        "next_try_at": time_column(ctx.t("col_next_try"), ctx.lang),
        "subject": st.column_config.TextColumn(ctx.t("col_subject"), width="large"),
    })
    csv_button(view, "notifications", ctx.lang, "notifications_csv")


ctx = page("alerts_title", filters=False)  # channels, rules and the log are not mentions
channels(ctx)
rules(ctx)
log(ctx)
