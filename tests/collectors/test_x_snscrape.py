"""X without a token: the real snscrape against a fake of X's web search (guest token, SearchTimeline)."""
from __future__ import annotations

import json
import socket
from datetime import datetime, timezone

import pytest

from collectors import x_snscrape
from collectors.runner import run_collector
from collectors.x import XCollector, brand_query, own_query
from fake_x_web import ACTIVATE_PATH, GUEST_TOKEN, SEARCH_PATH, FakeXWeb, ToFake, tombstone, web_tweet, web_user
from readback import stored, table

BASE = 1_896_000_000_000_000_000  # snowflake-sized ids, as X hands out
LOOPBACK = ("127.0.0.1", "::1", "localhost")
ALICE = web_user(11, "alice", "Alice A.", followers=42)
BOB = web_user(12, "bob", "Bob B.", followers=7)
GRETA = web_user(13, "greta", "Greta G.", followers=3)
KESTREL = web_user(99, "KestrelAir", "Kestrel Air", followers=5000)


def at(minute: int) -> datetime:
    return datetime(2025, 3, 1, 10, minute, tzinfo=timezone.utc)


def ts(minute: int) -> int:
    return int(at(minute).timestamp())


def tid(n: int) -> str:
    return str(BASE + n)


@pytest.fixture
def store_url(db_url) -> str:
    """These tests store on PostgreSQL too when LAWINE_TEST_DATABASE_URL is set (snowflake ids, upserts)."""
    return db_url


@pytest.fixture
def offline(monkeypatch):
    """Refuses (and records) any name lookup or connection that is not loopback."""
    escaped: list = []
    real_connect, real_lookup = socket.socket.connect, socket.getaddrinfo

    def connect(sock, address):
        if isinstance(address, tuple) and address[0] not in LOOPBACK:
            escaped.append(address)
            raise OSError("this test is offline")
        return real_connect(sock, address)

    def lookup(host, *args, **kwargs):
        if host not in LOOPBACK:
            escaped.append(host)
            raise socket.gaierror("this test is offline")
        return real_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return escaped


@pytest.fixture
def web(settings):
    """Two pages (3 + 2 tweets) for Kestrel Air, one own reply, nothing for Nimbus Bank."""
    fake = FakeXWeb(page_size=3)
    fake.results[brand_query(settings.brands[0])] = [
        web_tweet(BASE + 105, "Kestrel Air lost my bag again", ALICE, at(5), likes=7, retweets=2, replies=1,
                  quotes=1),
        web_tweet(BASE + 104, "@alice same here, Kestrel Air never answers", BOB, at(4), likes=3,
                  reply_to=(BASE + 103, ALICE)),
        web_tweet(BASE + 103, "@KestrelAir where is my refund?", ALICE, at(3), replies=2),
        web_tweet(BASE + 102, "Kestrel Air hat meinen Koffer verloren", GRETA, at(2), lang="de", retweets=4),
        web_tweet(BASE + 101, "first Kestrel Air flight", BOB, at(1), likes=1),
    ]
    fake.results[own_query(["@KestrelAir"])] = [
        web_tweet(BASE + 301, "@alice so sorry, please DM us", KESTREL, at(33), reply_to=(BASE + 103, ALICE)),
    ]
    return fake


class Site:
    """The fake site plus what snscrape asked of it; a scraper factory like the real one, pointed at it."""

    def __init__(self, server) -> None:
        import snscrape.modules.twitter as sntwitter

        self.server = server
        self.urls: list[str] = []  # the URLs snscrape meant to open, before ToFake redirected them
        self.tokens = sntwitter.GuestTokenManager()  # one per test: snscrape's global one would leak between tests

    def factory(self, query: str):
        scraper = x_snscrape.default_factory(query)
        scraper._guestTokenManager = self.tokens
        for prefix in ("https://twitter.com", "https://api.twitter.com"):
            scraper._session.mount(prefix, ToFake(self.server.url, self.urls))
        return scraper

    def searches(self, since: int = 0) -> list[dict]:
        return [json.loads(r.query["variables"]) for r in self.server.requests[since:] if r.path == SEARCH_PATH]


def collect(make_ctx, site: Site):
    ctx = make_ctx("x")
    return run_collector(XCollector(ctx, scraper_factory=site.factory), ctx)


def cursors(engine) -> dict[str, str]:
    return {c["key"]: c["value"] for c in table(engine, "cursors") if c["source"] == "x"}


def test_two_pages_are_stored_once_with_their_fields(make_ctx, engine, serve, web, settings, offline):
    site = Site(serve(web))
    summary = collect(make_ctx, site)
    assert summary.status == "ok", summary.message
    assert summary.inserted == 6 and summary.quarantined == 0

    rows = stored(engine)
    assert sorted(rows) == sorted(f"x:{tid(n)}" for n in (101, 102, 103, 104, 105, 301))
    bag = rows[f"x:{tid(105)}"]
    assert bag["text"] == "Kestrel Air lost my bag again" and bag["brand"] == "Kestrel Air"
    assert bag["created_ts"] == ts(5) and bag["lang"] == "en" and bag["kind"] == "post"
    assert (bag["likes"], bag["replies"], bag["shares"]) == (7, 1, 3)  # shares = retweets + quotes
    assert bag["author_followers"] == 42 and bag["author_name"] is None  # pseudonymised
    assert bag["url"] == f"https://x.com/alice/status/{tid(105)}"

    reply = rows[f"x:{tid(104)}"]
    assert reply["kind"] == "reply" and reply["parent_id"] == f"x:{tid(103)}"
    assert reply["thread_id"] == f"x:{tid(103)}" and reply["likes"] == 3
    german = rows[f"x:{tid(102)}"]
    assert german["lang"] == "de" and german["text"] == "Kestrel Air hat meinen Koffer verloren"
    assert german["shares"] == 4 and german["created_ts"] == ts(2)

    authors = {n: rows[f"x:{tid(n)}"]["author_id"] for n in (101, 102, 103, 104, 105)}
    assert authors[105] == authors[103] != authors[104] == authors[101] != authors[102]
    assert all(a.startswith("p_") for a in authors.values())

    own = rows[f"x:{tid(301)}"]
    assert own["is_own"] and own["author_name"] == "KestrelAir" and own["parent_id"] == f"x:{tid(103)}"
    assert rows[f"x:{tid(103)}"]["first_reply_ts"] == ts(33)

    # snscrape really did the web dance: a guest token, then the search with it, page 2 by the cursor.
    assert [r.path for r in site.server.requests[:2]] == ["/search", ACTIVATE_PATH]
    assert len(site.server.hits(ACTIVATE_PATH)) == 1  # one token serves every stream
    assert all(r.headers.get("x-guest-token") == GUEST_TOKEN for r in site.server.hits(SEARCH_PATH))
    kestrel = [v for v in site.searches() if v["rawQuery"] == brand_query(settings.brands[0])]
    assert [v.get("cursor") for v in kestrel] == [None, "DAADDAABCgABbottom-0003", "DAADDAABCgABbottom-0005"]
    assert {v["product"] for v in site.searches()} == {"Latest"}


def test_cursor_is_saved_and_a_rerun_stops_at_the_newest_id(make_ctx, engine, serve, web, settings, offline):
    site = Site(serve(web))
    collect(make_ctx, site)
    saved = cursors(engine)
    assert saved["scrape:search:Kestrel Air:since"] == tid(105)
    assert saved["scrape:own:Kestrel Air:since"] == tid(301)
    assert saved["scrape:search:Nimbus Bank:since"] == ""  # nothing found yet

    seen = len(site.server.requests)
    again = collect(make_ctx, site)
    assert again.status == "ok" and again.inserted == 0 and len(stored(engine)) == 6
    # One first page per stream and no token fetch: the newest tweet is already known, so no page 2.
    assert [r.path for r in site.server.requests[seen:]] == [SEARCH_PATH] * 3
    assert all("cursor" not in v for v in site.searches(seen))

    web.results[brand_query(settings.brands[0])].insert(
        0, web_tweet(BASE + 106, "Kestrel Air again, seriously", BOB, at(6)))
    third = collect(make_ctx, site)
    assert third.inserted == 1 and len(stored(engine)) == 7
    assert cursors(engine)["scrape:search:Kestrel Air:since"] == tid(106)
    assert not table(engine, "quarantine")


def test_malformed_tweet_is_quarantined_with_its_content(make_ctx, engine, serve, web, settings, offline):
    results = web.results[brand_query(settings.brands[0])]
    results[3]["legacy"]["full_text"] = None  # snscrape passes it on; a Mention needs text
    results.insert(2, tombstone(BASE + 1035))  # a suspended account's tweet: nothing to store or inspect
    site = Site(serve(web))
    summary = collect(make_ctx, site)
    assert summary.status == "ok" and summary.quarantined == 1 and summary.inserted == 5
    assert summary.filtered == 1  # the tombstone
    [q] = table(engine, "quarantine")
    assert q["source"] == "x" and q["ref"] == tid(102) and "text" in q["error"]
    raw = json.loads(q["raw"])
    assert raw["id"] == BASE + 102 and raw["rawContent"] is None and raw["user"]["username"] == "greta"
    assert f"x:{tid(102)}" not in stored(engine)
    assert cursors(engine)["scrape:search:Kestrel Air:since"] == tid(105)

    again = collect(make_ctx, site)  # the same broken tweet is not set aside twice
    assert again.status == "ok" and again.quarantined == 0 and len(table(engine, "quarantine")) == 1


def test_a_tweet_snscrape_cannot_read_ends_the_run_plainly_keeping_earlier_tweets(make_ctx, engine, serve, web,
                                                                                 settings, offline):
    results = web.results[brand_query(settings.brands[0])]
    del results[3]["legacy"]["lang"]  # on page 2; snscrape reads tweet['lang'] and raises KeyError
    site = Site(serve(web))
    summary = collect(make_ctx, site)
    assert summary.status == "unavailable"
    assert summary.message.startswith("snscrape could not search X (KeyError inside snscrape)")
    assert "X_BEARER_TOKEN" in summary.message
    assert table(engine, "source_runs")[-1]["status"] == "unavailable"
    # What snscrape gave before it broke is kept, but the stream's position does not move, so the next
    # run looks at the same tweets again instead of jumping past the unread ones.
    assert sorted(stored(engine)) == sorted(f"x:{tid(n)}" for n in (103, 104, 105))
    assert "scrape:search:Kestrel Air:since" not in cursors(engine)
    assert not table(engine, "quarantine")


def test_no_request_leaves_the_machine(make_ctx, engine, serve, web, offline):
    site = Site(serve(web))
    collect(make_ctx, site)
    assert offline == []
    assert site.urls and len(site.urls) == len(site.server.requests)
    assert all(u.startswith(("https://twitter.com/", "https://api.twitter.com/")) for u in site.urls)
