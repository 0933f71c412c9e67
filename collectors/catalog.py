"""What sources exist, which credentials each needs and whether it has anything to watch.

Kept free of the client libraries so the Sources page can ask about every source cheaply.
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import Callable, Mapping, Optional

from lawine.config import Settings
from lawine.i18n import Phrase
from lawine.secrets import get_secret

DOCS = "docs/collectors.md"
SCHEDULE_META = "collectors.schedule"  # meta key: {"every_s", "next_ts", "running"} of the collect loop

CONFIGURED = "configured"
MISSING = "missing credentials"
DISABLED = "disabled"


# Reasons and instructions are Phrases: English wherever a str goes (CLI, logs), and the Sources
# page words them again in the reader's language.
def _needs_brands(settings: Settings) -> Optional[str]:
    return None if settings.brands else Phrase("src_why_no_brands")


def _needs_pages(network: str) -> Callable[[Settings], Optional[str]]:
    def check(settings: Settings) -> Optional[str]:
        if any(b.marketing_pages.get(network) for b in settings.brands):
            return None
        return Phrase("src_why_no_pages", network=network)
    return check


def _needs_feeds(settings: Settings) -> Optional[str]:
    return None if any(b.feeds for b in settings.brands) else Phrase("src_why_no_feeds")


@dataclass(frozen=True)
class SourceSpec:
    name: str
    label: str                        # a Phrase where German names it differently
    target: str                       # "module:Class" of the collector, imported only when run
    required: tuple[str, ...] = ()    # every one must be set (env or .streamlit/secrets.toml)
    optional: tuple[str, ...] = ()
    watches: Callable[[Settings], Optional[str]] = field(default=_needs_brands, compare=False)
    scheduled: bool = True            # False: runs only on demand (file import)

    @property
    def how_to(self) -> Phrase:
        """How to set this source up (lawine/texts/sources.py, English and German)."""
        return Phrase(f"howto_{self.name}")

    def load(self):
        module, _, cls = self.target.partition(":")
        return getattr(importlib.import_module(module), cls)

    def missing(self, secret: Callable[[str], Optional[str]] = get_secret) -> list[str]:
        return [name for name in self.required if not secret(name)]


SPECS: dict[str, SourceSpec] = {s.name: s for s in (
    SourceSpec("reddit", "Reddit", "collectors.reddit:RedditCollector",
               required=("REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET", "REDDIT_USERNAME", "REDDIT_PASSWORD"),
               optional=("REDDIT_USER_AGENT", "REDDIT_OAUTH_URL", "REDDIT_URL")),
    SourceSpec("x", "X / Twitter", "collectors.x:XCollector", optional=("X_BEARER_TOKEN", "X_API_BASE_URL")),
    SourceSpec("facebook", Phrase("src_label_facebook"), "collectors.facebook:FacebookCollector",
               required=("FACEBOOK_PAGE_TOKEN",), optional=("GRAPH_API_URL",),
               watches=_needs_pages("facebook")),
    SourceSpec("instagram", "Instagram", "collectors.instagram:InstagramCollector",
               required=("INSTAGRAM_TOKEN",), optional=("GRAPH_API_URL",),
               watches=_needs_pages("instagram")),
    SourceSpec("mastodon", "Mastodon", "collectors.mastodon:MastodonCollector",
               required=("MASTODON_API_BASE_URL", "MASTODON_ACCESS_TOKEN")),
    SourceSpec("bluesky", "Bluesky", "collectors.bluesky:BlueskyCollector",
               required=("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"), optional=("BLUESKY_BASE_URL",)),
    SourceSpec("rss", Phrase("src_label_rss"), "collectors.rss:RssCollector", watches=_needs_feeds),
    SourceSpec("import", Phrase("src_label_import"), "collectors.importers:FileImport", scheduled=False,
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
        return Phrase("src_why_switched_off")
    if source_options(settings, spec.name).get("enabled") is False:
        return Phrase("src_why_enabled_false", name=spec.name)
    return spec.watches(settings)


def state_of(spec: SourceSpec, settings: Settings, secret: Callable[[str], Optional[str]] = get_secret,
             environ: Mapping[str, str] = os.environ) -> tuple[str, list[str], str]:
    """(state, missing env vars, reason) for one source; never reads a secret's value beyond presence."""
    reason = disabled_reason(spec, settings, environ)
    if reason:
        return DISABLED, [], reason
    missing = spec.missing(secret)
    if missing:
        return MISSING, missing, Phrase("src_why_set", names=", ".join(missing))
    return CONFIGURED, [], ""
