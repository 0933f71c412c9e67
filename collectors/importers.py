"""File import: CSV/JSONL exports of other tools (columns mapped by options) and the Customer
Support on Twitter (TWCS) format, through the same page/quarantine/upsert path as live sources."""
from __future__ import annotations

import csv
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator, Optional
from zoneinfo import ZoneInfo

from collectors.base import Collector, Context, Page, build_page, parse_time
from collectors.errors import SourceError
from lawine.model import Mention

log = logging.getLogger(__name__)

FORMATS = ("csv", "jsonl", "twcs")
CHUNK = 1000
TWITTER_TIME = "%a %b %d %H:%M:%S %z %Y"


@dataclass
class ImportOptions:
    brand: Optional[str] = None
    channel: Optional[str] = None
    text_column: str = "text"
    time_column: str = "created_at"
    id_column: Optional[str] = "id"
    author_column: Optional[str] = "author"
    parent_column: Optional[str] = None
    url_column: Optional[str] = None
    timezone: str = "UTC"  # for timestamps written without a zone


def parse_when(value: Any, tz: ZoneInfo) -> datetime:
    """ISO 8601, epoch seconds, or Twitter's 'Tue Oct 31 22:10:47 +0000 2017'; naive means `tz`."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return parse_time(value)
    text = str(value or "").strip()
    if not text:
        raise ValueError("created_at: empty")
    try:
        return datetime.strptime(text, TWITTER_TIME)
    except ValueError:
        pass
    try:
        return parse_time(float(text))
    except ValueError:
        pass
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=tz)


def _cell(row: dict, column: Optional[str]) -> Optional[str]:
    if not column:
        return None
    value = row.get(column)
    return None if value is None or str(value).strip() == "" else str(value).strip()


def parse_row(row: dict, ctx: Context, opts: ImportOptions, channel: str, tz: ZoneInfo) -> Mention:
    if "_error" in row:
        raise ValueError(row["_error"])
    text = row[opts.text_column]
    if not isinstance(text, str):
        raise ValueError(f"{opts.text_column}: not text")
    created = parse_when(row[opts.time_column], tz)
    author = _cell(row, opts.author_column) or "unknown"
    native = _cell(row, opts.id_column) or hashlib.sha1(
        f"{created.isoformat()}|{author}|{text}".encode()).hexdigest()[:24]
    parent = _cell(row, opts.parent_column)
    brand = opts.brand or ctx.brand_for("import", text, None)
    return Mention.parse({
        "id": f"import:{channel}:{native}", "source": "import", "channel": channel,
        "kind": "reply" if parent else "post",
        "parent_id": f"import:{channel}:{parent}" if parent else None,
        "url": _cell(row, opts.url_column), **ctx.author("import", author),
        "brand": brand, "text": text, "created_at": created,
    })


def read_rows(fmt: str, path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, row); a JSONL line that is not an object becomes a row that fails to parse."""
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            for row in reader:
                yield reader.line_num, row
        return
    with path.open(encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                row = {"_error": f"line is not JSON: {exc.msg}", "_raw": line[:5000]}
            if not isinstance(row, dict):
                row = {"_error": "line is not a JSON object", "_raw": line[:5000]}
            yield number, row


def check_columns(path: Path, opts: ImportOptions) -> None:
    """Fail early, naming the columns the file has, when a mapped CSV column does not exist."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh), [])
    wanted = {"--text-column": opts.text_column, "--time-column": opts.time_column}
    for flag, column in {**wanted, "--id-column": opts.id_column, "--author-column": opts.author_column,
                         "--parent-column": opts.parent_column, "--url-column": opts.url_column}.items():
        if column and column not in header and (flag in wanted or column != _DEFAULTS.get(flag)):
            raise SourceError(f"{path.name}: no column {column!r} ({flag}); columns are {', '.join(header)}")


_DEFAULTS = {"--id-column": "id", "--author-column": "author"}


class FileImport(Collector):
    name = "import"
    bulk = True

    def __init__(self, ctx: Context, fmt: str, path: Path | str, options: Optional[ImportOptions] = None) -> None:
        super().__init__(ctx)
        if fmt not in FORMATS:
            raise SourceError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.fmt, self.path, self.opts = fmt, Path(path), options or ImportOptions()
        if not self.path.is_file():
            raise SourceError(f"{self.path}: no such file")
        self.tz = ZoneInfo(self.opts.timezone)

    def pages(self) -> Iterator[Page]:
        if self.fmt == "twcs":
            from collectors.twcs import twcs_pages

            yield from twcs_pages(self.ctx, self.path, self.opts)
            return
        if self.fmt == "csv":
            check_columns(self.path, self.opts)
        channel = self.opts.channel or "import"
        chunk: list[tuple[int, dict]] = []
        for item in read_rows(self.fmt, self.path):
            chunk.append(item)
            if len(chunk) >= CHUNK:
                yield self._page(chunk, channel)
                chunk = []
        if chunk:
            yield self._page(chunk, channel)

    def _page(self, chunk: list[tuple[int, dict]], channel: str) -> Page:
        lines = {id(row): number for number, row in chunk}
        return build_page([row for _, row in chunk],
                          lambda row: parse_row(row, self.ctx, self.opts, channel, self.tz),
                          ref=lambda row: f"{self.path.name}:{lines.get(id(row))}")
