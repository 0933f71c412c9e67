"""`lawine snapshot` end to end on the demo workspace, as a user would run it."""
from __future__ import annotations

import re
import sqlite3

from lawine.cli import main
from lawine.snapshot import parse_week
from tests.conftest import DEMO_END
from tests.lawine.snapshot.browser import require


def count_week(db: str, week: str) -> int:
    w = parse_week(week)
    con = sqlite3.connect(db)
    n = con.execute("select count(*) from mentions where is_own = 0 and created_ts >= ? and created_ts < ?",
                    (int(w.start.timestamp()), int(w.end.timestamp()))).fetchone()[0]
    con.close()
    return n


def test_last_week_as_html_has_the_demo_numbers(demo_url, workdir, capsys):
    out = workdir / "snap.html"
    assert main(["snapshot", "--week", "last", "--output", str(out), "--database", demo_url, "--no-charts"]) == 0
    # The demo is frozen at DEMO_END (Friday of 2026-W47): its last complete week is 2026-W46.
    assert parse_week("last", now=DEMO_END).label == "2026-W46"
    html = out.read_text(encoding="utf-8")
    expected = count_week(demo_url.removeprefix("sqlite:///"), "2026-W46")
    assert expected > 100
    value = re.search(r'data-kpi="mentions">\s*<div class="label">[^<]*</div>\s*<div class="value">([^<]+)<', html)
    assert value and value.group(1) == f"{expected:,}"
    err = capsys.readouterr().err
    assert "building 2026-W46" in err and f"wrote {out}" in err


def test_pdf_for_an_explicit_week_in_german(demo_url, workdir, capsys):
    require("chromium")
    out = workdir / "snap.pdf"
    # --no-charts keeps this test quick; test_render checks that charts reach the PDF.
    assert main(["snapshot", "--week", "2026-W45", "--format", "pdf", "--lang", "de", "-o", str(out),
                 "--database", demo_url, "--no-charts"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "printing PDF" in capsys.readouterr().err
    # A PDF keeps its text as text: the German report title is in it (in the page content stream).
    assert "Wochenbericht" in _pdf_text(out)


def _pdf_text(path) -> str:
    import subprocess

    require("pdftotext")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_bad_week_and_missing_folder_are_one_line_errors(demo_url, workdir, capsys):
    assert main(["snapshot", "--week", "2026-W60", "-o", str(workdir / "x.pdf"), "--database", demo_url]) == 2
    assert "ISO year 2026 has weeks 1 to 53" in capsys.readouterr().err
    assert main(["snapshot", "-o", str(workdir / "no" / "x.pdf"), "--database", demo_url]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (workdir / "x.pdf").exists()


def test_a_week_without_data_still_writes_a_report_that_says_so(demo_url, workdir, capsys):
    out = workdir / "empty.html"
    assert main(["snapshot", "--week", "2020-W01", "-o", str(out), "--database", demo_url]) == 0
    assert "No mentions in 2020-W01" in out.read_text(encoding="utf-8")
    assert "warning: no mentions" in capsys.readouterr().err
