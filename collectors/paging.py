"""Resumable paging: where a stream stands is saved with every stored page, so reruns continue.

Two shapes cover every API here:
* newest-first searches/timelines (X, Reddit, Mastodon, Bluesky, Graph feeds): page backwards until
  the high-water mark of the last finished pass, then make this pass's newest item the new mark;
* append-only edges (comments in chronological order): keep the cursor after the last item forever.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional

from collectors.base import Context, Page, build_page
from lawine.model import Mention

log = logging.getLogger(__name__)


@dataclass
class Batch:
    """One API page as the source returned it."""

    items: list[Any] = field(default_factory=list)
    next: Optional[str] = None      # token for the following page; None when this was the last
    newest: Optional[str] = None    # high-water mark candidate (id or time of the first item)
    position: Optional[str] = None  # cursor just after this page's last item (append-only edges)


def newest_first(ctx: Context, stream: str, fetch: Callable[[Optional[str], Optional[str]], Batch],
                 parse: Callable[[Any], Mention],
                 older: Optional[Callable[[Any, str], bool]] = None) -> Iterator[Page]:
    """Page a newest-first stream back to where the previous pass started.

    fetch(token, since) gets one page; `older(raw, since)` says an item is at or below the mark, for
    APIs that cannot filter by it themselves. Cursor keys: <stream>:next (the page to fetch next in an
    unfinished pass), <stream>:top (newest item of that pass), <stream>:since (the finished mark).
    """
    since = ctx.cursor(f"{stream}:since")
    token = ctx.cursor(f"{stream}:next")
    top = ctx.cursor(f"{stream}:top")
    if token:
        log.info("%s %s: resuming an unfinished pass", ctx.source, stream)
    for _ in range(ctx.max_pages):
        batch = fetch(token, since)
        top = top or batch.newest
        items, reached = batch.items, False
        if older is not None and since:
            kept = [raw for raw in items if not _is_older(older, raw, since)]
            reached, items = len(kept) < len(items), kept
        done = reached or not batch.next or not batch.items
        if done:
            cursors = {f"{stream}:next": "", f"{stream}:top": "", f"{stream}:since": top or since or ""}
        else:
            cursors = {f"{stream}:next": batch.next, f"{stream}:top": top or ""}
        page = build_page(items, parse, cursors)
        page.fetched = len(batch.items)
        yield page
        if done:
            return
        token = batch.next
    log.info("%s %s: page limit (%d) reached; the next run continues", ctx.source, stream, ctx.max_pages)


def _is_older(older: Callable[[Any, str], bool], raw: Any, since: str) -> bool:
    try:
        return older(raw, since)
    except Exception:  # noqa: BLE001 - a malformed item is kept so that parsing quarantines it
        return False


def scan_edge(ctx: Context, key: str, fetch: Callable[[Optional[str]], Batch],
              parse: Callable[[Any], Mention], append_only: bool,
              stop: Optional[Callable[[Any], bool]] = None) -> Iterator[Page]:
    """Page an edge from its saved cursor. append_only: keep the cursor after the end (new items
    arrive after it); otherwise the cursor only marks progress inside a pass and is cleared at the end.
    `stop(raw)` ends the pass at the first item it is true for (e.g. older than the time window)."""
    token = ctx.cursor(key)
    for _ in range(ctx.max_pages):
        batch = fetch(token)
        fetched = len(batch.items)
        if stop is not None:
            kept = [raw for raw in batch.items if not _is_older(lambda r, _s: stop(r), raw, "")]
            if len(kept) < fetched:
                batch.items, batch.next = kept, None
        done = not batch.next or not batch.items
        if append_only:
            value = batch.position or batch.next or token or ""
        else:
            value = "" if done else (batch.next or "")
        page = build_page(batch.items, parse, {key: value})
        page.fetched = fetched
        yield page
        if done:
            return
        token = batch.next
