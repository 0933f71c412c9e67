"""The Mention model validates at the boundary and names the bad field."""
from datetime import datetime, timedelta, timezone

import pytest

from lawine.model import Mention, MentionError

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def base(**over):
    data = dict(id="reddit:t3_abc", source="reddit", channel="r/test", author_id="p_1",
                brand="Kestrel Air", text="hello", created_at=T0)
    data.update(over)
    return data


def test_valid_mention_is_normalised_to_utc_and_threads_itself():
    m = Mention.parse(base())
    assert m.created_at == T0 and m.created_at.utcoffset() == timedelta(0)
    assert m.thread_id == "reddit:t3_abc"
    assert m.kind == "post" and m.likes == 0 and m.is_own is False


def test_naive_time_is_rejected_naming_the_field():
    with pytest.raises(MentionError, match=r"created_at: .*timezone-aware"):
        Mention.parse(base(created_at=datetime(2026, 1, 1)))


@pytest.mark.parametrize("over, field", [
    (dict(id="nosource"), "id"),
    (dict(id="x:1"), "source"),  # id prefix must match the source
    (dict(source="myspace", id="myspace:1"), "source"),
    (dict(likes=-1), "likes"),
    (dict(sentiment=1.5), "sentiment"),
    (dict(kind="comment"), "parent_id"),
    (dict(sentiment_label="angry"), "sentiment_label"),
    (dict(unknown_field=1), "unknown_field"),
])
def test_bad_records_name_the_field(over, field):
    with pytest.raises(MentionError) as err:
        Mention.parse(base(**over))
    assert field in str(err.value)


def test_reply_inherits_thread_from_parent_and_nul_bytes_are_dropped():
    m = Mention.parse(base(id="reddit:t1_x", kind="reply", parent_id="reddit:t3_abc", text="a\x00b"))
    assert m.thread_id == "reddit:t3_abc"
    assert m.text == "ab"
