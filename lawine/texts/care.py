"""UI strings of the escalation queue and the response-time page."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "queue_title": {"en": "Escalation queue", "de": "Eskalations-Warteschlange"},
    "q_open": {"en": "Open requests", "de": "Offene Anfragen"},
    "q_overdue": {"en": "Overdue", "de": "Überfällig"},
    "q_due_soon": {"en": "Due within 15 min", "de": "Fällig in 15 Min."},
    "q_sensitive": {"en": "Sensitive", "de": "Sensibel"},
    "q_caption": {
        "en": "Open requests of the last {days} days, most urgent first; "
              "showing the top {limit}. SLA: first reply within {minutes} min, {clock}.",
        "de": "Offene Anfragen der letzten {days} Tage, dringendste zuerst; "
              "die ersten {limit}. SLA: erste Antwort in {minutes} Min., {clock}.",
    },
    "q_clock_business": {"en": "counted in business hours", "de": "gezählt in Geschäftszeiten"},
    "q_clock_wall": {"en": "counted around the clock", "de": "rund um die Uhr gezählt"},
    "q_inbox_zero": {"en": "Inbox zero: no open requests for these filters.",
                     "de": "Inbox Zero: keine offenen Anfragen für diese Filter."},
    "q_department": {"en": "Department", "de": "Abteilung"},
    # The built-in routing's departments (lawine/analysis/routing.py); one named in lawine.toml
    # reads as written there.
    "dept_billing": {"en": "Billing", "de": "Abrechnung"},
    "dept_delivery": {"en": "Delivery", "de": "Lieferung"},
    "dept_technical": {"en": "Technical", "de": "Technik"},
    "dept_account": {"en": "Account", "de": "Konto"},
    "dept_booking": {"en": "Booking", "de": "Buchung"},
    "dept_returns": {"en": "Returns", "de": "Retouren"},
    "dept_privacy": {"en": "Privacy", "de": "Datenschutz"},
    "q_marketing_only": {"en": "Only comments under our marketing posts",
                         "de": "Nur Kommentare unter unseren Marketing-Posts"},
    "q_sensitive_hint": {
        "en": "{n} open request(s) contain personal data (shown masked): answer them in a private "
              "channel (DM) and never repeat the data publicly.",
        "de": "{n} offene Anfrage(n) enthalten persönliche Daten (maskiert): bitte im privaten Kanal (DM) "
              "antworten und die Daten nie öffentlich wiederholen.",
    },
    "q_escalating": {"en": "{mark} = escalating thread: negative replies growing over the last 2 hours.",
                     "de": "{mark} = eskalierender Thread: negative Antworten nehmen in den letzten 2 Stunden zu."},
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
    "q_col_private": {"en": "Private data", "de": "Private Daten"},
    "q_col_marketing": {"en": "Marketing post", "de": "Marketing-Post"},
    "q_col_assigned": {"en": "Assigned", "de": "Zugewiesen"},
    "q_col_reply": {"en": "Reply", "de": "Antworten"},
    "q_col_id": {"en": "Mention id", "de": "Erwähnungs-ID"},
    "q_col_closed": {"en": "Closed", "de": "Geschlossen"},
    "q_col_closed_as": {"en": "Closed as", "de": "Geschlossen als"},
    "q_col_by": {"en": "By", "de": "Von"},
    "code_handled": {"en": "handled", "de": "erledigt"},
    "code_not_needed": {"en": "no reply needed", "de": "keine Antwort nötig"},
    "rt_title": {"en": "Response times", "de": "Antwortzeiten"},
    "rt_median": {"en": "Median first response", "de": "Median Erstantwort"},
    "rt_p90": {"en": "90% answered within", "de": "90 % beantwortet binnen"},
    "rt_sla_business": {"en": "SLA met (business hours)", "de": "SLA erfüllt (Geschäftszeiten)"},
    "rt_sla_wall": {"en": "SLA met (wall-clock)", "de": "SLA erfüllt (rund um die Uhr)"},
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
              "Geschäftszeiten ({hours}) und rund um die Uhr. Beantwortet: Anteil der Posts mit Antwortbedarf, "
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
    "rt_per_hour": {"en": "per hour", "de": "pro Stunde"},
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
}
