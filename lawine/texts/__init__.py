"""The UI's English and German strings, one module per area of the product, merged into one table."""
from __future__ import annotations

from lawine.texts import alerts, care, general, setup, snapshot, sources

STRINGS: dict[str, dict[str, str]] = {}
for _part in (general, snapshot, care, setup, sources, alerts):
    _clash = STRINGS.keys() & _part.STRINGS.keys()
    if _clash:  # one key, one meaning: two areas must not silently overwrite each other
        raise RuntimeError(f"UI string keys defined twice: {sorted(_clash)}")
    STRINGS.update(_part.STRINGS)
