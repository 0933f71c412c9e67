"""Secrets come only from the environment or .streamlit/secrets.toml; never logged or stored."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Optional

SECRETS_FILE = Path(".streamlit/secrets.toml")


def _file_secrets(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        # Say where, never what: the file holds secrets.
        raise ValueError(f"{path}: cannot be read as TOML ({type(exc).__name__})") from None
    flat = {}
    for key, value in data.items():
        if isinstance(value, dict):
            for sub, v in value.items():
                flat[f"{key}_{sub}".upper()] = str(v)
        else:
            flat[key.upper()] = str(value)
    return flat


def get_secret(name: str, path: Optional[Path] = None) -> Optional[str]:
    """Look up NAME (e.g. REDDIT_CLIENT_ID) in env first, then secrets.toml ([reddit] client_id)."""
    value = os.environ.get(name)
    if value:
        return Secret(value)
    found = _file_secrets(path or Path(os.environ.get("LAWINE_SECRETS_FILE", SECRETS_FILE))).get(name.upper())
    return Secret(found) if found else None


class Secret(str):
    """A string that never shows itself in repr/logs."""

    def __repr__(self) -> str:
        return "Secret('***')"
