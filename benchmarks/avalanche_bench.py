"""Avalanche detector on demo data: injected avalanches of known size found, campaigns left alone."""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lawine import avalanche, store  # noqa: E402
from lawine.demo import _analyser  # noqa: E402
from lawine.demo.generator import DemoGenerator  # noqa: E402
from lawine.demo.schedule import DAY, HOUR, Episode  # noqa: E402

USAGE = """examples:
  python benchmarks/avalanche_bench.py            # 24 demo workspaces, ~4 s each
  python benchmarks/avalanche_bench.py --seeds 4  # quicker, coarser
  python benchmarks/avalanche_bench.py --threshold 50  # the trade-off of another threshold
Each workspace is the demo's background traffic (two brands, 60 days, no scripted episodes)
with one episode injected into Kestrel Air every three days from day 18 (the detector needs
14 days of the same hours as its baseline): an avalanche of N complaints over six hours whose
posts draw on average A agreeing replies ("same here", "ich auch") within six hours, or a
positive campaign of N posts over ten hours (the negative control). An avalanche counts as
found when an event starts between its start and six hours after its end; a campaign fails
the control when an event overlaps it. Events away from every injection are the false alarm
rate, per brand and week (Nordlicht Mobile gets no injections at all)."""

END = int(datetime(2026, 11, 20, 12, tzinfo=timezone.utc).timestamp())
DAYS, MENTIONS = 60, 30_000
FIRST_DAY, SPACING_DAYS = 18, 3
BRAND, QUIET_BRAND = "Kestrel Air", "Nordlicht Mobile"
AVALANCHES = [(n, a) for n in (5, 10, 20, 40) for a in (0.0, 1.0, 3.0)]  # (complaints, agreeing replies each)
CAMPAIGNS = (50, 100, 200, 400)                                            # positive posts
CASES = [("avalanche", n, a) for n, a in AVALANCHES] + [("campaign", n, 0.0) for n in CAMPAIGNS]
AFTER = 6 * HOUR  # how long after an episode an event still belongs to it


def schedule(seed: int, start: int) -> list[tuple[Episode, int, float]]:
    """One injection every SPACING_DAYS days at a daytime hour; cases rotate with the seed so
    every case lands on other days and hours in other workspaces."""
    rng = np.random.default_rng(1000 + seed)
    out = []
    day = FIRST_DAY
    k = seed * 5
    while day <= DAYS - 2:
        kind, n, agree = CASES[k % len(CASES)]
        at = start + day * DAY + int(rng.integers(7, 16)) * HOUR  # UTC, Europe's working day
        length = 6 * HOUR if kind == "avalanche" else 10 * HOUR
        pool = "AVALANCHE" if kind == "avalanche" else "CAMPAIGN"
        out.append((Episode(kind, f"{kind} {n} x{agree:g}", BRAND, pool, at, at + length, 0.0,
                            negative=kind == "avalanche"), n, agree))
        day += SPACING_DAYS
        k += 1
    return out


def workspace(seed: int, db: Path) -> tuple[list[tuple[Episode, int, float]], object]:
    """Background demo traffic plus the seed's injections, stored in a fresh SQLite file."""
    gen = DemoGenerator(MENTIONS, DAYS, seed, END)
    gen.episodes = []  # background only: the benchmark injects its own episodes
    gen.generate()
    plan = schedule(seed, gen.start)
    for ep, n, agree in plan:
        gen.inject(ep, n, agree_per_post=agree, agree_within_s=6 * HOUR)
    engine = store.open_store(f"sqlite:///{db}")
    store.upsert_mentions(engine, gen.mentions(_analyser()))
    return plan, engine


def evaluate(seed: int, tmp: Path, threshold: float) -> dict:
    plan, engine = workspace(seed, tmp / f"ws{seed}.db")
    start = datetime.fromtimestamp(END - (DAYS - avalanche.BASELINE_DAYS) * DAY, timezone.utc)
    end = datetime.fromtimestamp(END, timezone.utc)
    results = {"cases": [], "false": defaultdict(int), "weeks": (DAYS - avalanche.BASELINE_DAYS) / 7}
    # The scale the injections are measured against (medians: the injections barely move them).
    daily = avalanche.hourly_features(engine, BRAND, start, end).groupby(lambda h: h // DAY).sum()
    results["per_day"] = (float(daily["posts"].median()), float(daily["negative"].median()))
    for brand in (BRAND, QUIET_BRAND):
        found, scored = avalanche.detect(engine, brand, start, end, threshold)
        spans = [(e.start.timestamp(), e.end.timestamp()) for e in found]
        claimed = set()
        if brand == BRAND:
            for ep, n, agree in plan:
                if ep.type == "avalanche":  # found: an event starts during it or soon after
                    hit = [i for i, (s, e) in enumerate(spans) if ep.start <= s <= ep.end + AFTER]
                else:  # the control fails when any event overlaps the campaign
                    hit = [i for i, (s, e) in enumerate(spans) if s <= ep.end + AFTER and e > ep.start]
                claimed.update(hit)
                window = scored[(scored.index >= ep.start // HOUR * HOUR) & (scored.index <= ep.end + AFTER)]
                first = min((spans[i][0] for i in hit), default=None)
                results["cases"].append({
                    "kind": ep.type, "n": n, "agree": agree, "hit": bool(hit),
                    "delay_h": None if first is None else (first + HOUR - ep.start) / HOUR,
                    "peak": float(window["score"].max()) if len(window) else 0.0,
                })
        results["false"][brand] += len(set(range(len(spans))) - claimed)
    engine.dispose()
    return results


def report(runs: list[dict], threshold: float) -> None:
    by_case = defaultdict(list)
    for run in runs:
        for c in run["cases"]:
            by_case[(c["kind"], c["n"], c["agree"])].append(c)
    print(f"\nthreshold {threshold:g}; {sum(len(v) for v in by_case.values())} injections "
          f"in {len(runs)} workspaces\n")
    posts = statistics.median(r["per_day"][0] for r in runs)
    negative = statistics.median(r["per_day"][1] for r in runs)
    print(f"{BRAND}'s usual day: {posts:.0f} customer posts, {negative:.0f} of them negative\n")
    print(f"{'injected into ' + BRAND:62s} {'found':>7s} {'delay h (median)':>17s} {'peak score (median)':>20s}")
    for kind, n, agree in CASES:
        cases = by_case.get((kind, n, agree), [])
        if not cases:
            continue
        hits = sum(c["hit"] for c in cases)
        delays = [c["delay_h"] for c in cases if c["delay_h"] is not None]
        label = (f"avalanche: {n:3d} complaints / 6 h, {agree:g} agreeing replies each" if kind == "avalanche"
                 else f"campaign:  {n:3d} positive posts / 10 h (control)")
        shown = f"{hits}/{len(cases)}"
        delay = f"{statistics.median(delays):.0f}" if delays else "-"
        print(f"{label:62s} {shown:>7s} {delay:>17s} {statistics.median(c['peak'] for c in cases):>20.0f}")
    summary(by_case, runs)


def summary(by_case: dict, runs: list[dict]) -> None:
    def share(pred) -> str:
        cases = [c for key, v in by_case.items() if pred(*key) for c in v]
        return f"{sum(c['hit'] for c in cases)}/{len(cases)}"

    weeks = sum(r["weeks"] for r in runs)
    false = {b: sum(r["false"][b] for r in runs) for b in (BRAND, QUIET_BRAND)}
    print("\nsummary:")
    print(f"  avalanches found: {share(lambda k, n, a: k == 'avalanche')} all, "
          f"{share(lambda k, n, a: k == 'avalanche' and n >= 20 and a >= 1)} of those with >= 20 complaints "
          f"and >= 1 agreeing reply each, {share(lambda k, n, a: k == 'avalanche' and n <= 5)} of the 5-complaint ones")
    top = max((c["peak"] for key, v in by_case.items() if key[0] == "campaign" for c in v), default=0.0)
    print(f"  campaigns (negative control) raising an avalanche: {share(lambda k, n, a: k == 'campaign')}, "
          f"highest score during one {top:.0f}")
    print("  false avalanches per brand-week away from injections: "
          + ", ".join(f"{b} {false[b] / weeks:.2f}" for b in false))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, epilog=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=24, help="demo workspaces to generate (default 24)")
    ap.add_argument("--threshold", type=float, default=avalanche.THRESHOLD,
                    help=f"avalanche score that raises an event (default {avalanche.THRESHOLD:g}, the product's)")
    args = ap.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory(prefix="avalanche_bench_") as tmp:
        for seed in range(args.seeds):
            runs.append(evaluate(seed, Path(tmp), args.threshold))
            print(f"workspace {seed + 1}/{args.seeds} done", flush=True)
    report(runs, args.threshold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
