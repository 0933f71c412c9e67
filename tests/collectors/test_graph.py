"""Facebook Pages and Instagram through the Graph API fake: marketing-post comments, own replies,
cursor paging, resume, throttling, and the token never leaving the Authorization header."""
from __future__ import annotations

import base64
import json
import logging
from datetime import datetime, timedelta, timezone

from collectors.facebook import FacebookCollector
from collectors.instagram import InstagramCollector
from collectors.runner import run_collector
from fakes import Fault, FakeGraph, Reply
from readback import dump_db, stored, table

TOKEN = "EAAG-page-token-SECRET-abc"
NOW = datetime.now(timezone.utc).replace(microsecond=0)


def at(hours: float) -> str:
    return (NOW - timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%S+0000")


def ts(hours: float) -> int:
    return int((NOW - timedelta(hours=hours)).timestamp())


def fb_fake() -> FakeGraph:
    g = FakeGraph(TOKEN, page_size=2)
    g.objects["1001"] = {"id": "1001", "name": "Kestrel Air"}
    page = {"id": "1001", "name": "Kestrel Air"}
    g.edges["1001/posts"] = [
        {"id": "1001_1", "message": "Summer sale! Fly to Lisbon from 49 EUR", "created_time": at(30), "from": page,
         "reactions": {"summary": {"total_count": 12}}, "comments": {"summary": {"total_count": 3}}},
        {"id": "1001_2", "message": "New route: Porto", "created_time": at(60), "from": page},
        {"id": "1001_3", "message": "Crew spotlight", "created_time": at(70), "from": page},
    ]
    g.edges["1001/visitor_posts"] = [
        {"id": "1001_9", "message": "My refund is 6 weeks late", "created_time": at(20),
         "from": {"id": "u77", "name": "Vera Visitor"}}]
    g.edges["1001/tagged"] = [
        {"id": "555_1", "message": "Landed safely with @Kestrel Air", "created_time": at(10),
         "from": {"id": "u55", "name": "Tom Tagger"}}]
    g.edges["1001_1/comments"] = [  # chronological, as we ask for
        {"id": "1001_1_c1", "message": "How do I change my booking??", "created_time": at(29),
         "from": {"id": "u1", "name": "Ann"}, "like_count": 2},
        {"id": "1001_1_c2", "message": "Hi Ann, send us a DM with your booking code.", "created_time": at(28),
         "from": page, "parent": {"id": "1001_1_c1"}},
        {"id": "1001_1_c3", "message": "Is the sale also for flights in June?", "created_time": at(27),
         "from": {"id": "u2", "name": "Ben"}},
    ]
    g.edges["1001_9/comments"] = [
        {"id": "1001_9_c1", "message": "So sorry Vera, we are on it.", "created_time": at(19), "from": page}]
    g.edges["1001_2/comments"] = []
    g.edges["1001_3/comments"] = []
    g.edges["555_1/comments"] = []
    return g


def collect_fb(make_ctx, server, token=TOKEN):
    ctx = make_ctx("facebook")
    return run_collector(FacebookCollector(ctx, token=token, base_url=server.url + "/v21.0"), ctx)


def test_marketing_post_comments_are_flagged_and_own_replies_tracked(make_ctx, engine, serve):
    summary = collect_fb(make_ctx, serve(fb_fake()))
    assert summary.status == "ok", summary.message
    rows = stored(engine)
    question = rows["facebook:1001_1_c1"]
    assert question["on_marketing_post"] and not question["is_own"] and question["brand"] == "Kestrel Air"
    assert question["kind"] == "comment" and question["parent_id"] == "facebook:1001_1"
    assert question["channel"] == "Kestrel Air (Facebook page)"
    reply = rows["facebook:1001_1_c2"]
    assert reply["is_own"] and reply["kind"] == "reply" and reply["parent_id"] == "facebook:1001_1_c1"
    assert question["first_reply_ts"] == ts(28)
    assert rows["facebook:1001_1_c3"]["first_reply_ts"] is None
    post = rows["facebook:1001_1"]
    assert post["is_own"] and post["likes"] == 12 and post["replies"] == 3
    visitor = rows["facebook:1001_9"]
    assert not visitor["is_own"] and visitor["first_reply_ts"] == ts(19)
    assert not rows["facebook:1001_9_c1"]["on_marketing_post"]  # a visitor post is not our marketing
    assert "facebook:555_1" in rows


def test_cursor_paging_and_the_token_stays_out_of_urls_db_and_logs(make_ctx, engine, serve, caplog):
    caplog.set_level(logging.DEBUG)
    server = serve(fb_fake())
    collect_fb(make_ctx, server)
    posts = server.hits("/1001/posts")
    assert [r.query.get("after") for r in posts] == [None, base64.b64encode(b"2").decode()]
    assert all("access_token" not in r.query for r in server.requests)
    assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in server.requests)
    assert TOKEN not in dump_db(engine) and TOKEN not in caplog.text


def test_rerun_asks_only_for_comments_after_the_saved_cursor(make_ctx, engine, serve):
    fake = fb_fake()
    server = serve(fake)
    collect_fb(make_ctx, server)
    before = len(stored(engine))
    fake.edges["1001_1/comments"].append(
        {"id": "1001_1_c4", "message": "Booked, thanks!", "created_time": at(1), "from": {"id": "u1", "name": "Ann"}})
    seen = len(server.requests)
    again = collect_fb(make_ctx, server)
    assert again.inserted == 1 and len(stored(engine)) == before + 1
    asked = [r.query.get("after") for r in server.requests[seen:] if r.path.endswith("1001_1/comments")]
    assert asked == [base64.b64encode(b"3").decode()]


def test_resume_inside_a_comment_thread_after_a_crash(make_ctx, engine, serve):
    fake = fb_fake()
    server = serve(fake)
    second_page = base64.b64encode(b"2").decode()
    server.faults.append(Fault(
        lambda r: r.path.endswith("1001_1/comments") and r.query.get("after") == second_page,
        Reply({"error": {"message": "An unexpected error has occurred.", "code": 2}}, 500), times=None))
    crashed = collect_fb(make_ctx, server)
    assert crashed.status == "unavailable"
    assert "facebook:1001_1_c2" in stored(engine) and "facebook:1001_1_c3" not in stored(engine)
    assert {c["key"]: c["value"] for c in table(engine, "cursors")}["comments:1001_1"] == second_page
    server.faults.clear()
    seen = len(server.requests)
    resumed = collect_fb(make_ctx, server)
    assert resumed.status == "ok" and "facebook:1001_1_c3" in stored(engine)
    first_comment_call = next(r for r in server.requests[seen:] if r.path.endswith("1001_1/comments"))
    assert first_comment_call.query["after"] == second_page


def test_meta_throttling_ends_the_run_as_rate_limited(make_ctx, engine, serve):
    server = serve(fb_fake())
    usage = json.dumps({"call_count": 100, "total_time": 40, "total_cputime": 30})
    server.fail("/1001/posts", Reply({"error": {"message": "(#4) Application request limit reached", "code": 4}},
                                     403, {"X-App-Usage": usage}), times=None)
    summary = collect_fb(make_ctx, server)
    assert summary.status == "rate limited" and "code 4" in summary.message
    assert TOKEN not in summary.message


def test_wrong_token_is_an_auth_failure(make_ctx, engine, serve):
    summary = collect_fb(make_ctx, serve(fb_fake()), token="not-the-SECRET")
    assert summary.status == "auth failed" and "not-the-SECRET" not in summary.message


def ig_fake() -> FakeGraph:
    g = FakeGraph(TOKEN, page_size=2)
    g.objects["17841"] = {"id": "17841", "username": "kestrelair"}
    g.edges["17841/media"] = [
        {"id": "m2", "caption": "Sunset over Lisbon #kestrelair", "timestamp": at(5), "username": "kestrelair",
         "like_count": 40, "comments_count": 2, "permalink": "https://instagram.example/p/m2"},
        {"id": "m1", "caption": "Old post", "timestamp": (NOW - timedelta(days=40)).isoformat()},
    ]
    g.edges["17841/tags"] = [{"id": "t1", "caption": "Thanks for the upgrade!", "timestamp": at(3),
                              "username": "happy_flyer"}]
    g.edges["m2/comments"] = [
        {"id": "k1", "text": "Do you fly to Madeira?", "timestamp": at(4), "username": "curious_cat",
         "from": {"id": "9", "username": "curious_cat"},
         "replies": {"data": [{"id": "k2", "text": "@curious_cat from June!", "timestamp": at(3.5),
                               "username": "kestrelair", "from": {"id": "17841", "username": "kestrelair"}}]}},
        {"id": "k3", "text": "broken", "username": "x"},  # no timestamp: quarantined
    ]
    return g


def test_instagram_comments_replies_and_own_answers(make_ctx, engine, serve):
    ctx = make_ctx("instagram")
    server = serve(ig_fake())
    summary = run_collector(InstagramCollector(ctx, token=TOKEN, base_url=server.url + "/v21.0"), ctx)
    assert summary.status == "ok" and summary.quarantined == 1
    rows = stored(engine)
    assert "instagram:m1" not in rows  # older than the comment window: paging stopped there
    assert rows["instagram:m2"]["is_own"] and rows["instagram:m2"]["channel"] == "@kestrelair"
    question, answer = rows["instagram:k1"], rows["instagram:k2"]
    assert question["on_marketing_post"] and question["kind"] == "comment" and not question["is_own"]
    assert answer["is_own"] and answer["kind"] == "reply" and answer["parent_id"] == "instagram:k1"
    assert question["first_reply_ts"] == ts(3.5) and question["first_reply_by"] == "kestrelair"
    assert not rows["instagram:t1"]["is_own"]
    assert table(engine, "quarantine")[0]["ref"] == "k3"


def test_time_based_paging_follows_next_links_without_keeping_the_token(make_ctx, engine, serve):
    fake = fb_fake()
    fake.time_paged.add("1001/visitor_posts")
    fake.edges["1001/visitor_posts"] += [
        {"id": f"1001_9{i}", "message": f"question {i}", "created_time": at(21 + i), "from": {"id": f"v{i}"}}
        for i in range(3)]
    for i in range(3):
        fake.edges[f"1001_9{i}/comments"] = []
    server = serve(fake)
    summary = collect_fb(make_ctx, server)
    assert summary.status == "ok"
    assert {f"facebook:1001_9{i}" for i in range(3)} <= set(stored(engine))
    pages = server.hits("/1001/visitor_posts")
    assert [r.query.get("__paging_token") for r in pages] == [None, "2"]
    assert pages[1].query["until"] == "1700000000" and "access_token" not in pages[1].query
    assert TOKEN not in dump_db(engine)


def test_a_post_we_may_not_read_is_reported_and_the_rest_collected(make_ctx, engine, serve):
    server = serve(fb_fake())
    server.fail("/555_1/comments", Reply({"error": {"message": "(#10) Requires pages_read_user_content",
                                                    "code": 10}}, 403), times=None)
    summary = collect_fb(make_ctx, server)
    assert summary.status == "partial" and "comments of 555_1" in summary.message and "code 10" in summary.message
    assert "facebook:1001_1_c3" in stored(engine) and "facebook:1001_9_c1" in stored(engine)
