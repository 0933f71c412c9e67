"""The NAB benchmark's arithmetic: pooled normalised scores and the file bootstrap."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def load_bench():
    spec = importlib.util.spec_from_file_location("nab_bench", ROOT / "benchmarks" / "nab_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_file_bootstrap_pools_resampled_files_like_the_scorer():
    bench = load_bench()
    n_win = np.array([3, 4])
    # raw scores for two files and two profiles: file 0 perfect (+1 a window), file 1 nothing (-1 a window)
    held = np.array([[3.0, 3.0], [-4.0, -4.0]])
    scores = bench.file_bootstrap(held, n_win, draws=4000, seed=1)
    assert scores.shape == (4000, 2)
    # every draw is one of: both perfect (100), both empty (0), one of each (3 of 7 windows -> 42.9)
    assert set(np.round(scores[:, 0], 1)) == {0.0, 42.9, 100.0}
    assert abs((scores[:, 0] == 100).mean() - 0.25) < 0.03


def test_identical_files_give_one_score():
    bench = load_bench()
    held = np.array([[1.2, 0.8]] * 5)
    scores = bench.file_bootstrap(held, np.array([2] * 5), draws=500)
    assert np.allclose(scores[:, 0], bench.normalised([1.2] * 5, 10))
    assert np.allclose(scores[:, 1], bench.normalised([0.8] * 5, 10))
