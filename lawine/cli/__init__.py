"""`python -m lawine`: parses arguments and hands over to the library; one module per command."""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from typing import Optional, Sequence

from lawine import __version__


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit code 2, no traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lawine",
        description="Lawine: brand monitoring and social customer service.",
    )
    parser.add_argument("--version", action="version", version=f"lawine {__version__}")
    parser.add_argument("--config", help="path to lawine.toml (default: $LAWINE_CONFIG or ./lawine.toml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each module in lawine/cli/ that defines register(sub) adds its own subcommand,
    # so new commands never need an edit here.
    package = sys.modules[__name__]
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    from lawine.config import ConfigError

    try:
        result = args.func(args)
    except (CommandError, ConfigError) as exc:
        print(f"lawine {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return int(result or 0)
