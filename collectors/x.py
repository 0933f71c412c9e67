"""X / Twitter: the API v2 recent search with a bearer token, else snscrape (which X usually blocks)."""
from __future__ import annotations

import logging
from typing import Any, Iterator, Optional

import httpx

from collectors.base import Collector, Context, Page, need, parse_time
from collectors.errors import AuthError, SourceError
from collectors.http import http_client
from collectors.paging import Batch, newest_first
from lawine.config import Brand
from lawine.model import Mention

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.x.com"
SEARCH_PATH = "/2/tweets/search/recent"
TWEET_FIELDS = "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,public_metrics,lang"
EXPANSIONS = "author_id,referenced_tweets.id,referenced_tweets.id.author_id"
USER_FIELDS = "username,name,public_metrics"
NO_LANGUAGE = {"und", "qme", "qht", "qam", "qct", "qst", "zxx"}  # X's codes for "no language"


def _term(word: str) -> str:
    word = word.strip()
    return f'"{word}"' if any(c.isspace() for c in word) else word


def brand_query(brand: Brand) -> str:
    """Keywords and @handles OR-ed, exclusions negated, retweets left out (they repeat the original)."""
    terms = [_term(k) for k in brand.keywords] + [f"@{h.lstrip('@')}" for h in brand.handles.get("x", [])]
    query = "(" + " OR ".join(terms) + ")"
    query += "".join(f" -{_term(e)}" for e in brand.exclude)
    if brand.languages:
        query += " (" + " OR ".join(f"lang:{lang}" for lang in brand.languages) + ")"
    return query + " -is:retweet"


def own_query(handles: list[str]) -> str:
    return "(" + " OR ".join(f"from:{h.lstrip('@')}" for h in handles) + ")"


def parse_tweet(tweet: dict, users: dict[str, dict], tweets: dict[str, dict], ctx: Context,
                prefer: Optional[str] = None) -> Mention:
    """One v2 tweet (with its page's `includes`) as a Mention; raises on anything malformed."""
    tid = str(tweet["id"])
    author_id = str(tweet["author_id"])
    user = users.get(author_id) or {}
    handle = user.get("username") or author_id
    text = need(tweet, "text")  # snscrape hands on a null text; storing nothing would hide it
    lang = tweet.get("lang")
    lang = None if not lang or lang in NO_LANGUAGE else lang
    refs = {r["type"]: str(r["id"]) for r in tweet.get("referenced_tweets") or []}
    parent = refs.get("replied_to")
    parent_author = (users.get(str((tweets.get(parent) or {}).get("author_id"))) or {}).get("username")
    # A reply to one of our tweets is about that brand even when it names no keyword.
    fixed = ctx.own.brand_of("x", parent_author) if parent_author else None
    brand = ctx.brand_for("x", text, lang, handle, fixed=fixed, prefer=[prefer] if prefer else [])
    metrics = tweet.get("public_metrics") or {}
    conversation = tweet.get("conversation_id")
    return Mention.parse({
        "id": f"x:{tid}", "source": "x", "channel": "X search",
        "kind": "reply" if parent else "post",
        "parent_id": f"x:{parent}" if parent else None,
        "thread_id": f"x:{conversation}" if conversation else None,
        "url": f"https://x.com/{handle}/status/{tid}",
        **ctx.author("x", handle, user.get("name"), author_id),
        "author_followers": int((user.get("public_metrics") or {}).get("followers_count") or 0),
        "brand": brand, "text": text, "lang": lang, "created_at": parse_time(tweet["created_at"]),
        "likes": int(metrics.get("like_count") or 0), "replies": int(metrics.get("reply_count") or 0),
        "shares": int(metrics.get("retweet_count") or 0) + int(metrics.get("quote_count") or 0),
    })


class XCollector(Collector):
    name = "x"

    def __init__(self, ctx: Context, *, bearer_token: Optional[str] = None, base_url: Optional[str] = None,
                 client: Optional[httpx.Client] = None, scraper_factory=None) -> None:
        super().__init__(ctx)
        token = ctx.secret(bearer_token, "X_BEARER_TOKEN")
        self.base_url = ctx.option(base_url, "X_API_BASE_URL", "base_url", DEFAULT_BASE_URL)
        self.client = client
        if token and client is None:
            self.client = http_client(ctx.policy, "X API", self.base_url, {"Authorization": f"Bearer {token}"})
        self.scraper_factory = scraper_factory
        self._users: dict[str, dict] = {}
        self._tweets: dict[str, dict] = {}

    def streams(self) -> Iterator[tuple[str, str, str]]:
        for brand in self.ctx.settings.brands:
            yield f"search:{brand.name}", brand_query(brand), brand.name
            handles = brand.handles.get("x", [])
            if handles:
                yield f"own:{brand.name}", own_query(handles), brand.name

    def pages(self) -> Iterator[Page]:
        if self.client is None:
            from collectors.x_snscrape import scrape_pages

            yield from scrape_pages(self.ctx, list(self.streams()), self.scraper_factory)
            return
        for stream, query, brand in self.streams():
            yield from newest_first(
                self.ctx, stream, lambda token, since, q=query: self._fetch(q, token, since),
                lambda raw, b=brand: parse_tweet(raw, self._users, self._tweets, self.ctx, b))

    def _fetch(self, query: str, token: Optional[str], since: Optional[str]) -> Batch:
        params = {"query": query, "max_results": 100, "tweet.fields": TWEET_FIELDS, "expansions": EXPANSIONS,
                  "user.fields": USER_FIELDS}
        if token:
            params["next_token"] = token
        if since:
            params["since_id"] = since
        body = self._get(params)
        if body is None:  # since_id older than the 7-day search window: start a fresh pass
            self.ctx.warn("saved position is older than X's 7-day search window; searching from now")
            params.pop("since_id", None)
            params.pop("next_token", None)
            body = self._get(params) or {}
        includes = body.get("includes") or {}
        self._users = {str(u.get("id")): u for u in includes.get("users") or [] if isinstance(u, dict)}
        self._tweets = {str(t.get("id")): t for t in includes.get("tweets") or [] if isinstance(t, dict)}
        meta = body.get("meta") or {}
        return Batch(items=list(body.get("data") or []), next=meta.get("next_token"), newest=meta.get("newest_id"))

    def _get(self, params: dict) -> Optional[dict]:
        response = self.client.get(SEARCH_PATH, params=params)
        if response.status_code in (401, 403):
            raise AuthError(f"X API rejected the bearer token (HTTP {response.status_code})")
        if response.status_code == 400:
            detail = _error_detail(response)
            if "since_id" in detail and "since_id" in params:
                return None
            raise SourceError(f"X API refused the search (HTTP 400): {detail}")
        if response.status_code >= 400:
            raise SourceError(f"X API answered HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise SourceError("X API answered with something that is not JSON") from None

    def close(self) -> None:
        if self.client is not None:
            self.client.close()


def _error_detail(response: httpx.Response) -> str:
    try:
        body: Any = response.json()
    except ValueError:
        return "no details"
    errors = body.get("errors") if isinstance(body, dict) else None
    if errors and isinstance(errors[0], dict):
        return str(errors[0].get("message") or errors[0].get("detail") or "no details")[:300]
    return str(body.get("detail") or body.get("title") or "no details")[:300] if isinstance(body, dict) else ""
