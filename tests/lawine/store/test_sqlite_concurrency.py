"""SQLite in WAL mode: a collector process writes while the dashboard reads, nothing is lost."""
import multiprocessing as mp
from datetime import datetime, timedelta, timezone

from lawine import store
from lawine.model import Mention


def _writer(url: str, batches: int, size: int) -> None:
    engine = store.open_store(url)
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for b in range(batches):
        store.upsert_mentions(engine, [
            Mention(id=f"x:{b}-{i}", source="x", channel="c", author_id="a", brand="B", text="t",
                    created_at=t0 + timedelta(seconds=b * size + i)) for i in range(size)])
    engine.dispose()


def test_writer_process_and_reader_run_together_without_lost_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store.open_store(url).dispose()
    ctx = mp.get_context("spawn")
    writers = [ctx.Process(target=_writer, args=(url, 30, 200)) for _ in range(2)]
    for w in writers:
        w.start()
    reader = store.open_store(url)
    seen = []
    while any(w.is_alive() for w in writers):
        seen.append(store.count_mentions(reader))  # would raise "database is locked" without WAL/timeout
    for w in writers:
        w.join(60)
        assert w.exitcode == 0
    assert seen == sorted(seen)  # a reader never sees rows disappear
    assert store.count_mentions(reader) == 6000  # both writers upsert the same ids: no duplicates
    reader.dispose()
