"""`lawine serve`: one failing step never stops the loop; SIGTERM stops it cleanly; the weekly mail slot."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text

from lawine.alerts.snapshot_mail import send_report_email, snapshot_due
from lawine.cli.serve import serve
from lawine.store import schema
from tests.lawine.alerts.data import BERLIN, NOW, add_mentions, mention, settings

ROOT = Path(__file__).resolve().parents[3]


def test_a_failing_step_does_not_stop_the_others_or_the_loop(engine, db_url, workdir, caplog):
    add_mentions(engine, mention(NOW - timedelta(hours=1), text="The app crashes every time, terrible",
                                 sentiment=None, sentiment_label=None, intent=None, needs_reply=None))
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE events"))  # alerts (and detection) now fail on every round
    s = settings(db_url, {}, [{"name": "r"}])
    with caplog.at_level("INFO"):
        outcome = serve(engine, s, 0, threading.Event(), steps=("analyse", "alerts", "snapshot"), rounds=2,
                        now=lambda: NOW)
    assert outcome["alerts"].startswith("failed:") and outcome["analyse"] == "ok" and outcome["snapshot"] == "ok"
    assert caplog.text.count("serve: step alerts failed") == 2
    with engine.connect() as conn:
        label = conn.execute(select(schema.mentions.c.sentiment_label)).scalar_one()
    assert label == "negative"  # the analyse step filled what collection left empty


def test_sigterm_stops_serve_cleanly(workdir):
    env = {**os.environ, "LAWINE_DATABASE_URL": f"sqlite:///{workdir / 'serve.db'}", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "lawine", "serve", "--every", "1s", "--skip", "collect",
                             "--skip", "detect"], cwd=workdir, env=env, stderr=subprocess.PIPE, text=True)
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        lines.append(line)
        if "alerts: sent" in line:
            break
    proc.send_signal(signal.SIGTERM)
    _, rest = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert "serve: stopped" in "".join(lines) + rest


def test_the_weekly_snapshot_slot(engine, db_url, workdir, smtp_sink):
    s = settings(db_url, {"mail": {"type": "email", "smtp_host": "127.0.0.1", "smtp_port": smtp_sink.port,
                                   "starttls": False, "from": "l@example.org", "to": ["exec@example.org"]}},
                 [], snapshot_channel="mail", snapshot_at="07:00:00")
    monday = datetime(2026, 11, 23, 6, 59, tzinfo=BERLIN)
    assert snapshot_due(engine, s, monday) is None
    assert snapshot_due(engine, s, monday + timedelta(minutes=2)) == "last"
    assert snapshot_due(engine, s, monday + timedelta(days=2)) == "last"  # a late start still catches up

    def mail(now, port):
        s.alerts.channels["mail"].smtp_port = port
        return send_report_email(engine, s, "mail", key="snapshot:2026-W47", subject="s", text="t", html=None,
                                 attachments=[], now=now)

    tuesday = monday + timedelta(days=1)
    assert mail(tuesday, 9) is not None  # nothing listens on port 9: a failed try
    assert snapshot_due(engine, s, tuesday + timedelta(seconds=30)) is None  # backing off
    assert snapshot_due(engine, s, tuesday + timedelta(minutes=2)) == "last"
    assert mail(tuesday + timedelta(minutes=2), smtp_sink.port) is None
    assert snapshot_due(engine, s, tuesday + timedelta(hours=1)) is None
    assert snapshot_due(engine, s, monday + timedelta(days=7, minutes=2)) == "last"  # next week's
    assert len(smtp_sink.messages) == 1


def test_the_weekly_mail_speaks_the_configured_language(engine, db_url, workdir, smtp_sink):
    from lawine.cli.serve import _snapshot
    from tests.lawine.snapshot.browser import require

    require("chromium")  # the PDF is printed by Chromium
    s = settings(db_url, {"mail": {"type": "email", "smtp_host": "127.0.0.1", "smtp_port": smtp_sink.port,
                                   "starttls": False, "from": "l@example.org", "to": ["exec@example.org"]}},
                 [], snapshot_channel="mail", snapshot_at="07:00:00", snapshot_lang="de")
    assert _snapshot(engine, s, datetime(2026, 11, 23, 7, 1, tzinfo=BERLIN)) is None
    [(_, msg)] = smtp_sink.messages
    assert msg["Subject"] == "[Lawine] Wochenbericht 2026-W47"
    assert "Wochenbericht" in msg.get_body(("html",)).get_content()
