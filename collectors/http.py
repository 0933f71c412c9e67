"""HTTP with timeouts, retries, exponential backoff with jitter and respect for rate-limit headers.

One policy serves both HTTP stacks the client libraries use: `RetryTransport` plugs into
httpx (our own clients, atproto) and `RetryingSession` into requests (praw, Mastodon.py).
"""
from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Mapping, Optional
from urllib.parse import urlsplit

import httpx
import requests

from collectors.errors import RateLimited, SourceUnavailable

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 520, 522, 524})


@dataclass(frozen=True)
class RetryPolicy:
    """How hard we try: tests shrink `base` so backoff costs milliseconds, not seconds."""

    attempts: int = 5          # tries per request, the first included
    base: float = 1.0          # first backoff delay in seconds; doubles per try
    cap: float = 60.0          # longest backoff between two tries
    max_wait: float = 900.0    # longest server-requested wait we sit out; longer ends the run
    timeout: float = 20.0      # per request (connect and read)
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "RetryPolicy":
        def num(name: str, default: float) -> float:
            try:
                return float(environ.get(name) or default)
            except ValueError:
                log.warning("%s=%r is not a number; using %s", name, environ.get(name), default)
                return default

        return cls(attempts=max(1, int(num("LAWINE_HTTP_RETRIES", 4)) + 1),
                   base=num("LAWINE_HTTP_BACKOFF", 1.0), cap=num("LAWINE_HTTP_BACKOFF_CAP", 60.0),
                   max_wait=num("LAWINE_HTTP_MAX_WAIT", 900.0), timeout=num("LAWINE_HTTP_TIMEOUT", 20.0))

    def backoff(self, attempt: int) -> float:
        """Exponential delay with jitter, so many clients that failed together do not retry together."""
        return min(self.cap, self.base * 2 ** attempt) * random.uniform(0.5, 1.0)


# --- reading what the server told us -------------------------------------

def retry_after(headers: Mapping[str, str], now: Optional[float] = None) -> Optional[float]:
    """Seconds from a Retry-After header, given either as seconds or as an HTTP date."""
    value = headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def reset_in(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds until a rate-limit window resets: epoch (X), seconds (Reddit) or ISO time (Mastodon)."""
    if not value:
        return None
    now = now if now is not None else time.time()
    try:
        number = float(value)
    except ValueError:
        try:
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return max(0.0, when.timestamp() - now)
    # Epoch timestamps are huge; a window length is a few hundred seconds at most.
    return max(0.0, number - now) if number > 1e9 else max(0.0, number)


def rate_limit_reset(headers: Mapping[str, str], now: Optional[float] = None) -> Optional[float]:
    for name in ("x-rate-limit-reset", "x-ratelimit-reset"):
        wait = reset_in(headers.get(name), now)
        if wait is not None:
            return wait
    return None


def remaining(headers: Mapping[str, str]) -> Optional[float]:
    for name in ("x-rate-limit-remaining", "x-ratelimit-remaining"):
        value = headers.get(name)
        if value is not None:
            try:
                return float(value)
            except ValueError:
                return None
    return None


def meta_usage(headers: Mapping[str, str]) -> tuple[float, Optional[float]]:
    """Facebook/Instagram usage: (highest percentage used, seconds until access returns if given)."""
    peak, regain = 0.0, None
    for name in ("x-app-usage", "x-page-usage", "x-business-use-case-usage"):
        raw = headers.get(name)
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        entries = [data] if isinstance(data, dict) and "call_count" in data else (
            [e for v in data.values() for e in (v if isinstance(v, list) else [v])] if isinstance(data, dict) else [])
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            for key in ("call_count", "total_time", "total_cputime"):
                if isinstance(entry.get(key), (int, float)):
                    peak = max(peak, float(entry[key]))
            minutes = entry.get("estimated_time_to_regain_access")
            if isinstance(minutes, (int, float)) and minutes > 0:
                regain = max(regain or 0.0, minutes * 60.0)
    return peak, regain


class RateGate:
    """Remembers when the server said we may ask again, and makes the next request wait until then."""

    def __init__(self, policy: RetryPolicy, label: str = "") -> None:
        self.policy = policy
        self.label = label
        self._not_before = 0.0
        self._lock = threading.Lock()

    def hold(self, seconds: float) -> None:
        with self._lock:
            self._not_before = max(self._not_before, time.monotonic() + seconds)

    def wait(self) -> None:
        with self._lock:
            delay = self._not_before - time.monotonic()
        if delay <= 0:
            return
        if delay > self.policy.max_wait:
            raise RateLimited(f"{self.label or 'API'} rate limit resets in {delay:.0f}s; "
                              "the next run continues from the saved cursor")
        log.info("%s: rate limit reached, waiting %.1fs", self.label, delay)
        self.policy.sleep(delay)

    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Pace ourselves from a successful answer's headers before the server has to refuse us."""
        left = remaining(headers)
        if left is not None and left <= 0:
            reset = rate_limit_reset(headers)
            if reset:
                self.hold(reset)
        usage, regain = meta_usage(headers)
        if usage >= 100:
            self.hold(regain or self.policy.cap)
        elif usage >= 90:
            # Meta throttles at 100% for up to an hour; slowing down near it is far cheaper.
            self.hold(self.policy.base)


def plan_wait(policy: RetryPolicy, attempt: int, status: Optional[int],
              headers: Mapping[str, str]) -> float:
    """How long to wait before retry number `attempt`: what the server asked for, else backoff."""
    wait = retry_after(headers)
    if wait is None and status == 429:
        wait = rate_limit_reset(headers)
        if wait is None:
            wait = meta_usage(headers)[1]
    return policy.backoff(attempt) if wait is None else wait


def _where(url) -> str:
    # Host and path only: query strings can carry tokens (e.g. Graph's paging.next links).
    parts = urlsplit(str(url))
    return f"{parts.hostname}:{parts.port}{parts.path}" if parts.port else f"{parts.hostname}{parts.path}"


def _give_up(label: str, url, attempts: int, status: Optional[int], reason: str):
    what = f"HTTP {status}" if status else reason
    cls = RateLimited if status == 429 else SourceUnavailable
    return cls(f"{label or 'API'}: {_where(url)} failed {attempts} times ({what})")


def _pause(policy: RetryPolicy, label: str, url, attempt: int, wait: float, why: str) -> None:
    if wait > policy.max_wait:
        raise RateLimited(f"{label or 'API'}: {_where(url)} asks us to wait {wait:.0f}s ({why}); "
                          "the next run continues from the saved cursor")
    log.warning("%s: %s from %s; retry %d/%d in %.2fs", label, why, _where(url), attempt + 1,
                policy.attempts - 1, wait)
    policy.sleep(wait)


# --- httpx ------------------------------------------------------------------

_HTTPX_RETRY = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


class RetryTransport(httpx.BaseTransport):
    """An httpx transport that retries timeouts, network errors, 429 and 5xx answers."""

    def __init__(self, policy: RetryPolicy, label: str = "", inner: Optional[httpx.BaseTransport] = None,
                 gate: Optional[RateGate] = None) -> None:
        self.policy = policy
        self.label = label
        self.inner = inner or httpx.HTTPTransport()
        self.gate = gate or RateGate(policy, label)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        status, reason = None, ""
        for attempt in range(self.policy.attempts):
            self.gate.wait()
            try:
                response = self.inner.handle_request(request)
            except _HTTPX_RETRY as exc:
                status, reason = None, type(exc).__name__
                if attempt + 1 < self.policy.attempts:
                    _pause(self.policy, self.label, request.url, attempt, self.policy.backoff(attempt), reason)
                continue
            if response.status_code not in RETRY_STATUSES:
                self.gate.observe(response.status_code, response.headers)
                return response
            status = response.status_code
            response.read()
            response.close()
            if attempt + 1 < self.policy.attempts:
                wait = plan_wait(self.policy, attempt, status, response.headers)
                _pause(self.policy, self.label, request.url, attempt, wait, f"HTTP {status}")
        raise _give_up(self.label, request.url, self.policy.attempts, status, reason)

    def close(self) -> None:
        self.inner.close()


def http_client(policy: RetryPolicy, label: str, base_url: str = "",
                headers: Optional[dict[str, str]] = None) -> httpx.Client:
    """An httpx client with our transport and a timeout on every phase of every request."""
    return httpx.Client(base_url=base_url, headers=headers or {}, timeout=httpx.Timeout(policy.timeout),
                        transport=RetryTransport(policy, label), follow_redirects=True)


# --- requests ---------------------------------------------------------------

_REQUESTS_RETRY = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)


class RetryingSession(requests.Session):
    """A requests session with the same retry policy, for libraries that accept a session."""

    def __init__(self, policy: RetryPolicy, label: str = "") -> None:
        super().__init__()
        self.policy = policy
        self.label = label
        self.gate = RateGate(policy, label)

    def request(self, method, url, *args, **kwargs):  # noqa: D401 - requests' signature
        kwargs["timeout"] = kwargs.get("timeout") or self.policy.timeout
        status, reason = None, ""
        for attempt in range(self.policy.attempts):
            self.gate.wait()
            try:
                response = super().request(method, url, *args, **kwargs)
            except _REQUESTS_RETRY as exc:
                status, reason = None, type(exc).__name__
                if attempt + 1 < self.policy.attempts:
                    _pause(self.policy, self.label, url, attempt, self.policy.backoff(attempt), reason)
                continue
            if response.status_code not in RETRY_STATUSES:
                self.gate.observe(response.status_code, response.headers)
                return response
            status = response.status_code
            _drain(response)
            if attempt + 1 < self.policy.attempts:
                wait = plan_wait(self.policy, attempt, status, response.headers)
                _pause(self.policy, self.label, url, attempt, wait, f"HTTP {status}")
        # Our own exception type, not a requests one, so the library above does not retry again.
        raise _give_up(self.label, url, self.policy.attempts, status, reason)


def _drain(response: requests.Response) -> None:
    """Read the (small) error body before closing, so the connection goes back to the pool clean
    instead of being closed under the pool's feet."""
    try:
        response.content
    except requests.RequestException:
        pass
    response.close()
