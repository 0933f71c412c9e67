"""Facebook Pages via the Graph API: our posts, every comment under them (customers ask for help
there unasked), visitor posts, posts we are tagged in, and our page's replies in those threads."""
from __future__ import annotations

import logging
from typing import Iterator, Optional

import httpx
from sqlalchemy import select

from collectors.base import Collector, Context, Page, parse_time
from collectors.errors import NotConfigured
from collectors.graph import DEFAULT_BASE_URL, GraphClient, each_or_warn
from collectors.paging import scan_edge
from lawine.model import Mention
from lawine.store.schema import mentions as M
from lawine.store.writer import to_ts

log = logging.getLogger(__name__)

POST_FIELDS = ("id,message,story,created_time,permalink_url,from{id,name},shares,"
               "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)")
COMMENT_FIELDS = "id,message,created_time,from{id,name},parent{id},like_count,comment_count,permalink_url"
# Edges of a page and whether their posts are ours (their comments: on a marketing post).
POST_EDGES = (("posts", True), ("visitor_posts", False), ("tagged", False))


def parse_post(raw: dict, ctx: Context, brand: str, page_id: str, channel: str, ours: bool) -> Mention:
    frm = raw.get("from") or {}
    # Without pages_read_user_content Graph leaves out `from`; a post on our own feed is ours.
    handle = str(frm.get("id") or (page_id if ours else "anonymous"))
    summary = lambda key: int(((raw.get(key) or {}).get("summary") or {}).get("total_count") or 0)  # noqa: E731
    return Mention.parse({
        "id": f"facebook:{raw['id']}", "source": "facebook", "channel": channel, "kind": "post",
        "url": raw.get("permalink_url"), **ctx.author("facebook", handle, frm.get("name")),
        # Everything on our page is about our brand, keywords or not.
        "brand": brand, "text": raw.get("message") or raw.get("story") or "",
        "created_at": parse_time(raw["created_time"]),
        "likes": summary("reactions"), "replies": summary("comments"),
        "shares": int((raw.get("shares") or {}).get("count") or 0),
    })


def parse_comment(raw: dict, ctx: Context, brand: str, post_id: str, channel: str, marketing: bool) -> Mention:
    frm = raw.get("from") or {}
    parent = (raw.get("parent") or {}).get("id")
    return Mention.parse({
        "id": f"facebook:{raw['id']}", "source": "facebook", "channel": channel,
        "kind": "reply" if parent else "comment",
        "parent_id": f"facebook:{parent or post_id}", "thread_id": f"facebook:{post_id}",
        "url": raw.get("permalink_url"), **ctx.author("facebook", str(frm.get("id") or "anonymous"), frm.get("name")),
        "brand": brand, "on_marketing_post": marketing, "text": raw.get("message") or "",
        "created_at": parse_time(raw["created_time"]),
        "likes": int(raw.get("like_count") or 0), "replies": int(raw.get("comment_count") or 0),
    })


class FacebookCollector(Collector):
    name = "facebook"

    def __init__(self, ctx: Context, *, token: Optional[str] = None, base_url: Optional[str] = None,
                 client: Optional[httpx.Client] = None) -> None:
        super().__init__(ctx)
        secret = ctx.secret(token, "FACEBOOK_PAGE_TOKEN")
        if not secret:
            raise NotConfigured("set FACEBOOK_PAGE_TOKEN")
        base = ctx.option(base_url, "GRAPH_API_URL", "base_url", DEFAULT_BASE_URL)
        self.graph = GraphClient(secret, base, ctx.policy, "Facebook", client)

    def pages(self) -> Iterator[Page]:
        for brand in self.ctx.settings.brands:
            for page_id in brand.marketing_pages.get("facebook", []):
                # e.g. a page id that does not exist: reported, and the other pages go on
                yield from each_or_warn(self.ctx, f"page {page_id}", self._one_page(brand.name, str(page_id)))

    def _one_page(self, brand: str, page_id: str) -> Iterator[Page]:
        info = self.graph.get(page_id, {"fields": "id,name"})
        channel = f"{info.get('name') or page_id} (Facebook page)"
        since = int(self.ctx.window_start().timestamp())
        for edge, ours in POST_EDGES:
            params = {"fields": POST_FIELDS, "since": since, "limit": 100}
            yield from scan_edge(
                self.ctx, f"{page_id}:{edge}",
                lambda after, e=edge, p=params: self.graph.edge(f"{page_id}/{e}", p, after),
                lambda raw, o=ours: parse_post(raw, self.ctx, brand, page_id, channel, o), append_only=False)
        for post_id, marketing in self._recent_posts(brand, page_id, channel):
            # Chronological order makes the comment edge append-only: the saved cursor finds new ones.
            params = {"fields": COMMENT_FIELDS, "filter": "stream", "order": "chronological", "limit": 100}
            yield from each_or_warn(self.ctx, f"comments of {post_id}", scan_edge(
                self.ctx, f"comments:{post_id}",
                lambda after, p=post_id, q=params: self.graph.edge(f"{p}/comments", q, after),
                lambda raw, p=post_id, m=marketing: parse_comment(raw, self.ctx, brand, p, channel, m),
                append_only=True))

    def _recent_posts(self, brand: str, page_id: str, channel: str) -> list[tuple[str, bool]]:
        """Posts of this page in the window, from the store: complete even when the listing above was
        interrupted in an earlier run."""
        q = (select(M.c.id, M.c.is_own, M.c.author_id).where(
            M.c.source == "facebook", M.c.kind == "post", M.c.brand == brand, M.c.channel == channel,
            M.c.created_ts >= to_ts(self.ctx.window_start()))
            .order_by(M.c.created_ts.desc()))
        with self.ctx.engine.connect() as conn:
            rows = conn.execute(q).fetchall()
        own_author = self.ctx.author("facebook", page_id)["author_id"]
        return [(mid.split(":", 1)[1], bool(is_own and author == own_author)) for mid, is_own, author in rows]

    def close(self) -> None:
        self.graph.close()
