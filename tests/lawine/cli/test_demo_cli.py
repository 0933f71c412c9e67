"""`lawine demo` end to end through the CLI entry point, as a user would run it."""
import subprocess
import sys

from lawine import store
from lawine.cli import main


def test_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "lawine", "--help"], capture_output=True, text=True, check=True)
    assert "demo" in out.stdout


def test_demo_writes_requested_count_idempotently(workdir, capsys):
    url = f"sqlite:///{workdir / 'd.db'}"
    args = ["demo", "--mentions", "600", "--days", "10", "--seed", "5", "--database", url,
            "--end", "2026-11-20T12:00:00+00:00"]
    assert main(args) == 0
    assert main(args) == 0  # same seed again: upsert, no duplicates
    engine = store.open_store(url)
    assert store.count_mentions(engine) == 600
    assert store.get_meta(engine, "demo")["seed"] == 5
    assert "wrote 600 demo mentions" in capsys.readouterr().out


def test_demo_refuses_a_database_with_real_data(workdir, capsys):
    from datetime import datetime, timezone

    from lawine.model import Mention

    url = f"sqlite:///{workdir / 'team.db'}"
    engine = store.open_store(url)
    store.upsert_mentions(engine, [Mention(id="x:1", source="x", channel="c", author_id="a", brand="B",
                                           text="real", created_at=datetime.now(timezone.utc))])
    assert main(["demo", "--mentions", "300", "--database", url]) == 2
    assert "not demo data" in capsys.readouterr().err
    assert store.count_mentions(engine) == 1


def test_bad_end_and_remove(workdir, capsys):
    assert main(["demo", "--end", "yesterday", "--database", f"sqlite:///{workdir / 'x.db'}"]) == 2
    assert "ISO 8601" in capsys.readouterr().err
    url = f"sqlite:///{workdir / 'data' / 'demo.db'}"
    assert main(["demo", "--mentions", "300", "--days", "8", "--database", url]) == 0
    assert main(["demo", "--remove", "--database", url]) == 0
    assert not (workdir / "data" / "demo.db").exists()
