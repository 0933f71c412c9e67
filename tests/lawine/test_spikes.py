"""Online spike detector: causality, episodes, robustness of the baseline, persistence, vector form."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lawine.spikes import SpikeBank, SpikeConfig, SpikeDetector, config_for, detect_series, infer_bucket_seconds

ROOT = Path(__file__).resolve().parents[2]
NAB = ROOT.parent / "shared" / "data" / "nab-realtweets" / "Twitter_volume_AAPL.csv"
T0 = 1_700_006_400.0  # a Wednesday, 00:00 UTC
HOUR, FIVE_MIN = 3600.0, 300.0


def rhythm_rate(ts: np.ndarray, peak: float, night: float = 0.3, weekend: float = 0.6) -> np.ndarray:
    """Mentions expected per bucket: quiet nights, a daytime hump, quieter weekends."""
    hour = (ts % 86400) / 3600
    day = np.clip(np.sin(np.pi * (hour - 7) / 15), 0, None) ** 1.5
    weekday = ((ts // 86400) + 3) % 7  # 1970-01-01 was a Thursday
    return (night + peak * day) * np.where(weekday >= 5, weekend, 1.0)


def poisson_series(days: int, bucket: float, peak: float, seed: int, bursts=()):
    """Poisson counts around the rhythm; bursts = [(index, extra mentions per bucket, buckets)]."""
    ts = T0 + bucket * np.arange(int(days * 86400 / bucket))
    lam = rhythm_rate(ts, peak)
    for start, extra, length in bursts:
        lam[start:start + length] += extra
    return ts, np.random.default_rng(seed).poisson(lam).astype(float)


def run_detector(ts, values, bucket=None):
    det = SpikeDetector(bucket_seconds=bucket)
    return [det.update(t, v) for t, v in zip(ts, values)]


# -- causality -------------------------------------------------------------------------------
@pytest.mark.parametrize("k", [30, 200, 517, 901])
def test_prefix_gets_the_same_decisions_synthetic(k):
    ts, values = poisson_series(40, HOUR, peak=12, seed=3, bursts=[(24 * 20 + 13, 60, 3)])
    alerts, scores = detect_series(ts, values)
    head_alerts, head_scores = detect_series(ts[:k], values[:k])
    np.testing.assert_array_equal(head_alerts, alerts[:k])
    np.testing.assert_array_equal(head_scores, scores[:k])
    assert alerts.any()  # the burst is there, so the comparison covers an alert


def test_future_rows_never_change_past_decisions():
    ts, values = poisson_series(30, HOUR, peak=12, seed=5)
    alerts, scores = detect_series(ts, values)
    changed = values.copy()
    changed[400:] = changed[400:] * 50 + 7  # a wild future
    alerts2, scores2 = detect_series(ts, changed)
    np.testing.assert_array_equal(alerts2[:400], alerts[:400])
    np.testing.assert_array_equal(scores2[:400], scores[:400])


@pytest.mark.skipif(not NAB.exists(), reason="NAB realTweets data not present beside the project")
def test_prefix_gets_the_same_decisions_on_a_nab_file():
    with NAB.open() as f:
        rows = list(csv.DictReader(f))[:3200]
    ts = [r["timestamp"] for r in rows]
    values = [float(r["value"]) for r in rows]
    alerts, scores = detect_series(ts, values)
    assert alerts[1200:1700].any()  # the labelled 2015-03-03 spike lies in this prefix
    for k in (700, 1500):
        head_alerts, head_scores = detect_series(ts[:k], values[:k])
        np.testing.assert_array_equal(head_alerts, alerts[:k])
        np.testing.assert_array_equal(head_scores, scores[:k])


# -- episodes and a baseline that spikes cannot inflate ----------------------------------------
def test_one_alert_per_episode():
    start, length = 288 * 4 + 150, 36  # three hours of five times the usual volume
    ts, values = poisson_series(6, FIVE_MIN, peak=30, seed=1)
    values[start:start + length] *= 5
    decisions = run_detector(ts, values, FIVE_MIN)
    alerts = [i for i, d in enumerate(decisions) if d.alert]
    assert len([i for i in alerts if start <= i < start + length]) == 1
    assert [i for i in alerts if not start <= i < start + length] == []
    assert all(d.in_episode for d in decisions[alerts[0]:start + length - 2])


def test_second_identical_spike_right_after_the_first_is_detected():
    ts, values = poisson_series(8, FIVE_MIN, peak=30, seed=2)
    first, second = 288 * 5 + 130, 288 * 5 + 130 + 36  # one hour each, two hours apart
    for s in (first, second):
        values[s:s + 12] += 150
    decisions = run_detector(ts, values, FIVE_MIN)
    alerts = [i for i, d in enumerate(decisions) if d.alert]
    assert any(first <= i < first + 12 for i in alerts)
    assert any(second <= i < second + 12 for i in alerts)
    # The baseline a day later is the baseline a day earlier: the spikes did not leak into it.
    before, after = decisions[first - 288].expected, decisions[first + 288].expected
    assert after == pytest.approx(before, rel=0.25)


def test_a_long_level_shift_becomes_the_new_normal():
    ts, values = poisson_series(10, HOUR, peak=10, seed=4)
    values[24 * 5:] = values[24 * 5:] * 4 + 20  # a permanent jump
    alerts, _ = detect_series(ts, values)
    assert alerts[24 * 5:24 * 5 + 3].any()
    assert not alerts[24 * 7:].any()  # one episode, then the new level is accepted


# -- rhythm, trend and low counts are not spikes ------------------------------------------------
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_daily_and_weekly_rhythm_is_not_flagged(seed):
    ts, values = poisson_series(21, FIVE_MIN, peak=40, seed=seed)  # x100 day/night, -40 % weekends
    alerts, _ = detect_series(ts, values)
    assert alerts.sum() == 0


def test_slow_trend_is_not_flagged():
    ts, values = poisson_series(28, HOUR, peak=8, seed=7)
    growth = np.linspace(1.0, 3.0, len(values))  # volume triples over four weeks
    values = np.random.default_rng(8).poisson(rhythm_rate(ts, 8) * growth).astype(float)
    alerts, _ = detect_series(ts, values)
    assert alerts.sum() == 0


@pytest.mark.parametrize("seed", range(6))
def test_low_count_hourly_series_alerts_at_the_spike_only(seed):
    spike_at = 24 * 25 + 14  # 14:00 on day 25, where about 10 mentions an hour are normal
    ts, values = poisson_series(35, HOUR, peak=10, seed=seed, bursts=[(spike_at, 40, 2)])
    assert values.max() <= 80 and np.median(values[values > 0]) < 10
    alerts, _ = detect_series(ts, values)
    hits = np.flatnonzero(alerts)
    assert any(spike_at <= i <= spike_at + 1 for i in hits)
    assert len([i for i in hits if not spike_at <= i <= spike_at + 1]) <= 1


@pytest.mark.parametrize("seed", range(4))
def test_a_sustained_surge_in_a_sparse_series_is_found(seed):
    start = 288 * 12 + 132  # 11:00 on day 12, where about one mention per five minutes is normal
    ts, values = poisson_series(16, FIVE_MIN, peak=1.0, seed=seed, bursts=[(start, 3.0, 24)])  # 4x for 2 h
    alerts, _ = detect_series(ts, values)
    hits = np.flatnonzero(alerts)
    assert any(start <= i < start + 24 for i in hits)
    assert len([i for i in hits if not start <= i < start + 36]) <= 1
    # No single bucket and no CUSUM run reaches its bar here: the sustained scale finds it.
    without, _ = detect_series(ts, values, config=SpikeConfig(sustain_half_life_s=0))
    assert not without[start:start + 36].any()


def test_sensitivity_names_map_to_the_bar_and_unknown_names_are_refused():
    assert config_for("normal") == SpikeConfig()
    assert config_for("low").return_days > SpikeConfig().return_days > config_for("high").return_days
    with pytest.raises(ValueError, match="unknown spike sensitivity 'extreme'"):
        config_for("extreme")


def test_every_configurable_sensitivity_has_a_bar():
    from lawine.config import SENSITIVITY_NAMES
    from lawine.spikes import SENSITIVITY

    assert tuple(SENSITIVITY) == SENSITIVITY_NAMES


def test_sparse_series_ignores_single_mentions():
    ts, values = poisson_series(30, HOUR, peak=0.4, seed=9)  # mostly 0, sometimes 1 or 2
    alerts, _ = detect_series(ts, values)
    assert alerts.sum() == 0


# -- the per-series bar --------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(3))
def test_a_burst_that_is_routine_for_one_series_alerts_only_in_a_calm_one(seed):
    ts, calm = poisson_series(21, FIVE_MIN, peak=40, seed=30 + seed)
    _, spiky = poisson_series(21, FIVE_MIN, peak=40, seed=40 + seed)
    routine = np.flatnonzero(np.random.default_rng(50 + seed).random(len(spiky)) < 2 / 288)
    spiky[routine] = spiky[routine] * 4 + 10  # about twice a day, a one-bucket burst
    test_at = 288 * 15 + 150
    calm[test_at] = calm[test_at] * 4 + 10  # the same burst, once, in the calm series
    bank = SpikeBank(2, FIVE_MIN)
    for t, a, b in zip(ts, calm, spiky):
        bank.step(t, [a, b])
    bar = bank.bar()
    assert bar[1] > 2 * bar[0]  # the spiky series learned that such surprises are normal
    calm_alerts, _ = detect_series(ts, calm)
    spiky_alerts, _ = detect_series(ts, spiky)
    assert np.flatnonzero(calm_alerts).tolist() == [test_at]
    assert len(routine[routine > 288 * 7]) >= 20 and not spiky_alerts[288 * 7:].any()


def test_a_first_day_without_clusters_does_not_drop_the_bar_to_its_floor():
    """Alerts start after two days; the tail has seen one. A calm first day must not read as
    "surprises never happen here" (rate 0, bar at z_floor): the rate starts from its prior."""
    ts, values = poisson_series(2, FIVE_MIN, peak=40, seed=7)
    with_prior, without = SpikeBank(1, FIVE_MIN), SpikeBank(1, FIVE_MIN, SpikeConfig(tail_rate_prior_days=0))
    for t, v in zip(ts, values):
        with_prior.step(t, [v])
        without.step(t, [v])
    assert with_prior.state["tail_n"][0] == 0  # no cluster yet: only the prior speaks
    floor = with_prior.config.z_floor
    assert without.bar()[0] == floor
    assert with_prior.bar()[0] > floor + 2


# -- state, API, vector form ----------------------------------------------------------------------
def test_state_round_trip_resumes_identically():
    ts, values = poisson_series(12, FIVE_MIN, peak=25, seed=11, bursts=[(288 * 9 + 140, 200, 6)])
    whole = run_detector(ts, values, FIVE_MIN)
    det = SpikeDetector(bucket_seconds=FIVE_MIN)
    cut = 288 * 9 + 142  # inside the episode, so the episode state must survive too
    first = [det.update(t, v) for t, v in zip(ts[:cut], values[:cut])]
    restored = SpikeDetector.from_dict(json.loads(json.dumps(det.to_dict())))
    rest = [restored.update(t, v) for t, v in zip(ts[cut:], values[cut:])]
    assert first + rest == whole
    assert any(d.alert for d in whole)


def test_bank_round_trip():
    bank = SpikeBank(3, HOUR)
    rng = np.random.default_rng(0)
    for i in range(100):
        bank.step(T0 + i * HOUR, rng.poisson(5, 3))
    clone = SpikeBank.from_dict(json.loads(json.dumps(bank.to_dict())))
    for i in range(100, 160):
        x = rng.poisson(5, 3).astype(float)
        a, b = bank.step(T0 + i * HOUR, x), clone.step(T0 + i * HOUR, x)
        for u, v in zip(a, b):
            np.testing.assert_array_equal(u, v)


def test_peek_judges_part_of_a_bucket_and_changes_nothing():
    ts, values = poisson_series(21, HOUR, peak=30, seed=12)
    ts, values = ts[: 20 * 24 + 14], values[: 20 * 24 + 14]  # the last bucket: 13:00 on day 21
    bank, twin = SpikeBank(1, HOUR), SpikeBank(1, HOUR)
    for t, v in zip(ts[:-1], values[:-1]):
        bank.step(t, [v])
        twin.step(t, [v])
    expected_hour = bank.peek(ts[-1], [0.0], 1.0).expected[0]
    before = json.dumps(bank.to_dict())
    so_far = round(6 * expected_hour / 2)  # 30 minutes at six times the usual rate ...
    early = bank.peek(ts[-1], [so_far], 0.5)
    assert early.alert[0] and early.expected[0] == pytest.approx(expected_hour / 2)
    assert not bank.peek(ts[-1], [so_far], 1.0).alert[0]  # ... is only 3x a whole hour
    assert json.dumps(bank.to_dict()) == before
    for u, v in zip(bank.step(ts[-1], [values[-1]]), twin.step(ts[-1], [values[-1]])):
        np.testing.assert_array_equal(u, v)
    with pytest.raises(ValueError, match="exposure"):
        bank.peek(ts[-1], [1.0], 0.0)


def test_state_of_an_older_detector_is_refused_plainly():
    data = SpikeBank(1, FIVE_MIN).to_dict()
    data["version"] = 2  # saved before the sustained scale existed: its arrays are missing
    with pytest.raises(ValueError, match="unsupported spike state version 2"):
        SpikeBank.from_dict(data)


def test_bank_equals_scalar_detectors():
    n = 4
    series = []
    for j in range(n):
        ts, values = poisson_series(10, FIVE_MIN, peak=[2, 15, 60, 300][j], seed=20 + j,
                                    bursts=[(288 * (6 + j % 3) + 100, [20, 80, 300, 2000][j], 8)])
        series.append(values)
    values = np.stack(series, axis=1)
    values[500:530, 1] = np.nan  # series 1 reports nothing for a while
    bank = SpikeBank(n, FIVE_MIN)
    dets = [SpikeDetector(bucket_seconds=FIVE_MIN) for _ in range(n)]
    alerts = 0
    for i, t in enumerate(ts):
        step = bank.step(t, values[i])
        for j, det in enumerate(dets):
            if np.isnan(values[i, j]):
                continue
            d = det.update(t, values[i, j])
            assert (d.alert, d.in_episode) == (bool(step.alert[j]), bool(step.in_episode[j]))
            assert d.score == step.score[j] and d.expected == step.expected[j]
            alerts += d.alert
    assert alerts >= n


def test_per_series_settings_equal_separate_banks():
    ts, values = poisson_series(10, FIVE_MIN, peak=30, seed=14, bursts=[(288 * 7 + 100, 120, 6)])
    settings = [(20.0, 3.0, 1.0), (140.0, 5.5, 5.0), (800.0, 8.0, 10.0)]
    names = ("return_days", "cusum_ratio", "tail_prior_clusters")
    grid = SpikeBank(len(settings), FIVE_MIN, SpikeConfig(**{k: np.array(v) for k, v in zip(names, zip(*settings))}))
    alone = [SpikeBank(1, FIVE_MIN, SpikeConfig(**dict(zip(names, v)))) for v in settings]
    for t, x in zip(ts, values):
        step = grid.step(t, np.full(len(settings), x))
        for j, bank in enumerate(alone):
            one = bank.step(t, [x])
            assert (step.alert[j], step.score[j]) == (one.alert[0], one.score[0])
    assert not np.array_equal(grid.bar()[0], grid.bar()[2])  # the settings did differ
    with pytest.raises(ValueError):
        SpikeBank(2, FIVE_MIN, SpikeConfig(return_days=np.array([1.0, 2.0, 3.0])))


def test_missing_value_leaves_a_series_untouched():
    bank = SpikeBank(2, HOUR)
    for i in range(50):
        bank.step(T0 + i * HOUR, [3.0, 4.0])
    before = {k: v[1].copy() for k, v in bank.state.items()}
    step = bank.step(T0 + 50 * HOUR, [5.0, np.nan])
    assert np.isnan(step.score[1]) and not step.alert[1]
    for k, v in bank.state.items():
        np.testing.assert_array_equal(v[1], before[k])


def test_bucket_size_is_inferred():
    ts, values = poisson_series(5, FIVE_MIN, peak=10, seed=12)
    assert infer_bucket_seconds(ts) == FIVE_MIN
    np.testing.assert_array_equal(detect_series(ts, values)[1], detect_series(ts, values, FIVE_MIN)[1])
    streamed = run_detector(ts, values)  # no bucket given: learnt from the first two updates
    assert [d.score for d in streamed][1:] == list(detect_series(ts, values)[1][1:])


def test_timestamps_in_several_forms_agree():
    ts, values = poisson_series(3, HOUR, peak=10, seed=13)
    iso = [np.datetime64(int(t), "s").astype(str) for t in ts]
    dt64 = ts.astype("int64").astype("datetime64[s]")
    ref = detect_series(ts, values)[1]
    np.testing.assert_array_equal(detect_series(iso, values)[1], ref)
    np.testing.assert_array_equal(detect_series(dt64, values)[1], ref)


def test_one_config_object_for_everything():
    cfg = SpikeConfig()
    assert SpikeBank(1, HOUR).config == cfg == SpikeDetector(bucket_seconds=60).config
    with pytest.raises(ValueError):
        SpikeBank(1, 0)


def test_spikes_do_not_import_streamlit():
    code = "import sys, lawine.spikes, lawine.explain; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
