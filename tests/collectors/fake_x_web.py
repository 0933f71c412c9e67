"""A fake of the X web app that snscrape 0.7 scrapes: guest-token activation and GraphQL SearchTimeline."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Optional

import requests

from fakes import Reply, Request

SEARCH_PATH = "/i/api/graphql/7jT5GT59P8IFjgxwqnEdQw/SearchTimeline"  # snscrape 0.7.0.20230622's endpoint
ACTIVATE_PATH = "/1.1/guest/activate.json"
# snscrape refuses API answers unless the content type is exactly this (spaces aside).
JSON_UTF8 = "application/json; charset=utf-8"
GUEST_TOKEN = "1701234567890123456"


class ToFake(requests.adapters.HTTPAdapter):
    """Sends a requests.Session's https://twitter.com calls to the fake server, remembering each original URL."""

    def __init__(self, base: str, seen: Optional[list[str]] = None) -> None:
        super().__init__()
        self.base = base
        self.seen = seen if seen is not None else []

    def send(self, request, **kwargs):
        self.seen.append(request.url)
        path = request.url.split("/", 3)[3] if request.url.count("/") >= 3 else ""
        request.url = f"{self.base}/{path}"
        return super().send(request, **kwargs)


def web_user(uid: int, screen_name: str, name: str, followers: int = 0) -> dict:
    """`core.user_results` as SearchTimeline sends it (the fields snscrape's _user_to_user reads)."""
    return {"result": {
        "__typename": "User", "id": "VXNlcjo" + str(uid), "rest_id": str(uid), "is_blue_verified": False,
        "affiliates_highlighted_label": {}, "profile_image_shape": "Circle",
        "legacy": {
            "screen_name": screen_name, "name": name, "description": "", "entities": {"description": {"urls": []}},
            "created_at": "Tue Mar 03 09:00:00 +0000 2015", "followers_count": followers, "friends_count": 10,
            "statuses_count": 100, "favourites_count": 5, "listed_count": 0, "media_count": 0, "location": "",
            "verified": False, "protected": False,
            "profile_image_url_https": "https://pbs.twimg.com/profile_images/1/a_normal.jpg"}}}


def web_tweet(tid: int, text: str, user: dict, created: datetime, *, lang: str = "en", likes: int = 0,
              retweets: int = 0, replies: int = 0, quotes: int = 0,
              reply_to: Optional[tuple[int, dict]] = None) -> dict:
    """A `tweet_results.result` of typename Tweet; `reply_to` is (parent tweet id, parent's web_user)."""
    author = user["result"]
    legacy = {
        "id_str": str(tid), "user_id_str": author["rest_id"], "full_text": text,
        "created_at": created.strftime("%a %b %d %H:%M:%S +0000 %Y"),  # X's form; `created` is in UTC
        "conversation_id_str": str(tid), "lang": lang, "favorite_count": likes, "retweet_count": retweets,
        "reply_count": replies, "quote_count": quotes, "bookmark_count": 0, "favorited": False,
        "retweeted": False, "is_quote_status": False, "display_text_range": [0, len(text)],
        "entities": {"hashtags": [], "symbols": [], "urls": [], "user_mentions": []}}
    if reply_to:
        parent_id, parent_user = reply_to
        parent = parent_user["result"]
        legacy.update(in_reply_to_status_id_str=str(parent_id), in_reply_to_user_id_str=parent["rest_id"],
                      in_reply_to_screen_name=parent["legacy"]["screen_name"], conversation_id_str=str(parent_id))
        legacy["entities"]["user_mentions"] = [{
            "id_str": parent["rest_id"], "screen_name": parent["legacy"]["screen_name"],
            "name": parent["legacy"]["name"], "indices": [0, 1 + len(parent["legacy"]["screen_name"])]}]
    return {"__typename": "Tweet", "rest_id": str(tid), "core": {"user_results": user},
            "views": {"count": "17", "state": "EnabledWithCount"},
            "edit_control": {"edit_tweet_ids": [str(tid)], "editable_until_msecs": "1740827100000",
                             "is_edit_eligible": False, "edits_remaining": "5"},
            "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>', "legacy": legacy}


def tombstone(tid: int) -> dict:
    """What search shows in place of a tweet from a suspended account."""
    return {"__typename": "TweetTombstone", "rest_id": str(tid), "tombstone": {
        "__typename": "TextTombstone", "text": {"rtl": False, "entities": [],
                                                 "text": "This Post is from a suspended account."}}}


def _entry(result: dict) -> dict:
    tid = result.get("rest_id") or result["legacy"]["id_str"]
    return {"entryId": f"tweet-{tid}", "sortIndex": str(tid), "content": {
        "entryType": "TimelineTimelineItem", "__typename": "TimelineTimelineItem",
        "itemContent": {"itemType": "TimelineTweet", "__typename": "TimelineTweet",
                        "tweet_results": {"result": result}, "tweetDisplayType": "Tweet"}}}


def _cursor(kind: str, value: str) -> dict:
    content = {"entryType": "TimelineTimelineCursor", "__typename": "TimelineTimelineCursor",
               "value": value, "cursorType": kind.title()}
    if kind == "bottom":
        content["stopOnEmptyResponse"] = True
    return {"entryId": f"cursor-{kind}-{value[-4:]}", "sortIndex": "0", "content": content}


class FakeXWeb:
    """Guest tokens and the live search timeline, `page_size` results per page, newest first per query.

    The first page carries its cursors inside TimelineAddEntries; later pages replace them with
    TimelineReplaceEntry instructions, as X does. The bottom cursor says stopOnEmptyResponse, so an
    empty page ends snscrape's scroll."""

    def __init__(self, page_size: int = 3) -> None:
        self.page_size = page_size
        self.results: dict[str, list[dict]] = {}  # rawQuery -> tweet_results.result objects

    def __call__(self, req: Request) -> Reply:
        if req.path == "/search":  # the HTML page snscrape opens first; today it carries no token
            return Reply("<html><body>X</body></html>", content_type="text/html; charset=utf-8")
        if req.path == ACTIVATE_PATH and req.method == "POST":
            return Reply({"guest_token": GUEST_TOKEN}, content_type=JSON_UTF8)
        if req.path == SEARCH_PATH and req.headers.get("x-guest-token") == GUEST_TOKEN:
            return self._search(json.loads(req.query["variables"]))
        return Reply({"errors": [{"code": 239, "message": "Bad guest token."}]}, 403, content_type=JSON_UTF8)

    def _search(self, variables: dict) -> Reply:
        results = self.results.get(variables["rawQuery"], [])
        cursor = variables.get("cursor")
        offset = int(cursor.rsplit("-", 1)[1]) if cursor else 0
        chunk = results[offset:offset + self.page_size]
        top = _cursor("top", f"DAADDAABCgABtop-{offset:04d}")
        bottom = _cursor("bottom", f"DAADDAABCgABbottom-{offset + len(chunk):04d}")
        entries = [_entry(r) for r in chunk]
        if cursor is None:
            instructions = [{"type": "TimelineAddEntries", "entries": entries + [top, bottom]}]
        else:
            instructions = [{"type": "TimelineAddEntries", "entries": entries},
                            {"type": "TimelineReplaceEntry", "entry_id_to_replace": top["entryId"], "entry": top},
                            {"type": "TimelineReplaceEntry", "entry_id_to_replace": bottom["entryId"],
                             "entry": bottom}]
        body = {"data": {"search_by_raw_query": {"search_timeline": {"timeline": {"instructions": instructions}}}}}
        return Reply(body, content_type=JSON_UTF8)
