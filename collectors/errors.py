"""Errors a source can end with, and the one place that makes their messages safe to show."""
from __future__ import annotations

import re
from typing import Iterable, Optional


class SourceError(Exception):
    """A source could not finish; the message is shown to users, so it never holds a secret."""

    status = "error"


class NotConfigured(SourceError):
    """Credentials or settings are missing; the message names the env vars, never their values."""

    status = "missing credentials"


class AuthError(SourceError):
    """The API rejected our credentials (401/403): retrying will not help."""

    status = "auth failed"


class SourceUnavailable(SourceError):
    """The server is down, unreachable or blocks us after all retries."""

    status = "unavailable"


class RateLimited(SourceUnavailable):
    """The API wants us to wait longer than we are willing to; the next run resumes from the cursor."""

    status = "rate limited"


# Query parameters and JSON keys that carry credentials in the APIs we talk to.
_SECRET_PARAMS = re.compile(
    r"(?i)((?:access_token|client_secret|password|bearer|token|app_secret|appsecret_proof)[\"']?\s*[=:]\s*[\"']?)"
    r"[^&\s\"',}]+")
_AUTH_HEADER = re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?(?:bearer|oauth|basic)?\s*)[^\s\"',}]+")


def redact(text: str, secrets: Iterable[Optional[str]] = ()) -> str:
    """Remove known secret values and anything that looks like a credential parameter."""
    for value in sorted({str(s) for s in secrets if s and len(str(s)) >= 4}, key=len, reverse=True):
        text = text.replace(value, "***")
    text = _SECRET_PARAMS.sub(r"\1***", text)
    return _AUTH_HEADER.sub(r"\1***", text)


def describe(exc: BaseException) -> str:
    """One line for a parse failure, naming the field where we can."""
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}" if exc.args else "missing field"
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, (TypeError, AttributeError, IndexError)):
        text = f"{type(exc).__name__}: {text}"
    return text.splitlines()[0][:500] if "\n" not in text else " ".join(text.split())[:500]
