"""Online spike detection for mention-count series: one series (SpikeDetector) or many (SpikeBank)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, NamedTuple, Optional, Sequence

import numpy as np

from lawine.spikes_bank import BankStep, SpikeBank, SpikeConfig

__all__ = [
    "BankStep", "Decision", "SENSITIVITY", "SpikeBank", "SpikeConfig", "SpikeDetector",
    "config_for", "detect_series", "infer_bucket_seconds", "to_epoch_seconds",
]

# How it works: counts are compared with a robust baseline in log space (level + daily
# profile + day-of-week offsets, learned by winsorised exponential updates that pause during
# an episode); the surprise z of each bucket combines Poisson sampling noise and learned
# burstiness. Every series also learns the tail of its own surprises (peaks over z = 3,
# declustered, exponential tail: clusters per day and mean excess, both starting from a prior
# so the first quiet days do not read as "never"), and its bar is the surprise that tail
# reaches once in `return_days` days. So one setting fits a calm series
# and a spiky one: the bar of a series whose normal days already bring z = 9 sits above 9.
# An episode starts when one bucket reaches the bar, a run of elevated buckets accumulates
# `cusum_ratio` bars (CUSUM), or the sustained surprise (an hour's clipped surprises,
# averaged) reaches its own learned bar: that finds a small brand's two-hour surge whose
# single buckets all look ordinary. One alert per episode, which ends after an hour back
# near the baseline (or after a day, when the new level is accepted as normal). The
# arithmetic lives in spikes_bank / spikes_tail / spikes_model, the settings in
# spikes_settings; benchmarks/RESULTS.md has the NAB and injected-surge scores.

# How readily a series alerts, as the return period of its bar: normal variation of a series
# reaches the bar about once in this many days. "normal" is the setting tuned on NAB
# (benchmarks/RESULTS.md: under one alert a week per series); "high" finds more surges of a
# given size at the price of more alerts on ordinary bursts (injection_bench measures both).
# Keyed by lawine.config.SENSITIVITY_NAMES (tests/lawine/test_spikes.py checks they agree).
SENSITIVITY = {"low": 300.0, "normal": SpikeConfig().return_days, "high": 30.0}


def config_for(sensitivity: str = "normal") -> SpikeConfig:
    """The detector configuration for a sensitivity name (low, normal, high)."""
    if sensitivity not in SENSITIVITY:
        raise ValueError(f"unknown spike sensitivity {sensitivity!r}; use one of {', '.join(SENSITIVITY)}")
    return SpikeConfig(return_days=SENSITIVITY[sensitivity])


# Enough rows to see the spacing, few enough that any prefix longer than this agrees on it.
_BUCKET_PROBE = 64


class Decision(NamedTuple):
    """The verdict on one bucket."""

    alert: bool        # an episode starts here
    score: float       # surprise relative to the alert threshold (>= 1 means alert level)
    expected: float    # the baseline's expected count for this bucket
    in_episode: bool   # this bucket belongs to an ongoing episode


def to_epoch_seconds(ts: Any) -> float:
    """Seconds since 1970 (UTC) for a number, ISO string, datetime or numpy datetime64.

    Naive times are read as UTC: only differences and the time of day matter here, and
    count exports (NAB included) are commonly naive UTC.
    """
    if isinstance(ts, (int, float, np.integer, np.floating)) and not isinstance(ts, bool):
        return float(ts)
    if isinstance(ts, np.datetime64):
        return float(ts.astype("datetime64[us]").astype(np.int64)) / 1e6
    if isinstance(ts, str):
        ts = datetime.fromisoformat(ts.strip().replace("Z", "+00:00"))
    if isinstance(ts, datetime):
        if ts.tzinfo is None or ts.tzinfo.utcoffset(ts) is None:
            ts = ts.replace(tzinfo=timezone.utc)
        return ts.timestamp()
    raise TypeError(f"cannot read {ts!r} as a timestamp")


def epoch_array(timestamps: Sequence[Any]) -> np.ndarray:
    """Vector form of to_epoch_seconds (fast path for numpy datetime64 arrays)."""
    arr = np.asarray(timestamps)
    if np.issubdtype(arr.dtype, np.datetime64):
        return arr.astype("datetime64[us]").astype(np.int64) / 1e6
    if np.issubdtype(arr.dtype, np.number):
        return arr.astype(np.float64)
    return np.array([to_epoch_seconds(t) for t in timestamps], dtype=np.float64)


def infer_bucket_seconds(epoch: Sequence[float]) -> float:
    """The typical spacing (median of the first positive differences) of sorted timestamps."""
    head = np.asarray(epoch[: _BUCKET_PROBE + 1], dtype=np.float64)
    diffs = np.diff(head)
    diffs = diffs[diffs > 0]
    if diffs.size == 0:
        raise ValueError("need at least two distinct timestamps to infer the bucket size")
    return float(np.median(diffs))


class SpikeDetector:
    """Streaming detector for one series: feed buckets in time order with update()."""

    def __init__(self, bucket_seconds: Optional[float] = None, config: Optional[SpikeConfig] = None) -> None:
        self.config = config or SpikeConfig()
        self._bank: Optional[SpikeBank] = None
        self._pending: Optional[tuple[float, float]] = None
        if bucket_seconds is not None:
            self._bank = SpikeBank(1, bucket_seconds, self.config)

    @property
    def bucket_seconds(self) -> Optional[float]:
        return None if self._bank is None else self._bank.bucket

    def update(self, ts: Any, value: float) -> Decision:
        """Take the count of the bucket at `ts`; decisions use only this and earlier buckets."""
        t = to_epoch_seconds(ts)
        if self._bank is None:
            return self._update_unknown_bucket(t, float(value))
        step = self._bank.step(t, [value])
        return _decision(step)

    def _update_unknown_bucket(self, t: float, value: float) -> Decision:
        # Without a bucket size, the first gap defines it; the first bucket is replayed then.
        if self._pending is None or t <= self._pending[0]:
            self._pending = (t, value)
            return Decision(False, 0.0, value, False)
        first_t, first_v = self._pending
        self._bank = SpikeBank(1, t - first_t, self.config)
        self._bank.step(first_t, [first_v])
        self._pending = None
        return _decision(self._bank.step(t, [value]))

    def to_dict(self) -> dict:
        """State to store between runs; SpikeDetector.from_dict resumes exactly."""
        return {
            "bank": None if self._bank is None else self._bank.to_dict(),
            "pending": None if self._pending is None else list(self._pending),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "SpikeDetector":
        det = cls()
        if data.get("bank") is not None:
            det._bank = SpikeBank.from_dict(data["bank"])
            det.config = det._bank.config
        if data.get("pending") is not None:
            det._pending = (float(data["pending"][0]), float(data["pending"][1]))
        return det


def _decision(step: BankStep) -> Decision:
    return Decision(bool(step.alert[0]), float(step.score[0]), float(step.expected[0]), bool(step.in_episode[0]))


def detect_series(
    timestamps: Sequence[Any],
    values: Sequence[float],
    bucket_seconds: Optional[float] = None,
    config: Optional[SpikeConfig] = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Run the online detector over a whole series; returns (alerts as bool, scores).

    The bucket size, when not given, is inferred from the first timestamps only, so a
    prefix of the series gets exactly the decisions it gets inside the whole run.
    """
    epoch = epoch_array(timestamps)
    vals = np.asarray(values, dtype=np.float64)
    if epoch.shape != vals.shape:
        raise ValueError(f"{epoch.size} timestamps but {vals.size} values")
    n = vals.size
    alerts = np.zeros(n, dtype=bool)
    scores = np.zeros(n, dtype=np.float64)
    if n == 0:
        return alerts, scores
    if bucket_seconds is None:
        if n == 1:
            return alerts, scores
        bucket_seconds = infer_bucket_seconds(epoch)
    bank = SpikeBank(1, bucket_seconds, config)
    for i in range(n):
        step = bank.step(epoch[i], vals[i : i + 1])
        alerts[i] = step.alert[0]
        scores[i] = step.score[0]
    return alerts, scores
