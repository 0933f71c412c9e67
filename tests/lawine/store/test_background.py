"""The background writer stores what upsert_mentions would, in order, and never outlives its owner."""
import os
import signal
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from lawine import store
from lawine.model import Mention
from lawine.store.background import BackgroundWriter
from tests.conftest import run_beside_another_thread

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)


def batches(n_batches: int = 6, size: int = 300, likes: int = 0) -> list[list[Mention]]:
    """Posts and our replies to them, the replies sometimes a batch before their post."""
    out = []
    for b in range(n_batches):
        batch = []
        for i in range(size):
            k = b * size + i
            batch.append(Mention(id=f"x:{k}", source="x", channel="X search", author_id=f"p{k % 50}", brand="B",
                                 text=f"post {k}", created_at=T0 + timedelta(minutes=k), likes=likes))
            target = k + size // 2  # a post of this batch or the next one
            batch.append(Mention(id=f"x:r{k}", source="x", channel="X search", kind="reply", parent_id=f"x:{target}",
                                 author_id="brand", author_name=f"@B{k % 3}", is_own=True, brand="B",
                                 text=f"reply {k}", created_at=T0 + timedelta(minutes=target + 5 + k % 7)))
        out.append(batch)
    return out


def dump(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT id, likes, first_reply_ts, first_reply_by, thread_id FROM mentions ORDER BY id"))]


def _gone(pids: list[int], within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not [p for p in pids if os.path.exists(f"/proc/{p}")]:
            return True
        time.sleep(0.1)
    return False


def test_background_writes_equal_serial_upserts(engine, tmp_path):
    data = batches()
    with BackgroundWriter(engine) as writer:
        for batch in data:
            writer.write(batch)
        started = bool(writer.pids)
        total = writer.close()
    assert started or (os.cpu_count() or 1) < 2
    assert (total.inserted, total.updated) == (sum(map(len, data)), 0)
    serial = store.open_store(f"sqlite:///{tmp_path / 'serial.db'}")
    for batch in data:
        store.upsert_mentions(serial, batch)
    expected = dump(serial)
    serial.dispose()
    assert dump(engine) == expected
    assert sum(1 for r in expected if r[2] is not None) > 100  # replies in either order were tracked
    with BackgroundWriter(engine) as writer:  # again, with new like counts: updates only
        for batch in batches(likes=3):
            writer.write(batch)
    assert (writer.total.inserted, writer.total.updated) == (0, sum(map(len, data)))


def test_an_in_memory_database_is_written_in_this_process():
    engine = store.open_store("sqlite:///:memory:")
    with BackgroundWriter(engine) as writer:
        writer.write(batches(1)[0])
        assert writer.pids == []
    assert store.count_mentions(engine) == 600


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not os.path.exists("/proc"), reason="needs a second core")
def test_a_dead_writer_is_replaced_by_writing_here(sqlite_engine):
    data = batches()
    with BackgroundWriter(sqlite_engine) as writer:
        writer.write(data[0])
        pid = writer.pids[0]
        os.kill(pid, signal.SIGKILL)
        for batch in data[1:]:
            writer.write(batch)
    assert store.count_mentions(sqlite_engine) == sum(map(len, data))
    assert _gone([pid])


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not os.path.exists("/proc"), reason="needs a second core")
def test_an_exception_stops_the_writer(sqlite_engine):
    pids: list[int] = []
    with pytest.raises(KeyboardInterrupt):
        with BackgroundWriter(sqlite_engine) as writer:
            writer.write(batches(1)[0])
            pids = writer.pids
            raise KeyboardInterrupt
    assert pids and _gone(pids)


def test_from_a_thread_of_a_threaded_process_as_under_streamlit(sqlite_engine, caplog):
    def work() -> None:
        with BackgroundWriter(sqlite_engine) as writer:
            for batch in batches(3):
                writer.write(batch)

    with caplog.at_level("DEBUG", logger="lawine.store.background"):
        run_beside_another_thread(work)
    assert store.count_mentions(sqlite_engine) == 1800
    if (os.cpu_count() or 1) >= 2:
        assert "background writer started (forkserver)" in caplog.text
