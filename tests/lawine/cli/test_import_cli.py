"""`python -m lawine import`: TWCS and CSV files into the store, errors as one plain line."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lawine.cli import main  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "collectors" / "twcs_small.csv"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in ("LAWINE_DATABASE_URL", "LAWINE_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LAWINE_SECRETS_FILE", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("LAWINE_PSEUDONYM_KEY", "cli-test-key")
    monkeypatch.chdir(tmp_path)


def test_import_twcs_twice_adds_nothing_the_second_time(tmp_path, capsys):
    db = tmp_path / "lawine.db"
    args = ["import", "twcs", str(FIXTURE), "--database", f"sqlite:///{db}", "--no-progress"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert first.startswith("import") and "new    11" in first and "quarantined   2" in first
    assert main(args) == 0
    assert "new     0" in capsys.readouterr().out
    with sqlite3.connect(db) as conn:
        own = {r[0] for r in conn.execute("SELECT DISTINCT author_name FROM mentions WHERE is_own")}
        answered = conn.execute("SELECT first_reply_by FROM mentions WHERE id = 'import:twcs:10'").fetchone()
    assert own == {"KestrelCare", "NimbusHelp"} and answered == ("KestrelCare",)


def test_import_csv_with_mapped_columns(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_text("uid,content,ts\n1,Nimbus Bank froze my card,2025-03-01T10:00:00Z\n", encoding="utf-8")
    code = main(["import", "csv", str(path), "--text-column", "content", "--time-column", "ts", "--id-column",
                 "uid", "--brand", "Nimbus Bank", "--channel", "Talkwalker", "--database",
                 f"sqlite:///{tmp_path / 'x.db'}", "--no-progress"])
    assert code == 0 and "new     1" in capsys.readouterr().out


@pytest.mark.parametrize("extra, message", [
    (["--text-column", "body"], "no column 'body'"),
    (["--timezone", "Mars/Olympus"], "not an IANA zone"),
])
def test_user_errors_are_one_plain_line(tmp_path, capsys, extra, message):
    path = tmp_path / "export.csv"
    path.write_text("id,text,created_at\n1,hi,2025-03-01\n", encoding="utf-8")
    code = main(["import", "csv", str(path), "--database", f"sqlite:///{tmp_path / 'x.db'}", "--no-progress",
                 *extra])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


def test_missing_file(tmp_path, capsys):
    code = main(["import", "jsonl", str(tmp_path / "nope.jsonl"), "--database", f"sqlite:///{tmp_path / 'x.db'}"])
    assert code == 2 and "no such file" in capsys.readouterr().err
