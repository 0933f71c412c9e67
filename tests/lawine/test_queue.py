"""Escalation queue: who is in it, in which order, with which SLA clock; constructed cases."""
from __future__ import annotations

from datetime import datetime, timedelta
from math import log10
from zoneinfo import ZoneInfo

import pytest

from lawine import store
from lawine.business_hours import BusinessCalendar
from lawine.model import Mention
from lawine.queries import Filters
from lawine.queue import queue_counts, queue_departments, queue_items, recently_closed, sla_clock
from lawine.response_times import SlaPolicy
from lawine.store import queue_writes

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 14, 0, tzinfo=BERLIN)  # a Wednesday, business hours 09–18
CAL = BusinessCalendar()
POLICY = SlaPolicy(CAL, 3600, True)


def at(hh: int, mm: int = 0, days: int = 0) -> datetime:
    return datetime(2026, 11, 18, hh, mm, tzinfo=BERLIN) - timedelta(days=days)


def post(name: str, created: datetime, **over) -> Mention:
    data = dict(id=f"x:{name}", source="x", channel="X search", author_id=f"a_{name}", author_name=name,
                brand="B", text=f"{name} needs help", created_at=created, needs_reply=True, sentiment=0.0,
                url=f"https://x.com/i/status/{name}")
    data.update(over)
    return Mention(**data)


def reply(name: str, parent: str, created: datetime, own: bool = False, **over) -> Mention:
    fields = dict(kind="reply", parent_id=f"x:{parent}", is_own=own, needs_reply=False, sentiment=-0.7,
                  sentiment_label="negative")
    return post(name, created, **{**fields, **over})


CASES = {  # name: (created, extra fields)
    "old": (at(10), dict(author_followers=10, department="billing")),
    "angry_vip": (at(13, 55), dict(sentiment=-0.9, sentiment_label="negative", author_followers=1_000_000,
                                   department="billing")),
    "hot": (at(13, 30), dict(sentiment=-0.2, sentiment_label="negative")),
    "sensitive": (at(13), dict(sensitive=True, text="refund to my email anna@example.com please")),
    "viral": (at(13, 50), dict(replies=50, likes=949)),
    "marketing": (at(13, 55), dict(on_marketing_post=True, kind="comment", parent_id="facebook:ad")),
    "reopened": (at(13, 40), {}),
}


def build(engine) -> None:
    rows = [post(n, c, **extra) for n, (c, extra) in CASES.items()]
    rows += [
        # Growing anger under "hot": three negative replies in the last two hours, none before.
        reply("h1", "hot", at(12, 30)), reply("h2", "hot", at(13)), reply("h3", "hot", at(13, 45)),
        # Under "old" the anger is fading: three before, one recently -> not escalating.
        reply("o1", "old", at(10, 30)), reply("o2", "old", at(11)), reply("o3", "old", at(11, 30)),
        reply("o4", "old", at(12, 30)),
        # Not open: answered by us, by the community, closed, too old, no reply needed, our own post.
        post("answered", at(12)),
        reply("r1", "answered", at(12, 20), own=True, sentiment=0.5, sentiment_label="positive"),
        post("community", at(12), answered_by_community=True),
        post("closed", at(12)),
        post("stale", at(12, days=8)),
        post("no_need", at(12), needs_reply=False),
        post("ours", at(12), is_own=True, needs_reply=False),
    ]
    store.upsert_mentions(engine, rows)
    queue_writes.mark_handled(engine, ["x:closed", "x:reopened"], actor="Alex")
    queue_writes.reopen(engine, ["x:reopened"], actor="Sam")


def expected_score(name: str) -> float:
    created, extra = CASES[name]
    elapsed = CAL.business_seconds(created, NOW)
    sla = min(elapsed / 3600, 2) / 2
    neg = max(0.0, -extra.get("sentiment", 0.0))
    reach = min(log10(1 + extra.get("author_followers", 0)) / 6, 1)
    heat = 1.0 if name == "hot" else min(log10(1 + extra.get("replies", 0) + extra.get("likes", 0)) / 3, 1)
    return 40 * sla + 20 * neg + 15 * reach + 15 * heat + 10 * extra.get("on_marketing_post", False)


def test_queue_holds_exactly_the_open_requests_in_priority_order(engine):
    build(engine)
    df = queue_items(engine, Filters(), NOW, POLICY)
    want = sorted(CASES, key=lambda n: -expected_score(n))
    assert [i.split(":")[1] for i in df["id"]] == want
    assert want[:3] == ["old", "angry_vip", "hot"]
    assert list(df["score"]) == pytest.approx([expected_score(n) for n in want])
    flags = dict(zip(df["id"], df["escalating"]))
    assert flags["x:hot"] and not flags["x:old"] and not any(v for k, v in flags.items() if k != "x:hot")


def test_sla_clock_masking_link_and_assignee(engine):
    build(engine)
    queue_writes.assign(engine, ["x:viral"], "Kim")
    df = queue_items(engine, Filters(), NOW, POLICY).set_index("id")
    assert df.loc["x:old", "sla_clock"] == "overdue 3h 0m" and df.loc["x:old", "overdue"]
    assert df.loc["x:hot", "sla_clock"] == "due in 30m"
    assert df.loc["x:old", "due_at"] == at(11) and df.loc["x:hot", "due_at"] == at(14, 30)
    assert df.loc["x:sensitive", "text"] == "refund to my email ••• please"
    assert df.loc["x:sensitive", "hint"] == "move to private channel" and df.loc["x:old", "hint"] == ""
    assert df.loc["x:hot", "url"] == "https://x.com/i/status/hot"
    assert df.loc["x:viral", "assignee"] == "Kim" and df.loc["x:old", "assignee"] == ""


def test_counts_cover_all_open_requests(engine):
    build(engine)
    c = queue_counts(engine, Filters(), NOW, POLICY)
    # old is 3 h past its deadline; sensitive reaches its deadline right now (0 s left: due, not overdue).
    assert (c.open, c.overdue, c.due_soon, c.sensitive) == (7, 1, 1, 1)
    wall = queue_counts(engine, Filters(), NOW + timedelta(hours=6), SlaPolicy(CAL, 3600, False))
    assert (wall.open, wall.overdue) == (7, 7)  # 20:00: business clock stopped, wall clock did not


def test_filters_limit_and_departments(engine):
    build(engine)
    top = queue_items(engine, Filters(), NOW, POLICY, limit=2)
    assert list(top["id"]) == ["x:old", "x:angry_vip"]
    billing = queue_items(engine, Filters(), NOW, POLICY, departments=("billing",))
    assert set(billing["id"]) == {"x:old", "x:angry_vip"}
    assert list(queue_items(engine, Filters(), NOW, POLICY, marketing_only=True)["id"]) == ["x:marketing"]
    assert queue_items(engine, Filters(brands=("Other",)), NOW, POLICY).empty
    assert queue_counts(engine, Filters(brands=("Other",)), NOW, POLICY).open == 0
    assert queue_departments(engine, Filters(), NOW) == ["billing"]


def test_latest_status_action_wins_and_closed_list_shows_who(engine):
    build(engine)
    closed = recently_closed(engine)
    assert list(closed["mention_id"]) == ["x:closed"] and closed.iloc[0]["actor"] == "Alex"
    queue_writes.mark_not_needed(engine, ["x:reopened"], actor="Sam")
    ids = set(queue_items(engine, Filters(), NOW, POLICY)["id"])
    assert "x:reopened" not in ids and "x:closed" not in ids
    assert list(recently_closed(engine)["mention_id"]) == ["x:reopened", "x:closed"]
    queue_writes.reopen(engine, ["x:closed"])
    assert "x:closed" in set(queue_items(engine, Filters(), NOW, POLICY)["id"])


@pytest.mark.parametrize("seconds, text", [(1500, "due in 25m"), (-7800, "overdue 2h 10m"), (0, "due in 0m"),
                                           (-3 * 86400 - 7200, "overdue 3d 2h"), (59, "due in 0m")])
def test_sla_clock_text(seconds, text):
    assert sla_clock(seconds) == text


@pytest.mark.parametrize("seconds, text", [(1500, "fällig in 25 Min."), (-7800, "überfällig seit 2 Std. 10 Min."),
                                           (-3 * 86400 - 7200, "überfällig seit 3 T. 2 Std.")])
def test_sla_clock_text_german(seconds, text):
    assert sla_clock(seconds, "de") == text
