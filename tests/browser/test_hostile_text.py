"""Hostile post text and author names render as inert text on every page: no script runs,
no remote image loads, no link is created from user markdown."""
from __future__ import annotations

import shutil
from datetime import timedelta
from urllib.parse import urlparse

import pytest

from lawine import store
from lawine.detect import run_detection
from lawine.model import Mention
from tests.browser.conftest import dashboard_server, open_page, page_paths
from tests.conftest import DEMO_END

pytestmark = pytest.mark.browser

HOSTILE = [
    "<script>window.__pwned = 1</script> my refund is late",
    '<img src="http://evil.example/x.png" onerror="window.__pwned = 2"> charged twice',
    "[click here for a refund](http://evil.example/phish) ![logo](http://evil.example/i.png) no answer",
    "**URGENT** <b>bold</b> <iframe src=http://evil.example></iframe> still waiting",
    "\u202eevil right-to-left override\u202c and \x07 bell \x1b[31m ansi red, lost luggage",
    "😡😡😡😡😡",
    "still no refund " + "A" * 20000,
    "{{7*7}} ${7*7} <svg onload=window.__pwned=3> javascript:window.__pwned=4",
]


def hostile_mentions() -> list[Mention]:
    rows = []
    for week_back in (0, 1):  # this week (queue, feed) and last week (weekly snapshot samples)
        for i, text in enumerate(HOSTILE):
            ts = DEMO_END - timedelta(days=7 * week_back, hours=1 + i)
            rows.append(Mention(
                id=f"x:hostile-{week_back}-{i}", source="x", channel="X search", author_id=f"p_h{i}",
                author_name='<script>window.__pwned = 5</script>"><img src=http://evil.example/a.png>',
                author_followers=500_000, brand="Kestrel Air", text=text, created_at=ts, likes=900, shares=300,
                replies=40, url="javascript:window.__pwned=6", sentiment=-0.9, sentiment_label="negative",
                intent="complaint", needs_reply=True, on_marketing_post=i % 2 == 0, sensitive=i == 2,
                lang="en"))
    return rows


@pytest.fixture(scope="module")
def hostile_server(demo_db, tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    db = work / "demo.db"
    shutil.copy(demo_db, db)
    engine = store.open_store(f"sqlite:///{db}")
    store.upsert_mentions(engine, hostile_mentions())
    run_detection(engine, DEMO_END, days=35)
    engine.dispose()
    with dashboard_server(db, work) as url:
        yield url


@pytest.mark.parametrize("path", page_paths())
def test_hostile_text_is_inert(hostile_server, browser, shots, path):
    remote: list[str] = []
    page = open_page(browser, f"{hostile_server}/{path}?from=2026-11-01&to=2026-11-20")
    page.on("request", lambda req: remote.append(req.url)
            if urlparse(req.url).hostname not in ("127.0.0.1", "localhost", None) else None)
    page.reload()
    page.wait_for_selector("h1", timeout=90_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    page.screenshot(path=str(shots / f"hostile_{path or 'overview'}.png"), full_page=True)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("a[href*='evil.example'], img[src*='evil.example'], iframe, [onerror], [onload]").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert [u for u in remote if "evil.example" in u] == []
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()
