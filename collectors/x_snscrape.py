"""X search without credentials via snscrape; X blocks it most of the time, and we say so plainly."""
from __future__ import annotations

import logging
from typing import Any, Callable, Iterator, Optional

from collectors.base import Context, Page, build_page
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
        except snscrape.base.ScraperException as exc:
            raise SourceUnavailable(BLOCKED.format(why=str(exc)[:200])) from None
        except Exception as exc:  # noqa: BLE001 - X changes its site often; snscrape then breaks oddly
            raise SourceUnavailable(BLOCKED.format(why=f"{type(exc).__name__} inside snscrape")) from None
        yield _page(ctx, batch, brand, {f"scrape:{stream}:since": top or since or ""})


def _page(ctx: Context, tweets: list[Any], brand: str, cursors: dict[str, str]) -> Page:
    def parse(tweet: Any):
        data, users, refs = tweet_to_v2(tweet)
        return parse_tweet(data, users, refs, ctx, brand)

    return build_page(tweets, parse, cursors, ref=lambda t: str(getattr(t, "id", "")) or None)
