"""The spike detector's settings (SpikeConfig) and the per-bucket constants derived from them."""
from __future__ import annotations

import math
from dataclasses import dataclass

from lawine.spikes_model import ew_alpha, winsor_bias

DAY = 86400.0
WEEK = 7 * DAY


@dataclass(frozen=True)
class SpikeConfig:
    """One default for every series; durations are in seconds so any bucket size works.

    `return_days`, `cusum_ratio` and `tail_prior_clusters` were chosen on labelled data
    (NAB realTweets and thinned / later-starting copies of it, by the rule in
    benchmarks/nab_bench.py, which re-chooses them inside every leave-one-file-out fold);
    the rest are modelling constants (benchmarks/RESULTS.md).
    Those three may also be arrays with one value per series of a SpikeBank, so a whole
    grid of settings runs as one bank.
    """

    level_half_life_s: float = 12 * 3600     # how fast the baseline follows trends
    season_half_life_periods: float = 3.0    # daily (or weekly) profile memory, in periods
    weekly_half_life_periods: float = 1.0    # day-of-week offsets on top of the daily profile (0 = off)
    scale_half_life_s: float = DAY           # memory of the burstiness estimate
    clip_z: float = 2.5                      # residuals beyond this are winsorised before learning
    return_days: float = 100.0               # the bar: a normal surprise this large comes once in this many days
    cusum_ratio: float = 6.2                 # a run alerts when its accumulated surprise reaches this many bars
    cusum_k: float = 1.0                     # CUSUM allowance: sustained z above this accumulates
    z_floor: float = 5.0                     # the bar never drops below this one-bucket surprise
    min_excess: float = 3.0                  # an alert needs at least this many mentions above baseline
    tail_u: float = 3.0                      # surprises above this form the clusters the tail is learned from
    tail_cap: float = 2.5                    # cluster excesses are winsorised at this many tail scales
    tail_half_life_s: float = 14 * DAY       # memory of the cluster rate
    tail_half_life_clusters: float = 30.0    # memory of the tail scale, in clusters
    tail_beta_init: float = 1.0              # tail scale before any cluster was seen ...
    tail_prior_clusters: float = 10.0        # ... worth this many clusters
    tail_rate_init: float = 0.0035           # clusters per bucket before any was seen (one a day at
                                             # 5 minutes; NAB's five series learn 1.2-2.4) ...
    tail_rate_prior_days: float = 2.0        # ... worth this many days
    tail_after_s: float = DAY                # the tail learns once the daily profile has been seen once
    cluster_gap_s: float = 3600.0            # exceedances closer than this belong to one cluster
    quiet_z: float = 2.5                     # an episode ends after quiet_s of z below this ...
    quiet_s: float = 3600.0
    max_episode_s: float = DAY               # ... or after this long: then the new level is accepted
    warmup_s: float = 2 * DAY                # no alerts before the daily profile has been seen twice
    s2_init: float = 0.1                     # initial log-variance of burstiness
    s2_floor: float = 0.005
    sustain_half_life_s: float = 3600.0      # second scale: sustained surprise over about this long (0 = off)
    sustain_clip_z: float = 3.0              # one bucket adds at most this surprise to it


def _steps(seconds: float, bucket: float, minimum: float) -> float:
    return max(seconds / bucket, minimum)


@dataclass(frozen=True)
class SeasonalProfile:
    """A periodic additive profile in log space: `n_slots` interpolated slots over `period_s`."""

    name: str
    period_s: float
    n_slots: int
    alpha: float        # per-update weight of a slot
    warm_start: bool    # learn a slot's first visits as a plain mean (only the primary profile)


@dataclass(frozen=True)
class BucketRates:
    """Per-bucket constants derived once from the config and the bucket size."""

    profiles: tuple
    a_level: float
    a_scale: float
    a_episode: float
    a_tail_rate: float
    a_tail_beta: float
    warmup: int
    tail_from: int
    tail_rate_prior: float   # buckets the rate's prior is worth
    quiet: int
    max_episode: int
    cluster_gap: int
    buckets_per_day: float
    tail_bias: float
    a_sustain: float      # 0 when the sustained scale is off
    sustain_norm: float   # standard deviation of an EW mean of independent unit surprises

    @classmethod
    def make(cls, cfg: SpikeConfig, bucket: float) -> "BucketRates":
        # At least two buckets, so the sustained scale stays longer than one bucket (hourly data).
        a_sus = ew_alpha(_steps(cfg.sustain_half_life_s, bucket, 2)) if cfg.sustain_half_life_s > 0 else 0.0
        return cls(
            profiles=_profiles_for(cfg, bucket),
            a_level=ew_alpha(_steps(cfg.level_half_life_s, bucket, 4)),
            a_scale=ew_alpha(_steps(cfg.scale_half_life_s, bucket, 96)),  # ~100 buckets for a stable variance
            a_episode=ew_alpha(_steps(3600.0, bucket, 1)),
            a_tail_rate=ew_alpha(_steps(cfg.tail_half_life_s, bucket, 96)),
            a_tail_beta=ew_alpha(cfg.tail_half_life_clusters),
            warmup=int(math.ceil(_steps(cfg.warmup_s, bucket, 24))),
            tail_from=int(math.ceil(_steps(cfg.tail_after_s, bucket, 0))),
            tail_rate_prior=cfg.tail_rate_prior_days * DAY / bucket,
            quiet=int(math.ceil(_steps(cfg.quiet_s, bucket, 2))),
            max_episode=int(math.ceil(_steps(cfg.max_episode_s, bucket, 3))),
            cluster_gap=int(math.ceil(_steps(cfg.cluster_gap_s, bucket, 1))),
            buckets_per_day=DAY / bucket,
            tail_bias=winsor_bias(cfg.tail_cap),
            a_sustain=a_sus,
            sustain_norm=math.sqrt(a_sus / (2.0 - a_sus)) if a_sus else 1.0,
        )


def _profiles_for(cfg: SpikeConfig, bucket: float) -> tuple:
    """Daily profile (up to 24 slots) plus day-of-week offsets for sub-daily buckets; a
    weekly profile for daily buckets; none for coarser buckets."""
    out = []
    if bucket < DAY:
        slots = int(min(24, round(DAY / bucket)))
        if slots > 1:
            per_slot = DAY / (slots * bucket)  # updates a slot receives per period
            out.append(SeasonalProfile("day", DAY, slots, ew_alpha(cfg.season_half_life_periods * per_slot), True))
        if cfg.weekly_half_life_periods > 0:
            per_slot = DAY / bucket
            out.append(SeasonalProfile("week", WEEK, 7, ew_alpha(cfg.weekly_half_life_periods * per_slot), not out))
    elif bucket < WEEK:
        slots = int(round(WEEK / bucket))
        if slots > 1:
            per_slot = WEEK / (slots * bucket)
            out.append(SeasonalProfile("week", WEEK, slots, ew_alpha(cfg.season_half_life_periods * per_slot), True))
    return tuple(out)
