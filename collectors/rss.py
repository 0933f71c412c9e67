"""RSS and Atom feeds (news, blogs, review sites, forums): fetched with httpx so timeouts and
retries apply, parsed by feedparser, kept when an entry names a brand keyword."""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone
from typing import Iterator, Optional
from urllib.parse import urlsplit

import feedparser
import httpx

from collectors.base import Collector, Context, Page, Reject, build_page
from collectors.errors import SourceError, SourceUnavailable
from collectors.http import http_client
from collectors.text import html_to_text
from lawine.model import Mention

log = logging.getLogger(__name__)

USER_AGENT = "lawine/0.1 (brand monitoring; feed reader)"
CHUNK = 100


def entry_id(entry: dict) -> str:
    native = entry.get("id") or entry.get("link")
    if not native:
        native = hashlib.sha1(f"{entry.get('title')}|{entry.get('published')}".encode()).hexdigest()
    # Some feeds use whole URLs with tracking parameters as ids; keep ids short and stable.
    return native if len(native) <= 250 else "sha1:" + hashlib.sha1(native.encode()).hexdigest()


def parse_entry(entry: dict, ctx: Context, channel: str, owners: list[str], lang: Optional[str]) -> Mention:
    title = (entry.get("title") or "").strip()
    summary = html_to_text(entry.get("summary") or "")
    text = f"{title}\n\n{summary}".strip() if summary and summary != title else title
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        raise ValueError("created_at: entry has no published or updated date")
    host = urlsplit(entry.get("link") or "").hostname or channel
    brand = ctx.brand_for("rss", text, lang, prefer=owners)
    return Mention.parse({
        "id": f"rss:{entry_id(entry)}", "source": "rss", "channel": channel[:200], "kind": "post",
        "url": entry.get("link"), **ctx.author("rss", entry.get("author") or host),
        "brand": brand, "text": text, "lang": lang,
        "created_at": datetime(*stamp[:6], tzinfo=timezone.utc),
    })


class RssCollector(Collector):
    name = "rss"

    def __init__(self, ctx: Context, *, client: Optional[httpx.Client] = None) -> None:
        super().__init__(ctx)
        self.client = client or http_client(ctx.policy, "RSS", headers={"User-Agent": USER_AGENT})

    def feeds(self) -> dict[str, list[str]]:
        """Each feed once, with the brands that listed it (their keywords are tried first)."""
        feeds: dict[str, list[str]] = {}
        for brand in self.ctx.settings.brands:
            for url in brand.feeds:
                feeds.setdefault(url, []).append(brand.name)
        return feeds

    def pages(self) -> Iterator[Page]:
        feeds = self.feeds()
        failed = 0
        for url, owners in feeds.items():
            try:
                yield from self._feed(url, owners)
            except SourceError as exc:  # one dead feed must not hide the others
                failed += 1
                self.ctx.warn(f"{_host(url)}: {exc}")
        if feeds and failed == len(feeds):
            raise SourceUnavailable(f"all {failed} feeds failed: " + "; ".join(self.ctx.warnings[-3:]))

    def _feed(self, url: str, owners: list[str]) -> Iterator[Page]:
        key = "feed:" + hashlib.sha1(url.encode()).hexdigest()[:16]
        headers = {}
        etag, modified = self.ctx.cursor(f"{key}:etag"), self.ctx.cursor(f"{key}:modified")
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        response = self.client.get(url, headers=headers)
        if response.status_code == 304:
            return
        if response.status_code >= 400:
            raise SourceError(f"HTTP {response.status_code}")
        parsed = feedparser.parse(response.content, response_headers={
            "content-location": url, "content-type": response.headers.get("content-type", "")})
        if parsed.bozo and not parsed.entries:
            # A broken feed is set aside whole, so someone can look at what the site sent.
            reason = type(parsed.get("bozo_exception")).__name__
            yield Page(rejects=[Reject(url[:300], f"not a readable feed ({reason})", response.text[:20_000])])
            return
        channel = (parsed.feed.get("title") or "").strip() or _host(url)
        lang = (parsed.feed.get("language") or "").split("-")[0] or None
        entries = list(parsed.entries)
        cursors = {f"{key}:etag": response.headers.get("etag", ""),
                   f"{key}:modified": response.headers.get("last-modified", "")}
        for start in range(0, max(len(entries), 1), CHUNK):
            last = start + CHUNK >= len(entries)
            yield build_page(entries[start:start + CHUNK],
                             lambda e: parse_entry(e, self.ctx, channel, owners, lang),
                             cursors if last else {})

    def close(self) -> None:
        self.client.close()


def _host(url: str) -> str:
    return urlsplit(url).hostname or url[:60]
