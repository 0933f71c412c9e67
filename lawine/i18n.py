"""English and German UI strings; pages look words up here instead of hard-coding them."""
from __future__ import annotations

LANGUAGES = {"en": "English", "de": "Deutsch"}

STRINGS: dict[str, dict[str, str]] = {
    "demo_banner": {
        "en": "**Demo data**: two fictional brands, synthetic mentions. Connect sources to see your own.",
        "de": "**Demodaten**: zwei erfundene Marken, synthetische Erwähnungen. Verbinde Quellen für echte Daten.",
    },
    "remove_demo": {"en": "Remove demo data", "de": "Demodaten entfernen"},
    "load_demo": {"en": "Load demo data", "de": "Demodaten laden"},
    "overview": {"en": "Live overview", "de": "Live-Übersicht"},
    "mentions_today": {"en": "Mentions today", "de": "Erwähnungen heute"},
    "share_negative": {"en": "Share negative today", "de": "Anteil negativ heute"},
    "open_requests": {"en": "Open unanswered posts (7 days)", "de": "Offene unbeantwortete Posts (7 Tage)"},
    "median_response": {"en": "Median first response today", "de": "Median Erstantwort heute"},
    "volume": {"en": "Volume by channel", "de": "Volumen nach Kanal"},
    "sentiment": {"en": "Sentiment", "de": "Stimmung"},
    "latest": {"en": "Latest mentions", "de": "Neueste Erwähnungen"},
    "download_csv": {"en": "Download CSV", "de": "CSV herunterladen"},
    "no_data": {
        "en": "No mentions match these filters yet. Widen the date range or the filters, "
              "or connect a source on the Sources page.",
        "de": "Keine Erwähnungen für diese Filter. Zeitraum oder Filter erweitern "
              "oder eine Quelle auf der Seite Quellen verbinden.",
    },
    "empty_workspace": {
        "en": "No mentions yet. Configure a source (see Sources) or load the demo data to look around.",
        "de": "Noch keine Erwähnungen. Richte eine Quelle ein (siehe Quellen) oder lade die Demodaten.",
    },
    "vs_usual": {"en": "vs. same weekday, last {n} weeks", "de": "ggü. gleichem Wochentag, letzte {n} Wochen"},
    "vs_median_4w": {"en": "vs. the median of the last 4 weeks", "de": "ggü. dem Median der letzten 4 Wochen"},
    "pp": {"en": "pp", "de": "PP"},  # percentage points
    "terms_axis": {"en": "over-representation (z)", "de": "Überrepräsentation (z)"},
    # event types and statuses (stored as these codes; shown in the reader's language)
    "code_spike": {"en": "spike", "de": "Spitze"},
    "code_avalanche": {"en": "avalanche", "de": "Lawine"},
    "code_open": {"en": "open", "de": "offen"},
    "code_acknowledged": {"en": "acknowledged", "de": "gesehen"},
    "code_resolved": {"en": "resolved", "de": "erledigt"},
    "code_false_alarm": {"en": "false alarm", "de": "Fehlalarm"},
    "filters": {"en": "Filters", "de": "Filter"},
    "brand": {"en": "Brand", "de": "Marke"},
    "source": {"en": "Network", "de": "Netzwerk"},
    "language": {"en": "Language", "de": "Sprache"},
    "date_range": {"en": "Date range", "de": "Zeitraum"},
    "tv_mode": {"en": "TV mode (wall screen)", "de": "TV-Modus (Wandbildschirm)"},
    "as_of": {"en": "as of", "de": "Stand"},
    "choose": {"en": "Choose…", "de": "Auswählen…"},
    "nav_monitor": {"en": "Monitor", "de": "Beobachten"},
    "nav_care": {"en": "Care", "de": "Kundenservice"},
    "nav_reports": {"en": "Reports", "de": "Berichte"},
    "nav_setup": {"en": "Setup", "de": "Einrichtung"},
    "nav_events": {"en": "Events", "de": "Ereignisse"},
    "nav_queue": {"en": "Escalation queue", "de": "Eskalations-Warteschlange"},
    "nav_response_times": {"en": "Response times", "de": "Antwortzeiten"},
    "nav_alerts": {"en": "Alerts", "de": "Alarme"},
    "col_time": {"en": "Time", "de": "Zeit"},
    "col_author": {"en": "Author", "de": "Autor"},
    "col_intent": {"en": "Intent", "de": "Anliegen"},
    "rt_hour": {"en": "hour of day", "de": "Uhrzeit (Stunde)"},
    "col_text": {"en": "Text", "de": "Text"},
    "col_link": {"en": "Link", "de": "Link"},
    "col_open": {"en": "open ↗", "de": "öffnen ↗"},
    "col_sent": {"en": "Sent", "de": "Gesendet"},
    "col_next_try": {"en": "Next try", "de": "Nächster Versuch"},
    "col_subject": {"en": "Subject", "de": "Betreff"},
}


LANG_KEY = "ui_lang"  # session-state key of the viewer's UI language


def nav_language(from_url: str | None, remembered: str | None) -> str:
    """The UI language: the URL's `ui` wins (shared links), then the viewer's last choice, then English."""
    for lang in (from_url, remembered):
        if lang in LANGUAGES:
            return lang
    return "en"


WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")}
DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_names(lang: str = "en") -> tuple[str, ...]:
    """Short weekday names, Monday first."""
    return WEEKDAYS.get(lang, WEEKDAYS["en"])


def day_span(days: list[str], lang: str = "en") -> str:
    """Config day codes as people write them: ['mon'..'fri'] -> 'Mon–Fri' / 'Mo–Fr', gaps as commas."""
    names = weekday_names(lang)
    picked = sorted(DAY_CODES.index(d) for d in days if d in DAY_CODES)
    runs: list[list[int]] = []
    for i in picked:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = [f"{names[r[0]]}–{names[r[-1]]}" if len(r) > 2 else ", ".join(names[i] for i in r) for r in runs]
    return ", ".join(parts)


def code_label(code: str, lang: str = "en") -> str:
    """An event type or status as the reader's language names it; the stored code where none is known."""
    return t(f"code_{code}", lang) if f"code_{code}" in STRINGS else code


def event_kinds(lang: str = "en") -> dict[str, str]:
    """Event types as the reader's language names them (chart labels)."""
    return {code: code_label(code, lang) for code in ("spike", "avalanche")}


def sentiment_names(lang: str = "en") -> dict[str, str]:
    """Legend names of the sentiment charts: negative, neutral, positive and the mean score."""
    names = {k: t(f"snap_{k}", lang) for k in ("negative", "neutral", "positive")}
    names["mean"] = t("snap_mean_sentiment", lang)
    return names


def t(key: str, lang: str = "en", **kwargs) -> str:
    """The UI string for key in lang, falling back to English, then to the key itself."""
    entry = STRINGS.get(key, {})
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**kwargs) if kwargs else text


# --- weekly snapshot (page and HTML/PDF export) -----------------------------------
STRINGS.update({
    "snapshot": {"en": "Weekly snapshot", "de": "Wochenbericht"},
    "snap_week": {"en": "Week", "de": "Kalenderwoche"},
    "snap_week_picker": {"en": "ISO week", "de": "Kalenderwoche (ISO)"},
    "snap_scope": {"en": "Scope", "de": "Umfang"},
    "snap_all": {"en": "all brands, networks and languages", "de": "alle Marken, Netzwerke und Sprachen"},
    "snap_incomplete": {"en": "This week is not over yet: numbers as of {when}.",
                        "de": "Diese Woche läuft noch: Zahlen mit Stand {when}."},
    "snap_demo": {"en": "Demo data: synthetic mentions of two fictional brands.",
                  "de": "Demodaten: synthetische Erwähnungen zweier erfundener Marken."},
    "snap_no_data": {
        "en": "No mentions in {week}. Pick another week or widen the filters; if this week should have data, "
              "check on the Sources page that collection was running.",
        "de": "Keine Erwähnungen in {week}. Andere Woche wählen oder Filter erweitern; falls diese Woche Daten "
              "haben sollte, auf der Seite Quellen prüfen, ob gesammelt wurde.",
    },
    "snap_filters_note": {
        "en": "Brand, network and language filters apply; the week picker sets the period (not the date range).",
        "de": "Marken-, Netzwerk- und Sprachfilter gelten; den Zeitraum bestimmt die Kalenderwoche (nicht der Datumsfilter).",
    },
    "snap_section_volume": {"en": "Volume and sentiment", "de": "Volumen und Stimmung"},
    "snap_section_care": {"en": "Customer care", "de": "Kundenservice"},
    "snap_section_marketing": {"en": "Support questions on marketing posts",
                               "de": "Service-Fragen unter Marketing-Posts"},
    "snap_kpi_mentions": {"en": "Mentions", "de": "Erwähnungen"},
    "snap_kpi_share_negative": {"en": "Negative", "de": "Negativ"},
    "snap_kpi_share_positive": {"en": "Positive", "de": "Positiv"},
    "snap_kpi_mean_sentiment": {"en": "Mean sentiment (−1…+1)", "de": "Mittlere Stimmung (−1…+1)"},
    "snap_kpi_support_requests": {"en": "Posts needing a reply", "de": "Posts mit Antwortbedarf"},
    "snap_kpi_answered_share": {"en": "Answered by us", "de": "Von uns beantwortet"},
    "snap_kpi_median_response_s": {"en": "Median first response", "de": "Median Erstantwort"},
    "snap_kpi_p90_response_s": {"en": "90th pct. first response", "de": "90. Perz. Erstantwort"},
    "snap_kpi_sla_compliance": {"en": "SLA met", "de": "SLA eingehalten"},
    "snap_kpi_marketing_questions": {"en": "Questions on marketing posts", "de": "Fragen unter Marketing-Posts"},
    "snap_kpi_marketing_question_share": {"en": "Share of comments there", "de": "Anteil der Kommentare dort"},
    "snap_kpi_marketing_median_response_s": {"en": "Median first response there",
                                             "de": "Median Erstantwort dort"},
    "snap_vs_previous": {"en": "vs. last week", "de": "ggü. Vorwoche"},
    "snap_vs_average": {"en": "vs. 4-week avg.", "de": "ggü. 4-Wochen-Schnitt"},
    "snap_volume_chart": {"en": "Mentions by day and network", "de": "Erwähnungen nach Tag und Netzwerk"},
    "snap_sentiment_chart": {"en": "Sentiment by day", "de": "Stimmung nach Tag"},
    "snap_customer_posts": {"en": "customer posts", "de": "Kunden-Posts"},
    "snap_mean": {"en": "mean", "de": "Mittel"},
    "snap_mean_sentiment": {"en": "mean sentiment", "de": "mittlere Stimmung"},
    "snap_negative": {"en": "negative", "de": "negativ"},
    "snap_neutral": {"en": "neutral", "de": "neutral"},
    "snap_positive": {"en": "positive", "de": "positiv"},
    "snap_networks": {"en": "Mentions by network", "de": "Erwähnungen nach Netzwerk"},
    "snap_events": {"en": "Top events", "de": "Wichtigste Ereignisse"},
    "snap_no_events": {"en": "No events recorded for this week (or the spike detector has not run yet).",
                       "de": "Keine Ereignisse in dieser Woche erfasst (oder die Spitzen-Erkennung lief noch nicht)."},
    "snap_topics": {"en": "Top topics", "de": "Top-Themen"},
    "snap_topics_hint": {"en": "Words used unusually often this week, compared with the 4 weeks before.",
                         "de": "Wörter, die diese Woche auffällig häufiger vorkamen als in den 4 Wochen davor."},
    "snap_no_topics": {"en": "No topics stand out this week.", "de": "Diese Woche sticht kein Thema heraus."},
    "snap_topics_unavailable": {"en": "Topic extraction is not available in this installation.",
                                "de": "Die Themen-Erkennung ist in dieser Installation nicht verfügbar."},
    "snap_faq": {"en": "Recurring questions (FAQ candidates)", "de": "Wiederkehrende Fragen (FAQ-Kandidaten)"},
    "snap_faq_hint": {"en": "Similar customer questions grouped; the count says how often one was asked this week.",
                      "de": "Ähnliche Kundenfragen zusammengefasst; die Zahl sagt, wie oft sie diese Woche kam."},
    "snap_no_faq": {"en": "No question was asked more than once this week.",
                    "de": "Keine Frage wurde diese Woche mehr als einmal gestellt."},
    "snap_samples": {"en": "Sample posts", "de": "Beispiel-Posts"},
    "snap_sample_negative": {"en": "Negative, most engagement", "de": "Negativ, meiste Interaktion"},
    "snap_sample_question": {"en": "Question, most engagement", "de": "Frage, meiste Interaktion"},
    "snap_sample_positive": {"en": "Positive, most engagement", "de": "Positiv, meiste Interaktion"},
    "snap_sample_none": {"en": "None this week.", "de": "Keiner in dieser Woche."},
    "snap_engagement": {"en": "{likes} likes · {replies} replies · {shares} shares",
                        "de": "{likes} Likes · {replies} Antworten · {shares} Shares"},
    "snap_open": {"en": "open", "de": "öffnen"},
    "snap_definitions": {"en": "How the numbers are counted", "de": "So wird gezählt"},
    "snap_definitions_text": {
        "en": "Weeks run Monday 00:00 to Monday 00:00 ({tz}). Mentions and sentiment count customer posts, "
              "not our own. First response: time from a customer post to our first reply (nearest-rank "
              "percentiles). SLA: posts needing a reply answered within {minutes} min ({clock}); posts still "
              "open after that time count as missed, posts answered by the community or closed without a "
              "reply are left out. Marketing posts: support questions or complaints left as comments under "
              "our own marketing posts. Averages: the 4 weeks before, skipping weeks without data.",
        "de": "Wochen laufen von Montag 00:00 bis Montag 00:00 ({tz}). Erwähnungen und Stimmung zählen "
              "Kunden-Posts, nicht unsere eigenen. Erstantwort: Zeit vom Kunden-Post bis zu unserer ersten "
              "Antwort (Perzentile nach dem Nearest-Rank-Verfahren). SLA: Posts mit Antwortbedarf, beantwortet "
              "innerhalb von {minutes} Min. ({clock}); danach noch offene Posts zählen als verfehlt, von der "
              "Community beantwortete oder ohne Antwort geschlossene bleiben außen vor. Marketing-Posts: "
              "Service-Fragen oder Beschwerden als Kommentar unter unseren Marketing-Posts. Schnitt: die 4 "
              "Wochen davor, Wochen ohne Daten ausgenommen.",
    },
    "snap_business_hours": {"en": "business hours", "de": "Geschäftszeiten"},
    "snap_around_the_clock": {"en": "around the clock", "de": "rund um die Uhr"},
    "snap_generated": {"en": "Generated {when} by Lawine.", "de": "Erstellt {when} von Lawine."},
    "snap_kpi_table": {"en": "All KPIs", "de": "Alle Kennzahlen"},
    "snap_download_html": {"en": "Download HTML", "de": "HTML herunterladen"},
    "snap_download_pdf": {"en": "Download PDF", "de": "PDF herunterladen"},
    "snap_col_kpi": {"en": "KPI", "de": "Kennzahl"},
    "snap_col_value": {"en": "This week", "de": "Diese Woche"},
    "snap_col_previous": {"en": "Last week", "de": "Vorwoche"},
    "snap_col_average": {"en": "4-week avg.", "de": "4-Wochen-Schnitt"},
    "snap_col_network": {"en": "Network", "de": "Netzwerk"},
    "snap_col_mentions": {"en": "Mentions", "de": "Erwähnungen"},
    "snap_col_change": {"en": "Change", "de": "Veränderung"},
    "snap_col_type": {"en": "Type", "de": "Typ"},
    "snap_col_brand": {"en": "Brand", "de": "Marke"},
    "snap_col_channel": {"en": "Channel", "de": "Kanal"},
    "snap_col_start": {"en": "Start", "de": "Beginn"},
    "snap_col_score": {"en": "Score", "de": "Stärke"},
    "snap_col_status": {"en": "Status", "de": "Status"},
    "snap_col_summary": {"en": "What", "de": "Worum es geht"},
    "snap_col_question": {"en": "Question", "de": "Frage"},
    "snap_col_count": {"en": "Times asked", "de": "Anzahl"},
    "snap_col_variants": {"en": "Also asked as", "de": "Auch gefragt als"},
    "snap_col_term": {"en": "Term", "de": "Begriff"},
})

STRINGS.update({
    "events": {"en": "Events: spikes and avalanches", "de": "Ereignisse: Spitzen und Lawinen"},
    "event_type": {"en": "Type", "de": "Typ"},
    "status": {"en": "Status", "de": "Status"},
    "score": {"en": "Score", "de": "Score"},
    "started": {"en": "Started", "de": "Beginn"},
    "peak": {"en": "Peak", "de": "Höhepunkt"},
    "peak_volume": {"en": "Peak volume", "de": "Spitzenvolumen"},
    "amplification": {"en": "Amplification", "de": "Verstärkung"},
    "top_terms": {"en": "Words driving it (vs. the week before)", "de": "Treibende Wörter (ggü. Vorwoche)"},
    "channels": {"en": "Networks", "de": "Netzwerke"},
    "core_threads": {"en": "Core threads", "de": "Kern-Threads"},
    "top_posts": {"en": "Posts driving it", "de": "Treibende Posts"},
    "no_terms": {"en": "Not enough text to compare.", "de": "Zu wenig Text für einen Vergleich."},
    "no_posts": {"en": "No posts in this window.", "de": "Keine Posts in diesem Zeitraum."},
    "event_level": {"en": "{peak}/h vs {usual} expected", "de": "{peak}/h statt {usual} erwartet"},
    "sensitivity_title": {"en": "Spike sensitivity: {current}", "de": "Empfindlichkeit für Spitzen: {current}"},
    "sensitivity_low": {"en": "low", "de": "niedrig"},
    "sensitivity_normal": {"en": "normal", "de": "normal"},
    "sensitivity_high": {"en": "high", "de": "hoch"},
    "sensitivity_help": {
        "en": "Low alerts on the largest surges only, high also on a brand's ordinary bursts. "
              "Set it as `[detection] spike_sensitivity` in lawine.toml; the next detection run uses it.",
        "de": "Niedrig meldet nur die größten Anstiege, hoch auch die üblichen Ausschläge einer Marke. "
              "Einstellen über `[detection] spike_sensitivity` in lawine.toml; die nächste Erkennung nutzt sie.",
    },
    "sensitivity_compare": {"en": "Compare on the last 90 days", "de": "An den letzten 90 Tagen vergleichen"},
    "sensitivity_running": {"en": "Replaying 90 days at every sensitivity …",
                            "de": "90 Tage werden mit jeder Empfindlichkeit nachgerechnet …"},
    "sensitivity_same": {
        "en": "Every sensitivity gives the same spikes here: each surge of these 90 days is above "
              "all three bars or below all of them, so the setting makes no difference yet.",
        "de": "Jede Empfindlichkeit ergibt hier dieselben Spitzen: jeder Anstieg dieser 90 Tage liegt über "
              "allen drei Schwellen oder unter allen, die Einstellung macht also noch keinen Unterschied.",
    },
    "col_sensitivity": {"en": "Sensitivity", "de": "Empfindlichkeit"},
    "col_spikes": {"en": "Spikes", "de": "Spitzen"},
    "col_end": {"en": "End", "de": "Ende"},
    "col_per_week": {"en": "Per week", "de": "Pro Woche"},
    "vs_expected": {"en": "{n} vs expected", "de": "{n} ggü. erwartet"},
    "event_words": {"en": "words: {terms}", "de": "Wörter: {terms}"},
    "event_core_threads": {"en": "{n} core threads", "de": "{n} Kern-Threads"},
    "event_no_words": {"en": "no word stands out against the week before",
                       "de": "kein Wort sticht ggü. der Vorwoche heraus"},
    "event_no_baseline": {"en": "no posts the week before to compare words with",
                          "de": "keine Posts in der Vorwoche für einen Wortvergleich"},
    "no_events": {
        "en": "No spikes or avalanches in this range. Detection runs after every collect "
              "(or `python -m lawine detect`).",
        "de": "Keine Spitzen oder Lawinen in diesem Zeitraum. Die Erkennung läuft nach jedem Abruf "
              "(oder `python -m lawine detect`).",
    },
    "event_missing": {"en": "This event no longer exists.", "de": "Dieses Ereignis gibt es nicht mehr."},
})

STRINGS.update({
    "tv_hint": {"en": "TV mode: remove ?tv=1 from the address to leave it.",
                "de": "TV-Modus: ?tv=1 aus der Adresse entfernen, um ihn zu verlassen."},
    "updated": {"en": "Updated", "de": "Aktualisiert"},
    "refresh_every": {"en": "refreshes every {s} s", "de": "aktualisiert alle {s} s"},
})

STRINGS.update({
    "alerts_title": {"en": "Alerts", "de": "Benachrichtigungen"},
    "alerts_channels": {"en": "Channels", "de": "Kanäle"},
    "alerts_rules": {"en": "Rules", "de": "Regeln"},
    "alerts_log": {"en": "Notification log", "de": "Benachrichtigungsprotokoll"},
    "alerts_no_channels": {
        "en": "No alert channels configured. Add [alerts.channels.*] and [[alerts.rules]] to lawine.toml "
              "(see docs/alerts.md), then run `python -m lawine alerts run` from cron or `python -m lawine serve`.",
        "de": "Keine Benachrichtigungskanäle eingerichtet. Trage [alerts.channels.*] und [[alerts.rules]] in "
              "lawine.toml ein (siehe docs/alerts.md) und starte `python -m lawine alerts run` per Cron "
              "oder `python -m lawine serve`.",
    },
    "alerts_no_rules": {
        "en": "No rules yet: channels only receive test messages until a [[alerts.rules]] entry names them.",
        "de": "Noch keine Regeln: Kanäle erhalten nur Testnachrichten, bis eine [[alerts.rules]]-Regel sie nennt.",
    },
    "alerts_log_empty": {
        "en": "Nothing sent yet. Notifications appear here once `alerts run` finds something or you send a test.",
        "de": "Noch nichts gesendet. Einträge erscheinen, sobald `alerts run` etwas findet "
              "oder du eine Testnachricht sendest.",
    },
    "alerts_secret_missing": {
        "en": "Secret not set: {names} (environment or .streamlit/secrets.toml)",
        "de": "Secret fehlt: {names} (Umgebung oder .streamlit/secrets.toml)",
    },
    "alerts_send_test": {"en": "Send test message to {name}", "de": "Testnachricht an {name} senden"},
    "alerts_test_sent": {"en": "Test message sent to {name}.", "de": "Testnachricht an {name} gesendet."},
    "alerts_test_failed": {"en": "Test message to {name} failed:", "de": "Testnachricht an {name} fehlgeschlagen:"},
    "alerts_status_filter": {"en": "Status", "de": "Status"},
    "alerts_sent": {"en": "Sent", "de": "Gesendet"},
    "alerts_retrying": {"en": "Retrying", "de": "Neuer Versuch geplant"},
    "alerts_failed": {"en": "Failed", "de": "Fehlgeschlagen"},
    "alerts_held": {"en": "Held for digest", "de": "Für Sammelnachricht zurückgehalten"},
})

STRINGS.update({  # weekly snapshot, second block
    "snap_col_peak": {"en": "Peak", "de": "Höhepunkt"},
    "snap_all_networks": {"en": "all networks", "de": "alle Netzwerke"},
})

STRINGS.update({  # escalation queue (pages/queue.py)
    "queue_title": {"en": "Escalation queue", "de": "Eskalations-Warteschlange"},
    "q_open": {"en": "Open requests", "de": "Offene Anfragen"},
    "q_overdue": {"en": "Overdue", "de": "Überfällig"},
    "q_due_soon": {"en": "Due within 15 min", "de": "Fällig in 15 Min."},
    "q_sensitive": {"en": "Sensitive", "de": "Sensibel"},
    "q_caption": {
        "en": "Open requests of the last {days} days (the date range does not apply), most urgent first; "
              "showing the top {limit}. SLA: first reply within {minutes} min, {clock}.",
        "de": "Offene Anfragen der letzten {days} Tage (der Zeitraum gilt hier nicht), dringendste zuerst; "
              "die ersten {limit}. SLA: erste Antwort in {minutes} Min., {clock}.",
    },
    "q_clock_business": {"en": "counted in business hours", "de": "gezählt in Geschäftszeiten"},
    "q_clock_wall": {"en": "counted around the clock", "de": "rund um die Uhr gezählt"},
    "q_inbox_zero": {"en": "Inbox zero: no open requests for these filters.",
                     "de": "Inbox Zero: keine offenen Anfragen für diese Filter."},
    "q_department": {"en": "Department", "de": "Abteilung"},
    "q_marketing_only": {"en": "Only comments under our marketing posts",
                         "de": "Nur Kommentare unter unseren Marketing-Posts"},
    "q_sensitive_hint": {
        "en": "{n} open request(s) contain personal data (shown masked): answer them in a private "
              "channel (DM) and never repeat the data publicly.",
        "de": "{n} offene Anfrage(n) enthalten persönliche Daten (maskiert): bitte im privaten Kanal (DM) "
              "antworten und die Daten nie öffentlich wiederholen.",
    },
    "q_escalating": {"en": "🔥 = escalating thread: negative replies growing over the last 2 hours.",
                     "de": "🔥 = eskalierender Thread: negative Antworten nehmen in den letzten 2 Stunden zu."},
    "q_actions": {"en": "Act on requests", "de": "Anfragen bearbeiten"},
    "q_pick": {"en": "Requests (or select rows in the table)", "de": "Anfragen (oder Zeilen in der Tabelle wählen)"},
    "q_actor": {"en": "Your name", "de": "Dein Name"},
    "q_assignee": {"en": "Assign to", "de": "Zuweisen an"},
    "q_assign": {"en": "Assign", "de": "Zuweisen"},
    "q_handled": {"en": "Mark handled", "de": "Als erledigt markieren"},
    "q_not_needed": {"en": "No reply needed", "de": "Keine Antwort nötig"},
    "q_reopen": {"en": "Reopen", "de": "Wieder öffnen"},
    "q_done": {"en": "{action}: {n} request(s), by {actor}.", "de": "{action}: {n} Anfrage(n), von {actor}."},
    "q_nothing_picked": {"en": "Pick at least one request first.",
                         "de": "Bitte zuerst mindestens eine Anfrage wählen."},
    "q_closed": {"en": "Recently closed", "de": "Kürzlich geschlossen"},
    "q_reopen_pick": {"en": "Request to reopen", "de": "Anfrage zum Wiederöffnen"},
    "q_no_closed": {"en": "Nothing closed yet.", "de": "Noch nichts geschlossen."},
    "q_private_hint": {"en": "move to private channel", "de": "in privaten Kanal verlagern"},
    "q_due_in": {"en": "due in {span}", "de": "fällig in {span}"},
    "q_overdue_by": {"en": "overdue {span}", "de": "überfällig seit {span}"},
    "q_unit_d": {"en": "d", "de": " T."},
    "q_unit_h": {"en": "h", "de": " Std."},
    "q_unit_m": {"en": "m", "de": " Min."},
    "q_col_priority": {"en": "Priority", "de": "Priorität"},
    "q_col_priority_help": {"en": "0–100: SLA time used, negativity, reach, thread heat, marketing post",
                            "de": "0–100: verbrauchte SLA-Zeit, Negativität, Reichweite, Thread-Dynamik, "
                                  "Marketing-Post"},
    "q_col_clock": {"en": "SLA clock", "de": "SLA-Uhr"},
    "q_col_due": {"en": "Due", "de": "Fällig"},
    "q_col_posted": {"en": "Posted", "de": "Gepostet"},
    "q_col_reach": {"en": "Reach", "de": "Reichweite"},
    "q_col_marketing": {"en": "Marketing post", "de": "Marketing-Post"},
    "q_col_assigned": {"en": "Assigned", "de": "Zugewiesen"},
    "q_col_reply": {"en": "Reply", "de": "Antworten"},
    "q_col_id": {"en": "Mention id", "de": "Erwähnungs-ID"},
    "q_col_closed": {"en": "Closed", "de": "Geschlossen"},
})

STRINGS.update({  # response times (pages/response_times.py)
    "rt_title": {"en": "Response times", "de": "Antwortzeiten"},
    "rt_median": {"en": "Median first response", "de": "Median Erstantwort"},
    "rt_p90": {"en": "90% answered within", "de": "90 % beantwortet binnen"},
    "rt_sla_business": {"en": "SLA met (business hours)", "de": "SLA erfüllt (Geschäftszeiten)"},
    "rt_sla_wall": {"en": "SLA met (wall-clock)", "de": "SLA erfüllt (Uhrzeit)"},
    "rt_answered_share": {"en": "Answered share", "de": "Beantwortet"},
    "rt_no_data": {
        "en": "No customer posts that need a reply in this range. Widen the date range or the filters.",
        "de": "Keine Kundenposts mit Antwortbedarf in diesem Zeitraum. Zeitraum oder Filter erweitern.",
    },
    "rt_over_time": {"en": "First response over time", "de": "Erstantwort im Zeitverlauf"},
    "rt_bucket": {"en": "Interval", "de": "Intervall"},
    "rt_day": {"en": "day", "de": "Tag"},
    "rt_week": {"en": "week", "de": "Woche"},
    "rt_by_group": {"en": "By channel", "de": "Nach Kanal"},
    "rt_group": {"en": "Group by", "de": "Gruppieren nach"},
    "rt_sla": {"en": "SLA compliance", "de": "SLA-Einhaltung"},
    "rt_sla_caption": {
        "en": "Share of answered posts whose first reply came within {minutes} min: counted in business "
              "hours ({hours}) and on the wall clock. Answered share: of the posts that need a reply, "
              "those we answered.",
        "de": "Anteil beantworteter Posts mit erster Antwort binnen {minutes} Min.: gezählt in "
              "Geschäftszeiten ({hours}) und nach Uhrzeit. Beantwortet: Anteil der Posts mit Antwortbedarf, "
              "die wir beantwortet haben.",
    },
    "rt_heat": {"en": "Arrivals vs. answers by hour of the week", "de": "Eingänge vs. Antworten nach Wochenstunde"},
    "rt_heat_caption": {
        "en": "Mean per week, in {tz}. Arrivals: posts that need a reply; answers: our first replies. "
              "Red in the difference = more arrive than we answer at that hour.",
        "de": "Mittel pro Woche, in {tz}. Eingänge: Posts mit Antwortbedarf; Antworten: unsere ersten Antworten. "
              "Rot in der Differenz = zu dieser Stunde kommt mehr rein, als wir beantworten.",
    },
    "rt_arrivals": {"en": "Arrivals", "de": "Eingänge"},
    "rt_answers": {"en": "Answers", "de": "Antworten"},
    "rt_difference": {"en": "Answers − arrivals", "de": "Antworten − Eingänge"},
    "rt_backlog": {"en": "Backlog now and in the next 8 hours", "de": "Rückstand jetzt und in den nächsten 8 Stunden"},
    "rt_backlog_now": {"en": "Open requests now", "de": "Offene Anfragen jetzt"},
    "rt_backlog_later": {"en": "Expected in 8 hours", "de": "Erwartet in 8 Stunden"},
    "rt_backlog_level": {"en": "Last 24 h vs. usual", "de": "Letzte 24 h vs. üblich"},
    "rt_backlog_caption": {
        "en": "Forecast: each hour adds the arrivals usual at that hour of the week (mean of the last 4 weeks), "
              "scaled by how busy the last 24 hours were ({arrivals} arrivals vs. {expected} usual), and "
              "subtracts the answers the team usually sends at that hour. Open = last 7 days, as in the queue.",
        "de": "Prognose: Jede Stunde kommen die zu dieser Wochenstunde üblichen Eingänge hinzu (Mittel der letzten "
              "4 Wochen), skaliert mit der Last der letzten 24 Stunden ({arrivals} Eingänge vs. {expected} "
              "üblich); abgezogen werden die Antworten, die das Team zu dieser Stunde üblicherweise schickt. "
              "Offen = letzte 7 Tage, wie in der Warteschlange.",
    },
    "rt_satisfaction": {"en": "Satisfaction proxy", "de": "Zufriedenheits-Näherung"},
    "rt_sat_caption": {
        "en": "Customer sentiment in the post we answered vs. in their last message in the same thread after "
              "our reply. A proxy, not a survey: only customers who wrote again are counted.",
        "de": "Stimmung des Kunden im beantworteten Post vs. in seiner letzten Nachricht im selben Thread nach "
              "unserer Antwort. Eine Näherung, keine Umfrage: gezählt werden nur Kunden, die erneut schrieben.",
    },
    "rt_pairs": {"en": "Customers who wrote again", "de": "Kunden mit erneuter Nachricht"},
    "rt_improved": {"en": "Mood improved", "de": "Stimmung verbessert"},
    "rt_worsened": {"en": "Mood worsened", "de": "Stimmung verschlechtert"},
    "rt_change": {"en": "Mean sentiment change", "de": "Mittlere Stimmungsänderung"},
    "rt_target": {"en": "SLA target", "de": "SLA-Ziel"},
    "rt_axis": {"en": "first response (log scale)", "de": "Erstantwort (log. Skala)"},
    "rt_no_pairs": {"en": "No customer wrote again after our reply in this range.",
                    "de": "Kein Kunde hat in diesem Zeitraum nach unserer Antwort erneut geschrieben."},
    # table headers of the response-time page
    "rt_col_day": {"en": "Day", "de": "Tag"},
    "rt_col_week": {"en": "Week", "de": "Woche"},
    "rt_col_answered": {"en": "Answered", "de": "Beantwortet"},
    "rt_col_unanswered": {"en": "Unanswered", "de": "Unbeantwortet"},
    "rt_col_answered_share": {"en": "Answered share", "de": "Anteil beantwortet"},
    "rt_answered_help": {"en": "{answered} answered · {unanswered} unanswered",
                         "de": "{answered} beantwortet · {unanswered} unbeantwortet"},
    "rt_col_before": {"en": "Sentiment before our reply", "de": "Stimmung vor unserer Antwort"},
    "rt_col_after": {"en": "Sentiment afterwards", "de": "Stimmung danach"},
})

STRINGS.update({
    "sources": {"en": "Sources & settings", "de": "Quellen & Einstellungen"},
    "sources_demo": {"en": "The dashboard shows demo data until a configured source has collected mentions.",
                     "de": "Das Dashboard zeigt Demodaten, bis eine eingerichtete Quelle Erwähnungen abgerufen hat."},
    "how_to_configure": {"en": "How to configure each source", "de": "So richtest du jede Quelle ein"},
    "set_env": {"en": "Set these environment variables (or the same names in `.streamlit/secrets.toml`):",
                "de": "Setze diese Umgebungsvariablen (oder dieselben Namen in `.streamlit/secrets.toml`):"},
    # the sources table: headers (the CSV keeps the English column names) and states
    "src_col_source": {"en": "Source", "de": "Quelle"},
    "src_col_state": {"en": "State", "de": "Zustand"},
    "src_col_last_run": {"en": "Last run", "de": "Letzter Abruf"},
    "src_col_last_status": {"en": "Last status", "de": "Letzter Status"},
    "src_col_fetched": {"en": "Fetched (last run)", "de": "Abgerufen (letzter Abruf)"},
    "src_col_fetched_24h": {"en": "Fetched (24 h)", "de": "Abgerufen (24 h)"},
    "src_col_stored": {"en": "Stored (last run)", "de": "Gespeichert (letzter Abruf)"},
    "src_col_set_aside": {"en": "Set aside", "de": "Zurückgestellt"},
    "src_col_errors": {"en": "Errors", "de": "Fehler"},
    "src_col_next_run": {"en": "Next run", "de": "Nächster Abruf"},
    "src_col_note": {"en": "Note", "de": "Hinweis"},
    "src_col_ref": {"en": "Item", "de": "Eintrag"},
    "state_configured": {"en": "configured", "de": "eingerichtet"},
    "state_missing credentials": {"en": "missing credentials", "de": "Zugangsdaten fehlen"},
    "state_disabled": {"en": "disabled", "de": "deaktiviert"},
    "docs_hint": {"en": "Details for every network: docs/collectors.md. Collect now: `python -m lawine collect`.",
                  "de": "Details zu jedem Netzwerk: docs/collectors.md. Jetzt abrufen: `python -m lawine collect`."},
    "quarantine": {"en": "Set-aside items (malformed, not lost)", "de": "Zurückgestellte Einträge (fehlerhaft, nicht verloren)"},
    "quarantine_empty": {"en": "Nothing set aside: every collected item was valid.",
                         "de": "Nichts zurückgestellt: alle abgerufenen Einträge waren gültig."},
    "quarantine_raw": {"en": "Show the raw item", "de": "Rohdaten anzeigen"},
    "effective_config": {"en": "Effective configuration (read-only)", "de": "Wirksame Konfiguration (nur lesen)"},
    "config_from": {"en": "Loaded from {path}; environment variables override the file.",
                    "de": "Geladen aus {path}; Umgebungsvariablen überschreiben die Datei."},
})
