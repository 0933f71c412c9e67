"""The Meta Graph API over plain httpx, shared by the Facebook and Instagram collectors."""
from __future__ import annotations

import logging
from typing import Any, Iterator, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

from collectors.base import Page
from collectors.errors import AuthError, RateLimited, SourceError, SourceUnavailable
from collectors.http import RetryPolicy, http_client
from collectors.paging import Batch

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://graph.facebook.com/v21.0"
# Graph error codes for throttling (application, user, page, custom) and OAuth failures.
RATE_LIMIT_CODES = {4, 17, 32, 613, 80001, 80002, 80004, 80005, 80006, 80008, 80014}
TOKEN_CODES = {102, 190}  # the token itself is invalid or expired: nothing else will work either


class GraphClient:
    """GET with the token in the Authorization header, never in a URL that could end up in a log."""

    def __init__(self, token: str, base_url: str, policy: RetryPolicy, label: str,
                 client: Optional[httpx.Client] = None) -> None:
        self.label = label
        self.base_url = base_url.rstrip("/")
        self.client = client or http_client(policy, label, self.base_url + "/",
                                            {"Authorization": f"Bearer {token}"})

    def get(self, path: str, params: Optional[dict] = None) -> dict:
        response = self.client.get(path.lstrip("/"), params=params or {})
        body = _json(response)
        error = body.get("error") if isinstance(body, dict) else None
        if response.status_code >= 400 or error:
            raise _error(self.label, response.status_code, error if isinstance(error, dict) else {})
        if not isinstance(body, dict):
            raise SourceError(f"{self.label}: unexpected answer for {path.split('?')[0]}")
        return body

    def edge(self, path: str, params: dict, token: Optional[str]) -> Batch:
        """One page of an edge. The token is an after-cursor, or for time-based paging (feeds asked
        with `since`) '?' plus the query of the `next` link without its access_token."""
        if token and token.startswith("?"):
            params = {**params, **dict(parse_qsl(token[1:]))}
        elif token:
            params = {**params, "after": token}
        body = self.get(path, params)
        paging = body.get("paging") or {}
        position = (paging.get("cursors") or {}).get("after")
        following = None
        if paging.get("next"):
            following = position or _next_query(paging["next"])
        data = body.get("data")
        return Batch(items=list(data) if isinstance(data, list) else [], next=following, position=position)

    def close(self) -> None:
        self.client.close()


def each_or_warn(ctx, what: str, pages: Iterator[Page]) -> Iterator[Page]:
    """Yield from `pages`; an error about one object (a deleted post, a missing permission) becomes a
    warning and the run goes on, while token, network and rate-limit trouble still ends it."""
    try:
        yield from pages
    except (AuthError, SourceUnavailable):
        raise
    except SourceError as exc:
        ctx.warn(f"{what}: {exc}")


def _next_query(link: str) -> Optional[str]:
    """The paging parameters of a `next` link; the token it carries is dropped so it is never stored."""
    query = [(k, v) for k, v in parse_qsl(urlsplit(link).query) if k not in ("access_token", "appsecret_proof")]
    return "?" + urlencode(query) if query else None


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _error(label: str, status: int, error: dict) -> SourceError:
    code = error.get("code")
    # Graph messages describe the problem, not the token; still keep them short and plain.
    message = str(error.get("message") or f"HTTP {status}").splitlines()[0][:200]
    if code in RATE_LIMIT_CODES:
        return RateLimited(f"{label}: throttled by Meta (code {code}); the next run continues from the cursor")
    if code in TOKEN_CODES or status == 401:
        return AuthError(f"{label}: token rejected (code {code}): {message}")
    # Permission errors (10, 200-299) and missing objects (100) concern one object: the caller
    # reports it and goes on with the others.
    return SourceError(f"{label}: Graph API error (HTTP {status}, code {code}): {message}")
