"""Noise model and small numeric helpers of the spike detector (numpy, elementwise, no state)."""
from __future__ import annotations

import math

import numpy as np

# Below this expected count the Poisson term would divide by ~0; a floor keeps z finite
# and stops a single mention after a silent week from looking infinitely surprising.
MU_FLOOR = 0.05


def _poisson_log_moments() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean and variance of log1p(X), X ~ Poisson(mu), on a grid of mu (computed once).

    The delta method (log1p(mu), mu / (1 + mu)^2) is off by up to 40 % for mu between 1 and
    10, which is exactly where small brands live; the exact moments fix both the expected
    count (the log-space baseline sits below log1p(mean)) and the Poisson share of the noise.
    """
    mu = np.concatenate([[0.0], np.geomspace(1e-3, 200.0, 300)])
    k = np.arange(0, 800, dtype=np.float64)
    log_fact = np.concatenate([[0.0], np.cumsum(np.log(k[1:]))])
    with np.errstate(divide="ignore", invalid="ignore"):
        logp = -mu[:, None] + k[None, :] * np.log(mu[:, None]) - log_fact[None, :]
    logp[0] = np.where(k == 0, 0.0, -np.inf)
    p = np.exp(logp)
    y = np.log1p(k)
    mean = p @ y
    var = p @ np.square(y) - np.square(mean)
    # Above the grid the delta method is accurate to well under 1 %.
    big = np.geomspace(250.0, 1e7, 60)
    mu = np.concatenate([mu, big])
    mean = np.concatenate([mean, np.log1p(big) - big / (2 * np.square(1 + big))])
    var = np.concatenate([np.maximum(var, 0.0), big / np.square(1 + big)])
    return mu, mean, var


_MU, _LOG_MEAN, _LOG_VAR = _poisson_log_moments()


def poisson_log_var(mu: np.ndarray) -> np.ndarray:
    """Variance of log1p(X) for X ~ Poisson(mu)."""
    return np.interp(mu, _MU, _LOG_VAR, right=0.0) + np.where(mu > _MU[-1], 1.0 / np.maximum(mu, 1.0), 0.0)


def mean_from_log(m: np.ndarray) -> np.ndarray:
    """The Poisson mean whose log1p-counts average m: the count a log-space baseline expects."""
    return np.where(m > _LOG_MEAN[-1], np.expm1(m), np.interp(m, _LOG_MEAN, _MU))


def log_from_mean(mu: np.ndarray) -> np.ndarray:
    """The mean of log1p-counts of Poisson(mu): the inverse of mean_from_log."""
    return np.where(mu > _MU[-1], np.log1p(mu), np.interp(mu, _MU, _LOG_MEAN))


def count_zscore(x: np.ndarray, mu: np.ndarray, log_center: np.ndarray, s2: np.ndarray) -> np.ndarray:
    """Signed surprise of count x, in standard-normal units.

    Two independent noise sources add their variances: Poisson sampling around the mean
    count mu (measured by the Poisson deviance, exact in the tail even for tiny mu) and
    multiplicative burstiness around the log-space baseline `log_center` (a log-normal with
    log-variance s2). For a Gaussian residual with variance v1 + v2, 1/z^2 = 1/z1^2 + 1/z2^2,
    so the two one-source z-scores combine harmonically.
    """
    mu = np.maximum(mu, MU_FLOOR)
    r = np.log1p(x) - log_center
    with np.errstate(divide="ignore", invalid="ignore"):
        xlogx = np.where(x > 0, x * np.log(np.where(x > 0, x, 1.0) / mu), 0.0)
        dev = np.maximum(2.0 * (xlogx - (x - mu)), 0.0)
        z_log2 = np.square(r) / s2
        z2 = z_log2 * dev / (z_log2 + dev)
    z2 = np.where(np.isfinite(z2), z2, 0.0)
    return np.sign(r) * np.sqrt(z2)


def clip_factor(z: np.ndarray, clip: float) -> np.ndarray:
    """Factor that winsorises a residual whose z-score is z to at most `clip` in z units."""
    az = np.abs(z)
    return np.where(az > clip, clip / np.maximum(az, 1e-12), 1.0)


def ew_alpha(half_life_steps: float) -> float:
    """Per-step weight of an exponentially weighted mean with the given half-life in steps."""
    return 1.0 - 0.5 ** (1.0 / max(half_life_steps, 1e-9))


def ew_alpha_gap(alpha: float, steps: np.ndarray) -> np.ndarray:
    """Weight for a step that stands for `steps` buckets (gaps in the data decay state more)."""
    return 1.0 - (1.0 - alpha) ** steps


def seasonal_phase(ts: np.ndarray, period_s: float, n_slots: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two neighbouring slots and the weight of the second, for linear interpolation.

    Slot centres sit at (i + 0.5) * period / n_slots, so a profile of 24 hourly slots is a
    smooth piecewise-linear curve over the day instead of a step at every full hour.
    """
    pos = np.mod(ts, period_s) / (period_s / n_slots) - 0.5
    base = np.floor(pos)
    w1 = pos - base
    i0 = np.mod(base, n_slots).astype(np.int64)
    i1 = np.mod(i0 + 1, n_slots)
    return i0, i1, w1


def exp_tail_level(u: float, beta: np.ndarray, rate_per_day: np.ndarray, return_days: float) -> np.ndarray:
    """Level exceeded by one cluster in `return_days` days under an exponential tail.

    Cluster maxima above u arrive `rate_per_day` times a day and exceed u by an
    exponential amount with mean beta, so P(max > u + t) = exp(-t / beta) and the level
    reached once in T days is u + beta * ln(rate * T) (never below u).
    """
    return u + beta * np.log(np.maximum(rate_per_day * return_days, 1.0))


def winsor_bias(cap: float) -> float:
    """E[min(X, cap * beta)] / beta for X ~ Exponential(mean beta): undoes winsorising."""
    return 1.0 - math.exp(-cap)
