"""Settings in one place: arguments, then environment, then lawine.toml, then defaults."""
from __future__ import annotations

import os
import tomllib
from datetime import time as dtime
from pathlib import Path
from typing import Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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


class AlertRule(_Strict):
    name: str
    types: list[str] = ["spike", "avalanche", "sla_breach", "vip_author", "sensitive_public"]
    brands: list[str] = []
    channels: list[str] = []
    min_score: float = 0.0
    deliver_to: list[str] = []
    cooldown_minutes: int = Field(default=60, ge=0)
    quiet_hours: Optional[list[dtime]] = None  # [start, end] in the team time zone


class Alerts(_Strict):
    dashboard_url: str = "http://localhost:8501"
    vip_followers: int = Field(default=10_000, ge=0)
    rules: list[AlertRule] = []
    channels: dict[str, dict] = {}


class Settings(_Strict):
    database_url: str = DEFAULT_URL
    brands: list[Brand] = []
    team: Team = Team()
    sla: SLA = SLA()
    privacy: Privacy = Privacy()
    alerts: Alerts = Alerts()
    departments: dict[str, list[str]] = {}  # overrides the built-in routing rules
    collect_every_minutes: int = Field(default=5, gt=0)
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
