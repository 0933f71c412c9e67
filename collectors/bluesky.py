"""Bluesky via the atproto Client: app.bsky.feed.searchPosts per keyword, and our accounts' feeds
(posts and replies) for reply tracking."""
from __future__ import annotations

import logging
from typing import Any, Callable, Iterator, Optional

import httpx

from collectors.base import Collector, Context, Page, need, parse_time
from collectors.errors import AuthError, NotConfigured, SourceError, SourceUnavailable
from collectors.http import RetryTransport
from collectors.paging import Batch, newest_first
from lawine.model import Mention

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bsky.social"
LIMIT = 100


def parse_post(view: dict, ctx: Context, fixed: Optional[str] = None, prefer: Optional[str] = None) -> Mention:
    """A PostView as a Mention; the record holds text, time, language and reply links."""
    uri = need(view, "uri")
    author = need(view, "author")
    handle = need(author, "handle")
    record = need(view, "record")
    text = need(record, "text")
    langs = record.get("langs") or []
    lang = langs[0] if langs else None
    reply = record.get("reply") or {}
    parent = (reply.get("parent") or {}).get("uri")
    root = (reply.get("root") or {}).get("uri")
    brand = ctx.brand_for("bluesky", text, lang, handle, fixed=fixed, prefer=[prefer] if prefer else [])
    return Mention.parse({
        "id": f"bluesky:{uri}", "source": "bluesky", "channel": "Bluesky search",
        "kind": "reply" if parent else "post",
        "parent_id": f"bluesky:{parent}" if parent else None,
        "thread_id": f"bluesky:{root}" if root else None,
        "url": f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}",
        **ctx.author("bluesky", handle, author.get("displayName"), author.get("did")),
        "author_followers": int(author.get("followersCount") or 0),
        "brand": brand, "text": text, "lang": lang, "created_at": parse_time(need(record, "createdAt")),
        "likes": int(view.get("likeCount") or 0), "replies": int(view.get("replyCount") or 0),
        "shares": int(view.get("repostCount") or 0) + int(view.get("quoteCount") or 0),
    })


def _time_of(view: Any) -> str:
    return view.get("indexedAt") or view["record"]["createdAt"]


def _older(view: Any, since: str) -> bool:
    return parse_time(_time_of(view)) < parse_time(since)


class BlueskyCollector(Collector):
    name = "bluesky"

    def __init__(self, ctx: Context, *, handle: Optional[str] = None, app_password: Optional[str] = None,
                 base_url: Optional[str] = None, client: Any = None) -> None:
        super().__init__(ctx)
        self.handle = ctx.option(handle, "BLUESKY_HANDLE", "handle") or ctx.secret(None, "BLUESKY_HANDLE")
        password = ctx.secret(app_password, "BLUESKY_APP_PASSWORD")
        if not self.handle or not password:
            raise NotConfigured("set " + ", ".join(n for n, v in (("BLUESKY_HANDLE", self.handle),
                                                                  ("BLUESKY_APP_PASSWORD", password)) if not v))
        base = ctx.option(base_url, "BLUESKY_BASE_URL", "base_url", DEFAULT_BASE_URL)
        self.client = client or self._connect(base)
        self._password = password

    def _connect(self, base: str):
        from atproto_client import Client  # the client half of the atproto SDK, without firehose etc.
        from atproto_client.request import Request

        request = Request(transport=RetryTransport(self.ctx.policy, "Bluesky"),
                          timeout=httpx.Timeout(self.ctx.policy.timeout))
        return Client(base_url=base, request=request)

    def call(self, fn: Callable[[], Any]) -> Any:
        from atproto_client import exceptions as ax

        try:
            return fn()
        except SourceError:
            raise
        except ax.UnauthorizedError:
            raise AuthError("Bluesky rejected the handle or app password") from None
        except (ax.NetworkError, ax.InvokeTimeoutError):
            raise SourceUnavailable("Bluesky did not answer") from None
        except ax.AtProtocolError as exc:
            raise SourceError(f"Bluesky error ({type(exc).__name__})") from None

    def query(self, nsid: str, params_model: Any, params: dict) -> dict:
        from atproto_client.models.utils import get_or_create

        model = get_or_create(params, params_model)
        response = self.call(lambda: self.client.invoke_query(nsid, params=model,
                                                              output_encoding="application/json"))
        content = response.content
        if not isinstance(content, dict):
            raise SourceError(f"Bluesky answered {nsid} with something that is not JSON")
        return content

    def pages(self) -> Iterator[Page]:
        from atproto_client import models

        self.call(lambda: self.client.login(str(self.handle), str(self._password), fetch_bsky_profile=False))
        for brand in self.ctx.settings.brands:
            terms = [*brand.keywords, *(f"@{h.lstrip('@')}" for h in brand.handles.get("bluesky", []))]
            for term in terms:
                def fetch(cursor, since, q=term):
                    params = {"q": q, "sort": "latest", "limit": LIMIT, "cursor": cursor, "since": since}
                    body = self.query("app.bsky.feed.searchPosts", models.AppBskyFeedSearchPosts.Params,
                                      {k: v for k, v in params.items() if v is not None})
                    return _batch(body.get("posts"), body.get("cursor"))

                yield from newest_first(self.ctx, f"search:{brand.name}:{term}", fetch,
                                        lambda v, b=brand.name: parse_post(v, self.ctx, prefer=b), older=_older)
            for handle in brand.handles.get("bluesky", []):
                actor = handle.lstrip("@")

                def feed(cursor, _since, a=actor):
                    params = {"actor": a, "filter": "posts_with_replies", "limit": LIMIT, "cursor": cursor}
                    body = self.query("app.bsky.feed.getAuthorFeed", models.AppBskyFeedGetAuthorFeed.Params,
                                      {k: v for k, v in params.items() if v is not None})
                    # Reposts show up in an author's feed too; they are someone else's posts.
                    items = [i.get("post") for i in body.get("feed") or [] if isinstance(i, dict)
                             and not i.get("reason")]
                    return _batch(items, body.get("cursor"))

                yield from newest_first(self.ctx, f"own:{actor}", feed,
                                        lambda v, b=brand.name: parse_post(v, self.ctx, fixed=b), older=_older)

    def close(self) -> None:
        try:
            self.client.request.close()
        except Exception:  # noqa: BLE001
            pass


def _batch(posts: Any, cursor: Optional[str]) -> Batch:
    posts = [p for p in posts or [] if p is not None]
    newest = None
    if posts and isinstance(posts[0], dict):
        try:
            newest = _time_of(posts[0])
        except (KeyError, TypeError):
            newest = None
    return Batch(items=posts, next=cursor if posts else None, newest=newest)
