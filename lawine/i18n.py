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
    "filters": {"en": "Filters", "de": "Filter"},
    "brand": {"en": "Brand", "de": "Marke"},
    "source": {"en": "Network", "de": "Netzwerk"},
    "language": {"en": "Language", "de": "Sprache"},
    "date_range": {"en": "Date range", "de": "Zeitraum"},
    "tv_mode": {"en": "TV mode (wall screen)", "de": "TV-Modus (Wandbildschirm)"},
    "as_of": {"en": "as of", "de": "Stand"},
}


def t(key: str, lang: str = "en", **kwargs) -> str:
    """The UI string for key in lang, falling back to English, then to the key itself."""
    entry = STRINGS.get(key, {})
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**kwargs) if kwargs else text
