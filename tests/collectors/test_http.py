"""Retries, backoff and rate-limit headers, on both HTTP stacks, against a fake server."""
from __future__ import annotations

import json
import time
from dataclasses import replace
from email.utils import formatdate

import pytest

from collectors.errors import RateLimited, SourceUnavailable, redact
from collectors.http import (RateGate, RetryingSession, RetryPolicy, http_client, meta_usage, plan_wait,
                             reset_in, retry_after)
from fakes import Reply

FAST = RetryPolicy(attempts=3, base=0.01, cap=0.05, max_wait=5.0, timeout=0.5)


def ok(req):
    return Reply({"ok": True})


def test_retry_after_as_seconds_or_http_date():
    assert retry_after({"retry-after": "3"}) == 3.0
    assert 9 <= retry_after({"retry-after": formatdate(time.time() + 10, usegmt=True)}) <= 10
    assert retry_after({}) is None and retry_after({"retry-after": "soon"}) is None


def test_reset_headers_in_their_three_dialects():
    now = 1_700_000_000.0
    assert reset_in(str(int(now) + 60), now) == 60          # X: epoch seconds
    assert reset_in("42", now) == 42                         # Reddit: seconds left
    assert reset_in("2023-11-14T22:13:27.000Z", now) == pytest.approx(7.0)  # Mastodon: ISO time


def test_meta_usage_headers():
    assert meta_usage({"x-app-usage": json.dumps({"call_count": 97, "total_time": 10})}) == (97.0, None)
    buc = {"123": [{"type": "pages", "call_count": 100, "total_cputime": 5, "estimated_time_to_regain_access": 3}]}
    assert meta_usage({"x-business-use-case-usage": json.dumps(buc)}) == (100.0, 180.0)


def test_backoff_grows_with_jitter_and_a_cap():
    policy = RetryPolicy(base=1.0, cap=8.0)
    waits = [policy.backoff(n) for n in range(6)]
    assert 0.5 <= waits[0] <= 1.0 and 2.0 <= waits[2] <= 4.0 and all(w <= 8.0 for w in waits)
    assert plan_wait(policy, 0, 429, {"retry-after": "7"}) == 7.0
    assert plan_wait(policy, 0, 429, {"x-rate-limit-reset": str(int(time.time()) + 30)}) == pytest.approx(30, abs=1)


def test_httpx_retries_500_then_succeeds(serve):
    server = serve(ok)
    server.fail("/api", Reply({"error": "boom"}, 500))
    with http_client(FAST, "Test", server.url) as client:
        assert client.get("/api").json() == {"ok": True}
    assert len(server.requests) == 2


def test_httpx_retries_a_timeout(serve):
    server = serve(ok)
    server.fail("/slow", Reply({"ok": "late"}, delay=1.0))
    with http_client(FAST, "Test", server.url) as client:
        assert client.get("/slow").json() == {"ok": True}


def test_gives_up_after_the_last_attempt(serve):
    server = serve(lambda req: Reply({"error": "down"}, 503))
    with http_client(FAST, "Test", server.url) as client, pytest.raises(SourceUnavailable, match="503"):
        client.get("/api", params={"access_token": "SECRET-in-query"})
    assert len(server.requests) == 3


def test_a_wait_longer_than_max_wait_stops_at_once(serve):
    server = serve(lambda req: Reply({"error": "slow down"}, 429, {"Retry-After": "3600"}))
    started = time.monotonic()
    with http_client(FAST, "Test", server.url) as client, pytest.raises(RateLimited, match="3600s"):
        client.get("/api")
    assert time.monotonic() - started < 1.0 and len(server.requests) == 1


def test_requests_session_honours_retry_after(serve):
    slept: list[float] = []
    server = serve(ok)
    server.fail("/api", Reply({"error": "slow down"}, 429, {"Retry-After": "2"}))
    response = RetryingSession(replace(FAST, sleep=slept.append), "Test").get(server.url + "/api")
    assert response.json() == {"ok": True} and slept[:1] == [2.0]


def test_requests_session_gives_up_on_a_dead_server(serve):
    server = serve(ok)
    server.stop()
    with pytest.raises(SourceUnavailable, match="ConnectionError"):
        RetryingSession(FAST, "Test").get(server.url + "/api")


def test_gate_paces_when_the_window_is_used_up():
    slept = []
    policy = RetryPolicy(max_wait=100, sleep=slept.append)
    gate = RateGate(policy, "X")
    gate.observe(200, {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(time.time()) + 20)})
    gate.wait()
    assert slept and 18 <= slept[0] <= 20
    gate.hold(500)
    with pytest.raises(RateLimited):
        gate.wait()


def test_redact_removes_known_values_and_credential_parameters():
    text = "GET /x?access_token=abc123&q=1 Authorization: Bearer tok-999 password=pw1 hunter2xyz"
    clean = redact(text, ["hunter2xyz"])
    for secret in ("abc123", "tok-999", "pw1", "hunter2xyz"):
        assert secret not in clean
    assert "q=1" in clean
