"""GDPR erasure removes an author everywhere; retention deletes old mentions only."""
import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from lawine import store
from lawine.cli import main
from lawine.erasure import apply_retention, forget_author
from lawine.model import Mention
from lawine.privacy import pseudonymise
from lawine.store import schema

KEY = b"test-key"
T0 = datetime(2026, 11, 2, 10, tzinfo=timezone.utc)


def post(i, handle, text, days_ago=0, source="x"):
    return Mention(id=f"{source}:{i}", source=source, channel="c", author_id=pseudonymise(source, handle, KEY),
                   author_name=handle, brand="B", text=text, created_at=T0 - timedelta(days=days_ago))


def test_forget_author_removes_posts_quotes_and_logs(engine):
    store.upsert_mentions(engine, [post(1, "@jane", "my order 123 is lost"), post(2, "@bob", "fine"),
                                   post(3, "@jane", "still lost", source="reddit")])
    with engine.begin() as conn:
        conn.execute(schema.events.insert().values(
            id="e1", type="spike", brand="B", start_ts=0, peak_ts=0, score=60, status="open", updated_ts=0,
            explanation=json.dumps({"top_posts": [{"id": "x:1", "text": "my order 123 is lost"},
                                                  {"id": "x:2", "text": "fine"}]})))
        conn.execute(schema.notifications.insert().values(
            dedupe_key="k", rule="r", channel="slack", status="sent", subject="VIP @jane complains",
            body="my order 123 is lost", created_ts=0))
        conn.execute(schema.queue_actions.insert().values(mention_id="x:1", action="assign", actor="cm", at_ts=0))
        conn.execute(schema.quarantine.insert().values(source="x", error="bad", raw='{"user": "@jane"}', at_ts=0))
    done = forget_author(engine, "@jane", KEY)
    assert done.mentions == 2
    assert store.count_mentions(engine) == 1 and store.get_mention(engine, "x:2") is not None
    with engine.connect() as conn:
        ex = json.loads(conn.execute(select(schema.events.c.explanation)).scalar_one())
        note = conn.execute(select(schema.notifications.c.subject, schema.notifications.c.body)).one()
        actions = conn.execute(select(func.count()).select_from(schema.queue_actions)).scalar_one()
        quarantined = conn.execute(select(func.count()).select_from(schema.quarantine)).scalar_one()
    assert [p["id"] for p in ex["top_posts"]] == ["x:2"]
    assert "@jane" not in note.subject and "order 123" not in note.body
    assert actions == 0 and quarantined == 0


def test_retention_deletes_only_old_mentions(engine):
    store.upsert_mentions(engine, [post(1, "a", "old", days_ago=40), post(2, "b", "new", days_ago=5)])
    assert apply_retention(engine, 0, now=T0.timestamp()) == 0
    assert apply_retention(engine, 30, now=T0.timestamp()) == 1
    assert store.get_mention(engine, "x:1") is None and store.get_mention(engine, "x:2") is not None


def test_cli_forget_author_does_not_echo_the_handle(workdir, capsys, monkeypatch):
    monkeypatch.setenv("LAWINE_PSEUDONYM_KEY", KEY.decode())
    url = f"sqlite:///{workdir / 'p.db'}"
    engine = store.open_store(url)
    store.upsert_mentions(engine, [post(1, "@jane", "hello")])
    assert main(["forget-author", "@jane", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "erased 1 mentions" in out and "jane" not in out
    assert store.count_mentions(engine) == 0
