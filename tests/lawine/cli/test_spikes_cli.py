"""`lawine spikes`: output shape, agreement with the library, and error messages naming line and column."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lawine.cli import main
from lawine.spikes import config_for, detect_series

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "spikes"
SERIES = FIXTURES / "hourly_spike.csv"
SPIKE_ROW = 495  # data row of the injected spike (see the fixtures' README)


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def test_one_output_row_per_input_row(tmp_path):
    out = tmp_path / "alerts.csv"
    assert main(["spikes", "--input", str(SERIES), "--output", str(out)]) == 0
    header, rows = read_rows(out)
    _, inputs = read_rows(SERIES)
    assert header == ["timestamp", "alert", "score"]
    assert [r["timestamp"] for r in rows] == [r["timestamp"] for r in inputs]
    assert {r["alert"] for r in rows} <= {"0", "1"}
    alerts = [i for i, r in enumerate(rows) if r["alert"] == "1"]
    assert SPIKE_ROW in alerts or SPIKE_ROW + 1 in alerts
    assert len(alerts) <= 2  # the spike, and at most one other episode in four weeks
    assert all(np.isfinite(float(r["score"])) for r in rows)


def test_cli_agrees_with_the_library(tmp_path):
    out = tmp_path / "alerts.csv"
    main(["spikes", "--input", str(SERIES), "--output", str(out)])
    _, inputs = read_rows(SERIES)
    alerts, scores = detect_series([r["timestamp"] for r in inputs], [float(r["value"]) for r in inputs])
    _, rows = read_rows(out)
    assert [int(r["alert"]) for r in rows] == alerts.astype(int).tolist()
    np.testing.assert_allclose([float(r["score"]) for r in rows], scores, atol=5e-5)


def test_sensitivity_flag_uses_that_configuration(tmp_path):
    out = tmp_path / "alerts.csv"
    assert main(["spikes", "--input", str(SERIES), "--output", str(out), "--sensitivity", "high"]) == 0
    _, inputs = read_rows(SERIES)
    _, scores = detect_series([r["timestamp"] for r in inputs], [float(r["value"]) for r in inputs],
                              config=config_for("high"))
    np.testing.assert_allclose([float(r["score"]) for r in read_rows(out)[1]], scores, atol=5e-5)
    _, normal = detect_series([r["timestamp"] for r in inputs], [float(r["value"]) for r in inputs])
    assert not np.allclose(scores, normal)  # a lower bar: larger scores somewhere


def test_bucket_size_can_be_given(tmp_path):
    out = tmp_path / "alerts.csv"
    assert main(["spikes", "--input", str(SERIES), "--output", str(out), "--bucket-seconds", "3600"]) == 0
    assert len(read_rows(out)[1]) == len(read_rows(SERIES)[1])


@pytest.mark.parametrize("fixture, needles", [
    ("missing_value_column.csv", ["line 1", "missing column", "value"]),
    ("bad_value.csv", ["line 4", "column value", "'abc'"]),
    ("bad_timestamp.csv", ["line 3", "column timestamp", "'yesterday'"]),
    ("not_increasing.csv", ["line 4", "column timestamp", "increasing"]),
])
def test_bad_input_is_a_clear_error(tmp_path, capsys, fixture, needles):
    out = tmp_path / "alerts.csv"
    assert main(["spikes", "--input", str(FIXTURES / fixture), "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lawine spikes: error: ")
    for needle in needles:
        assert needle in err
    assert not out.exists()


def test_missing_input_file(tmp_path, capsys):
    assert main(["spikes", "--input", str(tmp_path / "nope.csv"), "--output", str(tmp_path / "o.csv")]) == 2
    assert "cannot read --input" in capsys.readouterr().err


def test_negative_counts_are_rejected(tmp_path, capsys):
    src = tmp_path / "neg.csv"
    src.write_text("timestamp,value\n2026-01-01 00:00:00,1\n2026-01-01 01:00:00,-2\n")
    assert main(["spikes", "--input", str(src), "--output", str(tmp_path / "o.csv")]) == 2
    assert "line 3" in capsys.readouterr().err


def test_header_only_gives_header_only(tmp_path):
    src, out = tmp_path / "empty.csv", tmp_path / "o.csv"
    src.write_text("timestamp,value\n")
    assert main(["spikes", "--input", str(src), "--output", str(out)]) == 0
    assert read_rows(out) == (["timestamp", "alert", "score"], [])


def test_runs_as_python_dash_m(tmp_path):
    out = tmp_path / "alerts.csv"
    proc = subprocess.run([sys.executable, "-m", "lawine", "spikes", "--input", str(SERIES), "--output", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert len(read_rows(out)[1]) == len(read_rows(SERIES)[1])
