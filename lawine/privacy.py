"""Author pseudonymisation with a keyed hash, so the same author links up without storing who it is."""
from __future__ import annotations

import hashlib
import hmac
import secrets as pysecrets
from pathlib import Path
from typing import Optional

from lawine.secrets import get_secret

KEY_FILE = Path("data/pseudonym.key")


def pseudonym_key(key_file: Path = KEY_FILE) -> bytes:
    """LAWINE_PSEUDONYM_KEY from env/secrets; else a random per-installation key kept beside the DB."""
    configured = get_secret("LAWINE_PSEUDONYM_KEY")
    if configured:
        return str(configured).encode()
    if key_file.exists():
        return key_file.read_bytes().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = pysecrets.token_hex(32).encode()
    key_file.write_bytes(key)
    key_file.chmod(0o600)
    return key


def pseudonymise(source: str, handle: str, key: Optional[bytes] = None) -> str:
    """Stable opaque author id per network: the same handle always maps to the same id."""
    digest = hmac.new(key or pseudonym_key(), f"{source}:{handle.lower()}".encode(), hashlib.sha256)
    return "p_" + digest.hexdigest()[:20]
