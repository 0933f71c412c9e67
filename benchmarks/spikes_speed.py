"""Time to advance 10,000 mention-count series by one bucket with SpikeBank (target: under 1 s)."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lawine.spikes import SpikeBank, SpikeDetector  # noqa: E402

BUCKET = 300.0
T0 = 1_700_000_000.0


def synthetic_counts(n: int, steps: int, seed: int = 0) -> np.ndarray:
    """Poisson counts with per-series size and a daily rhythm, plus rare injected spikes."""
    rng = np.random.default_rng(seed)
    size = rng.lognormal(mean=1.0, sigma=1.5, size=n)
    hours = (np.arange(steps) * BUCKET / 3600.0) % 24
    rhythm = 0.3 + np.clip(np.sin(np.pi * (hours - 7) / 15), 0, None)
    lam = size[None, :] * rhythm[:, None]
    spikes = rng.random((steps, n)) < 1e-4
    lam = lam + spikes * 20 * size[None, :]
    return rng.poisson(lam).astype(np.float64)


def time_bank(n: int, warm_steps: int, timed_steps: int) -> list[float]:
    counts = synthetic_counts(n, warm_steps + timed_steps)
    bank = SpikeBank(n, BUCKET)
    for t in range(warm_steps):  # past warm-up, so every code path (alerts, episodes) is live
        bank.step(T0 + t * BUCKET, counts[t])
    times = []
    for t in range(warm_steps, warm_steps + timed_steps):
        start = time.perf_counter()
        bank.step(T0 + t * BUCKET, counts[t])
        times.append(time.perf_counter() - start)
    return times


def time_scalar(steps: int) -> float:
    counts = synthetic_counts(1, steps, seed=1)[:, 0]
    det = SpikeDetector(bucket_seconds=BUCKET)
    start = time.perf_counter()
    for t in range(steps):
        det.update(T0 + t * BUCKET, counts[t])
    return (time.perf_counter() - start) / steps


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--series", type=int, default=10_000)
    ap.add_argument("--warm-steps", type=int, default=700, help="buckets fed before timing (default 700)")
    ap.add_argument("--timed-steps", type=int, default=200)
    args = ap.parse_args(argv)
    times = time_bank(args.series, args.warm_steps, args.timed_steps)
    med, worst = statistics.median(times), max(times)
    print(f"SpikeBank: {args.series:,} series, one bucket: median {med * 1000:.1f} ms, "
          f"max {worst * 1000:.1f} ms over {len(times)} buckets")
    print(f"target (< 1 s per bucket for 10,000 series): {'met' if worst < 1.0 else 'NOT met'}")
    print(f"SpikeDetector (one series): {time_scalar(2000) * 1e6:.0f} us per update")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
