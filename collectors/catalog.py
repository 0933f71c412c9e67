"""What sources exist, which credentials each needs and whether it has anything to watch.

Kept free of the client libraries so the Sources page can ask about every source cheaply.
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import Callable, Mapping, Optional

from lawine.config import Settings
from lawine.secrets import get_secret

DOCS = "docs/collectors.md"
SCHEDULE_META = "collectors.schedule"  # meta key: {"every_s", "next_ts", "running"} of the collect loop

CONFIGURED = "configured"
MISSING = "missing credentials"
DISABLED = "disabled"


def _needs_brands(settings: Settings) -> Optional[str]:
    return None if settings.brands else "no brands in lawine.toml"


def _needs_pages(network: str) -> Callable[[Settings], Optional[str]]:
    def check(settings: Settings) -> Optional[str]:
        if any(b.marketing_pages.get(network) for b in settings.brands):
            return None
        return f"no {network} ids under marketing_pages of any brand in lawine.toml"
    return check


def _needs_feeds(settings: Settings) -> Optional[str]:
    return None if any(b.feeds for b in settings.brands) else "no feeds listed under any brand in lawine.toml"


@dataclass(frozen=True)
class SourceSpec:
    name: str
    label: str
    target: str                       # "module:Class" of the collector, imported only when run
    required: tuple[str, ...] = ()    # every one must be set (env or .streamlit/secrets.toml)
    optional: tuple[str, ...] = ()
    how_to: str = ""
    watches: Callable[[Settings], Optional[str]] = field(default=_needs_brands, compare=False)
    scheduled: bool = True            # False: runs only on demand (file import)

    def load(self):
        module, _, cls = self.target.partition(":")
        return getattr(importlib.import_module(module), cls)

    def missing(self, secret: Callable[[str], Optional[str]] = get_secret) -> list[str]:
        return [name for name in self.required if not secret(name)]


SPECS: dict[str, SourceSpec] = {s.name: s for s in (
    SourceSpec("reddit", "Reddit", "collectors.reddit:RedditCollector",
               required=("REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET", "REDDIT_USERNAME", "REDDIT_PASSWORD"),
               optional=("REDDIT_USER_AGENT", "REDDIT_OAUTH_URL", "REDDIT_URL"),
               how_to="Create a 'script' app at https://www.reddit.com/prefs/apps with your team account; "
                      "set REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET, REDDIT_USERNAME, REDDIT_PASSWORD."),
    SourceSpec("x", "X / Twitter", "collectors.x:XCollector",
               optional=("X_BEARER_TOKEN", "X_API_BASE_URL"),
               how_to="Set X_BEARER_TOKEN (X developer portal, project app, Basic tier or higher) for the "
                      "X API v2 recent search; without it snscrape is tried, which X usually blocks."),
    SourceSpec("facebook", "Facebook Pages", "collectors.facebook:FacebookCollector",
               required=("FACEBOOK_PAGE_TOKEN",), optional=("GRAPH_API_URL",),
               how_to="Create a long-lived Page access token (pages_read_engagement, pages_read_user_content, "
                      "pages_manage_metadata) and set FACEBOOK_PAGE_TOKEN; list page ids under "
                      "marketing_pages.facebook of the brand.",
               watches=_needs_pages("facebook")),
    SourceSpec("instagram", "Instagram", "collectors.instagram:InstagramCollector",
               required=("INSTAGRAM_TOKEN",), optional=("GRAPH_API_URL",),
               how_to="Use a token with instagram_basic and instagram_manage_comments for the Instagram business "
                      "account linked to your Page; set INSTAGRAM_TOKEN and list the account id under "
                      "marketing_pages.instagram.",
               watches=_needs_pages("instagram")),
    SourceSpec("mastodon", "Mastodon", "collectors.mastodon:MastodonCollector",
               required=("MASTODON_API_BASE_URL", "MASTODON_ACCESS_TOKEN"),
               how_to="On your instance: Preferences > Development > New application (scopes read:search, "
                      "read:statuses, read:notifications, read:accounts); set MASTODON_API_BASE_URL and "
                      "MASTODON_ACCESS_TOKEN."),
    SourceSpec("bluesky", "Bluesky", "collectors.bluesky:BlueskyCollector",
               required=("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"), optional=("BLUESKY_BASE_URL",),
               how_to="Create an app password at bsky.app > Settings > Privacy and security > App passwords; "
                      "set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD."),
    SourceSpec("rss", "RSS / Atom feeds", "collectors.rss:RssCollector",
               how_to="List feed URLs (news, blogs, review sites, forums) under feeds of a brand in lawine.toml.",
               watches=_needs_feeds),
    SourceSpec("import", "File import", "collectors.importers:FileImport", scheduled=False,
               how_to="Run `python -m lawine import csv|jsonl|twcs FILE` (see --help for column options).",
               watches=lambda s: None),
)}


def source_options(settings: Settings, name: str) -> dict:
    """The [sources.<name>] table of lawine.toml, where the config model has one."""
    sources = getattr(settings, "sources", None) or {}
    value = sources.get(name, {}) if isinstance(sources, Mapping) else {}
    return value if isinstance(value, Mapping) else {}


def disabled_reason(spec: SourceSpec, settings: Settings,
                    environ: Mapping[str, str] = os.environ) -> Optional[str]:
    off = {s.strip().lower() for s in environ.get("LAWINE_DISABLED_SOURCES", "").split(",") if s.strip()}
    if spec.name in off:
        return "switched off in LAWINE_DISABLED_SOURCES"
    if source_options(settings, spec.name).get("enabled") is False:
        return f"enabled = false in [sources.{spec.name}]"
    return spec.watches(settings)


def state_of(spec: SourceSpec, settings: Settings, secret: Callable[[str], Optional[str]] = get_secret,
             environ: Mapping[str, str] = os.environ) -> tuple[str, list[str], str]:
    """(state, missing env vars, reason) for one source; never reads a secret's value beyond presence."""
    reason = disabled_reason(spec, settings, environ)
    if reason:
        return DISABLED, [], reason
    missing = spec.missing(secret)
    if missing:
        return MISSING, missing, "set " + ", ".join(missing)
    return CONFIGURED, [], ""
