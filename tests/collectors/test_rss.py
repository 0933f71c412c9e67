"""RSS/Atom: keyword matching, conditional GET on reruns, broken feeds quarantined, dead feeds contained."""
from __future__ import annotations

from collectors.rss import RssCollector, entry_id
from collectors.runner import run_collector
from fakes import Reply
from readback import stored, table

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Travel News</title><language>en-gb</language>
<item><title>Kestrel Air adds Lisbon route</title><link>https://news.example/lisbon</link>
  <guid isPermaLink="false">urn:news:1</guid><pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate>
  <description>&lt;p&gt;The airline &lt;b&gt;expands&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>Weather delays across Europe</title><link>https://news.example/weather</link>
  <guid isPermaLink="false">urn:news:2</guid><pubDate>Mon, 03 Mar 2025 07:00:00 GMT</pubDate></item>
<item><title>Nimbus Bank fees rise</title><link>https://news.example/fees</link>
  <guid isPermaLink="false">urn:news:3</guid><pubDate>Sun, 02 Mar 2025 07:00:00 GMT</pubDate></item>
<item><title>Kestrel Air strike, date unknown</title><link>https://news.example/strike</link><guid isPermaLink="false">urn:news:4</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Flyer Reviews</title>
<entry><title>Review: kestrelair economy</title><id>tag:reviews.example,2025:7</id>
  <link href="https://reviews.example/7"/><updated>2025-03-01T12:00:00Z</updated>
  <author><name>Frequent Flyer</name></author><summary>Tight seats, friendly crew.</summary></entry>
</feed>"""


def feeds_app(state: dict):
    def app(req):
        if req.path == "/news.xml":
            if req.headers.get("if-none-match") == '"v1"':
                return Reply(b"", 304, {"ETag": '"v1"'})
            return Reply(RSS, headers={"ETag": '"v1"'}, content_type="application/rss+xml")
        if req.path == "/reviews.atom":
            return Reply(ATOM, content_type="application/atom+xml")
        if req.path == "/broken.xml":
            return Reply("<html><body>Cloudflare says no<", content_type="text/html")
        return Reply("gone", 500, content_type="text/plain")
    return app


def collect(make_ctx):
    ctx = make_ctx("rss")
    return run_collector(RssCollector(ctx), ctx)


def test_feeds_are_matched_against_brand_keywords(make_ctx, settings, engine, serve):
    server = serve(feeds_app({}))
    settings.brands[0].feeds = [f"{server.url}/news.xml", f"{server.url}/reviews.atom"]
    settings.brands[1].feeds = [f"{server.url}/news.xml"]  # listed twice: fetched once
    summary = collect(make_ctx)
    assert summary.status == "ok", summary.message
    rows = stored(engine)
    assert set(rows) == {"rss:urn:news:1", "rss:urn:news:3", "rss:tag:reviews.example,2025:7"}
    lisbon = rows["rss:urn:news:1"]
    assert lisbon["brand"] == "Kestrel Air" and lisbon["channel"] == "Travel News"
    assert lisbon["text"] == "Kestrel Air adds Lisbon route\n\nThe airline expands."
    assert rows["rss:urn:news:3"]["brand"] == "Nimbus Bank"
    assert summary.filtered == 1 and summary.quarantined == 1  # the weather item; the undated strike item
    assert "no published or updated date" in table(engine, "quarantine")[0]["error"]
    assert len(server.hits("/news.xml")) == 1

    again = collect(make_ctx)
    assert again.inserted == 0 and again.quarantined == 0
    assert server.hits("/news.xml")[-1].headers.get("if-none-match") == '"v1"'


def test_broken_feed_is_quarantined_and_a_dead_one_does_not_stop_the_rest(make_ctx, settings, engine, serve):
    server = serve(feeds_app({}))
    settings.brands[0].feeds = [f"{server.url}/dead.xml", f"{server.url}/broken.xml", f"{server.url}/news.xml"]
    summary = collect(make_ctx)
    assert summary.status == "partial" and "HTTP 500" in summary.message
    assert "rss:urn:news:1" in stored(engine)
    refs = [q["ref"] for q in table(engine, "quarantine")]
    assert f"{server.url}/broken.xml" in refs


def test_long_ids_are_hashed():
    assert entry_id({"id": "https://x.example/" + "a" * 400}).startswith("sha1:")
    assert entry_id({"link": "https://x.example/1"}) == "https://x.example/1"
