"""Mastodon (real Mastodon.py) and Bluesky (real atproto Client) against fake servers."""
from __future__ import annotations

import logging
from dataclasses import replace

from collectors.bluesky import BlueskyCollector
from collectors.mastodon import MastodonCollector, hashtags
from collectors.runner import run_collector
from collectors.text import html_to_text
from conftest import POLICY
from fakes import Fault, FakeBluesky, FakeMastodon, Reply, skeet, toot
from readback import dump_db, stored, table

M_TOKEN = "mastodon-token-SECRET-42"
ME = {"id": "900", "username": "kestrel", "acct": "kestrel", "display_name": "Kestrel Air",
      "url": "https://social.example/@kestrel", "followers_count": 5000, "note": "", "avatar": "",
      "created_at": "2020-01-01T00:00:00.000Z"}


def fake_mastodon() -> FakeMastodon:
    fake = FakeMastodon(M_TOKEN, ME)
    fake.search["Kestrel Air"] = [
        toot(115, "<p>Kestrel Air lost my bag &amp; my patience</p>", "alice", "2025-03-02T10:15:00.000Z"),
        toot(114, "<p>Flying Kestrel Air<br>to Faro</p>", "bob@other.example", "2025-03-02T10:14:00.000Z"),
    ]
    fake.tags["kestrelair"] = [toot(113, "<p>views! #kestrelair</p>", "dora", "2025-03-02T10:13:00.000Z")]
    fake.notifications = [{"id": "7001", "type": "mention", "created_at": "2025-03-02T10:12:00.000Z",
                           "account": toot(1, "", "carol", "2025-03-02T10:12:00.000Z")["account"],
                           "status": toot(112, "<p>@kestrel help, my booking vanished</p>", "carol",
                                          "2025-03-02T10:12:00.000Z")}]
    fake.own = [toot(120, "<p>@alice so sorry, please DM us</p>", "kestrel", "2025-03-02T10:45:00.000Z",
                     reply_to=115, reply_to_account="aalice")]
    return fake


def collect_mastodon(make_ctx, server, token=M_TOKEN):
    ctx = make_ctx("mastodon")
    return run_collector(MastodonCollector(ctx, api_base_url=server.url, access_token=token), ctx)


def test_html_and_hashtags():
    assert html_to_text("<p>a &amp; b<br>c</p><p>d</p>") == "a & b\nc\n\nd"
    assert hashtags(["Kestrel Air", "#kestrelair", "Nimbus-Bank", "x y!"]) == ["kestrelair", "nimbusbank"]


def test_mastodon_search_tags_mentions_and_own_replies(make_ctx, engine, serve):
    summary = collect_mastodon(make_ctx, serve(fake_mastodon()))
    assert summary.status == "ok", summary.message
    rows = stored(engine)
    key = "mastodon:social.example:"
    alice = rows[key + "115"]
    assert alice["text"] == "Kestrel Air lost my bag & my patience"
    assert alice["channel"] == "social.example" and alice["brand"] == "Kestrel Air"
    assert rows[key + "114"]["text"] == "Flying Kestrel Air\nto Faro"
    assert rows[key + "113"]["brand"] == "Kestrel Air"
    # A mention of our account needs no keyword: it is addressed to us.
    assert rows[key + "112"]["brand"] == "Kestrel Air"
    own = rows[key + "120"]
    assert own["is_own"] and own["parent_id"] == key + "115" and own["author_name"] == "kestrel@social.example"
    assert alice["first_reply_ts"] == 1740912300 and alice["first_reply_by"] == "kestrel@social.example"


def test_mastodon_pages_by_max_id_and_reruns_without_duplicates(make_ctx, engine, serve):
    fake = fake_mastodon()
    fake.search["Kestrel Air"] = [toot(1000 - i, f"<p>Kestrel Air post {i}</p>", "alice",
                                       "2025-03-02T10:00:00.000Z") for i in range(45)]
    server = serve(fake)
    collect_mastodon(make_ctx, server)
    searches = [r for r in server.hits("/api/v2/search") if r.query["q"] == "Kestrel Air"]
    assert [r.query.get("max_id") for r in searches] == [None, "961"]
    assert len([i for i in stored(engine) if 955 < int(i.rsplit(":", 1)[1]) <= 1000]) == 45
    count = len(stored(engine))
    again = collect_mastodon(make_ctx, server)
    assert again.inserted == 0 and len(stored(engine)) == count


def test_mastodon_429_retry_after_and_malformed_status(make_ctx, engine, serve):
    fake = fake_mastodon()
    del fake.tags["kestrelair"][0]["account"]
    server = serve(fake)
    server.fail("/api/v2/search", Reply({"error": "Too many requests"}, 429, {"Retry-After": "4"}))
    slept: list[float] = []
    ctx = make_ctx("mastodon", policy=replace(POLICY, sleep=slept.append))
    summary = run_collector(MastodonCollector(ctx, api_base_url=server.url, access_token=M_TOKEN), ctx)
    assert summary.status == "ok" and slept[:1] == [4.0]  # waited as asked, then went on
    assert summary.quarantined == 1 and "account" in table(engine, "quarantine")[0]["error"]


def test_mastodon_bad_token(make_ctx, engine, serve, caplog):
    caplog.set_level(logging.DEBUG)
    summary = collect_mastodon(make_ctx, serve(fake_mastodon()), token="bad-SECRET-token")
    assert summary.status == "auth failed"
    assert "bad-SECRET-token" not in caplog.text + summary.message + dump_db(engine)


B_PASSWORD = "app-pass-SECRET-wxyz"


def fake_bluesky() -> FakeBluesky:
    fake = FakeBluesky("kestrelair.bsky.social", B_PASSWORD)
    fake.search["Kestrel Air"] = [
        skeet("p3", "Kestrel Air upgraded me!", "ann.bsky.social", "2025-03-03T09:03:00.000Z"),
        skeet("p2", "Is Kestrel Air down?", "ben.bsky.social", "2025-03-03T09:02:00.000Z"),
        skeet("p1", "Kestrel Air, my bag is missing", "cat.bsky.social", "2025-03-03T09:01:00.000Z"),
    ]
    fake.feeds["kestrelair.bsky.social"] = [
        skeet("r1", "@cat so sorry, DM us", "kestrelair.bsky.social", "2025-03-03T09:21:00.000Z",
              parent="at://did:plc:cat/app.bsky.feed.post/p1")]
    return fake


def collect_bluesky(make_ctx, server, password=B_PASSWORD):
    ctx = make_ctx("bluesky")
    return run_collector(BlueskyCollector(ctx, handle="kestrelair.bsky.social", app_password=password,
                                          base_url=server.url), ctx)


def test_bluesky_search_pages_with_cursor_and_tracks_our_replies(make_ctx, engine, serve):
    server = serve(fake_bluesky())
    summary = collect_bluesky(make_ctx, server)
    assert summary.status == "ok", summary.message
    searches = [r for r in server.hits("searchPosts") if r.query["q"] == "Kestrel Air"]
    assert [r.query.get("cursor") for r in searches] == [None, "2"]
    rows = stored(engine)
    question = rows["bluesky:at://did:plc:cat/app.bsky.feed.post/p1"]
    answer = rows["bluesky:at://did:plc:kestrelair/app.bsky.feed.post/r1"]
    assert answer["is_own"] and answer["kind"] == "reply" and answer["parent_id"] == question["id"]
    assert question["first_reply_ts"] == 1740993660 and question["first_reply_by"] == "kestrelair.bsky.social"
    assert question["url"] == "https://bsky.app/profile/cat.bsky.social/post/p1"
    again = collect_bluesky(make_ctx, server)
    assert again.inserted == 0


def test_bluesky_resumes_from_the_cursor_and_quarantines_malformed_posts(make_ctx, engine, serve):
    fake = fake_bluesky()
    del fake.search["Kestrel Air"][1]["record"]["text"]
    server = serve(fake)
    server.faults.append(Fault(lambda r: r.query.get("cursor") == "2", Reply({"error": "InternalServerError"}, 500),
                               times=None))
    crashed = collect_bluesky(make_ctx, server)
    assert crashed.status == "unavailable" and crashed.quarantined == 1
    assert {c["key"]: c["value"] for c in table(engine, "cursors")}["search:Kestrel Air:Kestrel Air:next"] == "2"
    server.faults.clear()
    seen = len(server.requests)
    resumed = collect_bluesky(make_ctx, server)
    assert resumed.status == "ok"
    assert next(r for r in server.requests[seen:] if "searchPosts" in r.path).query.get("cursor") == "2"
    assert "bluesky:at://did:plc:cat/app.bsky.feed.post/p1" in stored(engine)


def test_bluesky_wrong_password(make_ctx, engine, serve, caplog):
    caplog.set_level(logging.DEBUG)
    summary = collect_bluesky(make_ctx, serve(fake_bluesky()), password="nope-SECRET-pw")
    assert summary.status == "auth failed"
    assert "nope-SECRET-pw" not in caplog.text + summary.message + dump_db(engine)
