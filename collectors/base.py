"""What every collector shares: the run context, pages of parsed mentions, and the Collector base."""
from __future__ import annotations

import json
import logging
import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, ClassVar, Iterable, Iterator, Mapping, Optional

from sqlalchemy import Engine

from collectors.catalog import source_options
from collectors.errors import describe
from collectors.http import RetryPolicy
from collectors.matching import BrandMatcher, OwnAccounts
from lawine.config import Settings
from lawine.model import Mention, MentionError
from lawine.privacy import pseudonym_key, pseudonymise
from lawine.secrets import get_secret
from lawine.store import get_cursor

log = logging.getLogger(__name__)

PARSE_ERRORS = (MentionError, KeyError, TypeError, ValueError, AttributeError, IndexError)


class Skip(Exception):
    """A well-formed item that is not for us (no brand matches, deleted, excluded): counted, not stored."""


@dataclass
class Reject:
    ref: Optional[str]
    error: str
    raw: Any


@dataclass
class Page:
    """One stored unit: its mentions are upserted, then its cursors saved, so a crash repeats at most one page."""

    mentions: list[Mention] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    cursors: dict[str, str] = field(default_factory=dict)
    fetched: int = 0
    filtered: int = 0


def raw_ref(raw: Any) -> Optional[str]:
    """A short reference to a raw item for the quarantine table (its id when it has one)."""
    if isinstance(raw, Mapping):
        for key in ("id", "uri", "name", "tweet_id", "link"):
            if raw.get(key) is not None:
                return str(raw[key])[:300]
        data = raw.get("data")
        if isinstance(data, Mapping) and data.get("name"):
            return str(data["name"])[:300]
    return None


def build_page(raws: Iterable[Any], parse: Callable[[Any], Mention], cursors: Optional[dict[str, str]] = None,
               ref: Callable[[Any], Optional[str]] = raw_ref) -> Page:
    """Parse raw items; a malformed one becomes a Reject (quarantined later), never an exception."""
    page = Page(cursors=dict(cursors or {}))
    for raw in raws:
        page.fetched += 1
        try:
            page.mentions.append(parse(raw))
        except Skip:
            page.filtered += 1
        except PARSE_ERRORS as exc:
            page.rejects.append(Reject(_safe_ref(ref, raw), describe(exc), _jsonable(raw)))
    return page


def _safe_ref(ref: Callable[[Any], Optional[str]], raw: Any) -> Optional[str]:
    try:
        return ref(raw)
    except Exception:  # noqa: BLE001 - a reference is a courtesy; the raw item is kept anyway
        return None


def _jsonable(raw: Any) -> Any:
    try:
        json.dumps(raw, default=str)
        return raw
    except (TypeError, ValueError):
        return repr(raw)


@dataclass
class Context:
    """Everything a collector needs for one run; built by the runner, or by tests directly."""

    engine: Engine
    settings: Settings
    source: str
    policy: RetryPolicy = field(default_factory=RetryPolicy.from_env)
    key: Optional[bytes] = None
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    max_pages: int = 0
    window_days: float = 0.0
    secrets_seen: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.key = self.key or pseudonym_key()
        self.max_pages = self.max_pages or int(self.option(None, "LAWINE_MAX_PAGES", "max_pages", 20))
        self.window_days = self.window_days or float(
            self.option(None, "LAWINE_COMMENT_WINDOW_DAYS", "window_days", 14))
        self.own = OwnAccounts(self.settings.brands)
        self._matchers: dict[Optional[str], BrandMatcher] = {}

    # --- configuration: arguments, then environment, then lawine.toml ---------
    def secret(self, explicit: Optional[str], name: str) -> Optional[str]:
        value = explicit or get_secret(name)
        if value:
            self.secrets_seen.append(str(value))
        return value

    def option(self, explicit: Any, env: Optional[str], key: str, default: Any = None) -> Any:
        if explicit not in (None, ""):
            return explicit
        if env and self.environ.get(env):
            return self.environ[env]
        return source_options(self.settings, self.source).get(key, default)

    # --- state -----------------------------------------------------------------
    def cursor(self, key: str) -> Optional[str]:
        return get_cursor(self.engine, self.source, key) or None

    def warn(self, message: str) -> None:
        log.warning("%s: %s", self.source, message)
        self.warnings.append(message)

    def window_start(self) -> datetime:
        return datetime.now(timezone.utc) - timedelta(days=self.window_days)

    # --- building mentions -------------------------------------------------------
    def matcher(self, network: Optional[str]) -> BrandMatcher:
        if network not in self._matchers:
            self._matchers[network] = BrandMatcher(self.settings.brands, network)
        return self._matchers[network]

    def author(self, network: str, handle: str, display: Optional[str] = None,
               *ids: Optional[str]) -> dict[str, Any]:
        """author_id/author_name/is_own; own-ness is decided on the raw handle before hashing it."""
        if not handle:
            raise MentionError("author: missing handle")
        own = self.own.brand_of(network, handle, *ids)
        keep_name = own is not None or not self.settings.privacy.pseudonymise_authors
        return {"author_id": pseudonymise(network, handle, self.key),
                "author_name": (handle if own else (display or handle)) if keep_name else None,
                "is_own": own is not None}

    def brand_for(self, network: str, text: str, lang: Optional[str], author_handle: Optional[str] = None,
                  fixed: Optional[str] = None, prefer: Iterable[str] = ()) -> str:
        """Our own posts belong to their account's brand; so does anything addressed to us (`fixed`: on our
        page, in a brand thread, a reply to or mention of our account), whatever its words or language:
        exclusions and languages only sharpen keyword matches. Otherwise the text must match a brand's
        keywords; raises Skip when nothing matches."""
        own = self.own.brand_of(network, author_handle) if author_handle else None
        if own or fixed:
            return own or fixed
        found = self.matcher(network).match(text, lang, prefer)
        if not found:
            raise Skip("no brand keyword")
        return found


class Collector(ABC):
    """A source: yields Pages; the runner stores each page and then its cursors."""

    name: ClassVar[str]
    # A bulk source (a file import) reads its next page while this one is stored, so the runner may
    # analyse one page ahead; live sources may depend on what the previous page stored.
    bulk: ClassVar[bool] = False

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @abstractmethod
    def pages(self) -> Iterator[Page]:
        """Yield pages until this run's work is done; raise a SourceError when the source cannot go on."""

    def close(self) -> None:
        """Release network resources."""


def need(raw: Any, *path: str) -> Any:
    """raw[a][b]..., raising KeyError('a.b') when a step is missing or null, so the quarantine names the field
    (typed client objects answer None for a missing key instead of raising)."""
    value = raw
    for i, key in enumerate(path):
        value = value.get(key) if isinstance(value, Mapping) else None
        if value is None:
            raise KeyError(".".join(path[:i + 1]))
    return value


def parse_time(value: Any) -> datetime:
    """An aware datetime from ISO text, epoch seconds or a datetime; naive values count as UTC
    only for APIs that document UTC (callers with local-time data must not use this)."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        dt = datetime.fromtimestamp(float(value), tz=timezone.utc)
    elif isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00")
        if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit() and text[-3] != ":":
            text = text[:-2] + ":" + text[-2:]  # Graph API writes +0000
        dt = datetime.fromisoformat(text)
    else:
        raise ValueError(f"not a time: {value!r}")
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
