"""Parallel bulk analysis: the same result as serial enrich(), and no worker outlives its pool."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from lawine.analysis import clear_caches, enrich
from lawine.analysis.parallel import WORKERS_ENV, AnalysisPool, default_workers, enrich_ahead
from lawine.demo import templates as T
from lawine.model import Mention
from tests.conftest import run_beside_another_thread

ROOT = Path(__file__).resolve().parents[3]
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
RULES = {"billing": [r"\bcharged\b", r"\brefund", r"\brechnung"], "network": [r"\bnetz", r"\bsignal\b"]}


def _fill(text: str, brand: str, n: int) -> str:
    values = {k: v[n % len(v)] for k, v in T.SLOTS.items()}
    return text.format(brand=brand, handle="@" + brand.replace(" ", ""), **values)


def mixed_batch(n_threads: int = 60) -> list[Mention]:
    """English and German threads: our marketing posts with customer comments (some parents outside
    the batch), customer posts naming the brand or not, our replies, other customers piling on."""
    out: list[Mention] = []
    customer = list(T.CUSTOMER)
    for i in range(n_threads):
        brand = ("Kestrel Air", "Nordlicht Mobile")[i % 2]
        post = customer[i % len(customer)]
        pid = f"facebook:p{i}"
        page = f"{brand} (Facebook page)"
        out.append(Mention(id=pid, source="facebook", channel=page, author_id="brand", is_own=True, brand=brand,
                           text=T.MARKETING_POST[i % len(T.MARKETING_POST)].text, created_at=T0))
        for j, tpl in enumerate(customer[(i * 3) % len(customer):][:4]):
            # every third comment answers a post that is not in this batch, on our own page
            parent = pid if j % 3 else f"facebook:old{i}"
            out.append(Mention(id=f"facebook:c{i}-{j}", source="facebook", channel=page, kind="comment",
                               parent_id=parent, author_id=f"u{j}", brand=brand, on_marketing_post=j % 3 != 0,
                               text=_fill(tpl.text, brand, i + j), created_at=T0 + timedelta(minutes=j + 1)))
        root = f"x:q{i}"
        # half the customer posts name the brand, half only talk about the topic
        text = _fill(post.text, brand, i) if i % 4 < 2 else _fill(post.text, "the company", i)
        out.append(Mention(id=root, source="x", channel="X search", author_id=f"c{i}", brand=brand, text=text,
                           created_at=T0 + timedelta(minutes=i)))
        own = T.OWN_REPLY[i % len(T.OWN_REPLY)]
        out.append(Mention(id=f"x:r{i}", source="x", channel="X search", kind="reply", parent_id=root,
                           author_id="brand", is_own=True, brand=brand, text=own.text,
                           created_at=T0 + timedelta(minutes=i + 30)))
        follow = (T.AGREE + T.FOLLOW_UP + T.COMMUNITY_ANSWER)[i % 12]
        out.append(Mention(id=f"x:f{i}", source="x", channel="X search", kind="reply", parent_id=f"x:r{i}",
                           author_id=f"c{i}", brand=brand, text=follow.text,
                           created_at=T0 + timedelta(minutes=i + 40)))
    return out


@pytest.fixture(scope="module")
def batch() -> list[Mention]:
    return mixed_batch()


def test_the_batch_exercises_context_and_both_languages(batch) -> None:
    serial = enrich(batch)
    assert {m.lang for m in serial} >= {"en", "de"}
    replying = [m.needs_reply for m in serial if m.intent in ("question", "complaint") and not m.is_own]
    assert True in replying and False in replying  # the batch context decides, not the text alone
    assert len({m.text for m in batch}) < len(batch)  # repeated texts are analysed once


@pytest.mark.parametrize("rules", [None, RULES])
def test_parallel_enrich_equals_serial(batch, rules) -> None:
    clear_caches()
    serial = enrich(batch, rules)
    clear_caches()
    with AnalysisPool(workers=2, min_parallel=0) as pool:
        parallel = pool.enrich(batch, rules)
        assert pool.started
    assert parallel == serial
    if rules:
        assert {m.department for m in parallel} & {"billing", "network"}


def test_parallel_equals_serial_from_a_thread_of_a_threaded_process(batch) -> None:
    """As under Streamlit: a script thread beside others; the pool then starts from a clean server."""

    def work() -> list[Mention]:
        with AnalysisPool(workers=2, min_parallel=0) as pool:
            return pool.enrich(batch)

    assert run_beside_another_thread(work) == enrich(batch)


def test_small_batches_and_single_worker_stay_in_this_process(batch) -> None:
    with AnalysisPool(workers=2) as pool:
        assert pool.enrich(batch[:50]) == enrich(batch[:50])
        assert not pool.started
    with AnalysisPool(workers=1, min_parallel=0) as pool:
        assert pool.enrich(batch) == enrich(batch)
        assert not pool.started


def _gone(pids: list[int], within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                os.kill(pid, 0)
                alive.append(pid)
            except ProcessLookupError:
                pass
        if not alive:
            return True
        time.sleep(0.1)
    return False


def test_an_exception_inside_the_pool_terminates_the_workers(batch) -> None:
    pids: list[int] = []
    with pytest.raises(RuntimeError):
        with AnalysisPool(workers=2, min_parallel=0) as pool:
            pool.submit(batch)
            pids = pool.pids()
            raise RuntimeError("storage failed")
    assert len(pids) == 2
    assert _gone(pids)


def test_a_dead_worker_falls_back_to_serial(batch) -> None:
    with AnalysisPool(workers=2, min_parallel=0) as pool:
        pool.enrich(batch)
        os.kill(pool.pids()[0], signal.SIGKILL)
        time.sleep(0.5)
        assert pool.enrich(batch) == enrich(batch)
        assert not pool.started  # the broken pool was dropped; later batches run here


def test_enrich_ahead_keeps_order_and_flushes_before_a_source_error(batch) -> None:
    def batches():
        yield "a", batch[:100]
        yield "b", batch[100:200]
        raise ConnectionError("source went away")

    seen = []
    with AnalysisPool(workers=2, min_parallel=0) as pool:
        with pytest.raises(ConnectionError):
            for tag, pending in enrich_ahead(pool, batches()):
                seen.append((tag, pending.result()))
    assert [t for t, _ in seen] == ["a", "b"]
    assert seen[0][1] == enrich(batch[:100]) and seen[1][1] == enrich(batch[100:200])


def test_default_workers_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(WORKERS_ENV, "3")
    assert default_workers() == 3
    monkeypatch.setenv(WORKERS_ENV, "many")
    with pytest.raises(ValueError, match=WORKERS_ENV):
        default_workers()
    monkeypatch.delenv(WORKERS_ENV)
    assert default_workers() >= 1


_CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {tests!r})
    from test_parallel import mixed_batch
    from lawine.analysis.parallel import AnalysisPool
    batch = mixed_batch()
    with AnalysisPool(workers=2, min_parallel=0) as pool:
        pool.enrich(batch)
        print(*pool.pids(), flush=True)
        while True:
            pool.enrich(batch)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and PR_SET_PDEATHSIG")
@pytest.mark.parametrize("how", ["ctrl-c", "kill -9"])
def test_no_orphan_workers_when_the_parent_is_interrupted_or_killed(how) -> None:
    code = _CHILD.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert len(pids) == 2, proc.stderr.read()
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends: parent and workers alike
            _, err = proc.communicate(timeout=30)
            assert "KeyboardInterrupt" in err
        else:
            proc.kill()
            proc.wait(timeout=30)
        assert _gone(pids)
    finally:
        if proc.poll() is None:
            proc.kill()
