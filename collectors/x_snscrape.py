"""X search without credentials via snscrape; X blocks it most of the time, and we say so plainly."""
from __future__ import annotations

import json
import logging
from typing import Any, Callable, Iterator, Optional

from collectors.base import Context, Page, Skip, build_page
from collectors.errors import SourceUnavailable
from collectors.x import parse_tweet

log = logging.getLogger(__name__)

BLOCKED = ("snscrape could not search X ({why}); X blocks scraping most of the time. "
           "Set X_BEARER_TOKEN to use the X API v2 instead.")
PAGE_SIZE = 100


def default_factory(query: str):
    import snscrape.modules.twitter as sntwitter

    # Few retries: a blocked scraper only gets slower, not luckier.
    return sntwitter.TwitterSearchScraper(query, retries=1)


def tweet_to_v2(tweet: Any) -> tuple[dict, dict[str, dict], dict[str, dict]]:
    """An snscrape Tweet in the X API v2 shape (tweet, users, referenced tweets) so one parser serves both."""
    user = tweet.user
    users = {str(user.id): {"id": str(user.id), "username": getattr(user, "username", None),
                            "name": getattr(user, "displayname", None),
                            "public_metrics": {"followers_count": getattr(user, "followersCount", 0) or 0}}}
    data = {"id": str(tweet.id), "text": tweet.rawContent, "created_at": tweet.date.isoformat(),
            "author_id": str(user.id), "conversation_id": str(tweet.conversationId), "lang": tweet.lang,
            "public_metrics": {"like_count": tweet.likeCount, "reply_count": tweet.replyCount,
                               "retweet_count": tweet.retweetCount, "quote_count": tweet.quoteCount}}
    tweets: dict[str, dict] = {}
    if tweet.inReplyToTweetId:
        data["referenced_tweets"] = [{"type": "replied_to", "id": str(tweet.inReplyToTweetId)}]
        parent_user = tweet.inReplyToUser
        if parent_user is not None:
            users[str(parent_user.id)] = {"id": str(parent_user.id), "username": getattr(parent_user, "username", None)}
            tweets[str(tweet.inReplyToTweetId)] = {"author_id": str(parent_user.id)}
    return data, users, tweets


def scrape_pages(ctx: Context, streams: list[tuple[str, str, str]],
                 factory: Optional[Callable[[str], Any]] = None) -> Iterator[Page]:
    """Newest first, down to the newest tweet id of the last finished pass of each query."""
    try:
        import snscrape.base
    except Exception as exc:  # noqa: BLE001 - snscrape breaks on some Python versions at import
        raise SourceUnavailable(BLOCKED.format(why=f"snscrape cannot be imported: {type(exc).__name__}")) from None
    factory = factory or default_factory
    for stream, query, brand in streams:
        since = ctx.cursor(f"scrape:{stream}:since")
        top: Optional[str] = None
        batch: list[Any] = []
        try:
            for tweet in factory(query).get_items():
                if since and int(tweet.id) <= int(since):
                    break
                top = top or str(tweet.id)
                batch.append(tweet)
                if len(batch) >= PAGE_SIZE:
                    yield _page(ctx, batch, brand, {})
                    batch = []
        except Exception as exc:  # noqa: BLE001 - X changes its site often; snscrape then breaks oddly
            why = (str(exc)[:200] if isinstance(exc, snscrape.base.ScraperException)
                   else f"{type(exc).__name__} inside snscrape")
            # Keep what was read before the break, but leave the position alone: the tweets below the
            # break are still unread, and the next run must look for them again.
            yield _page(ctx, batch, brand, {})
            raise SourceUnavailable(BLOCKED.format(why=why)) from None
        yield _page(ctx, batch, brand, {f"scrape:{stream}:since": top or since or ""})


def _page(ctx: Context, tweets: list[Any], brand: str, cursors: dict[str, str]) -> Page:
    from snscrape.modules.twitter import Tweet

    def parse(tweet: Any):
        if not isinstance(tweet, Tweet):  # a Tombstone or TweetRef: deleted, withheld or suspended
            raise Skip(f"not a tweet: {type(tweet).__name__}")
        data, users, refs = tweet_to_v2(tweet)
        return parse_tweet(data, users, refs, ctx, brand)

    page = build_page(tweets, parse, cursors, ref=_ref)
    # An snscrape item turns into its URL when written as JSON; keep all of it for whoever inspects it.
    by_ref = {_ref(t): t for t in tweets}
    for reject in page.rejects:
        if reject.ref in by_ref:
            reject.raw = _as_json(by_ref[reject.ref])
    return page


def _ref(tweet: Any) -> Optional[str]:
    return str(getattr(tweet, "id", "")) or None


def _as_json(item: Any) -> Any:
    try:
        return json.loads(item.json())
    except Exception:  # noqa: BLE001 - a broken item may not serialise; its repr still helps
        return repr(item)
