"""Benchmark: every page's render time (AppTest, cold and warm) and the process's peak memory on a
large database, against a naive 'load the mentions table into pandas' baseline, as ratios.

Usage: python benchmarks/dashboard_bench.py --database sqlite:///data/big.db [--repeat 3]
       (build it first: python -m lawine demo --mentions 1000000 --database sqlite:///data/big.db)
Each measurement runs in a fresh child process so peak RSS belongs to that measurement alone.
Targets (issue 9): every page < 1.5 s warm, < 3 s cold, < 600 MB RSS.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pages() -> list[str]:
    return re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "dashboard.py").read_text())


def child_pages(url: str, warm_runs: int) -> dict:
    """Render each page: cold = with an empty query cache, warm = the same page again.

    The router first renders the default page untimed; only the switch to the page is timed."""
    sys.path.insert(0, str(ROOT))
    os.environ["LAWINE_DATABASE_URL"] = url
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    out = {}
    for page in pages():
        times = []
        for run in range(1 + warm_runs):
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
            at.run()
            if run == 0:
                st.cache_data.clear()  # cold: every query of this page goes to the database
            t0 = time.perf_counter()
            at.switch_page(page).run()
            times.append(time.perf_counter() - t0)
            if at.exception:
                raise SystemExit(f"{page} raised: {at.exception[0].value}")
        out[page] = {"cold": times[0], "warm": min(times[1:])}
    out["_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def child_naive(url: str) -> dict:
    """The baseline a first version would write: read every mention into pandas, then aggregate."""
    sys.path.insert(0, str(ROOT))
    import pandas as pd
    from lawine import store

    engine = store.make_engine(url)
    t0 = time.perf_counter()
    df = pd.read_sql("SELECT * FROM mentions", engine)
    df["hour"] = df["created_ts"] // 3600
    df.groupby(["hour", "source"]).size()
    df.groupby("hour")["sentiment_label"].value_counts()
    df.sort_values("created_ts").tail(50)
    return {"seconds": time.perf_counter() - t0,
            "_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(kind: str, url: str, warm_runs: int) -> dict:
    code = (f"import json, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import dashboard_bench as b; "
            f"print('RESULT' + json.dumps(b.child_{kind}({url!r}" + (f", {warm_runs}" if kind == "pages" else "")
            + ")))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT")), None)
    if line is None:
        raise SystemExit(f"{kind} benchmark failed:\n{proc.stderr[-3000:]}")
    return json.loads(line[6:])


def combined(runs: list[dict]) -> dict:
    """Several measurements of every page: median cold time (a shared machine is noisy), best warm
    time, highest peak RSS."""
    out = {"_rss_mb": max(r["_rss_mb"] for r in runs)}
    for page in runs[0]:
        if not page.startswith("_"):
            out[page] = {"cold": statistics.median(r[page]["cold"] for r in runs),
                         "warm": min(r[page]["warm"] for r in runs)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--database", action="append", required=True, help="repeat for SQLite and PostgreSQL")
    ap.add_argument("--warm-runs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1,
                    help="measure every page this many times, each in a fresh process; print the median cold time")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} at the start")
    for url in args.database:
        naive = run_child("naive", url, 0)
        res = combined([run_child("pages", url, args.warm_runs) for _ in range(args.repeat)])
        backend = url.split(":", 1)[0]
        print(f"\n{backend}: naive load-into-pandas {naive['seconds']:.2f} s, peak {naive['_rss_mb']:.0f} MB"
              + (f"; cold = median of {args.repeat} runs, warm = best" if args.repeat > 1 else ""))
        print(f"{'page':<28} {'cold s':>7} {'warm s':>7} {'warm vs naive':>14}")
        for page, t in res.items():
            if page.startswith("_"):
                continue
            print(f"{page:<28} {t['cold']:>7.2f} {t['warm']:>7.2f} {naive['seconds'] / t['warm']:>13.1f}x"
                  f"{'' if t['warm'] < 1.5 and t['cold'] < 3 else '  (over target)'}")
        print(f"dashboard process peak RSS {res['_rss_mb']:.0f} MB (target < 600; naive {naive['_rss_mb']:.0f} MB, "
              f"ratio {naive['_rss_mb'] / res['_rss_mb']:.1f}x)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
