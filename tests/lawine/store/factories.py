"""Small Mention factories shared by the store tests: posts and replies a few minutes apart."""
from datetime import datetime, timedelta, timezone

from lawine.model import Mention

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)


def post(i: int, **over) -> Mention:
    data = dict(id=f"x:{i}", source="x", channel="X search", author_id=f"p_{i}", brand="B",
                text=f"post {i}", created_at=T0 + timedelta(minutes=i))
    data.update(over)
    return Mention(**data)


def reply(i: int, parent: int, minutes: int, own: bool = True, **over) -> Mention:
    """Reply `i` to post `parent`, `minutes` after it; by the brand unless own=False."""
    over.setdefault("author_name", "@Brand" if own else "cust")
    return post(i, kind="reply", parent_id=f"x:{parent}", is_own=own,
                created_at=T0 + timedelta(minutes=parent + minutes), **over)
