"""Table definitions; times are stored as integer UTC epoch seconds so SQL bucketing is portable."""
from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text,
)

metadata = MetaData()

# Epoch seconds (not DATETIME) because SQLite has no native timestamp type and
# bucket arithmetic (ts - ts % 3600) must run identically on SQLite and PostgreSQL.
mentions = Table(
    "mentions", metadata,
    Column("id", String(300), primary_key=True),
    Column("source", String(20), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("parent_id", String(300)),
    Column("thread_id", String(300)),
    Column("url", Text),
    Column("author_id", String(200), nullable=False),
    Column("author_name", String(200)),
    Column("author_followers", Integer, nullable=False, default=0),
    Column("is_own", Boolean, nullable=False, default=False),
    Column("brand", String(100), nullable=False),
    Column("on_marketing_post", Boolean, nullable=False, default=False),
    Column("text", Text, nullable=False),
    Column("lang", String(12)),
    Column("created_ts", BigInteger, nullable=False),
    Column("collected_ts", BigInteger, nullable=False),
    Column("likes", Integer, nullable=False, default=0),
    Column("replies", Integer, nullable=False, default=0),
    Column("shares", Integer, nullable=False, default=0),
    Column("sentiment", Float),
    Column("sentiment_label", String(10)),
    Column("intent", String(20)),
    Column("needs_reply", Boolean),
    Column("department", String(60)),
    Column("sensitive", Boolean, nullable=False, default=False),
    Column("answered_by_community", Boolean, nullable=False, default=False),
    Column("first_reply_ts", BigInteger),
    Column("first_reply_by", String(200)),
    Index("ix_mentions_created", "created_ts"),
    Index("ix_mentions_brand_created", "brand", "created_ts"),
    Index("ix_mentions_channel_created", "channel", "created_ts"),
    Index("ix_mentions_source_created", "source", "created_ts"),
    Index("ix_mentions_parent", "parent_id"),
    # (thread, author, time, id): the Response times page finds each customer's latest message in a
    # thread with one index probe; a thread_id lookup uses its first column (migration 2).
    Index("ix_mentions_thread_author", "thread_id", "author_id", "created_ts", "id"),
    Index("ix_mentions_author", "author_id"),
    # Every page lists the languages for its filter: a loose index scan instead of a table scan.
    Index("ix_mentions_lang_created", "lang", "created_ts"),
)

meta = Table(
    "meta", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

cursors = Table(
    "cursors", metadata,
    Column("source", String(50), primary_key=True),
    Column("key", String(300), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_ts", BigInteger, nullable=False),
)

quarantine = Table(
    "quarantine", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(50), nullable=False),
    Column("ref", String(300)),
    Column("error", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("at_ts", BigInteger, nullable=False),
    Index("ix_quarantine_source", "source", "at_ts"),
)

source_runs = Table(
    "source_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(50), nullable=False),
    Column("started_ts", BigInteger, nullable=False),
    Column("finished_ts", BigInteger),
    Column("status", String(20), nullable=False),
    Column("fetched", Integer, nullable=False, default=0),
    Column("stored", Integer, nullable=False, default=0),
    Column("quarantined", Integer, nullable=False, default=0),
    Column("message", Text),
    Index("ix_source_runs_source", "source", "started_ts"),
)

events = Table(
    "events", metadata,
    Column("id", String(120), primary_key=True),
    Column("type", String(20), nullable=False),
    Column("brand", String(100), nullable=False),
    Column("channel", String(200)),
    Column("start_ts", BigInteger, nullable=False),
    Column("peak_ts", BigInteger, nullable=False),
    Column("end_ts", BigInteger),
    Column("score", Float, nullable=False),
    Column("status", String(20), nullable=False, default="open"),
    Column("explanation", Text, nullable=False, default="{}"),
    Column("updated_ts", BigInteger, nullable=False),
    Index("ix_events_brand_start", "brand", "start_ts"),
)

queue_actions = Table(
    "queue_actions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("mention_id", String(300), nullable=False),
    Column("action", String(20), nullable=False),
    Column("assignee", String(200)),
    Column("actor", String(200), nullable=False),
    Column("note", Text),
    Column("at_ts", BigInteger, nullable=False),
    Index("ix_queue_actions_mention", "mention_id", "at_ts"),
)

notifications = Table(
    "notifications", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dedupe_key", String(300), nullable=False),
    Column("rule", String(100), nullable=False),
    Column("channel", String(100), nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("error", Text),
    Column("created_ts", BigInteger, nullable=False),
    Column("sent_ts", BigInteger),
    Column("next_try_ts", BigInteger),
    Index("ix_notifications_dedupe", "dedupe_key", "channel"),
)
