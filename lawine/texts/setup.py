"""UI strings of the Sources & settings and Alerts pages."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
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
}
