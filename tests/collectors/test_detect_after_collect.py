"""Detection runs after a collect that stored something new, and never breaks the collect."""
from collectors.runner import RunSummary, detect_after
from lawine import store


def test_detect_after_runs_only_when_something_new_arrived(demo_url):
    engine = store.open_store(demo_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM events")
    assert detect_after(engine, [RunSummary("x", inserted=0, updated=4)]) is None
    assert store.count_mentions(engine) > 0
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one() == 0
    found = detect_after(engine, [RunSummary("x", inserted=3)], days=60)
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one()
    assert found is not None and stored == found["spikes"] + found["avalanches"] >= 1


def test_detection_failure_is_contained(sqlite_engine, caplog):
    with sqlite_engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE events")  # detection cannot write: it must log, not raise
    assert detect_after(sqlite_engine, [RunSummary("x", inserted=1)]) is None
    assert "detection after collect failed" in caplog.text
