"""The one Mention record that flows from collectors through analysis to the pages."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SOURCES = ("reddit", "x", "facebook", "instagram", "mastodon", "bluesky", "rss", "import")
KINDS = ("post", "comment", "reply")
SENTIMENT_LABELS = ("negative", "neutral", "positive")
INTENTS = ("question", "complaint", "praise", "spam_or_abuse", "other")

Source = Literal["reddit", "x", "facebook", "instagram", "mastodon", "bluesky", "rss", "import"]
Kind = Literal["post", "comment", "reply"]
SentimentLabel = Literal["negative", "neutral", "positive"]
Intent = Literal["question", "complaint", "praise", "spam_or_abuse", "other"]

# Fields a re-collected mention may change; everything else is fixed once stored.
ENGAGEMENT_FIELDS = ("likes", "replies", "shares")
ANALYSIS_FIELDS = (
    "lang", "sentiment", "sentiment_label", "intent", "needs_reply",
    "department", "sensitive", "answered_by_community",
)


class MentionError(ValueError):
    """A record that cannot become a Mention; the message names the offending field(s)."""


def utc(dt: datetime) -> datetime:
    """Return an aware datetime in UTC; naive datetimes are rejected because their zone is a guess."""
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        raise ValueError("must be timezone-aware (got a naive datetime)")
    return dt.astimezone(timezone.utc)


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


class Mention(BaseModel):
    """A post, comment or reply about a brand, from any source."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, frozen=False)

    id: str = Field(min_length=3, max_length=300)
    source: Source
    channel: str = Field(min_length=1, max_length=200)
    kind: Kind = "post"
    parent_id: Optional[str] = None
    thread_id: Optional[str] = None
    url: Optional[str] = None
    author_id: str = Field(min_length=1, max_length=200)
    author_name: Optional[str] = Field(default=None, max_length=200)
    author_followers: int = Field(default=0, ge=0)
    is_own: bool = False
    brand: str = Field(min_length=1, max_length=100)
    on_marketing_post: bool = False
    text: str = Field(max_length=100_000)
    lang: Optional[str] = Field(default=None, max_length=12)
    created_at: datetime
    collected_at: datetime = Field(default_factory=now_utc)
    likes: int = Field(default=0, ge=0)
    replies: int = Field(default=0, ge=0)
    shares: int = Field(default=0, ge=0)
    sentiment: Optional[float] = Field(default=None, ge=-1.0, le=1.0)
    sentiment_label: Optional[SentimentLabel] = None
    intent: Optional[Intent] = None
    needs_reply: Optional[bool] = None
    department: Optional[str] = Field(default=None, max_length=60)
    sensitive: bool = False
    answered_by_community: bool = False
    first_reply_at: Optional[datetime] = None
    first_reply_by: Optional[str] = Field(default=None, max_length=200)

    @field_validator("created_at", "collected_at", "first_reply_at")
    @classmethod
    def _aware_utc(cls, v: Optional[datetime]) -> Optional[datetime]:
        return None if v is None else utc(v)

    @field_validator("id")
    @classmethod
    def _stable_id(cls, v: str) -> str:
        prefix, sep, native = v.partition(":")
        if not sep or not native or prefix not in SOURCES:
            raise ValueError("must look like 'source:native_id' with a known source")
        return v

    @field_validator("text")
    @classmethod
    def _strip_nul(cls, v: str) -> str:
        # PostgreSQL rejects NUL bytes in text; they never carry meaning in a post.
        return v.replace("\x00", "")

    @model_validator(mode="after")
    def _consistent(self) -> "Mention":
        if not self.id.startswith(self.source + ":"):
            raise ValueError(f"id {self.id!r} must start with its source {self.source!r}:")
        if self.kind != "post" and not self.parent_id:
            raise ValueError(f"a {self.kind} needs a parent_id")
        if self.thread_id is None:
            self.thread_id = self.id if self.kind == "post" else self.parent_id
        return self

    @classmethod
    def parse(cls, data: dict) -> "Mention":
        """Validate raw data, turning pydantic's error into one line that names each bad field."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise MentionError(describe_errors(exc)) from None


def describe_errors(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "record"
        parts.append(f"{field}: {err['msg']}")
    return "invalid mention: " + "; ".join(parts)
