"""Re-analysis rewrites analysis fields from the text, using the thread for context."""
from datetime import datetime, timedelta, timezone

from lawine import store
from lawine.cli import main
from lawine.model import Mention
from lawine.reanalyse import reanalyse

T0 = datetime(2026, 11, 2, 10, tzinfo=timezone.utc)


def m(i, text, **over):
    data = dict(id=f"facebook:{i}", source="facebook", channel="Kestrel Air (Facebook page)",
                author_id=f"p_{i}", brand="Kestrel Air", text=text, created_at=T0 + timedelta(minutes=i))
    data.update(over)
    return Mention(**data)


def test_reanalyse_fills_fields_and_sees_thread_context(engine):
    rows = [
        m(1, "Our autumn deals are live", is_own=True),
        m(2, "How do I change my seat on booking KX7Q2P?", kind="comment", parent_id="facebook:1",
          on_marketing_post=True),
        m(3, "You can do that in the app under My Trips, worked for me", kind="reply", parent_id="facebook:2"),
        m(4, "Still waiting for my refund, three weeks now. Thanks for nothing", kind="comment",
          parent_id="facebook:1", on_marketing_post=True),
    ]
    store.upsert_mentions(engine, rows)
    # batch size 1: context must come from the database, not from the batch
    assert reanalyse(engine, batch_size=1) == 4
    q, a, c = (store.get_mention(engine, f"facebook:{i}") for i in (2, 3, 4))
    assert q.intent == "question" and q.needs_reply is True and q.answered_by_community is True
    assert a.needs_reply is False
    assert c.sentiment_label == "negative" and c.needs_reply is True
    assert store.get_mention(engine, "facebook:1").needs_reply is False  # our own post


def test_cli_reanalyse(workdir, capsys):
    url = f"sqlite:///{workdir / 'r.db'}"
    engine = store.open_store(url)
    store.upsert_mentions(engine, [m(i, "Great flight, thank you!") for i in range(5)])
    assert main(["reanalyse", "--database", url]) == 0
    assert "re-analysed 5 mentions" in capsys.readouterr().out
    assert store.get_mention(engine, "facebook:3").sentiment_label == "positive"


def test_reanalyse_in_worker_processes_writes_what_a_serial_run_does(engine, caplog):
    from lawine.demo import templates as T
    from lawine.store.schema import mentions as M
    from sqlalchemy import select

    rows = []
    for i in range(0, 1800, 3):
        tpl = T.CUSTOMER[i % len(T.CUSTOMER)]
        values = {k: v[i % len(v)] for k, v in T.SLOTS.items()}
        rows += [m(i, T.MARKETING_POST[i % len(T.MARKETING_POST)].text + f" {i}", is_own=True),
                 m(i + 1, tpl.text.format(brand="Kestrel Air", handle="@KestrelAir", **values) + f" {i}",
                   kind="comment", parent_id=f"facebook:{i}", on_marketing_post=i % 2 == 0),
                 m(i + 2, T.COMMUNITY_ANSWER[i % len(T.COMMUNITY_ANSWER)].text + f" {i}", kind="reply",
                   parent_id=f"facebook:{i + 1}")]
    store.upsert_mentions(engine, rows)
    fields = [M.c.id] + [M.c[f] for f in ("lang", "sentiment", "sentiment_label", "intent", "needs_reply",
                                          "department", "sensitive", "answered_by_community")]

    def read() -> set:
        with engine.connect() as conn:
            return set(conn.execute(select(*fields)))

    with caplog.at_level("DEBUG", logger="lawine.analysis.parallel"):
        assert reanalyse(engine, batch_size=500, workers=2) == 1800
    assert "analysis workers started" in caplog.text
    parallel = read()
    assert reanalyse(engine, batch_size=500, workers=0) == 1800
    assert read() == parallel
    assert {r.needs_reply for r in parallel} == {True, False} and any(r.answered_by_community for r in parallel)
