"""`lawine snapshot --email CHANNEL` mails the PDF once per week through a real SMTP server on 127.0.0.1."""
from pathlib import Path

import pytest

from lawine.cli import main
from tests.lawine.alerts.conftest import smtp_sink  # noqa: F401  (fixture)
from tests.lawine.snapshot.browser import require


@pytest.fixture(autouse=True)
def _chromium() -> None:
    require("chromium")  # the PDF is printed by Chromium; CI must have it


def config(tmp: Path, port: int, extra: str = "") -> str:
    p = tmp / "lawine.toml"
    p.write_text(f"""
[alerts]
snapshot_channel = "board"
{extra}

[alerts.channels.board]
type = "email"
smtp_host = "127.0.0.1"
smtp_port = {port}
starttls = false
from = "lawine@example.org"
to = ["board@example.org"]
""", encoding="utf-8")
    return str(p)


def test_snapshot_is_mailed_with_the_pdf_once(workdir, demo_url, smtp_sink, capsys):  # noqa: F811
    cfg = config(workdir, smtp_sink.port)
    args = ["--config", cfg, "snapshot", "--week", "2026-W46", "--database", demo_url, "--no-charts", "--email"]
    assert main(args) == 0
    assert main(args) == 0  # the same week again: nothing sent
    [(_, msg)] = smtp_sink.messages
    assert "Weekly snapshot 2026-W46" in msg["Subject"] and msg["To"] == "board@example.org"
    [pdf] = list(msg.iter_attachments())
    assert pdf.get_content().startswith(b"%PDF")
    err = capsys.readouterr().err
    assert "mailed 2026-W46 to board" in err and "already mailed" in err


def test_snapshot_lang_in_the_config_gives_a_german_mail_unless_the_argument_says_otherwise(
        workdir, demo_url, smtp_sink, capsys):  # noqa: F811
    cfg = config(workdir, smtp_sink.port, 'snapshot_lang = "de"')
    base = ["--config", cfg, "snapshot", "--database", demo_url, "--no-charts", "--email"]
    assert main(base + ["--week", "2026-W45"]) == 0
    assert main(base + ["--week", "2026-W44", "--lang", "en"]) == 0
    (_, german), (_, english) = smtp_sink.messages
    assert german["Subject"] == "[Lawine] Wochenbericht 2026-W45"
    assert "liegt als PDF bei" in german.get_body(("plain",)).get_content()
    assert "Wochenbericht" in german.get_body(("html",)).get_content()  # the report itself, too
    assert english["Subject"] == "[Lawine] Weekly snapshot 2026-W44"
    assert "Weekly snapshot" in english.get_body(("html",)).get_content()


def test_snapshot_needs_output_or_email(workdir, demo_url, capsys):
    assert main(["snapshot", "--week", "2026-W46", "--database", demo_url]) == 2
    assert "--output" in capsys.readouterr().err
