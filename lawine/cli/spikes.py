"""`lawine spikes`: mark the buckets of a count series where a spike episode starts."""
from __future__ import annotations

import argparse
import csv
import math
from pathlib import Path

from lawine.cli import CommandError
from lawine.config import SENSITIVITY_NAMES

REQUIRED = ("timestamp", "value")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("spikes", help="detect spikes in a count series (CSV timestamp,value)",
                       description="Run the online spike detector over a series and write one row per "
                                   "input row: timestamp,alert,score (alert 1 where an episode starts).")
    p.add_argument("--input", required=True, help="CSV with columns timestamp,value (one row per bucket)")
    p.add_argument("--output", required=True, help="CSV to write: timestamp,alert,score")
    p.add_argument("--bucket-seconds", type=float, default=None,
                   help="bucket size in seconds (default: inferred from the timestamps)")
    p.add_argument("--sensitivity", choices=SENSITIVITY_NAMES, default="normal",
                   help="how readily it alerts: normal variation reaches the bar about once in 300 / 100 / 30 "
                        "days (default normal, the setting tuned on NAB)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from lawine.spikes import config_for, detect_series  # numpy import only when the command runs

    raw_ts, epoch, values = read_series(Path(args.input))
    if args.bucket_seconds is not None and not args.bucket_seconds > 0:
        raise CommandError(f"--bucket-seconds must be positive, got {args.bucket_seconds}")
    try:
        alerts, scores = detect_series(epoch, values, bucket_seconds=args.bucket_seconds,
                                       config=config_for(args.sensitivity))
    except ValueError as exc:
        raise CommandError(f"{args.input}: {exc}") from None
    write_alerts(Path(args.output), raw_ts, alerts, scores)
    print(f"{args.input}: {len(raw_ts)} rows, {int(alerts.sum())} spike episode(s) -> {args.output}")
    return 0


def read_series(path: Path) -> tuple[list[str], list[float], list[float]]:
    """Timestamps as written, epoch seconds and counts; errors name the file, line and column."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(f"cannot read --input {path}: {exc.strerror or exc}") from None
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise CommandError(f"{path}: line 1: missing column(s) {', '.join(missing)} "
                               f"(header is {','.join(header) or 'empty'}; need timestamp,value)")
        reader.fieldnames = header
        raw, epoch, values = [], [], []
        for row in reader:
            line = reader.line_num
            ts_text, t = _parse_time(path, line, row.get("timestamp"))
            if epoch and t <= epoch[-1]:
                raise CommandError(f"{path}: line {line}: column timestamp: {ts_text!r} is not after "
                                   "the previous row (rows must be in increasing time order)")
            raw.append(ts_text)
            epoch.append(t)
            values.append(_parse_count(path, line, row.get("value")))
    return raw, epoch, values


def _parse_time(path: Path, line: int, text: str | None) -> tuple[str, float]:
    from lawine.spikes import to_epoch_seconds

    text = (text or "").strip()
    if not text:
        raise CommandError(f"{path}: line {line}: column timestamp is empty")
    try:
        return text, float(text) if _is_number(text) else to_epoch_seconds(text)
    except (TypeError, ValueError):
        raise CommandError(f"{path}: line {line}: column timestamp: cannot read {text!r} as a time "
                           "(use ISO 8601, e.g. 2015-02-26 21:42:53, or epoch seconds)") from None


def _parse_count(path: Path, line: int, text: str | None) -> float:
    text = (text or "").strip()
    try:
        value = float(text)
    except ValueError:
        raise CommandError(f"{path}: line {line}: column value: cannot read {text!r} as a count") from None
    if not math.isfinite(value) or value < 0:
        raise CommandError(f"{path}: line {line}: column value: {text!r} is not a count (need a number >= 0)")
    return value


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def write_alerts(path: Path, timestamps: list[str], alerts, scores) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["timestamp", "alert", "score"])
            for ts, alert, score in zip(timestamps, alerts, scores):
                writer.writerow([ts, int(bool(alert)), f"{float(score):.4f}"])
    except OSError as exc:
        raise CommandError(f"cannot write --output {path}: {exc.strerror or exc}") from None
