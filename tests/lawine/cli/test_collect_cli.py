"""`python -m lawine collect`: summaries, exit codes and plain errors, against a local feed server."""
from __future__ import annotations

import sqlite3
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lawine.cli import CommandError, main  # noqa: E402
from lawine.cli.collect import parse_duration  # noqa: E402

FEED = (b"<rss><channel><title>Travel News</title><item><title>Kestrel Air adds Porto</title>"
        b"<guid>urn:n:1</guid><pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate></item></channel></rss>")
CREDENTIALS = ("REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET", "REDDIT_USERNAME", "REDDIT_PASSWORD",
               "X_BEARER_TOKEN", "FACEBOOK_PAGE_TOKEN", "INSTAGRAM_TOKEN", "MASTODON_API_BASE_URL",
               "MASTODON_ACCESS_TOKEN", "BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD", "LAWINE_DATABASE_URL",
               "LAWINE_CONFIG", "LAWINE_DISABLED_SOURCES")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in CREDENTIALS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LAWINE_SECRETS_FILE", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("LAWINE_PSEUDONYM_KEY", "cli-test-key")
    monkeypatch.setenv("LAWINE_HTTP_BACKOFF", "0.01")
    monkeypatch.setenv("LAWINE_HTTP_RETRIES", "1")
    # X needs no credentials and would try snscrape on the real site: keep it off here.
    monkeypatch.setenv("LAWINE_DISABLED_SOURCES", "x")
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def feed_server():
    status = {"code": 200}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status["code"])
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", status
    httpd.shutdown()
    httpd.server_close()


def config(tmp_path: Path, feeds: list[str]) -> list[str]:
    path = tmp_path / "lawine.toml"
    path.write_text('[[brands]]\nname = "Kestrel Air"\nkeywords = ["Kestrel Air"]\n'
                    f"feeds = {feeds!r}\n".replace("'", '"'), encoding="utf-8")
    return ["--config", str(path)]


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("5m", 300), ("1h", 3600), ("1.5h", 5400), ("2", 120)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["abc", "5 minutes", "1s"])
def test_bad_durations(text):
    with pytest.raises(CommandError):
        parse_duration(text)


def test_collect_once_prints_a_summary_per_source(tmp_path, feed_server, capsys):
    url, _ = feed_server
    db = tmp_path / "lawine.db"
    code = main([*config(tmp_path, [url + "/feed.xml"]), "collect", "--once", "--no-progress",
                 "--database", f"sqlite:///{db}"])
    out = capsys.readouterr().out
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert "ok" in lines["rss"] and "new     1" in lines["rss"]
    assert "missing credentials" in lines["reddit"] and "REDDIT_CLIENT_ID" in lines["reddit"]
    assert "disabled" in lines["x"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT brand, source FROM mentions").fetchall() == [("Kestrel Air", "rss")]


def test_naming_an_unconfigured_source_is_a_plain_error(tmp_path, capsys):
    code = main([*config(tmp_path, []), "collect", "--source", "reddit", "--database",
                 f"sqlite:///{tmp_path / 'x.db'}"])
    err = capsys.readouterr().err
    assert code == 2 and "reddit: missing credentials" in err and "REDDIT_PASSWORD" in err
    assert "Traceback" not in err


def test_exit_code_1_when_every_attempted_source_failed(tmp_path, feed_server, capsys):
    url, status = feed_server
    status["code"] = 500
    code = main([*config(tmp_path, [url + "/feed.xml"]), "collect", "--source", "rss", "--no-progress",
                 "--database", f"sqlite:///{tmp_path / 'x.db'}"])
    out = capsys.readouterr().out
    assert code == 1 and "unavailable" in out


def test_unknown_source_is_rejected_by_the_parser(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["collect", "--source", "myspace"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err
