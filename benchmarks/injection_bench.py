"""Detection power without label noise: surges of known size injected into the real NAB tweet series."""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.nab_bench import SHARED, load_all, perturbed  # noqa: E402
from lawine.spikes import SpikeBank, SpikeConfig, epoch_array, infer_bucket_seconds  # noqa: E402

USAGE = """examples:
  python benchmarks/injection_bench.py                       # the default detector
  python benchmarks/injection_bench.py --set return_days=70  # any SpikeConfig field, to compare
Each real series (and thinned copies of it at lower volumes) gets surges injected every
five days, away from its labelled windows: extra mentions, Poisson-drawn, at (m - 1) times
the series' usual level at that time of day. A surge counts as found when an alert falls
between its start and one hour after its end; found surges report their delay. The same
series without injections give the alert rate a team would see (alerts per week)."""

DAY = 288                      # 5-minute buckets per day
SPACING = 5 * DAY              # one surge every five days per copy ...
FIRST = 7 * DAY                # ... from day 7 on, so the detector has seen a week
SHAPES = {"burst 15 min": 3, "surge 1 h": 12, "surge 3 h": 36}
MAGNITUDES = (2.0, 3.0, 5.0, 10.0)
OFFSETS = 2                    # copies per (shape, magnitude), with shifted surge times
VOLUMES = (20.0, 5.0, 1.0)     # mean mentions per 5 minutes of the thinned copies


@dataclasses.dataclass
class Column:
    """One series the bank advances: a base series with or without injected surges."""

    base: str
    volume: str
    epoch: np.ndarray
    values: np.ndarray
    shape: str = ""
    magnitude: float = 0.0
    starts: tuple[int, ...] = ()


def usual_level(values: np.ndarray) -> np.ndarray:
    """The median count at the same time of day over the seven days before (the surge's reference)."""
    lagged = np.stack([np.concatenate([np.full(k * DAY, np.nan), values[: len(values) - k * DAY]])
                       for k in range(1, 8)])
    level = np.full(len(values), float(np.mean(values)))  # the first week: the series' mean
    level[7 * DAY:] = np.median(lagged[:, 7 * DAY:], axis=0)
    return level


def surge_starts(n: int, blocked: np.ndarray, offset: int) -> tuple[int, ...]:
    """Every SPACING buckets from FIRST + offset, skipping starts near a labelled window."""
    out = []
    for t in range(FIRST + offset, n - DAY, SPACING):
        if not blocked[max(0, t - DAY): t + DAY].any():
            out.append(t)
    return tuple(out)


def build_columns(series: dict, windows: dict, seed: int) -> list[Column]:
    rng = np.random.default_rng(seed)
    columns = []
    for name, (stamps, values) in sorted(series.items()):
        base = name.removeprefix("Twitter_volume_").removesuffix(".csv")
        index = {s.split(".")[0]: i for i, s in enumerate(stamps)}
        blocked = np.zeros(len(values), dtype=bool)
        for a, b in windows[name]:
            blocked[index[a.split(".")[0]]: index[b.split(".")[0]] + 1] = True
        epoch = epoch_array(stamps)
        mean = float(values.mean())
        variants = [(f"{base} real, {mean:.1f}/5 min", values)]
        variants += [(f"{base} thinned, {v:g}/5 min", perturbed(values, v / mean, 0, rng))
                     for v in VOLUMES if v < mean / 1.5]
        for volume, vals in variants:
            columns.append(Column(base, volume, epoch, vals))
            level = np.maximum(usual_level(vals), 0.2)
            for shape, length in SHAPES.items():
                for magnitude in MAGNITUDES:
                    for k in range(OFFSETS):
                        starts = surge_starts(len(vals), blocked, offset=k * SPACING // OFFSETS + 37 * k)
                        extra = np.zeros_like(vals)
                        for t in starts:
                            extra[t: t + length] = (magnitude - 1.0) * level[t: t + length]
                        injected = vals + rng.poisson(extra)
                        columns.append(Column(base, volume, epoch, injected, shape, magnitude, starts))
    return columns


def run(columns: list[Column], config: SpikeConfig) -> tuple[np.ndarray, np.ndarray]:
    """Alerts and in-episode flags, rows = buckets, one column per Column (NaN pads short files)."""
    length = max(len(c.values) for c in columns)
    stamps = np.full((length, len(columns)), np.nan)
    vals = np.full((length, len(columns)), np.nan)
    for j, c in enumerate(columns):
        stamps[: len(c.values), j] = c.epoch
        vals[: len(c.values), j] = c.values
    bank = SpikeBank(len(columns), infer_bucket_seconds(columns[0].epoch), config)
    alerts = np.zeros(vals.shape, dtype=bool)
    episode = np.zeros(vals.shape, dtype=bool)
    for i in range(length):
        step = bank.step(stamps[i], vals[i])
        alerts[i], episode[i] = step.alert, step.in_episode
    return alerts, episode


def evaluate(columns: list[Column], alerts: np.ndarray, episode: np.ndarray) -> tuple[dict, dict]:
    """found[(volume, shape, magnitude)] = list of delays (None = missed); rate[volume] = alerts/week."""
    clean = {c.volume: j for j, c in enumerate(columns) if not c.shape}
    found: dict = {}
    rate: dict = {}
    for volume, j in clean.items():
        n = len(columns[j].values)
        rate[volume] = alerts[FIRST:n, j].sum() / ((n - FIRST) / (7 * DAY))
    for j, c in enumerate(columns):
        if not c.shape:
            continue
        ref = clean[c.volume]
        length = SHAPES[c.shape]
        for t in c.starts:
            span = slice(t - 12, t + length + 12)
            if alerts[span, ref].any() or episode[span, ref].any():
                continue  # the real series has its own event here: not a clean trial
            hits = np.flatnonzero(alerts[t: t + length + 12, j])
            delay = None if hits.size == 0 else int(hits[0]) * 5
            found.setdefault((c.volume, c.shape, c.magnitude), []).append(delay)
    return found, rate


def cell(delays: list) -> str:
    """'64%/120': share found / median delay in minutes of those found."""
    hit = [x for x in delays if x is not None]
    if not delays:
        return "-"
    return f"{len(hit) / len(delays):.0%}/{np.median(hit):.0f}" if hit else "0%"


def report(columns: list[Column], found: dict, rate: dict) -> float:
    volumes = list(dict.fromkeys(c.volume for c in columns))
    print("injected surges found / median delay in minutes, per series (thinned copies = smaller brands);")
    print("last column: alerts per week on the same series without injections\n")
    print(f"{'':30s}" + "".join(f"{s:^{9 * len(MAGNITUDES)}s}" for s in SHAPES))
    print(f"{'series':30s}" + "".join(f"{'x' + format(m, 'g'):>9s}" for _ in SHAPES for m in MAGNITUDES)
          + f"{'alerts/wk':>11s}")
    for volume in volumes:
        cells = [cell(found.get((volume, shape, m), [])) for shape in SHAPES for m in MAGNITUDES]
        print(f"{volume:30s}" + "".join(f"{c:>9s}" for c in cells) + f"{rate[volume]:11.2f}")
    per_mag = {}
    for m in MAGNITUDES:
        trials = [x for (v, s, mm), d in found.items() if mm == m for x in d]
        per_mag[m] = sum(x is not None for x in trials) / max(len(trials), 1)
    overall = float(np.mean(list(per_mag.values())))
    trials = sum(len(d) for d in found.values())
    print(f"\n{trials} surges injected (those overlapping an event of the real series left out)")
    print("found, all series and shapes: " + ", ".join(f"x{m:g} {p:.0%}" for m, p in per_mag.items())
          + f"; mean {overall:.1%}; alerts/week median {np.median(list(rate.values())):.2f}, "
          f"max {max(rate.values()):.2f}")
    return overall


def parse_settings(items: list[str]) -> SpikeConfig:
    known = {f.name for f in dataclasses.fields(SpikeConfig)}
    values = {}
    for item in items:
        key, _, value = item.partition("=")
        if key not in known:
            raise SystemExit(f"--set {item}: SpikeConfig has no field {key!r}")
        values[key] = float(value)
    return SpikeConfig(**values)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, epilog=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "nab-realtweets")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help="a SpikeConfig field")
    args = ap.parse_args(argv)
    if not args.data.exists():
        raise SystemExit(f"not found: {args.data}")
    windows, series = load_all(args.data)
    columns = build_columns(series, windows, args.seed)
    alerts, episode = run(columns, parse_settings(args.set))
    found, rate = evaluate(columns, alerts, episode)
    report(columns, found, rate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
