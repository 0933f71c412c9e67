"""Collectors: one module per source, each yielding Mentions for `python -m lawine collect`."""
from collectors.catalog import SPECS, SourceSpec

__all__ = ["SPECS", "SourceSpec", "names"]


def names() -> list[str]:
    """Every known source, collectable ones first."""
    return list(SPECS)
