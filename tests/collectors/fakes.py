"""Fake API servers on 127.0.0.1 for the collector tests; real client libraries talk to them."""
from __future__ import annotations

import base64
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode()))

    @property
    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class Reply:
    body: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0        # seconds to wait before answering (client timeouts)
    content_type: str = "application/json"


@dataclass
class Fault:
    """Answer matching requests with `reply` instead of the app, `times` times (or forever if None)."""

    match: Callable[[Request], bool]
    reply: Reply
    times: Optional[int] = 1


class FakeServer:
    """A threaded HTTP server whose answers come from `app(request) -> Reply`."""

    def __init__(self, app: Callable[[Request], Reply]) -> None:
        self.app = app
        self.requests: list[Request] = []
        self.faults: list[Fault] = []
        self.answered = 0
        self.die_after: Optional[int] = None  # stop serving after this many answers
        self.dead = False
        self._httpd: Optional[ThreadingHTTPServer] = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # One buffered write per answer and no Nagle: otherwise every request costs a 40 ms
            # delayed-ACK stall on loopback.
            wbufsize = 1 << 16
            disable_nagle_algorithm = True

            def log_message(self, *args):  # keep pytest output quiet
                pass

            def _handle(self):
                if server.dead:  # a dead process answers nothing, on old connections too
                    self.close_connection = True
                    return
                parts = urlsplit(self.path)
                length = int(self.headers.get("content-length") or 0)
                req = Request(self.command, parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)),
                              {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length))
                server.requests.append(req)
                reply = server._fault_for(req) or server.app(req)
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body
                if isinstance(body, (dict, list)):
                    payload = json.dumps(body).encode()
                elif isinstance(body, str):
                    payload = body.encode()
                else:
                    payload = body or b""
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    return
                server.answered += 1
                if server.die_after is not None and server.answered >= server.die_after:
                    server.dead = True
                    self.close_connection = True
                    threading.Thread(target=server.stop, daemon=True).start()

            do_GET = do_POST = _handle

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def _fault_for(self, req: Request) -> Optional[Reply]:
        for fault in self.faults:
            if fault.match(req) and (fault.times is None or fault.times > 0):
                if fault.times is not None:
                    fault.times -= 1
                return fault.reply
        return None

    def fail(self, path_part: str, reply: Reply, times: Optional[int] = 1) -> None:
        self.faults.append(Fault(lambda r: path_part in r.path, reply, times))

    def stop(self) -> None:
        httpd = self._httpd
        if httpd is not None and not getattr(httpd, "_stopped", False):
            httpd._stopped = True
            httpd.shutdown()
            httpd.server_close()

    def hits(self, path_part: str) -> list[Request]:
        return [r for r in self.requests if path_part in r.path]


def page_of(items: list, offset: int, size: int) -> tuple[list, Optional[int]]:
    chunk = items[offset:offset + size]
    following = offset + size if offset + size < len(items) else None
    return chunk, following


# --- X API v2 ------------------------------------------------------------------

class FakeX:
    """GET /2/tweets/search/recent with next_token paging, since_id and rate-limit headers."""

    def __init__(self, token: str, page_size: int = 2) -> None:
        self.token = token
        self.page_size = page_size
        self.tweets: dict[str, list[dict]] = {}  # a word of the query -> its tweets, newest first
        self.users: dict[str, dict] = {}

    def __call__(self, req: Request) -> Reply:
        if req.headers.get("authorization") != f"Bearer {self.token}":
            return Reply({"title": "Unauthorized", "status": 401}, 401)
        items = next((v for k, v in self.tweets.items() if k in req.query["query"]), [])
        if req.query.get("since_id"):
            items = [t for t in items if int(t.get("id", 0)) > int(req.query["since_id"])]
        offset = int(req.query.get("next_token", "t0")[1:])
        chunk, following = page_of(items, offset, self.page_size)
        every = [t for v in self.tweets.values() for t in v]
        meta = {"result_count": len(chunk)}
        if chunk:
            meta.update(newest_id=chunk[0].get("id"), oldest_id=chunk[-1].get("id"))
        if following is not None:
            meta["next_token"] = f"t{following}"
        refs = {r["id"] for t in chunk for r in t.get("referenced_tweets", [])}
        body = {"meta": meta, "includes": {
            "users": list(self.users.values()),
            "tweets": [t for t in every if t.get("id") in refs]}}
        if chunk:
            body["data"] = chunk
        return Reply(body, headers={"x-rate-limit-limit": "450", "x-rate-limit-remaining": "449",
                                    "x-rate-limit-reset": str(int(time.time()) + 900)})


def tweet(tid: int, text: str, author: str, created: str, reply_to: Optional[int] = None, **extra) -> dict:
    data = {"id": str(tid), "text": text, "author_id": author, "created_at": created,
            "conversation_id": str(extra.pop("conversation", reply_to or tid)), "lang": "en",
            "public_metrics": {"like_count": 1, "reply_count": 0, "retweet_count": 0, "quote_count": 0}}
    if reply_to:
        data["referenced_tweets"] = [{"type": "replied_to", "id": str(reply_to)}]
    data.update(extra)
    return data


# --- Reddit ----------------------------------------------------------------------

class FakeReddit:
    """Token endpoint (password grant) and listings paged with `after` fullnames."""

    def __init__(self, client_id: str, secret: str, username: str, password: str, page_size: int = 2) -> None:
        self.creds = (client_id, secret, username, password)
        self.page_size = page_size
        self.listings: dict[str, list[dict]] = {}     # path -> children, newest first
        self.threads: dict[str, list] = {}            # /comments/<id> -> [post listing, comment listing]
        self.token = "reddit-access-token-xyz"

    def __call__(self, req: Request) -> Reply:
        if req.path == "/api/v1/access_token":
            basic = base64.b64encode(f"{self.creds[0]}:{self.creds[1]}".encode()).decode()
            form = req.form
            if (req.headers.get("authorization") != f"Basic {basic}" or form.get("username") != self.creds[2]
                    or form.get("password") != self.creds[3]):
                return Reply({"error": "invalid_grant"}, 200)
            return Reply({"access_token": self.token, "token_type": "bearer", "expires_in": 3600, "scope": "*"})
        if req.headers.get("authorization") != f"bearer {self.token}":
            return Reply({"message": "Unauthorized", "error": 401}, 401)
        headers = {"x-ratelimit-remaining": "99", "x-ratelimit-used": "1", "x-ratelimit-reset": "300"}
        if req.path in self.threads:
            return Reply(self.threads[req.path], headers=headers)
        items = self.listings.get(req.path, [])
        if req.path.endswith("/search"):  # like Reddit: only posts naming one of the OR-ed terms
            terms = [t.strip().strip('"').lower() for t in req.query.get("q", "").split(" OR ")]
            items = [c for c in items if "title" not in c["data"]
                     or any(t in c["data"]["title"].lower() for t in terms)]
        after = req.query.get("after")
        offset = next((i + 1 for i, c in enumerate(items) if c["data"].get("name") == after), 0) if after else 0
        chunk, following = page_of(items, offset, self.page_size)
        return Reply({"kind": "Listing", "data": {"after": chunk[-1]["data"].get("name") if following else None,
                                                  "children": chunk, "before": None}}, headers=headers)


def reddit_post(id36: str, title: str, author: str, created: float, sub: str = "travel", body: str = "") -> dict:
    return {"kind": "t3", "data": {"name": f"t3_{id36}", "id": id36, "title": title, "selftext": body,
                                   "author": author, "created_utc": created, "subreddit": sub,
                                   "permalink": f"/r/{sub}/comments/{id36}/x/", "score": 5, "num_comments": 1}}


def reddit_comment(id36: str, body: str, author: str, created: float, parent: str, link: str,
                   sub: str = "travel", replies: Any = "") -> dict:
    return {"kind": "t1", "data": {"name": f"t1_{id36}", "id": id36, "body": body, "author": author,
                                   "created_utc": created, "subreddit": sub, "parent_id": parent,
                                   "link_id": link, "permalink": f"/r/{sub}/comments/x/y/{id36}/",
                                   "score": 1, "replies": replies}}


# --- Meta Graph API -----------------------------------------------------------------

class FakeGraph:
    """Objects and edges under /v21.0/, cursor-paged, with a `next` link that carries the token."""

    def __init__(self, token: str, page_size: int = 2) -> None:
        self.token = token
        self.tokens = {token}
        self.page_size = page_size
        self.objects: dict[str, dict] = {}
        self.edges: dict[str, list[dict]] = {}   # "<id>/<edge>" -> items in API order
        self.time_paged: set[str] = set()        # edges paged Graph's time-based way (next link only)

    def __call__(self, req: Request) -> Reply:
        if req.headers.get("authorization") not in {f"Bearer {t}" for t in self.tokens}:
            return Reply({"error": {"message": "Invalid OAuth access token.", "type": "OAuthException",
                                    "code": 190}}, 400)
        path = req.path.removeprefix("/v21.0/")
        usage = {"X-App-Usage": json.dumps({"call_count": 5, "total_time": 3, "total_cputime": 2})}
        if path in self.objects:
            return Reply(self.objects[path], headers=usage)
        if path not in self.edges:
            return Reply({"error": {"message": f"Unsupported get request: {path}", "code": 100}}, 400)
        items = self.edges[path]
        if path in self.time_paged:
            return self._time_page(path, items, req, usage)
        offset = int(base64.b64decode(req.query["after"]).decode()) if req.query.get("after") else 0
        chunk, following = page_of(items, offset, self.page_size)
        after = base64.b64encode(str(offset + len(chunk)).encode()).decode()
        paging: dict = {"cursors": {"before": "YmVmb3Jl", "after": after}} if chunk else {}
        if following is not None:
            paging["next"] = f"https://graph.example/v21.0/{path}?access_token={self.token}&after={after}"
        return Reply({"data": chunk, "paging": paging}, headers=usage)


    def _time_page(self, path: str, items: list[dict], req: Request, usage: dict) -> Reply:
        offset = int(req.query.get("__paging_token", "0"))
        chunk, following = page_of(items, offset, self.page_size)
        paging: dict = {}
        if following is not None:
            paging["next"] = (f"https://graph.example/v21.0/{path}?access_token={self.token}&limit=2"
                              f"&until=1700000000&__paging_token={following}")
        return Reply({"data": chunk, "paging": paging}, headers=usage)


# --- Mastodon --------------------------------------------------------------------------

class FakeMastodon:
    """verify_credentials, v2 search, hashtag timeline, notifications, account statuses (max_id paging)."""

    def __init__(self, token: str, me: dict, page_size: int = 40) -> None:
        self.token = token
        self.me = me
        self.page_size = page_size
        self.search: dict[str, list[dict]] = {}
        self.tags: dict[str, list[dict]] = {}
        self.notifications: list[dict] = []
        self.own: list[dict] = []

    def _page(self, items: list[dict], req: Request) -> list[dict]:
        if req.query.get("max_id"):
            items = [i for i in items if int(i["id"]) < int(req.query["max_id"])]
        if req.query.get("since_id"):
            items = [i for i in items if int(i["id"]) > int(req.query["since_id"])]
        return items[:int(req.query.get("limit") or self.page_size)]

    def __call__(self, req: Request) -> Reply:
        if req.headers.get("authorization") != f"Bearer {self.token}":
            return Reply({"error": "The access token is invalid"}, 401)
        if req.path == "/api/v1/accounts/verify_credentials":
            return Reply(self.me)
        if req.path == "/api/v2/search":
            return Reply({"accounts": [], "hashtags": [],
                          "statuses": self._page(self.search.get(req.query.get("q", ""), []), req)})
        if req.path.startswith("/api/v1/timelines/tag/"):
            return Reply(self._page(self.tags.get(req.path.rsplit("/", 1)[1], []), req))
        if req.path == "/api/v1/notifications":
            return Reply(self._page(self.notifications, req))
        if req.path == f"/api/v1/accounts/{self.me['id']}/statuses":
            return Reply(self._page(self.own, req))
        return Reply({"error": "Record not found"}, 404)


def toot(sid: int, html: str, acct: str, created: str, reply_to: Optional[int] = None,
         reply_to_account: Optional[str] = None) -> dict:
    return {"id": str(sid), "uri": f"https://social.example/statuses/{sid}", "url": f"https://social.example/@x/{sid}",
            "created_at": created, "content": html, "spoiler_text": "", "language": "en",
            "in_reply_to_id": str(reply_to) if reply_to else None,
            "in_reply_to_account_id": reply_to_account, "visibility": "public", "sensitive": False,
            "account": {"id": "a" + acct, "username": acct.split("@")[0], "acct": acct, "display_name": acct,
                        "followers_count": 10, "url": f"https://social.example/@{acct}"},
            "replies_count": 0, "reblogs_count": 0, "favourites_count": 2,
            "media_attachments": [], "mentions": [], "tags": [], "emojis": []}


# --- Bluesky ---------------------------------------------------------------------------

def fake_jwt(sub: str, seconds: int = 3600) -> str:
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")  # noqa: E731
    now = int(time.time())
    return f"{enc({'alg': 'HS256', 'typ': 'at+jwt'})}.{enc({'sub': sub, 'iat': now, 'exp': now + seconds, 'scope': 'com.atproto.appPass'})}.c2ln"


class FakeBluesky:
    """createSession, searchPosts (cursor paging) and getAuthorFeed under /xrpc/."""

    def __init__(self, handle: str, password: str, page_size: int = 2) -> None:
        self.handle, self.password, self.page_size = handle, password, page_size
        self.did = "did:plc:ourbrand"
        self.access = fake_jwt(self.did)
        self.search: dict[str, list[dict]] = {}
        self.feeds: dict[str, list[dict]] = {}

    def __call__(self, req: Request) -> Reply:
        if req.path == "/xrpc/com.atproto.server.createSession":
            body = req.json
            if body.get("identifier") != self.handle or body.get("password") != self.password:
                return Reply({"error": "AuthenticationRequired", "message": "Invalid identifier or password"}, 401)
            return Reply({"accessJwt": self.access, "refreshJwt": fake_jwt(self.did, 86400), "handle": self.handle,
                          "did": self.did, "active": True})
        if req.headers.get("authorization") != f"Bearer {self.access}":
            return Reply({"error": "AuthenticationRequired", "message": "no session"}, 401)
        offset = int(req.query.get("cursor") or 0)
        if req.path == "/xrpc/app.bsky.feed.searchPosts":
            chunk, following = page_of(self.search.get(req.query["q"], []), offset, self.page_size)
            body = {"posts": chunk, "hitsTotal": len(chunk)}
        elif req.path == "/xrpc/app.bsky.feed.getAuthorFeed":
            chunk, following = page_of(self.feeds.get(req.query["actor"], []), offset, self.page_size)
            body = {"feed": [{"post": p} for p in chunk]}
        else:
            return Reply({"error": "MethodNotImplemented"}, 501)
        if following is not None:
            body["cursor"] = str(following)
        return Reply(body)


def skeet(rkey: str, text: str, handle: str, created: str, parent: Optional[str] = None,
          root: Optional[str] = None) -> dict:
    did = f"did:plc:{handle.split('.')[0]}"
    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": created, "langs": ["en"]}
    if parent:
        record["reply"] = {"parent": {"uri": parent, "cid": "bafyparent"}, "root": {"uri": root or parent, "cid": "bafyroot"}}
    return {"uri": f"at://{did}/app.bsky.feed.post/{rkey}", "cid": f"bafy{rkey}",
            "author": {"did": did, "handle": handle, "displayName": handle}, "record": record,
            "replyCount": 0, "repostCount": 0, "likeCount": 3, "quoteCount": 0, "indexedAt": created}
