"""Settings in one place: arguments, then environment, then lawine.toml, then defaults."""
from __future__ import annotations

import os
import re
import tomllib
from datetime import time as dtime
from pathlib import Path
from typing import Literal, Optional, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from lawine.store.engine import DEFAULT_URL, normalise_url

NETWORKS = ("reddit", "x", "facebook", "instagram", "mastodon", "bluesky")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ConfigError(ValueError):
    """The config is wrong; the message names the file and key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Brand(_Strict):
    name: str = Field(min_length=1)
    keywords: list[str] = Field(min_length=1)
    exclude: list[str] = []
    languages: list[str] = ["en", "de"]
    # Our own accounts per network, e.g. {"x": ["@KestrelAir"], "reddit": ["KestrelAir_Team"]}.
    handles: dict[str, list[str]] = {}
    # Pages/accounts whose posts are our marketing posts, e.g. {"facebook": ["123456789"]}.
    marketing_pages: dict[str, list[str]] = {}
    subreddits: list[str] = []
    feeds: list[str] = []

    @field_validator("handles", "marketing_pages")
    @classmethod
    def _known_networks(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(v) - set(NETWORKS))
        if unknown:
            raise ValueError(f"unknown network(s) {unknown}; use one of {list(NETWORKS)}")
        return v


class BusinessHours(_Strict):
    days: list[str] = ["mon", "tue", "wed", "thu", "fri"]
    start: dtime = dtime(9, 0)
    end: dtime = dtime(18, 0)

    @field_validator("days")
    @classmethod
    def _days(cls, v: list[str]) -> list[str]:
        bad = [d for d in v if d not in WEEKDAYS]
        if bad:
            raise ValueError(f"unknown day(s) {bad}; use {list(WEEKDAYS)}")
        return v


class Team(_Strict):
    name: str = "Social care"
    timezone: str = "Europe/Berlin"
    business_hours: BusinessHours = BusinessHours()
    holidays: list[str] = []  # ISO dates on which the SLA clock stands still

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r} (use an IANA name like 'Europe/Berlin')") from None
        return v

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class SLA(_Strict):
    first_response_minutes: int = Field(default=60, gt=0)
    business_hours_only: bool = True


class Privacy(_Strict):
    pseudonymise_authors: bool = True
    retention_days: int = Field(default=0, ge=0)  # 0 keeps everything


ALERT_TYPES = ("spike", "avalanche", "sla_breach", "vip_author", "sensitive_public")
CHANNEL_TYPES = ("slack", "teams", "webhook", "email")
_SECRET_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")


class AlertRule(_Strict):
    name: str = Field(min_length=1, max_length=100)
    types: list[str] = list(ALERT_TYPES)
    brands: list[str] = []  # empty: every brand
    channels: list[str] = []  # names of [alerts.channels.*]
    min_score: float = 0.0  # spike/avalanche only: ignore events scoring lower
    deliver_to: list[str] = []  # e-mail: recipients instead of the channel's `to`; chat: named in the text
    cooldown_minutes: int = Field(default=60, ge=0)
    quiet_hours: Optional[list[dtime]] = None  # [start, end] in the team time zone
    digest_at: Optional[dtime] = None  # send the quiet-hours digest at this time (default: when they end)
    marketing_posts_only: bool = False  # mention alerts only for comments under our marketing posts
    lang: Literal["en", "de"] = "en"  # language of this rule's messages (English or German)

    @field_validator("types")
    @classmethod
    def _types(cls, v: list[str]) -> list[str]:
        bad = sorted(set(v) - set(ALERT_TYPES))
        if bad:
            raise ValueError(f"unknown alert type(s) {bad}; use {list(ALERT_TYPES)}")
        return v

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, v: Optional[list[dtime]]) -> Optional[list[dtime]]:
        if v is not None and (len(v) != 2 or v[0] == v[1]):
            raise ValueError("quiet_hours must be [start, end] with two different times, e.g. [22:00:00, 07:00:00]")
        return v


class AlertChannel(_Strict):
    """Where alerts go. Secrets are named (env var / secrets.toml key), never written here."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, hide_input_in_errors=True)

    type: Literal["slack", "teams", "webhook", "email"]
    url_secret: Optional[str] = None  # slack/teams/webhook: NAME of the secret holding the URL
    hmac_secret: Optional[str] = None  # webhook: NAME of the signing key
    timeout_s: float = Field(default=10.0, gt=0, le=120)
    smtp_host: Optional[str] = None
    smtp_port: int = Field(default=587, gt=0, lt=65536)
    starttls: bool = True
    ssl: bool = False  # implicit TLS (port 465) instead of STARTTLS
    username: Optional[str] = None
    password_secret: Optional[str] = None
    ca_file: Optional[str] = None  # trust this CA bundle (a relay with an internal certificate)
    from_addr: Optional[str] = Field(default=None, alias="from")
    to: list[str] = []

    @field_validator("url_secret", "hmac_secret", "password_secret")
    @classmethod
    def _secret_name(cls, v: Optional[str]) -> Optional[str]:
        # Never echo the value: a pasted webhook URL here is itself the secret.
        if v is not None and not _SECRET_NAME.match(v):
            raise ValueError("must be the NAME of an environment variable or secrets.toml key "
                             "(letters, digits, _), not the secret itself")
        return v

    @model_validator(mode="after")
    def _complete(self) -> "AlertChannel":
        if self.type == "email":
            missing = [k for k, v in (("smtp_host", self.smtp_host), ("from", self.from_addr)) if not v]
            if missing:
                raise ValueError(f"an email channel needs {', '.join(missing)}")
        elif not self.url_secret:
            raise ValueError(f"a {self.type} channel needs url_secret (the name of the secret with its URL)")
        return self


class Alerts(_Strict):
    dashboard_url: str = "http://localhost:8501"
    vip_followers: int = Field(default=10_000, ge=0)
    lookback_hours: int = Field(default=24, gt=0)  # older mentions/events never alert
    rules: list[AlertRule] = []
    channels: dict[str, AlertChannel] = {}
    snapshot_channel: Optional[str] = None  # e-mail channel for the weekly snapshot (`lawine serve`)
    snapshot_day: str = "mon"
    snapshot_at: dtime = dtime(7, 0)
    snapshot_lang: Literal["en", "de"] = "en"  # language of the mailed snapshot (and `lawine snapshot`)

    @field_validator("snapshot_day")
    @classmethod
    def _day(cls, v: str) -> str:
        if v not in WEEKDAYS:
            raise ValueError(f"unknown day {v!r}; use {list(WEEKDAYS)}")
        return v

    @model_validator(mode="after")
    def _known_channels(self) -> "Alerts":
        for rule in self.rules:
            unknown = sorted(set(rule.channels) - set(self.channels))
            if unknown:
                raise ValueError(f"rule {rule.name!r} names unknown channel(s) {unknown}")
        if self.snapshot_channel:
            channel = self.channels.get(self.snapshot_channel)
            if channel is None or channel.type != "email":
                raise ValueError(f"snapshot_channel {self.snapshot_channel!r} must name an email channel")
        return self


# How readily volume spikes alert: normal variation of a series reaches the bar about once
# in 300 (low), 100 (normal, tuned on NAB) or 30 (high) days; lawine.spikes.SENSITIVITY maps them.
SpikeSensitivity = Literal["low", "normal", "high"]
SENSITIVITY_NAMES: tuple[str, ...] = get_args(SpikeSensitivity)


class Detection(_Strict):
    spike_sensitivity: SpikeSensitivity = "normal"


class Settings(_Strict):
    database_url: str = DEFAULT_URL
    brands: list[Brand] = []
    team: Team = Team()
    sla: SLA = SLA()
    privacy: Privacy = Privacy()
    alerts: Alerts = Alerts()
    detection: Detection = Detection()
    departments: dict[str, list[str]] = {}  # overrides the built-in routing rules
    collect_every_minutes: int = Field(default=5, gt=0)
    sources: dict[str, dict] = {}  # per-source options (enabled, base_url, max_pages ...), see docs/collectors.md
    source_path: Optional[str] = None

    def brand(self, name: str) -> Optional[Brand]:
        return next((b for b in self.brands if b.name == name), None)


def config_path(explicit: Optional[str] = None) -> Path:
    return Path(explicit or os.environ.get("LAWINE_CONFIG") or "lawine.toml")


def load_settings(path: Optional[str] = None, database_url: Optional[str] = None) -> Settings:
    """Load settings; arguments win over environment, environment over the file."""
    p = config_path(path)
    data: dict = {}
    if p.exists():
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: not valid TOML: {exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{p}: not UTF-8 text") from None
    elif path or os.environ.get("LAWINE_CONFIG"):
        raise ConfigError(f"{p}: config file not found")
    db = data.pop("database", {})
    if not isinstance(db, dict):
        raise ConfigError(f"{p}: [database] must be a table")
    url = database_url or os.environ.get("LAWINE_DATABASE_URL") or db.get("url") or DEFAULT_URL
    try:
        settings = Settings.model_validate({**data, "database_url": normalise_url(url),
                                            "source_path": str(p) if p.exists() else None})
    except ValidationError as exc:
        raise ConfigError(_describe(p, exc)) from None
    return settings


def _describe(p: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        key = ""
        for part in err["loc"]:
            key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
        lines.append(f"{p}: {key or 'top level'}: {err['msg']}")
    return "; ".join(lines)
