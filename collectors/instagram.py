"""Instagram business accounts via the Graph API: our media, every comment and reply under it
(our own replies included), and media we are tagged in."""
from __future__ import annotations

import logging
from typing import Iterator, Optional

import httpx
from sqlalchemy import select

from collectors.base import Collector, Context, Page, parse_time
from collectors.errors import NotConfigured
from collectors.graph import DEFAULT_BASE_URL, GraphClient, each_or_warn
from collectors.paging import Batch, scan_edge
from lawine.model import Mention
from lawine.store.schema import mentions as M
from lawine.store.writer import to_ts

log = logging.getLogger(__name__)

MEDIA_FIELDS = "id,caption,timestamp,permalink,username,like_count,comments_count,media_type"
_COMMENT = "id,text,timestamp,username,from{id,username},like_count"
COMMENT_FIELDS = f"{_COMMENT},replies{{{_COMMENT}}}"
MEDIA_EDGES = (("media", True), ("tags", False))


def parse_media(raw: dict, ctx: Context, brand: str, channel: str, owner: Optional[str]) -> Mention:
    handle = raw.get("username") or owner
    return Mention.parse({
        "id": f"instagram:{raw['id']}", "source": "instagram", "channel": channel, "kind": "post",
        "url": raw.get("permalink"), **ctx.author("instagram", str(handle or "anonymous")),
        "brand": brand, "text": raw.get("caption") or "", "created_at": parse_time(raw["timestamp"]),
        "likes": int(raw.get("like_count") or 0), "replies": int(raw.get("comments_count") or 0),
    })


def parse_comment(raw: dict, ctx: Context, brand: str, media_id: str, channel: str, marketing: bool) -> Mention:
    """A comment, or a reply when the flattening below put the parent comment id in `_parent`."""
    frm = raw.get("from") or {}
    handle = raw.get("username") or frm.get("username") or frm.get("id") or "anonymous"
    parent = raw.get("_parent")
    return Mention.parse({
        "id": f"instagram:{raw['id']}", "source": "instagram", "channel": channel,
        "kind": "reply" if parent else "comment",
        "parent_id": f"instagram:{parent or media_id}", "thread_id": f"instagram:{media_id}",
        **ctx.author("instagram", str(handle), None, frm.get("id")),
        "brand": brand, "on_marketing_post": marketing, "text": raw.get("text") or "",
        "created_at": parse_time(raw["timestamp"]), "likes": int(raw.get("like_count") or 0),
    })


def with_replies(batch: Batch) -> Batch:
    """Instagram nests replies under their comment; store them flat, each pointing at its parent."""
    flat = []
    for comment in batch.items:
        flat.append(comment)
        replies = (comment.get("replies") or {}).get("data") if isinstance(comment, dict) else None
        for reply in replies or []:
            if isinstance(reply, dict):
                flat.append({**reply, "_parent": comment.get("id")})
    batch.items = flat
    return batch


class InstagramCollector(Collector):
    name = "instagram"

    def __init__(self, ctx: Context, *, token: Optional[str] = None, base_url: Optional[str] = None,
                 client: Optional[httpx.Client] = None) -> None:
        super().__init__(ctx)
        secret = ctx.secret(token, "INSTAGRAM_TOKEN")
        if not secret:
            raise NotConfigured("set INSTAGRAM_TOKEN")
        base = ctx.option(base_url, "GRAPH_API_URL", "base_url", DEFAULT_BASE_URL)
        self.graph = GraphClient(secret, base, ctx.policy, "Instagram", client)

    def pages(self) -> Iterator[Page]:
        for brand in self.ctx.settings.brands:
            for account in brand.marketing_pages.get("instagram", []):
                yield from each_or_warn(self.ctx, f"account {account}", self._account(brand.name, str(account)))

    def _account(self, brand: str, account: str) -> Iterator[Page]:
        info = self.graph.get(account, {"fields": "id,username"})
        username = info.get("username")
        if username:
            self.ctx.own.add("instagram", username, brand)  # our comments carry the username, not the id
        channel = f"@{username or account}"
        start = self.ctx.window_start()
        too_old = lambda raw: parse_time(raw["timestamp"]) < start  # noqa: E731
        for edge, ours in MEDIA_EDGES:
            params = {"fields": MEDIA_FIELDS, "limit": 50}
            yield from scan_edge(
                self.ctx, f"{account}:{edge}",
                lambda after, e=edge, p=params: self.graph.edge(f"{account}/{e}", p, after),
                lambda raw, o=ours: parse_media(raw, self.ctx, brand, channel, username if o else None),
                append_only=False, stop=too_old)
        for media_id in self._recent_media(brand, channel):
            # Instagram does not promise an order for comments: rescan each media in the window,
            # keeping the cursor only while a scan is unfinished so a crash resumes mid-way.
            params = {"fields": COMMENT_FIELDS, "limit": 50}
            yield from each_or_warn(self.ctx, f"comments of {media_id}", scan_edge(
                self.ctx, f"comments:{media_id}",
                lambda after, m=media_id, p=params: with_replies(self.graph.edge(f"{m}/comments", p, after)),
                lambda raw, m=media_id: parse_comment(raw, self.ctx, brand, m, channel, True),
                append_only=False))

    def _recent_media(self, brand: str, channel: str) -> list[str]:
        """Our own media in the window (comments on others' media are not ours to read)."""
        q = (select(M.c.id).where(M.c.source == "instagram", M.c.kind == "post", M.c.is_own.is_(True),
                                  M.c.brand == brand, M.c.channel == channel,
                                  M.c.created_ts >= to_ts(self.ctx.window_start()))
             .order_by(M.c.created_ts.desc()))
        with self.ctx.engine.connect() as conn:
            return [row[0].split(":", 1)[1] for row in conn.execute(q)]

    def close(self) -> None:
        self.graph.close()
