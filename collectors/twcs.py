"""The Customer Support on Twitter (TWCS) format: brand accounts answering customers.

Columns: tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id.
Non-inbound authors are our own handles, each one its own brand; replies link to their parents.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator, Optional

from collectors.base import Context, Page, build_page
from collectors.errors import SourceError
from collectors.importers import CHUNK, TWITTER_TIME, ImportOptions
from lawine.model import Mention
from lawine.privacy import pseudonymise

COLUMNS = ("tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id",
           "in_response_to_tweet_id")
MENTION = re.compile(r"@(\w+)")


def tweet_id(value: Optional[str]) -> Optional[str]:
    """'3.0' -> '3' (pandas wrote the ids as floats); '' -> None."""
    value = (value or "").strip()
    if not value:
        return None
    return str(int(float(value))) if re.fullmatch(r"\d+(\.0+)?", value) else value


def tweet_ids(value: Optional[str]) -> list[str]:
    return [t for t in (tweet_id(v) for v in (value or "").split(",")) if t]


def inbound_flag(value: str) -> bool:
    text = str(value).strip().lower()
    if text not in ("true", "false"):
        raise ValueError(f"inbound: expected True or False, got {value!r}")
    return text == "true"


@dataclass
class TwcsIndex:
    """What one pass over the file tells us about rows we have not parsed yet."""

    company: dict[str, str] = field(default_factory=dict)   # tweet id -> company handle (outbound only)
    parent: dict[str, str] = field(default_factory=dict)    # tweet id -> the tweet it answers
    thread_company: dict[str, str] = field(default_factory=dict)  # thread root -> first company in it
    companies: dict[str, str] = field(default_factory=dict)  # lower-case handle -> handle

    def root(self, tid: str) -> str:
        seen = {tid}
        while tid in self.parent and self.parent[tid] not in seen:
            tid = self.parent[tid]
            seen.add(tid)
        return tid


def build_index(path: Path) -> TwcsIndex:
    idx = TwcsIndex()
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceError(f"{path.name}: not a TWCS file, missing column(s) {', '.join(missing)}")
        for row in reader:
            try:
                tid = tweet_id(row["tweet_id"])
                parent = tweet_id(row["in_response_to_tweet_id"])
                outbound = not inbound_flag(row["inbound"])
            except (ValueError, TypeError):
                continue  # the parse pass quarantines this row with the reason
            if not tid:
                continue
            if parent:
                idx.parent[tid] = parent
            if outbound and row["author_id"]:
                idx.company[tid] = row["author_id"]
                idx.companies.setdefault(row["author_id"].lower(), row["author_id"])
    for tid, company in idx.company.items():
        idx.thread_company.setdefault(idx.root(tid), company)
    return idx


def customer_brand(row: dict, tid: str, idx: TwcsIndex) -> Optional[str]:
    """The company a customer tweet is addressed to: the one it answers, the one that answered it,
    the one active in its thread, or the first company it @-mentions."""
    parent = idx.parent.get(tid)
    if parent and parent in idx.company:
        return idx.company[parent]
    for response in tweet_ids(row.get("response_tweet_id")):
        if response in idx.company:
            return idx.company[response]
    company = idx.thread_company.get(idx.root(tid))
    if company:
        return company
    return next((idx.companies[m.lower()] for m in MENTION.findall(row.get("text") or "")
                 if m.lower() in idx.companies), None)


def parse_twcs(row: dict, ctx: Context, idx: TwcsIndex, opts: ImportOptions, channel: str) -> Mention:
    tid = tweet_id(row["tweet_id"])
    if not tid:
        raise ValueError("tweet_id: empty")
    handle = row["author_id"]
    if not handle:
        raise ValueError("author_id: empty")
    own = not inbound_flag(row["inbound"])
    brand = handle if own else (customer_brand(row, tid, idx) or opts.brand)
    if not brand:
        raise ValueError("brand: no company in this conversation; pass --brand")
    parent = idx.parent.get(tid)
    keep_name = own or not ctx.settings.privacy.pseudonymise_authors
    return Mention.parse({
        "id": f"import:twcs:{tid}", "source": "import", "channel": channel,
        "kind": "reply" if parent else "post",
        "parent_id": f"import:twcs:{parent}" if parent else None,
        "thread_id": f"import:twcs:{idx.root(tid)}",
        # Own-ness comes from the raw `inbound` flag and handle, before the handle is hashed.
        "author_id": pseudonymise("x", handle, ctx.key), "author_name": handle if keep_name else None,
        "is_own": own, "brand": brand, "text": row["text"],
        "created_at": datetime.strptime(row["created_at"].strip(), TWITTER_TIME),
    })


def twcs_pages(ctx: Context, path: Path, opts: ImportOptions) -> Iterator[Page]:
    idx = build_index(path)
    channel = opts.channel or "x"
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        chunk: list[dict] = []
        for row in reader:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                yield _page(chunk, ctx, idx, opts, channel)
                chunk = []
        if chunk:
            yield _page(chunk, ctx, idx, opts, channel)


def _page(rows: list[dict], ctx: Context, idx: TwcsIndex, opts: ImportOptions, channel: str) -> Page:
    return build_page(rows, lambda row: parse_twcs(row, ctx, idx, opts, channel),
                      ref=lambda row: f"twcs:{row.get('tweet_id')}")
