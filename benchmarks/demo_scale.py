"""Benchmark: a 1,000,000-mention demo (target < 3 min) and the overview page on it (target < 2 s warm).

Usage: python benchmarks/demo_scale.py [--mentions 1000000] [--database sqlite:///data/big.db] [--skip-demo]
Prints seconds and the ratio to each target; the numbers go into benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_demo(mentions: int, url: str) -> float:
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lawine", "demo", "--mentions", str(mentions), "--database", url],
                   cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def render_overview(url: str, runs: int = 3) -> tuple[float, list[float]]:
    """Cold = first AppTest run in a fresh process cache; warm = later runs (st.cache_data hits)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["LAWINE_DATABASE_URL"] = url
    st.cache_data.clear()
    st.cache_resource.clear()
    times = []
    for _ in range(runs):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
        if at.exception:
            raise SystemExit(f"page raised: {at.exception[0].value}")
    return times[0], times[1:]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--database", default="sqlite:///data/big.db")
    ap.add_argument("--skip-demo", action="store_true")
    args = ap.parse_args()
    if not args.skip_demo:
        secs = build_demo(args.mentions, args.database)
        print(f"demo {args.mentions:,} mentions: {secs:.1f} s (target < 180 s, ratio {secs / 180:.2f}); "
              f"{args.mentions / secs:,.0f} mentions/s")
    cold, warm = render_overview(args.database)
    best = min(warm)
    print(f"overview page: cold {cold:.2f} s, warm {best:.2f} s (target < 2 s warm, ratio {best / 2:.2f})")


if __name__ == "__main__":
    main()
