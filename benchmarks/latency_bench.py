"""How many minutes into a surge the dashboard marks it: the hour in progress judged on its elapsed share."""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.nab_bench import SHARED, load_all  # noqa: E402
from lawine.detect import MIN_PARTIAL_S  # noqa: E402
from lawine.spikes import SpikeBank, epoch_array  # noqa: E402

USAGE = """examples:
  python benchmarks/latency_bench.py              # 100 surges per cell, 1,000 calm hours per level
  python benchmarks/latency_bench.py --trials 10  # quicker, coarser
Detection runs on hourly counts after every collect; here a collect every five minutes. Each
trial is a series of Poisson counts with a daily rhythm (21 days of history), then a surge of
m times the usual rate starting at the top of a daytime hour. At each check the hour in
progress holds the mentions that have arrived so far. "now" judges them against the elapsed
share of the hour's baseline (SpikeBank.peek with the elapsed fraction); "before" against the
whole hour's baseline, as detection did until 2026-12-07. The calm rows (m = 1) give the price:
the share of ordinary daytime hours in which some check raised an alert. Synthetic counts have
no bursts inside an hour; the second table replays the real NAB tweet series (5-minute counts,
summed into hours, checked every five minutes) to count what bursts inside real hours cost."""

HOUR = 3600.0
T0 = 1_700_006_400.0  # a Wednesday, 00:00 UTC
HISTORY_DAYS = 21
CHECK_MIN = 5
CHECKS = tuple(m for m in range(CHECK_MIN, 60, CHECK_MIN) if m * 60 >= MIN_PARTIAL_S)  # minutes into the hour
LEVELS = (5.0, 20.0, 80.0)        # mentions in a busy daytime hour
MULTIPLIERS = (1.0, 3.0, 5.0, 10.0)


def usual_rate(ts: np.ndarray, peak: float) -> np.ndarray:
    """Mentions expected per hour: quiet nights, a daytime hump."""
    hour = (ts % 86400) / 3600
    return 0.15 * peak + 0.85 * peak * np.clip(np.sin(np.pi * (hour - 7) / 15), 0, None) ** 1.5


def cell(level: float, mult: float, trials: int, seed: int) -> list[tuple[float | None, float | None]]:
    """Minutes until the first alert (now, before) in the surge hour of each trial, or None;
    all trials of a cell advance as one SpikeBank, each with its own test hour."""
    rng = np.random.default_rng(seed)
    steps = HISTORY_DAYS * 24 + 10
    shift = rng.integers(0, 6, trials)  # the test hour: 10:00-15:00 UTC
    ts = T0 + HOUR * (np.arange(steps + 1)[:, None] + shift[None, :])
    rates = usual_rate(ts, level)
    bank = SpikeBank(trials, HOUR)
    for i in range(steps):
        bank.step(ts[i], rng.poisson(rates[i]).astype(float))
    n = rng.poisson(rates[-1] * mult)
    arrivals = [np.sort(rng.random(k)) * 60.0 for k in n]  # minutes into the hour
    first = np.full((2, trials), np.nan)
    for minute in CHECKS:
        count = np.array([float(np.sum(a < minute)) for a in arrivals])
        for k, exposure in enumerate((minute / 60.0, 1.0)):
            alert = bank.peek(ts[-1], count, exposure).alert
            first[k] = np.where(np.isnan(first[k]) & alert, minute, first[k])
    final = bank.step(ts[-1], n.astype(float)).alert  # the complete hour, as before
    first = np.where(np.isnan(first) & final[None, :], 60.0, first)
    return [tuple(None if np.isnan(v) else float(v) for v in first[:, j]) for j in range(trials)]


def replay(values5: np.ndarray, epoch5: np.ndarray) -> dict:
    """One real series, hour by hour with checks every five minutes (both ways of judging)."""
    hour_of = (epoch5 // HOUR).astype(np.int64)
    keep = (hour_of > hour_of[0]) & (hour_of < hour_of[-1])  # whole hours only
    hours = np.unique(hour_of[keep])
    bank = SpikeBank(1, HOUR)
    out = {"hours": len(hours), "alerts": [0, 0], "unconfirmed": [0, 0], "minutes": ([], [])}
    for h in hours:
        inside = keep & (hour_of == h)
        minute = (epoch5[inside] - h * HOUR) / 60.0
        counts = values5[inside]
        first: list[float | None] = [None, None]
        for check in CHECKS:
            # A 5-minute row stamped at minute m holds the mentions of (m - 5, m]: it counts from then.
            so_far = [float(counts[minute <= check].sum())]
            for k, exposure in enumerate((check / 60.0, 1.0)):
                if first[k] is None and bank.peek(h * HOUR, so_far, exposure).alert[0]:
                    first[k] = float(check)
        confirmed = bool(bank.step(h * HOUR, [float(counts.sum())]).alert[0])
        for k in range(2):
            if first[k] is not None or confirmed:
                out["alerts"][k] += 1
            if first[k] is not None and not confirmed:
                out["unconfirmed"][k] += 1
            if confirmed:
                out["minutes"][k].append(first[k] if first[k] is not None else 60.0)
    return out


def real_series(data_dir: Path) -> None:
    _, series = load_all(data_dir)
    print(f"\nreal series ({data_dir.name}), hourly detection checked every {CHECK_MIN} minutes:")
    print(f"{'series':>24s} {'weeks':>6s} {'alert hours/wk now':>19s} {'before':>7s} "
          f"{'unconfirmed/wk now':>19s} {'before':>7s} {'minutes (median) now':>21s} {'before':>7s}")
    for name in sorted(series):
        stamps, values = series[name]
        r = replay(values, epoch_array(stamps))
        weeks = r["hours"] / (24 * 7)
        med = [f"{statistics.median(m):.0f}" if m else "-" for m in r["minutes"]]
        print(f"{name:>24s} {weeks:6.1f} {r['alerts'][0] / weeks:19.2f} {r['alerts'][1] / weeks:7.2f} "
              f"{r['unconfirmed'][0] / weeks:19.2f} {r['unconfirmed'][1] / weeks:7.2f} {med[0]:>21s} {med[1]:>7s}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, epilog=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trials", type=int, default=100, help="surges per (level, multiplier) cell, ten times as "
                    "many calm hours (default 100)")
    args = ap.parse_args(argv)
    print(f"checks every {CHECK_MIN} min from minute {CHECKS[0]}; an alert at the hour's end counts as 60\n")
    print(f"{'busy hour':>10s} {'surge':>6s} {'alerted now':>12s} {'minutes now':>12s} "
          f"{'alerted before':>15s} {'minutes before':>15s}")
    for level in LEVELS:
        for mult in MULTIPLIERS:
            # Calm hours are many more: a false alarm in one hour of a hundred matters.
            results = cell(level, mult, args.trials * (10 if mult == 1 else 1), seed=int(level * 100 + mult))
            cells = []
            for k in range(2):
                got = [r[k] for r in results if r[k] is not None]
                median = f"{statistics.median(got):.0f}" if got and mult > 1 else "-"
                cells += [f"{len(got)}/{len(results)}", median]
            label = "calm" if mult == 1 else f"x{mult:g}"
            print(f"{level:>10g} {label:>6s} {cells[0]:>12s} {cells[1]:>12s} {cells[2]:>15s} {cells[3]:>15s}")
    data = SHARED / "data" / "nab-realtweets"
    if data.exists():
        real_series(data)
    else:
        print(f"\n(no {data}: the real-series table is skipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
