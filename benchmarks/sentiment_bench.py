"""Benchmark the analyse path on the labelled tweet sets: macro-F1, recall, confusion, speed, vs plain VADER.

Usage: python benchmarks/sentiment_bench.py [--data DIR] [--half {all,a,b}] [--errors N] [--lang-report]
The data is read from ../shared/data/sentiment (beside the project) and never copied here.
--half splits each file deterministically (by a hash of the text) so rules and thresholds can be
chosen on one half and checked on the other; without it both halves' scores are printed too.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lawine.analysis import pipeline  # noqa: E402
from lawine.analysis.lang import _lingua  # noqa: E402

LABELS = ("negative", "neutral", "positive")
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "sentiment"
SETS = (("English airline tweets", "airline_dev.csv"), ("German tweets (SB10k)", "german_tweets_dev.csv"))


def half_of(text: str) -> str:
    """The deterministic half ("a" or "b") a text belongs to: the parity of a hash of its text."""
    return "a" if zlib.crc32(text.encode()) % 2 == 0 else "b"


def load(path: Path, half: str) -> tuple[list[str], list[str]]:
    texts, gold = [], []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if half in ("all", half_of(row["text"])):
                texts.append(row["text"])
                gold.append(row["label"])
    return texts, gold


def scores(gold: list[str], pred: list[str]) -> dict:
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred):
        confusion[g][p] += 1
    f1s, recall = {}, {}
    for c in LABELS:
        tp = confusion[c][c]
        fn = sum(confusion[c].values()) - tp
        fp = sum(confusion[g][c] for g in LABELS) - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        recall[c] = rec
        f1s[c] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"macro_f1": sum(f1s.values()) / 3, "recall": recall, "f1": f1s, "confusion": confusion}


def vader_labels(texts: list[str]) -> list[str]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    out = []
    for t in texts:
        c = analyser.polarity_scores(t)["compound"]
        out.append("positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral")
    return out


def report(name: str, s: dict) -> None:
    rec = "  ".join(f"{c} {s['recall'][c]:.3f}" for c in LABELS)
    print(f"  {name:<8} macro-F1 {s['macro_f1']:.3f} | recall: {rec}")


def report_halves(texts: list[str], gold: list[str], pred: list[str]) -> None:
    """Scores on the two hash halves: rules are found on half a and kept only if half b agrees."""
    parts = []
    for side in ("a", "b"):
        idx = [i for i, t in enumerate(texts) if half_of(t) == side]
        s = scores([gold[i] for i in idx], [pred[i] for i in idx])
        parts.append(f"half {side} ({len(idx)}): macro-F1 {s['macro_f1']:.3f}, negative recall {s['recall']['negative']:.3f}")
    print("  lawine   " + " | ".join(parts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--half", choices=("all", "a", "b"), default="all")
    parser.add_argument("--errors", type=int, default=0, help="print N misclassified texts per set")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; the best counts (default 3)")
    parser.add_argument("--lang-report", action="store_true", help="also compare language detectors")
    args = parser.parse_args()

    _lingua()  # load the language models once, outside the timed loop, as a running app would
    pipeline.analyse_text("warm up")
    all_texts: list[str] = []
    for title, filename in SETS:
        texts, gold = load(args.data / filename, args.half)
        all_texts += texts
        pipeline._analyse.cache_clear()
        results = [pipeline.analyse_text(t) for t in texts]  # full path, language detection included
        ours = scores(gold, [r.sentiment_label for r in results])
        base = scores(gold, vader_labels(texts))
        print(f"{title} ({filename}, {len(texts)} rows, half={args.half})")
        report("lawine", ours)
        report("VADER", base)
        if args.half == "all":
            report_halves(texts, gold, [r.sentiment_label for r in results])
        print("  confusion (rows gold, cols predicted):  " + "  ".join(f"{c[:3]:>5}" for c in LABELS))
        for g in LABELS:
            print(f"    {g:<9}" + " " * 30 + "  ".join(f"{ours['confusion'][g][p]:>5}" for p in LABELS))
        langs: dict[str, int] = {}
        for r in results:
            langs[str(r.lang)] = langs.get(str(r.lang), 0) + 1
        print(f"  detected languages: {dict(sorted(langs.items(), key=lambda kv: -kv[1])[:5])}")
        if args.errors:
            shown = 0
            for t, g, r in zip(texts, gold, results):
                if g != r.sentiment_label and shown < args.errors:
                    shown += 1
                    print(f"    gold={g:<8} got={r.sentiment_label:<8} {r.sentiment:+.2f} {t[:140]!r}")
        print()
    speed(all_texts, args.repeat)
    if args.lang_report:
        language_report(args.data, args.half)
    return 0


def language_report(data: Path, half: str) -> None:
    """Compare offline language detectors on the two sets: share detected as the set's language, speed."""
    from lingua import Language, LanguageDetectorBuilder

    from lawine.analysis import lang as L

    en, _ = load(data / SETS[0][1], half)
    de, _ = load(data / SETS[1][1], half)
    # the German set (SB10k) contains some English and other-language tweets, so its share is a lower bound
    few = [Language.ENGLISH, Language.GERMAN]
    seven = [getattr(Language, name) for name in L._LINGUA_LANGS]

    def lingua(languages: list, low: bool):  # type: ignore[no-untyped-def]
        builder = LanguageDetectorBuilder.from_languages(*languages)
        builder = builder.with_low_accuracy_mode() if low else builder
        detector = builder.with_preloaded_language_models().build()
        return lambda t: (r.iso_code_639_1.name.lower() if (r := detector.detect_language_of(t)) else None)

    def stopwords_only(t: str) -> str | None:
        en_hits, de_hits = L.stopword_vote(t)
        return "en" if en_hits > de_hits else "de" if de_hits > en_hits else None

    detectors = {
        "stopword vote only": stopwords_only,
        "lingua EN+DE, low accuracy": lingua(few, True),
        "lingua 7 langs, low accuracy": lingua(seven, True),
        "lingua 7 langs, high accuracy": lingua(seven, False),
        "lawine: vote, lingua 7 low if unsure": L.detect_lang,
    }
    print("language detection (share of each set detected as its language; CPU-time speed):")
    for name, detect in detectors.items():
        detect("warm up")
        start = time.process_time()
        got_en = [detect(t) for t in en]
        got_de = [detect(t) for t in de]
        rate = (len(en) + len(de)) / (time.process_time() - start)
        share_en = sum(g == "en" for g in got_en) / len(en)
        share_de = sum(g == "de" for g in got_de) / len(de)
        print(f"  {name:<38} en {share_en:.3f}  de {share_de:.3f}  {rate:>9,.0f} texts/s")


def speed(texts: list[str], repeat: int) -> None:
    """Mentions/s of the whole analyse path vs plain VADER, timed alternately on the same texts.

    CPU time of this (single-threaded) process is the "one core" measure; wall-clock is shown
    too. Best of `repeat` runs, because other processes on a shared machine only ever slow a
    run down. The per-text cache is cleared before every run, so no result is reused.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    best = {"lawine": (1e9, 1e9), "VADER": (1e9, 1e9)}
    for _ in range(repeat):
        for name in ("VADER", "lawine"):
            pipeline._analyse.cache_clear()
            wall, cpu = time.perf_counter(), time.process_time()
            if name == "VADER":
                for t in texts:
                    analyser.polarity_scores(t)
            else:
                for t in texts:
                    pipeline.analyse_text(t)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
    n = len(texts)
    print(f"speed over {n:,} texts (best of {repeat}; lawine = whole analyse path incl. language detection):")
    for name, (cpu, wall) in best.items():
        print(f"  {name:<7} {n / cpu:>8,.0f} mentions/s CPU time (one core)   {n / wall:>8,.0f} mentions/s wall-clock")
    print(f"  lawine takes {best['lawine'][0] / best['VADER'][0]:.2f}x the CPU time of plain VADER sentiment alone")


if __name__ == "__main__":
    raise SystemExit(main())
