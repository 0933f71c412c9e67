"""Rows the alert tests insert themselves: events (normally the detector's) and mentions."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import update

from lawine.config import Settings
from lawine.model import Mention
from lawine.store import schema, upsert_mentions

BERLIN = ZoneInfo("Europe/Berlin")
# Wednesday 18 Nov 2026, 15:00 in Berlin: inside business hours.
NOW = datetime(2026, 11, 18, 14, 0, tzinfo=timezone.utc)


def ts(d: datetime) -> int:
    return int(d.timestamp())


def add_event(engine, id: str, type: str = "spike", brand: str = "Kestrel Air", start: datetime = NOW,
              score: float = 7.5, status: str = "open", end: datetime | None = None,
              explanation: dict | None = None, channel: str | None = "x", updated: datetime | None = None) -> None:
    with engine.begin() as conn:
        conn.execute(schema.events.insert().values(
            id=id, type=type, brand=brand, channel=channel, start_ts=ts(start),
            peak_ts=ts(start + timedelta(minutes=10)), end_ts=ts(end) if end else None, score=score,
            status=status, explanation=json.dumps(explanation or {"mentions": 140, "expected": 12.5}),
            updated_ts=ts(updated or end or start)))


def close_event(engine, id: str, end: datetime, status: str = "resolved", at: datetime | None = None) -> None:
    with engine.begin() as conn:
        conn.execute(update(schema.events).where(schema.events.c.id == id).values(
            status=status, end_ts=ts(end), updated_ts=ts(at or end)))


_seq = iter(range(1, 10**9))


def mention(created: datetime, **kw) -> Mention:
    n = next(_seq)
    data = dict(id=f"x:{n}", source="x", channel="@KestrelAir", author_id=f"a{n}", author_name=f"customer{n}",
                brand="Kestrel Air", text="Where is my refund?", created_at=created, collected_at=created,
                sentiment=-0.5, sentiment_label="negative", intent="question", needs_reply=True,
                url=f"https://x.com/i/status/{n}")
    data.update(kw)
    return Mention(**data)


def add_mentions(engine, *mentions: Mention) -> list[Mention]:
    upsert_mentions(engine, mentions)
    return list(mentions)


def settings(db_url: str, channels: dict, rules: list[dict], **alerts) -> Settings:
    return Settings.model_validate({
        "database_url": db_url,
        "brands": [{"name": "Kestrel Air", "keywords": ["Kestrel Air"]},
                   {"name": "Nordlicht Mobile", "keywords": ["Nordlicht"]}],
        "alerts": {"dashboard_url": "https://lawine.example.org", "channels": channels, "rules": rules, **alerts},
    })


def notifications(engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(schema.notifications.select().order_by(schema.notifications.c.id)).fetchall()
    return [dict(r._mapping) for r in rows]
