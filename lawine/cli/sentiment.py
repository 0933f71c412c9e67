"""`lawine sentiment`: add language and sentiment columns to a CSV file of texts."""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from tqdm import tqdm

from lawine.cli import CommandError

ADDED_COLUMNS = ("lang", "sentiment", "sentiment_label")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sentiment",
        help="add lang, sentiment and sentiment_label columns to a CSV",
        description="Analyse one text column of a CSV (English and German) and write the input columns "
        "plus lang, sentiment (compound, -1..1) and sentiment_label.",
    )
    p.add_argument("--input", required=True, help="CSV file to read (UTF-8, header row)")
    p.add_argument("--text-column", default="text", help="column holding the text (default: text)")
    p.add_argument("--output", required=True, help="CSV file to write")
    p.add_argument("--lang", help="language of every row (e.g. en, de); default: detect per row")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from lawine.analysis import analyse_text

    source, target = Path(args.input), Path(args.output)
    if not source.is_file():
        raise CommandError(f"input file not found: {source}")
    if source.resolve() == target.resolve():
        raise CommandError("--output must differ from --input")
    # utf-8-sig: spreadsheet exports often start with a byte-order mark that would
    # otherwise become part of the first column's name.
    with source.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        columns = list(reader.fieldnames or [])
        if args.text_column not in columns:
            found = ", ".join(columns) if columns else "none (empty file?)"
            raise CommandError(f"column {args.text_column!r} not in {source}; columns found: {found}")
        total = sum(1 for _ in reader)
    out_columns = columns + [c for c in ADDED_COLUMNS if c not in columns]
    written = 0
    try:
        with source.open(encoding="utf-8-sig", newline="") as f, target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=out_columns)
            writer.writeheader()
            for row in tqdm(csv.DictReader(f), total=total, unit="row", desc="sentiment", file=sys.stderr):
                result = analyse_text(row.get(args.text_column) or "", lang=args.lang)
                row.update(lang=result.lang or "", sentiment=f"{result.sentiment:.4f}",
                           sentiment_label=result.sentiment_label)
                # Rows with more cells than the header keep their extras under None; drop them.
                row.pop(None, None)  # type: ignore[call-overload]
                writer.writerow(row)
                written += 1
    except UnicodeDecodeError as exc:
        raise CommandError(f"{source} is not UTF-8 text: {exc}") from None
    except OSError as exc:
        raise CommandError(f"cannot write {target}: {exc}") from None
    print(f"wrote {written:,} rows to {target}", file=sys.stderr)
    return 0
