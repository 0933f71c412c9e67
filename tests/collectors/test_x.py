"""X: API v2 recent search against a fake server, and snscrape reporting that it is blocked."""
from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

from collectors.runner import run_collector
from collectors.x import XCollector, brand_query
from fake_x_web import ToFake
from fakes import FakeX, Reply, tweet
from readback import dump_db, stored, table

TOKEN = "x-bearer-SECRET-123456"


def fake_x() -> FakeX:
    fake = FakeX(TOKEN, page_size=2)
    fake.users = {u: {"id": u, "username": name, "name": name.title(), "public_metrics": {"followers_count": 42}}
                  for u, name in (("u1", "alice"), ("u2", "bob"), ("u9", "KestrelAir"))}
    fake.tweets['"Kestrel Air"'] = [
        tweet(105, "Kestrel Air lost my bag again", "u1", "2025-03-01T10:05:00.000Z"),
        tweet(104, "flying kestrelair tomorrow", "u2", "2025-03-01T10:04:00.000Z"),
        tweet(103, "@KestrelAir where is my refund?", "u1", "2025-03-01T10:03:00.000Z"),
        tweet(102, "Kestrel Air crew were lovely", "u2", "2025-03-01T10:02:00.000Z"),
        tweet(101, "first Kestrel Air flight", "u1", "2025-03-01T10:01:00.000Z"),
    ]
    return fake


def collect(make_ctx, server, token=TOKEN):
    ctx = make_ctx("x")
    return run_collector(XCollector(ctx, bearer_token=token, base_url=server.url), ctx)


def test_query_has_keywords_handles_exclusions_and_languages(settings):
    q = brand_query(settings.brands[0])
    assert q.startswith('("Kestrel Air" OR kestrelair OR @KestrelAir)')
    assert '-"kestrel falcon"' in q and "(lang:en OR lang:de)" in q and q.endswith("-is:retweet")


def test_pages_to_the_end_and_rerun_adds_no_duplicates(make_ctx, engine, serve):
    fake = fake_x()
    server = serve(fake)
    first = collect(make_ctx, server)
    assert first.status == "ok" and first.inserted == 5
    searches = [r for r in server.hits("/2/tweets/search/recent") if '"Kestrel Air"' in r.query["query"]]
    assert [r.query.get("next_token") for r in searches] == [None, "t2", "t4"]
    m = stored(engine)["x:103"]
    assert m["brand"] == "Kestrel Air" and m["channel"] == "X search" and m["author_followers"] == 42
    assert m["author_id"].startswith("p_") and m["author_name"] is None  # pseudonymised, no handle kept

    seen = len(server.requests)
    again = collect(make_ctx, server)
    assert again.inserted == 0 and len(stored(engine)) == 5
    assert [r.query.get("since_id") for r in server.requests[seen:] if '"Kestrel Air"' in r.query["query"]] == ["105"]

    fake.tweets['"Kestrel Air"'].insert(0, tweet(106, "Kestrel Air again", "u2", "2025-03-01T10:06:00.000Z"))
    third = collect(make_ctx, server)
    assert third.inserted == 1 and len(stored(engine)) == 6


def test_resumes_from_the_saved_next_token_after_the_server_dies(make_ctx, engine, serve):
    fake = fake_x()
    dying = serve(fake)
    dying.die_after = 2  # answers two pages, then the process is gone
    crashed = collect(make_ctx, dying)
    assert crashed.status == "unavailable" and crashed.inserted == 4
    cursors = {c["key"]: c["value"] for c in table(engine, "cursors")}
    assert cursors["search:Kestrel Air:next"] == "t4"

    server = serve(fake)  # a fresh process, same data
    resumed = collect(make_ctx, server)
    assert resumed.status == "ok" and resumed.inserted == 1
    assert server.requests[0].query.get("next_token") == "t4"
    assert len(stored(engine)) == 5
    cursors = {c["key"]: c["value"] for c in table(engine, "cursors")}
    assert cursors["search:Kestrel Air:since"] == "105" and cursors["search:Kestrel Air:next"] == ""


def test_malformed_tweet_is_quarantined_and_the_rest_stored(make_ctx, engine, serve):
    fake = fake_x()
    del fake.tweets['"Kestrel Air"'][1]["created_at"]
    summary = collect(make_ctx, serve(fake))
    assert summary.status == "ok" and summary.quarantined == 1 and summary.inserted == 4
    [q] = table(engine, "quarantine")
    assert q["source"] == "x" and q["ref"] == "104" and "created_at" in q["error"]
    assert "flying kestrelair" in q["raw"]


def test_own_replies_set_first_response_time(make_ctx, engine, serve):
    fake = fake_x()
    fake.tweets["from:"] = [tweet(301, "@alice so sorry, DM us", "u9", "2025-03-01T10:33:00.000Z", reply_to=103)]
    # A customer answering our reply needs no keyword: it is about us.
    fake.tweets['"Kestrel Air"'].insert(0, tweet(302, "@KestrelAir ok done", "u1", "2025-03-01T10:40:00.000Z",
                                           reply_to=301))
    fake.tweets['"Kestrel Air"'][0]["text"] = "ok done"
    collect(make_ctx, serve(fake))
    rows = stored(engine)
    own = rows["x:301"]
    assert own["is_own"] and own["author_name"] == "KestrelAir" and own["parent_id"] == "x:103"
    assert rows["x:103"]["first_reply_ts"] == int(datetime(2025, 3, 1, 10, 33, tzinfo=timezone.utc).timestamp())
    assert rows["x:103"]["first_reply_by"] == "KestrelAir"
    assert rows["x:302"]["brand"] == "Kestrel Air" and rows["x:302"]["kind"] == "reply"


def test_429_retry_after_is_honoured(make_ctx, engine, serve):
    server = serve(fake_x())
    server.fail("/2/tweets", Reply({"title": "Too Many Requests"}, 429, {"Retry-After": "1"}))
    started = time.monotonic()
    summary = collect(make_ctx, server)
    waited = time.monotonic() - started
    assert summary.status == "ok" and summary.inserted == 5
    assert waited >= 0.95
    assert server.requests[0].query == server.requests[1].query  # the same page was asked again


def test_rejected_token_ends_the_run_without_showing_it(make_ctx, engine, serve, caplog):
    caplog.set_level(logging.DEBUG)
    server = serve(fake_x())
    summary = collect(make_ctx, server, token="wrong-SECRET-token-999")
    assert summary.status == "auth failed" and "bearer token" in summary.message
    assert "wrong-SECRET-token-999" not in caplog.text + summary.message + dump_db(engine)


def test_snscrape_blocked_is_reported_plainly(make_ctx, engine, serve):
    server = serve(lambda req: Reply("<html>Something went wrong</html>", 403, content_type="text/html"))

    def factory(query):
        import snscrape.modules.twitter as sntwitter

        scraper = sntwitter.TwitterSearchScraper(query, retries=0)
        for prefix in ("https://twitter.com", "https://api.twitter.com"):
            scraper._session.mount(prefix, ToFake(server.url))
        return scraper

    ctx = make_ctx("x")
    summary = run_collector(XCollector(ctx, scraper_factory=factory), ctx)
    assert summary.status == "unavailable"
    assert "blocks scraping" in summary.message and "X_BEARER_TOKEN" in summary.message
    assert server.requests, "snscrape really asked the (fake) site"
    assert table(engine, "source_runs")[-1]["status"] == "unavailable"
