"""Mastodon via Mastodon.py: keyword search and hashtag timelines, mentions of our account
(notifications) and our account's own posts and replies."""
from __future__ import annotations

import logging
import re
from typing import Any, Callable, Iterator, Optional
from urllib.parse import urlsplit

from collectors.base import Collector, Context, Page, need, parse_time
from collectors.errors import AuthError, NotConfigured, SourceError, SourceUnavailable
from collectors.http import RetryingSession
from collectors.paging import Batch, newest_first
from collectors.text import html_to_text
from lawine.model import Mention

log = logging.getLogger(__name__)

LIMIT = 40  # Mastodon's maximum page size for statuses


def hashtags(keywords: list[str]) -> list[str]:
    """Keywords that can be hashtags: 'Kestrel Air' -> 'kestrelair'."""
    tags = [re.sub(r"[\s_-]+", "", k.strip().lstrip("#")).lower() for k in keywords]
    return list(dict.fromkeys(t for t in tags if t and re.fullmatch(r"\w+", t)))


def parse_status(raw: dict, ctx: Context, domain: str, fixed: Optional[str] = None,
                 prefer: Optional[str] = None, us: Optional[tuple[str, str]] = None) -> Mention:
    """`us` = (our account id, its brand): a reply to us belongs to that brand, keywords or not."""
    account = need(raw, "account")
    acct = need(account, "acct")
    handle = acct if "@" in acct else f"{acct}@{domain}"  # local accounts come without a domain
    text = html_to_text(need(raw, "content"))
    if raw.get("spoiler_text"):
        text = f"{raw['spoiler_text']}\n\n{text}"
    lang = raw.get("language")
    parent = raw.get("in_reply_to_id")
    if not fixed and us and str(raw.get("in_reply_to_account_id")) == us[0]:
        fixed = us[1]
    brand = ctx.brand_for("mastodon", text, lang, handle, fixed=fixed, prefer=[prefer] if prefer else [])
    return Mention.parse({
        "id": f"mastodon:{domain}:{need(raw, 'id')}", "source": "mastodon", "channel": domain,
        "kind": "reply" if parent else "post",
        "parent_id": f"mastodon:{domain}:{parent}" if parent else None,
        "url": raw.get("url") or raw.get("uri"),
        **ctx.author("mastodon", handle, account.get("display_name"), acct),
        "author_followers": int(account.get("followers_count") or 0),
        "brand": brand, "text": text, "lang": lang, "created_at": parse_time(need(raw, "created_at")),
        "likes": int(raw.get("favourites_count") or 0), "replies": int(raw.get("replies_count") or 0),
        "shares": int(raw.get("reblogs_count") or 0),
    })


def _older(raw: Any, since: str) -> bool:
    return int(raw["id"]) <= int(since)


class MastodonCollector(Collector):
    name = "mastodon"

    def __init__(self, ctx: Context, *, api_base_url: Optional[str] = None, access_token: Optional[str] = None,
                 client: Any = None) -> None:
        super().__init__(ctx)
        base = ctx.option(api_base_url, "MASTODON_API_BASE_URL", "api_base_url") or ctx.secret(
            None, "MASTODON_API_BASE_URL")
        token = ctx.secret(access_token, "MASTODON_ACCESS_TOKEN")
        if not base or not token:
            raise NotConfigured("set " + ", ".join(n for n, v in (("MASTODON_API_BASE_URL", base),
                                                                  ("MASTODON_ACCESS_TOKEN", token)) if not v))
        self.domain = urlsplit(str(base)).hostname or str(base)
        self.api = client or self._connect(str(base), str(token))
        self.me: Optional[dict] = None
        self.my_brand: Optional[str] = None

    def _connect(self, base: str, token: str):
        from mastodon import Mastodon

        # "throw": our session already waits out 429s and Retry-After; Mastodon.py must not sleep again.
        # A stated version spares a request to /api/v1/instance (every API used here exists since 3.5).
        return Mastodon(access_token=token, api_base_url=base, ratelimit_method="throw",
                        request_timeout=self.ctx.policy.timeout, mastodon_version="4.2.0",
                        version_check_mode="created", session=RetryingSession(self.ctx.policy, "Mastodon"))

    def call(self, method: Callable, *args, **kwargs) -> Any:
        """One API call, with Mastodon.py's errors turned into ours (and our own unwrapped)."""
        from mastodon.errors import (MastodonNetworkError, MastodonRatelimitError,
                                     MastodonUnauthorizedError, MastodonAPIError)

        try:
            return method(*args, **kwargs)
        except MastodonNetworkError as exc:
            cause = exc.__context__
            if isinstance(cause, SourceError):
                raise cause from None
            raise SourceUnavailable(f"Mastodon ({self.domain}) did not answer") from None
        except MastodonRatelimitError:
            raise SourceUnavailable(f"Mastodon ({self.domain}) rate limit reached") from None
        except MastodonUnauthorizedError:
            raise AuthError(f"Mastodon ({self.domain}) rejected the access token") from None
        except MastodonAPIError as exc:
            raise SourceError(f"Mastodon ({self.domain}) error: {str(exc)[:200]}") from None

    def pages(self) -> Iterator[Page]:
        self._who_am_i()
        for brand in self.ctx.settings.brands:
            for kw in brand.keywords:
                yield from self._stream(f"search:{brand.name}:{kw}", self._search(kw), prefer=brand.name)
            for tag in hashtags(brand.keywords):
                yield from self._stream(f"tag:{tag}", self._paged(self.api.timeline_hashtag, tag),
                                        prefer=brand.name)
        if self.me is not None:
            our_id = str(self.me["id"])
            yield from self._stream("notifications", self._paged(self.api.notifications, types=["mention"]),
                                    fixed=self.my_brand, unwrap=True)
            yield from self._stream("own", self._paged(self.api.account_statuses, our_id, exclude_reblogs=True),
                                    fixed=self.my_brand)

    def _who_am_i(self) -> None:
        me = self.call(self.api.account_verify_credentials)
        # Handles use the instance's public domain, which need not be the API host.
        self.domain = urlsplit(str(me.get("url") or "")).hostname or self.domain
        acct = f"{me['acct']}@{self.domain}" if "@" not in me["acct"] else me["acct"]
        self.my_brand = self.ctx.own.brand_of("mastodon", acct, me["acct"])
        if self.my_brand is None and len(self.ctx.settings.brands) == 1:
            self.my_brand = self.ctx.settings.brands[0].name
        if self.my_brand is None:
            self.ctx.warn(f"@{acct} is not under handles.mastodon of any brand; its posts are not marked as ours")
            return
        self.ctx.own.add("mastodon", acct, self.my_brand)
        self.me = dict(me)

    def _search(self, keyword: str) -> Callable[[Optional[str], Optional[str]], Batch]:
        def fetch(token: Optional[str], _since: Optional[str]) -> Batch:
            result = self.call(self.api.search_v2, keyword, resolve=False, result_type="statuses",
                               max_id=token, limit=LIMIT)
            return _batch(list((result or {}).get("statuses") or []))
        return fetch

    def _paged(self, method: Callable, *args, **kwargs) -> Callable[[Optional[str], Optional[str]], Batch]:
        def fetch(token: Optional[str], since: Optional[str]) -> Batch:
            return _batch(list(self.call(method, *args, max_id=token, since_id=since, limit=LIMIT, **kwargs) or []))
        return fetch

    def _stream(self, stream: str, fetch, prefer: Optional[str] = None, fixed: Optional[str] = None,
                unwrap: bool = False) -> Iterator[Page]:
        us = (str(self.me["id"]), self.my_brand) if self.me and self.my_brand else None

        def parse(raw: Any) -> Mention:
            status = need(raw, "status") if unwrap else raw
            return parse_status(status, self.ctx, self.domain, fixed, prefer, us)

        yield from newest_first(self.ctx, stream, fetch, parse, older=_older)


def _batch(items: list) -> Batch:
    """Newest first; the next page is everything older than this page's last item."""
    ids = [str(i["id"]) for i in items if isinstance(i, dict) and "id" in i]
    return Batch(items=items, next=ids[-1] if len(items) >= LIMIT and ids else None,
                 newest=ids[0] if ids else None)
