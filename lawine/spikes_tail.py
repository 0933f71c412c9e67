"""The per-series tail model of surprises: declustered peaks over a threshold, exponential tail."""
from __future__ import annotations

from typing import Any

import numpy as np

from lawine.spikes_model import exp_tail_level

# State arrays of one tail model: name -> (dtype, initial value). A bank keeps one set per
# surprise scale, each under its own prefix (TailView maps the names).
TAIL_STATE = {
    "tail_rate": (np.float64, 0.0),    # clusters of surprise above tail_u per bucket
    "tail_beta": (np.float64, np.nan), # mean excess of a cluster's maximum over tail_u
    "tail_n": (np.int64, 0),           # clusters seen
    "cl_on": (np.bool_, False),        # a cluster is open
    "cl_max": (np.float64, 0.0),       # its largest surprise so far
    "cl_gap": (np.int64, 0),           # buckets since its last exceedance
}


class TailView:
    """The bank's state as one scale's tail model sees it: tail names get the scale's
    prefix, shared names (n_obs) do not."""

    def __init__(self, state: dict[str, np.ndarray], prefix: str) -> None:
        self.state, self.prefix = state, prefix

    def _key(self, name: str) -> str:
        return self.prefix + name if name in TAIL_STATE else name

    def __getitem__(self, name: str) -> np.ndarray:
        return self.state[self._key(name)]

    def __setitem__(self, name: str, value: np.ndarray) -> None:
        self.state[self._key(name)] = value


def tail_bar(st: TailView, cfg: Any, rt: Any, return_days: np.ndarray) -> np.ndarray:
    """The surprise this tail reaches once in `return_days` days, never below z_floor."""
    level = exp_tail_level(cfg.tail_u, st["tail_beta"], st["tail_rate"] * rt.buckets_per_day, return_days)
    return np.fmax(cfg.z_floor, level)


def learn_tail(st: TailView, m: np.ndarray, z: np.ndarray, cfg: Any, rt: Any, prior_clusters: np.ndarray) -> None:
    """Peaks over threshold, declustered: exceedances of tail_u less than cluster_gap apart
    form one cluster, and only its maximum teaches the tail. Rate = clusters per bucket;
    scale = winsorised mean excess (bias-corrected, so a spike the series has never seen
    before moves it by a bounded amount), with a prior worth `prior_clusters` clusters.
    `cfg` is the SpikeConfig, `rt` the bank's per-bucket rates."""
    m = m & (st["n_obs"] >= rt.tail_from)  # surprises of a baseline still forming teach nothing
    exc = m & (z > cfg.tail_u)
    on = st["cl_on"]
    st["cl_max"] = np.where(exc, np.where(on, np.fmax(st["cl_max"], z), z), st["cl_max"])
    gap = np.where(exc, 0, np.where(m & on, st["cl_gap"] + 1, st["cl_gap"]))
    closed = m & on & ~exc & (gap >= rt.cluster_gap)
    st["cl_gap"] = gap
    st["cl_on"] = (on | exc) & ~closed
    n_cl = st["tail_n"] + closed
    a_beta = np.maximum(rt.a_tail_beta, 1.0 / (n_cl + prior_clusters))
    beta = st["tail_beta"]
    excess = np.minimum(st["cl_max"] - cfg.tail_u, cfg.tail_cap * beta) / rt.tail_bias
    st["tail_beta"] = np.where(closed, beta + a_beta * (excess - beta), beta)
    st["tail_n"] = n_cl
    # A running mean that starts from the prior rate: a day or two without a cluster must not
    # read as "never", which would drop the bar to its floor just as alerts begin.
    seen = st["n_obs"] - rt.tail_from + 1.0 + rt.tail_rate_prior
    a_rate = np.maximum(rt.a_tail_rate, 1.0 / np.maximum(seen, 1.0))
    st["tail_rate"] = np.where(m, st["tail_rate"] + a_rate * (closed - st["tail_rate"]), st["tail_rate"])
