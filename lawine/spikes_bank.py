"""Vectorised online spike detection for many count series: numpy state arrays, O(1) work per bucket."""
from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any, NamedTuple, Optional

import numpy as np

from lawine.spikes_model import (
    clip_factor,
    count_zscore,
    ew_alpha_gap,
    log_from_mean,
    mean_from_log,
    poisson_log_var,
    seasonal_phase,
)
from lawine.spikes_settings import SpikeConfig, SeasonalProfile, BucketRates
from lawine.spikes_tail import TAIL_STATE, TailView, learn_tail, tail_bar

__all__ = ["BankStep", "SpikeBank", "SpikeConfig"]

STATE_VERSION = 3
PER_SERIES = ("return_days", "cusum_ratio", "tail_prior_clusters")  # settings that may differ per series


class BankStep(NamedTuple):
    """What one bucket did to every series (arrays of length n)."""

    alert: np.ndarray
    score: np.ndarray
    expected: np.ndarray
    in_episode: np.ndarray


# State arrays: name -> (dtype, initial value); each seasonal profile adds "<name>" and
# "<name>_w" arrays of its size. The tail model of the one-bucket surprise keeps its arrays
# under their own names (spikes_tail.TAIL_STATE), that of the sustained surprise under
# SUSTAINED + those names.
SUSTAINED = "sus_"
_STATE = {
    "last_ts": (np.float64, np.nan),
    "n_obs": (np.int64, 0),
    "level": (np.float64, 0.0),
    "s2": (np.float64, np.nan),
    "cusum": (np.float64, 0.0),
    "in_ep": (np.bool_, False),
    "ep_age": (np.int64, 0),
    "ep_quiet": (np.int64, 0),
    "ep_level": (np.float64, 0.0),
    "sus_mean": (np.float64, 0.0),     # EW mean of clipped surprises (the sustained scale)
    "sus_excess": (np.float64, 0.0),   # EW mean of mentions above the baseline
    **TAIL_STATE,
    **{SUSTAINED + k: v for k, v in TAIL_STATE.items()},
}


class SpikeBank:
    """Advance n count series by one bucket at a time; every series keeps its own state.

    A value of NaN means "no observation for this series in this step": its state is left
    untouched. Timestamps are epoch seconds (one for all series, or one per series).
    """

    def __init__(self, n: int, bucket_seconds: float, config: Optional[SpikeConfig] = None) -> None:
        if bucket_seconds <= 0:
            raise ValueError(f"bucket_seconds must be positive, got {bucket_seconds}")
        self.n = int(n)
        self.bucket = float(bucket_seconds)
        self.config = config or SpikeConfig()
        self.rates = BucketRates.make(self.config, self.bucket)
        self.settings = _per_series(self.config, self.n)
        self._rows = np.arange(self.n)
        self.state: dict[str, np.ndarray] = {
            name: np.full(self.n, init, dtype=dtype) for name, (dtype, init) in _STATE.items()
        }
        for prof in self.rates.profiles:
            self.state[prof.name] = np.zeros((self.n, prof.n_slots))
            self.state[prof.name + "_w"] = np.zeros((self.n, prof.n_slots))
        self.state["s2"][:] = self.config.s2_init
        for scale in ("", SUSTAINED):
            self.state[scale + "tail_beta"][:] = self.config.tail_beta_init
            self.state[scale + "tail_rate"][:] = self.config.tail_rate_init

    # -- one bucket ---------------------------------------------------------------------
    def step(self, ts: Any, values: Any) -> BankStep:
        """Feed one bucket to every series and return their decisions."""
        return self._advance(ts, values, None)

    def peek(self, ts: Any, values: Any, exposure: float) -> BankStep:
        """Decisions on a bucket of which only the fraction `exposure` has elapsed (the hour in
        progress). It alerts when what has arrived reaches the bar against the whole bucket's
        baseline, or against `exposure` of it with the burstiness of that shorter span. The
        state is left exactly as it was: the complete bucket is stepped later as usual."""
        if not 0.0 < exposure <= 1.0:
            raise ValueError(f"exposure must be in (0, 1], got {exposure}")
        if exposure == 1.0:  # the whole bucket: one judgement, not the same one twice
            return self._dry_run(ts, values, None)
        whole, part = (self._dry_run(ts, values, e) for e in (None, exposure))
        return BankStep(whole.alert | part.alert, np.fmax(whole.score, part.score), part.expected,
                        whole.in_episode | part.in_episode)

    def _dry_run(self, ts: Any, values: Any, exposure: Optional[float]) -> BankStep:
        saved = {name: arr.copy() for name, arr in self.state.items()}
        try:
            return self._advance(ts, values, exposure)
        finally:
            self.state = saved

    def _advance(self, ts: Any, values: Any, exposure: Optional[float]) -> BankStep:
        st, cfg, rt = self.state, self.config, self.rates
        ts = np.asarray(ts, dtype=np.float64)
        ts = np.full(self.n, float(ts)) if ts.ndim == 0 else ts.reshape(self.n)
        x = np.asarray(values, dtype=np.float64).reshape(self.n)
        obs = np.isfinite(x) & np.isfinite(ts)
        x = np.where(obs, np.maximum(x, 0.0), 0.0)
        first = obs & np.isnan(st["last_ts"])
        gap = np.where(first, 1.0, np.clip((ts - st["last_ts"]) / self.bucket, 1.0, 1e6))
        gap = np.where(np.isfinite(gap), gap, 1.0)

        phases = [seasonal_phase(np.where(obs, ts, 0.0), p.period_s, p.n_slots) for p in rt.profiles]
        seas = self._seasonal(phases)
        y = np.log1p(x)
        level = np.where(first, y - seas, st["level"])
        center = level + seas
        mu = mean_from_log(center)
        s2 = st["s2"]
        if exposure is not None:
            # Part of a bucket: part of its expected count, and more burstiness, since a
            # shorter span averages fewer independent bursts (log-variance ~ 1 / span).
            mu = mu * exposure
            center = log_from_mean(mu)
            s2 = s2 / exposure
        z = count_zscore(x, mu, center, s2)
        cusum = np.maximum(st["cusum"] + z - cfg.cusum_k, 0.0)
        sustained, enough = self._sustained(obs, x - mu, z, gap)

        thr_z = self.bar()
        score = np.maximum(z / thr_z, cusum / (self.settings["cusum_ratio"] * thr_z))
        if rt.a_sustain:
            score = np.maximum(score, sustained / self.bar(SUSTAINED))
        was_in = st["in_ep"]
        warm = st["n_obs"] >= rt.warmup
        alert = obs & ~was_in & warm & (score >= 1.0) & enough

        in_ep, too_long = self._track_episodes(obs, was_in, alert, z, y - seas)
        ended = was_in & ~in_ep  # a finished episode leaves no debt behind in either run statistic
        cusum = np.where(ended, 0.0, cusum)
        st["sus_mean"] = np.where(ended, np.minimum(st["sus_mean"], 0.0), st["sus_mean"])

        # The baseline pauses during an episode (winsorising alone lets an hour-long spike
        # lift tomorrow's expectation); the tail keeps learning, from cluster maxima only.
        level = np.where(too_long, st["ep_level"], level)  # a lasting shift becomes the new normal
        learn = obs & ~in_ep & ~alert
        self._learn(learn, y, mu, z, level, seas, phases, gap)
        st["level"] = np.where(obs & ~learn, level, st["level"])
        self._learn_tail(obs, z)
        if rt.a_sustain:
            self._learn_tail(obs, sustained, SUSTAINED)
        st["cusum"] = np.where(obs, cusum, st["cusum"])
        st["last_ts"] = np.where(obs, ts, st["last_ts"])
        st["n_obs"] = st["n_obs"] + obs
        nan = np.full(self.n, np.nan)
        return BankStep(alert, np.where(obs, score, nan), np.where(obs, mu, nan), in_ep)

    def bar(self, scale: str = "") -> np.ndarray:
        """Each series' alert level: the surprise its own tail reaches once in `return_days`
        days, never below `z_floor`; scale "" is the one-bucket surprise, SUSTAINED the other."""
        return tail_bar(TailView(self.state, scale), self.config, self.rates, self.settings["return_days"])

    def _sustained(self, obs, excess, z, gap) -> tuple[np.ndarray, np.ndarray]:
        """The sustained surprise and whether enough mentions stand behind an alert.

        Per-bucket surprises are clipped and averaged with an exponential weight, then
        scaled to unit variance for independent buckets: an hour of five-minute buckets at
        z = 2.5 each reaches about 7, while each bucket stays far below the one-bucket bar;
        one huge bucket moves it by at most about 1 (clip x weight / scale). Its own learned
        tail sets its bar, so series whose baseline drifts for hours get a higher one.
        """
        st, cfg, rt = self.state, self.config, self.rates
        enough = excess >= cfg.min_excess
        if not rt.a_sustain:
            return np.zeros(self.n), enough
        a = ew_alpha_gap(rt.a_sustain, gap)
        clipped = np.clip(z, -cfg.sustain_clip_z, cfg.sustain_clip_z)
        mean = np.where(obs, st["sus_mean"] + a * (clipped - st["sus_mean"]), st["sus_mean"])
        exc = np.where(obs, st["sus_excess"] + a * (excess - st["sus_excess"]), st["sus_excess"])
        st["sus_mean"], st["sus_excess"] = mean, exc
        # The EW mean of excess times its effective length: mentions above baseline lately.
        return mean / rt.sustain_norm, enough | (exc / rt.a_sustain >= cfg.min_excess)

    def _track_episodes(self, obs, was_in, alert, z, deseason):
        """Start episodes on alerts; end them after a quiet spell or a maximum length."""
        st, cfg, rt = self.state, self.config, self.rates
        tracking = obs & was_in
        quiet = np.where(tracking & (z < cfg.quiet_z), st["ep_quiet"] + 1, 0)
        age = np.where(tracking, st["ep_age"] + 1, st["ep_age"])
        ended_quiet = tracking & (quiet >= rt.quiet)
        too_long = tracking & ~ended_quiet & (age >= rt.max_episode)
        ep_level = np.where(tracking, st["ep_level"] + rt.a_episode * (deseason - st["ep_level"]), st["ep_level"])
        st["ep_level"] = np.where(alert, deseason, ep_level)
        in_ep = (was_in & ~(ended_quiet | too_long)) | alert
        st["in_ep"] = np.where(obs, in_ep, was_in)
        st["ep_quiet"] = np.where(alert, 0, np.where(obs, quiet, st["ep_quiet"]))
        st["ep_age"] = np.where(alert, 0, age)
        return np.where(obs, in_ep, was_in), too_long

    def _seasonal(self, phases) -> np.ndarray:
        """Sum of all profiles at this bucket's phase (linear interpolation between slots)."""
        rows = self._rows
        seas = np.zeros(self.n)
        for prof, (i0, i1, w1) in zip(self.rates.profiles, phases):
            table = self.state[prof.name]
            seas += table[rows, i0] * (1.0 - w1) + table[rows, i1] * w1
        return seas

    def _learn(self, m, y, mu, z, level, seas, phases, gap) -> None:
        """Winsorised exponential updates of level, daily profile and burstiness."""
        st, cfg, rt = self.state, self.config, self.rates
        n_obs = st["n_obs"].astype(np.float64)
        cf = clip_factor(z, cfg.clip_z)
        pred = level + seas
        # Early on, a plain running mean (1/n) learns faster than the exponential weight.
        a_level = np.maximum(ew_alpha_gap(rt.a_level, gap), 1.0 / (n_obs + 1.0))
        new_level = level + a_level * (y - pred) * cf
        st["level"] = np.where(m, new_level, st["level"])
        rows = np.flatnonzero(m)
        resid = (y - new_level - seas) * cf
        for prof, phase in zip(rt.profiles, phases):
            self._learn_profile(prof, rows, resid, phase)
        vp = poisson_log_var(mu)
        s2 = st["s2"]
        target = np.minimum(np.square(y - pred), cfg.clip_z ** 2 * (s2 + vp)) - vp
        a_scale = np.maximum(ew_alpha_gap(rt.a_scale, gap), 1.0 / (n_obs + 1.0))
        st["s2"] = np.where(m, np.maximum(s2 + a_scale * (target - s2), cfg.s2_floor), s2)

    def _learn_tail(self, m, z, scale: str = "") -> None:
        learn_tail(TailView(self.state, scale), m, z, self.config, self.rates, self.settings["tail_prior_clusters"])

    def _learn_profile(self, prof: SeasonalProfile, rows: np.ndarray, resid: np.ndarray, phase) -> None:
        """Move the two slots around this phase towards the residual, by their weights."""
        if rows.size == 0:
            return
        table, seen = self.state[prof.name], self.state[prof.name + "_w"]
        i0, i1, w1 = phase
        for idx, w in ((i0[rows], 1.0 - w1[rows]), (i1[rows], w1[rows])):
            cnt = seen[rows, idx] + w
            a = prof.alpha
            if prof.warm_start:  # first visits: plain mean, so the profile exists after one day
                a = np.maximum(a, 1.0 / np.maximum(cnt, 1e-12))
            seen[rows, idx] = cnt
            table[rows, idx] += np.minimum(w * a, 1.0) * resid[rows]

    # -- persistence ------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """JSON-safe snapshot (NaN stored as None) from which from_dict resumes exactly."""
        return {
            "version": STATE_VERSION,
            "n": self.n,
            "bucket_seconds": self.bucket,
            "config": {k: np.asarray(v).tolist() for k, v in asdict(self.config).items()},
            "state": {k: _to_json(v) for k, v in self.state.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> "SpikeBank":
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported spike state version {data.get('version')!r}")
        known = {f.name for f in fields(SpikeConfig)}
        config = SpikeConfig(**{k: v for k, v in data["config"].items() if k in known})
        bank = cls(data["n"], data["bucket_seconds"], config)
        if set(data["state"]) != set(bank.state):
            raise ValueError("spike state does not match its configuration")
        for name, value in data["state"].items():
            like = bank.state[name]
            arr = np.array(_from_json(value), dtype=np.bool_ if like.dtype == np.bool_ else np.float64)
            bank.state[name] = arr.astype(like.dtype).reshape(like.shape)
        return bank


def _per_series(config: SpikeConfig, n: int) -> dict[str, np.ndarray]:
    """The PER_SERIES settings as arrays of length n (one value is shared by all series)."""
    out = {}
    for name in PER_SERIES:
        value = np.asarray(getattr(config, name), dtype=np.float64)
        if value.ndim and value.shape != (n,):
            raise ValueError(f"{name}: need one value or {n}, got shape {value.shape}")
        out[name] = np.broadcast_to(value, (n,))
    return out


def _to_json(arr: np.ndarray) -> Any:
    if arr.dtype == np.float64:
        return np.where(np.isfinite(arr), arr, None).tolist()
    return arr.tolist()


def _from_json(value: Any) -> Any:
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    return np.nan if value is None else value
