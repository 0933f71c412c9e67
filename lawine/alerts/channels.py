"""Delivery to Slack, Teams, signed JSON webhooks and SMTP e-mail; errors come back redacted."""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from typing import Optional

import httpx

from lawine.alerts.messages import Message, slack_payload, teams_payload, webhook_payload
from lawine.config import AlertChannel
from lawine.secrets import get_secret

SIGNATURE_HEADER = "X-Lawine-Signature"
TIMESTAMP_HEADER = "X-Lawine-Timestamp"
_URL = re.compile(r"(https?://[^/\s'\"<>]+)[^\s'\"<>]*", re.I)


class DeliveryError(Exception):
    """A delivery failed; the message is safe to log and store (no secrets, no webhook URLs)."""


@dataclass
class Envelope:
    """Per-delivery details beside the message itself."""

    now_ts: int
    recipients: list[str] = field(default_factory=list)  # e-mail only; empty: the channel's `to`
    message_id: Optional[str] = None  # e-mail Message-ID, stable per notification
    in_reply_to: Optional[str] = None  # e-mail threading for updates
    reply_subject: Optional[str] = None  # "Re: <first subject>" so mail clients thread by subject too
    thread: Optional[str] = None  # the dedupe key of the first notification (webhooks)


class _RedactSecrets(logging.Filter):
    """httpx logs every request with its full URL at INFO; for our webhooks that URL is the secret."""

    def __init__(self) -> None:
        super().__init__()
        self.values: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if self.values:
            text = record.getMessage()
            if any(v in text for v in self.values):
                record.msg, record.args = redact(text, list(self.values)), ()
        return True


_LOG_FILTER = _RedactSecrets()
for _name in ("httpx", "httpcore", "httpcore.connection", "httpcore.http11"):
    logging.getLogger(_name).addFilter(_LOG_FILTER)


class _Secrets:
    """Resolves the named secrets of one channel and remembers their values for redaction."""

    def __init__(self) -> None:
        self.values: list[str] = []

    def get(self, name: Optional[str], what: str, required: bool = True) -> Optional[str]:
        value = get_secret(name) if name else None
        if value:
            self.values.append(str(value))
            if len(str(value)) >= 4:
                _LOG_FILTER.values.add(str(value))
            return str(value)
        if required:
            raise DeliveryError(f"{what}: secret {name or '(not named)'} is not set "
                                "(environment variable or .streamlit/secrets.toml)")
        return None


def missing_secrets(cfg: AlertChannel) -> list[str]:
    """Names of the secrets this channel needs that are not set (names only, never values)."""
    if cfg.type == "email":
        needed = [cfg.password_secret] if cfg.username else []
    else:
        needed = [cfg.url_secret, cfg.hmac_secret]
    return [name for name in needed if name and not get_secret(name)]


def redact(text: str, secrets: list[str]) -> str:
    """Remove secret values and everything after the host in URLs (webhook URLs carry tokens in the path)."""
    for value in sorted(secrets, key=len, reverse=True):
        if len(value) >= 4:
            text = text.replace(value, "***")
    return _URL.sub(lambda m: m.group(1) + "/***", text)[:1000]


def deliver(cfg: AlertChannel, message: Message, envelope: Envelope) -> None:
    """Send one message; raises DeliveryError (redacted) on any failure, never anything else."""
    secrets = _Secrets()
    try:
        _SENDERS[cfg.type](cfg, message, envelope, secrets)
    except DeliveryError as exc:
        raise DeliveryError(redact(str(exc), secrets.values)) from None
    except Exception as exc:  # noqa: BLE001 - any library error becomes a logged, retried failure
        raise DeliveryError(redact(f"{type(exc).__name__}: {exc}", secrets.values)) from None


# --- HTTP channels --------------------------------------------------------------------

def _post(url: str, body: bytes, headers: dict[str, str], timeout_s: float) -> None:
    # Bounded timeout and no redirects: a slow or odd endpoint must never stall collection.
    with httpx.Client(timeout=httpx.Timeout(timeout_s), follow_redirects=False) as client:
        response = client.post(url, content=body, headers={"Content-Type": "application/json", **headers})
    if response.status_code >= 300:
        raise DeliveryError(f"HTTP {response.status_code}: {response.text[:200].strip()}")


def _json(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _slack(cfg: AlertChannel, msg: Message, env: Envelope, secrets: _Secrets) -> None:
    _post(secrets.get(cfg.url_secret, "slack"), _json(slack_payload(msg)), {}, cfg.timeout_s)


def _teams(cfg: AlertChannel, msg: Message, env: Envelope, secrets: _Secrets) -> None:
    _post(secrets.get(cfg.url_secret, "teams"), _json(teams_payload(msg)), {}, cfg.timeout_s)


def sign(key: str, timestamp: int, body: bytes) -> str:
    """HMAC-SHA256 over '<timestamp>.<body>' so a captured request cannot be replayed later with a new time."""
    mac = hmac.new(key.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def _webhook(cfg: AlertChannel, msg: Message, env: Envelope, secrets: _Secrets) -> None:
    url = secrets.get(cfg.url_secret, "webhook")
    body = _json(webhook_payload(msg, env.now_ts, env.thread))
    headers = {TIMESTAMP_HEADER: str(env.now_ts)}
    key = secrets.get(cfg.hmac_secret, "webhook signing key") if cfg.hmac_secret else None
    if key:
        headers[SIGNATURE_HEADER] = sign(key, env.now_ts, body)
    _post(url, body, headers, cfg.timeout_s)


# --- e-mail ---------------------------------------------------------------------------

def build_email(cfg: AlertChannel, msg: Message, env: Envelope) -> EmailMessage:
    """A multipart/alternative (text + HTML) mail, mixed with attachments when there are any."""
    recipients = env.recipients or cfg.to
    if not recipients:
        raise DeliveryError("email: no recipients (set `to` on the channel or `deliver_to` on the rule)")
    mail = EmailMessage()
    mail["Subject"] = env.reply_subject or msg.subject
    mail["From"] = cfg.from_addr
    mail["To"] = ", ".join(recipients)
    mail["Date"] = formatdate(env.now_ts, localtime=False)
    if env.message_id:
        mail["Message-ID"] = env.message_id
    if env.in_reply_to:
        mail["In-Reply-To"] = env.in_reply_to
        mail["References"] = env.in_reply_to
    mail.set_content(msg.text())
    mail.add_alternative(msg.html(), subtype="html")
    for a in msg.attachments:
        maintype, _, subtype = a.mime.partition("/")
        mail.add_attachment(a.content, maintype=maintype, subtype=subtype or "octet-stream", filename=a.filename)
    return mail


def _email(cfg: AlertChannel, msg: Message, env: Envelope, secrets: _Secrets) -> None:
    mail = build_email(cfg, msg, env)
    password = secrets.get(cfg.password_secret, "email password", required=bool(cfg.username))
    if cfg.username and not (cfg.starttls or cfg.ssl):
        raise DeliveryError("email: refusing to send the SMTP password without TLS (set starttls or ssl)")
    context = ssl.create_default_context(cafile=cfg.ca_file)
    if cfg.ssl:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout_s, context=context)
    else:
        smtp = smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout_s)
    with smtp:
        smtp.ehlo()
        if cfg.starttls and not cfg.ssl:
            smtp.starttls(context=context)
            smtp.ehlo()
        if cfg.username:
            smtp.login(cfg.username, password)
        smtp.send_message(mail)


_SENDERS = {"slack": _slack, "teams": _teams, "webhook": _webhook, "email": _email}
