"""What the collectors say about themselves: why a source is off, when it runs next, how to set it up."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # names of sources where German says them differently (collectors.catalog)
    "src_label_facebook": {"en": "Facebook Pages", "de": "Facebook-Seiten"},
    "src_label_rss": {"en": "RSS / Atom feeds", "de": "RSS-/Atom-Feeds"},
    "src_label_import": {"en": "File import", "de": "Dateiimport"},
    # why a source does not collect (collectors.catalog)
    "src_why_no_brands": {"en": "no brands in lawine.toml", "de": "keine Marken in lawine.toml"},
    "src_why_no_pages": {"en": "no {network} ids under marketing_pages of any brand in lawine.toml",
                         "de": "keine {network}-IDs unter marketing_pages einer Marke in lawine.toml"},
    "src_why_no_feeds": {"en": "no feeds listed under any brand in lawine.toml",
                         "de": "keine Feeds unter einer Marke in lawine.toml"},
    "src_why_switched_off": {"en": "switched off in LAWINE_DISABLED_SOURCES",
                             "de": "in LAWINE_DISABLED_SOURCES abgeschaltet"},
    "src_why_enabled_false": {"en": "enabled = false in [sources.{name}]",
                              "de": "enabled = false in [sources.{name}]"},
    "src_why_set": {"en": "set {names}", "de": "{names} setzen"},
    # when it runs next (lawine.sources_status)
    "src_next_on_demand": {"en": "on demand", "de": "bei Bedarf"},
    "src_next_unconfigured": {"en": "not collected until configured", "de": "wird erst nach der Einrichtung abgerufen"},
    "src_next_unscheduled": {"en": "not scheduled; run `python -m lawine collect --every 5m`",
                             "de": "nicht geplant; `python -m lawine collect --every 5m` starten"},
    "src_next_running": {"en": "running now", "de": "läuft gerade"},
    "src_next_stopped": {"en": "scheduler not running (last planned run missed)",
                         "de": "Zeitplan läuft nicht (letzter geplanter Abruf verpasst)"},
    "src_next_every": {"en": "every {minutes} min", "de": "alle {minutes} Min."},
    # a source's state (collectors.catalog) and how its last run ended (collectors.runner, collectors.errors,
    # the store): stored codes, named by i18n.code_label like event and notification statuses
    "code_configured": {"en": "configured", "de": "eingerichtet"},
    "code_disabled": {"en": "disabled", "de": "deaktiviert"},
    "code_ok": {"en": "ok", "de": "ok"},
    "code_partial": {"en": "partial", "de": "teilweise"},
    "code_error": {"en": "error", "de": "Fehler"},
    "code_missing credentials": {"en": "missing credentials", "de": "Zugangsdaten fehlen"},
    "code_auth failed": {"en": "auth failed", "de": "Anmeldung fehlgeschlagen"},
    "code_unavailable": {"en": "unavailable", "de": "nicht erreichbar"},
    "code_rate limited": {"en": "rate limited", "de": "Ratenlimit erreicht"},
    "code_interrupted": {"en": "interrupted", "de": "abgebrochen"},
    "code_running": {"en": "running", "de": "läuft"},
    # how to set each source up (collectors.catalog)
    "howto_reddit": {
        "en": "Create a 'script' app at https://www.reddit.com/prefs/apps with your team account; "
              "set REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET, REDDIT_USERNAME, REDDIT_PASSWORD.",
        "de": "Lege unter https://www.reddit.com/prefs/apps mit dem Team-Konto eine App vom Typ 'script' an; "
              "setze REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET, REDDIT_USERNAME, REDDIT_PASSWORD."},
    "howto_x": {
        "en": "Set X_BEARER_TOKEN (X developer portal, project app, Basic tier or higher) for the "
              "X API v2 recent search; without it snscrape is tried, which X usually blocks.",
        "de": "Setze X_BEARER_TOKEN (X-Entwicklerportal, App eines Projekts, Basic-Stufe oder höher) für die "
              "Suche der X API v2; ohne ihn wird snscrape versucht, das X meist sperrt."},
    "howto_facebook": {
        "en": "Create a long-lived Page access token (pages_read_engagement, pages_read_user_content, "
              "pages_manage_metadata) and set FACEBOOK_PAGE_TOKEN; list page ids under "
              "marketing_pages.facebook of the brand.",
        "de": "Erzeuge ein langlebiges Seiten-Zugriffstoken (pages_read_engagement, pages_read_user_content, "
              "pages_manage_metadata) und setze FACEBOOK_PAGE_TOKEN; trage die Seiten-IDs unter "
              "marketing_pages.facebook der Marke ein."},
    "howto_instagram": {
        "en": "Use a token with instagram_basic and instagram_manage_comments for the Instagram business "
              "account linked to your Page; set INSTAGRAM_TOKEN and list the account id under "
              "marketing_pages.instagram.",
        "de": "Nimm ein Token mit instagram_basic und instagram_manage_comments für das mit deiner Seite "
              "verknüpfte Instagram-Business-Konto; setze INSTAGRAM_TOKEN und trage die Konto-ID unter "
              "marketing_pages.instagram ein."},
    "howto_mastodon": {
        "en": "On your instance: Preferences > Development > New application (scopes read:search, "
              "read:statuses, read:notifications, read:accounts); set MASTODON_API_BASE_URL and "
              "MASTODON_ACCESS_TOKEN.",
        "de": "Auf deiner Instanz: Einstellungen > Entwicklung > Neue Anwendung (Berechtigungen read:search, "
              "read:statuses, read:notifications, read:accounts); setze MASTODON_API_BASE_URL und "
              "MASTODON_ACCESS_TOKEN."},
    "howto_bluesky": {
        "en": "Create an app password at bsky.app > Settings > Privacy and security > App passwords; "
              "set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD.",
        "de": "Lege unter bsky.app > Einstellungen > Privatsphäre und Sicherheit > App-Passwörter ein "
              "App-Passwort an; setze BLUESKY_HANDLE und BLUESKY_APP_PASSWORD."},
    "howto_rss": {
        "en": "List feed URLs (news, blogs, review sites, forums) under feeds of a brand in lawine.toml.",
        "de": "Trage Feed-URLs (News, Blogs, Bewertungsportale, Foren) unter feeds einer Marke in lawine.toml ein."},
    "howto_import": {
        "en": "Run `python -m lawine import csv|jsonl|twcs FILE` (see --help for column options).",
        "de": "Starte `python -m lawine import csv|jsonl|twcs DATEI` (Spaltenoptionen unter --help)."},
}
