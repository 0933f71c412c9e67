"""Reddit via praw: keyword search (site-wide and per subreddit), new comments in brand threads,
and our own account's comments, which are our replies for reply tracking."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator, Optional

from sqlalchemy import select

from collectors.base import Collector, Context, Page, Skip, build_page, parse_time
from collectors.errors import AuthError, NotConfigured, SourceError, SourceUnavailable
from collectors.http import RetryingSession
from collectors.paging import Batch, newest_first
from lawine.config import Brand
from lawine.model import Mention
from lawine.store.schema import mentions as M
from lawine.store.writer import to_ts

log = logging.getLogger(__name__)

WEB = "https://www.reddit.com"
DEFAULT_USER_AGENT = "python:lawine-brand-monitor:0.1 (by /u/{username})"
GONE = {"[deleted]", "[removed]"}


def search_query(brand: Brand) -> str:
    return " OR ".join(f'"{k}"' if " " in k.strip() else k.strip() for k in brand.keywords)


def parse_thing(thing: dict, ctx: Context, fixed: Optional[str] = None, prefer: Optional[str] = None) -> Mention:
    """A listing child ({"kind": "t1"|"t3", "data": {...}}) as a Mention."""
    kind, data = thing["kind"], thing["data"]
    if kind not in ("t1", "t3"):
        raise Skip(f"not a post or comment: {kind}")
    author = data["author"]
    if kind == "t3":
        text = (data["title"] + "\n\n" + (data.get("selftext") or "")).strip()
    else:
        text = data["body"]
        if text in GONE:
            raise Skip("deleted comment")
    parent = data.get("parent_id") if kind == "t1" else None
    link = data.get("link_id") if kind == "t1" else data["name"]
    brand = ctx.brand_for("reddit", text, None, author, fixed=fixed, prefer=[prefer] if prefer else [])
    return Mention.parse({
        "id": f"reddit:{data['name']}", "source": "reddit", "channel": f"r/{data['subreddit']}",
        "kind": "post" if kind == "t3" else ("comment" if parent and parent.startswith("t3_") else "reply"),
        "parent_id": f"reddit:{parent}" if parent else None,
        "thread_id": f"reddit:{link}" if link else None,
        "url": WEB + data["permalink"] if data.get("permalink") else None,
        **ctx.author("reddit", author),
        "brand": brand, "text": text, "created_at": parse_time(data["created_utc"]),
        "likes": max(0, int(data.get("score") or 0)),
        "replies": int(data.get("num_comments") or 0), "shares": int(data.get("num_crossposts") or 0),
    })


def flatten(children: list[dict]) -> Iterator[dict]:
    """Comment trees come nested; we store them flat with parent links."""
    for child in children:
        if not isinstance(child, dict) or child.get("kind") == "more":
            continue
        yield child
        replies = (child.get("data") or {}).get("replies")
        if isinstance(replies, dict):
            yield from flatten(replies.get("data", {}).get("children", []))


def _older(thing: dict, since: str) -> bool:
    return float(thing["data"]["created_utc"]) < float(since)


class RedditCollector(Collector):
    name = "reddit"

    def __init__(self, ctx: Context, *, client_id: Optional[str] = None, client_secret: Optional[str] = None,
                 username: Optional[str] = None, password: Optional[str] = None,
                 user_agent: Optional[str] = None, oauth_url: Optional[str] = None,
                 reddit_url: Optional[str] = None, reddit: Any = None) -> None:
        super().__init__(ctx)
        self.username = ctx.option(username, "REDDIT_USERNAME", "username") or ctx.secret(None, "REDDIT_USERNAME")
        self.reddit = reddit or self._connect(ctx, client_id, client_secret, password, user_agent,
                                              oauth_url, reddit_url)
        self.thread_days = float(ctx.option(None, "LAWINE_REDDIT_THREAD_DAYS", "thread_days", 7))
        self.max_threads = int(ctx.option(None, "LAWINE_REDDIT_MAX_THREADS", "max_threads", 50))

    def _connect(self, ctx, client_id, client_secret, password, user_agent, oauth_url, reddit_url):
        import praw

        creds = {"client_id": ctx.secret(client_id, "REDDIT_CLIENT_ID"),
                 "client_secret": ctx.secret(client_secret, "REDDIT_CLIENT_SECRET"),
                 "password": ctx.secret(password, "REDDIT_PASSWORD")}
        missing = [f"REDDIT_{k.upper()}" for k, v in creds.items() if not v]
        if missing or not self.username:
            raise NotConfigured("set " + ", ".join(missing + ([] if self.username else ["REDDIT_USERNAME"])))
        urls = {k: v for k, v in {
            "oauth_url": ctx.option(oauth_url, "REDDIT_OAUTH_URL", "oauth_url"),
            "reddit_url": ctx.option(reddit_url, "REDDIT_URL", "reddit_url")}.items() if v}
        agent = ctx.option(user_agent, "REDDIT_USER_AGENT", "user_agent",
                           DEFAULT_USER_AGENT.format(username=self.username))
        return praw.Reddit(**creds, username=str(self.username), user_agent=agent, **urls,
                           check_for_updates=False, check_for_async=False, timeout=int(ctx.policy.timeout) or 16,
                           requestor_kwargs={"session": RetryingSession(ctx.policy, "Reddit")})

    # --- one request, with praw's auth, rate limiter and our retrying session ----
    def get(self, path: str, params: dict) -> Any:
        import prawcore

        try:
            return self.reddit.request(method="GET", path=path, params=params)
        except prawcore.exceptions.RequestException as exc:
            original = exc.original_exception
            if isinstance(original, SourceError):
                raise original from None
            raise SourceUnavailable(f"Reddit did not answer ({type(original).__name__})") from None
        except (prawcore.exceptions.OAuthException, prawcore.exceptions.Forbidden) as exc:
            raise AuthError(f"Reddit rejected the credentials ({type(exc).__name__})") from None
        except prawcore.exceptions.ResponseException as exc:
            if exc.response.status_code == 401:
                raise AuthError("Reddit rejected the credentials (HTTP 401)") from None
            raise SourceError(f"Reddit answered HTTP {exc.response.status_code} for {path}") from None

    def listing(self, path: str, params: dict, token: Optional[str]) -> Batch:
        body = self.get(path, {**params, "limit": 100, **({"after": token} if token else {})})
        data = body.get("data", {}) if isinstance(body, dict) else {}
        children = [c for c in data.get("children", []) if isinstance(c, dict)]
        newest = None
        if children:
            try:
                newest = str(float(children[0]["data"]["created_utc"]))
            except (KeyError, TypeError, ValueError):
                newest = None
        return Batch(items=children, next=data.get("after"), newest=newest)

    # --- streams -----------------------------------------------------------------
    def pages(self) -> Iterator[Page]:
        ctx = self.ctx
        for brand in ctx.settings.brands:
            q = {"q": search_query(brand), "sort": "new", "type": "link", "t": "week"}
            yield from self._stream(f"search:{brand.name}", "/search", q, prefer=brand.name)
            for sub in brand.subreddits:
                sub = sub.removeprefix("r/")
                yield from self._stream(f"r/{sub}:search:{brand.name}", f"/r/{sub}/search",
                                        {**q, "restrict_sr": 1}, prefer=brand.name)
                yield from self._stream(f"r/{sub}:comments", f"/r/{sub}/comments", {"sort": "new"},
                                        prefer=brand.name)
            for handle in brand.handles.get("reddit", []):
                handle = handle.removeprefix("u/").lstrip("@")
                yield from self._stream(f"user:{handle}", f"/user/{handle}/comments", {"sort": "new"},
                                        fixed=brand.name)
        yield from self._threads()

    def _stream(self, stream: str, path: str, params: dict, prefer: Optional[str] = None,
                fixed: Optional[str] = None) -> Iterator[Page]:
        yield from newest_first(self.ctx, stream, lambda token, _since: self.listing(path, params, token),
                                lambda t: parse_thing(t, self.ctx, fixed=fixed, prefer=prefer), older=_older)

    def _threads(self) -> Iterator[Page]:
        """New comments in recent threads that mention a brand: all of them belong to that brand."""
        cutoff = to_ts(datetime.now(timezone.utc) - timedelta(days=self.thread_days))
        q = (select(M.c.id, M.c.brand).where(M.c.source == "reddit", M.c.kind == "post",
                                             M.c.created_ts >= cutoff)
             .order_by(M.c.created_ts.desc()).limit(self.max_threads))
        with self.ctx.engine.connect() as conn:
            threads = conn.execute(q).fetchall()
        for mention_id, brand in threads:
            fullname = mention_id.split(":", 1)[1]
            body = self.get(f"/comments/{fullname.removeprefix('t3_')}", {"sort": "new", "limit": 500})
            if not isinstance(body, list) or len(body) < 2:
                continue
            children = list(flatten(body[1].get("data", {}).get("children", [])))
            yield build_page(children, lambda t, b=brand: parse_thing(t, self.ctx, fixed=b))
