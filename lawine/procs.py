"""Worker processes for bulk work: started on demand (never at import), gone with their owner."""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Optional, Sequence


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _die_with_parent() -> None:
    # Ctrl-C reaches the whole process group; the parent handles it and stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:  # a parent killed outright (SIGKILL, OOM) takes its workers with it: no orphans
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _init(initializer: Optional[Callable[..., None]], initargs: Sequence[Any]) -> None:
    _die_with_parent()
    if initializer is not None:
        initializer(*initargs)


def start_method() -> str:
    """fork where it is safe (a single-threaded process: CLI, benchmarks), else a clean forkserver
    (Streamlit, tqdm's monitor or any other thread could hold a lock the child would inherit)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def start_pool(workers: int, preload: str, initializer: Optional[Callable[..., None]] = None,
               initargs: Sequence[Any] = ()) -> tuple[ProcessPoolExecutor, str]:
    """A process pool whose workers ignore Ctrl-C and die with their parent; `preload` is the module
    a forkserver imports once so each worker forks from it ready to go. Returns (pool, start method)."""
    method = start_method()
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload([preload])
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(initializer, tuple(initargs)))
    return pool, method


def worker_pids(pool: Optional[ProcessPoolExecutor]) -> list[int]:
    procs = getattr(pool, "_processes", None) or {}
    return [p.pid for p in list(procs.values()) if p.pid]


def stop_pool(pool: Optional[ProcessPoolExecutor], terminate: bool = False) -> None:
    """Wait for queued work and stop, or (terminate=True) kill the workers now."""
    if pool is None:
        return
    if not terminate:
        pool.shutdown(wait=True)
        return
    # ProcessPoolExecutor cannot kill its workers itself before Python 3.14.
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)
        if p.is_alive():
            p.kill()
            p.join()
