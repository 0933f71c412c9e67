"""Run every benchmark and print one table of results (issue 9). Slow: about 15-25 minutes.

Usage: python benchmarks/run_all.py [--postgres URL] [--skip-big]
Each benchmark is its own script; this one runs them in turn and collects their key lines.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"


def run(args: list[str], timeout: int = 1800) -> str:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    took = time.perf_counter() - t0
    out = proc.stdout.strip()
    if proc.returncode:
        out += f"\n(failed, exit {proc.returncode}): {proc.stderr.strip()[-500:]}"
    return f"$ python {' '.join(args)}   ({took:.0f} s)\n{out}\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--postgres", default=os.environ.get("LAWINE_BENCH_POSTGRES_URL"),
                    help="a PostgreSQL URL for benchmark-only databases (never the tests' one)")
    ap.add_argument("--skip-big", action="store_true", help="skip the 1,000,000-mention runs")
    args = ap.parse_args()
    print(f"# Lawine benchmarks — {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}\n")
    pg = ["--postgres", args.postgres] if args.postgres else []
    print(run([str(BENCH / "sentiment_bench.py")]))
    print(run([str(BENCH / "nab_bench.py")]))
    print(run([str(BENCH / "injection_bench.py")]))
    print(run([str(BENCH / "avalanche_bench.py")]))
    print(run([str(BENCH / "latency_bench.py")]))
    print(run([str(BENCH / "spikes_speed.py")]))
    print(run([str(BENCH / "ingest_bench.py"), *pg]))
    if not args.skip_big:
        print(run([str(BENCH / "demo_scale.py")]))
        dbs = ["--database", "sqlite:///data/big.db"]
        if args.postgres:
            sys.path.insert(0, str(BENCH))
            from ingest_bench import ensure_pg_database

            big = args.postgres.rsplit("/", 1)[0] + "/lawine_big"
            ensure_pg_database(big)
            print(run(["-m", "lawine", "demo", "--mentions", "1000000", "--database", big]))
            dbs += ["--database", big]
        print(run([str(BENCH / "dashboard_bench.py"), *dbs], timeout=3600))


if __name__ == "__main__":
    main()
