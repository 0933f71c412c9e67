"""`lawine serve`: collect → analyse → detect → alerts (+ weekly snapshot mail) in one loop, for hosts without cron."""
from __future__ import annotations

import argparse
import importlib
import inspect
import logging
import os
import threading
import time
from datetime import datetime, timezone
from typing import Callable, Optional, Sequence

from sqlalchemy import Engine, select

from lawine import store
from lawine.cli.alerts import parse_every, stop_event
from lawine.config import Settings, load_settings

log = logging.getLogger(__name__)
STEPS = ("collect", "analyse", "detect", "alerts", "snapshot")
ANALYSE_BATCH = 5000
DETECT_DAYS = 30  # as `lawine detect`; older history only feeds the baselines
_noted: set[str] = set()


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run collect → analyse → detect → alerts on a schedule (no cron needed)",
                       description="A long-running loop; stop it with Ctrl-C or SIGTERM. One failing step "
                                   "is logged and the loop goes on.")
    p.add_argument("--every", type=parse_every, metavar="DURATION",
                   help="time between rounds (default: collect_every_minutes from lawine.toml)")
    p.add_argument("--database", help="database URL (default: from lawine.toml / LAWINE_DATABASE_URL)")
    p.add_argument("--skip", action="append", choices=STEPS, default=[], help="leave out a step (repeatable)")
    p.add_argument("--once", action="store_true", help="run one round and exit")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.config, args.database)
    every = args.every or settings.collect_every_minutes * 60
    engine = store.open_store(settings.database_url)
    steps = [s for s in STEPS if s not in args.skip]
    log.info("serve: steps %s every %d s on %s", ", ".join(steps), every, _safe_url(settings.database_url))
    try:
        serve(engine, settings, every, stop_event(), steps=steps, rounds=1 if args.once else None)
    finally:
        engine.dispose()
    return 0


def serve(engine: Engine, settings: Settings, every_s: float, stop: threading.Event,
          steps: Sequence[str] = STEPS, rounds: Optional[int] = None,
          now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> dict[str, str]:
    """Run the steps in order every every_s seconds until stop is set (or `rounds` are done).
    Returns each step's last outcome ('ok', 'skipped: …' or 'failed: …')."""
    outcome: dict[str, str] = {}
    done = 0
    while not stop.is_set() and (rounds is None or done < rounds):
        started = time.monotonic()
        for name in steps:
            if stop.is_set():
                break
            outcome[name] = run_step(name, engine, settings, now())
        done += 1
        if rounds is not None and done >= rounds:
            break
        stop.wait(max(0.0, every_s - (time.monotonic() - started)))
    log.info("serve: stopped")
    return outcome


def run_step(name: str, engine: Engine, settings: Settings, now: datetime) -> str:
    """One step; any exception is logged and reported, never raised."""
    try:
        result = _STEP_FUNCTIONS[name](engine, settings, now)
    except Exception as exc:  # noqa: BLE001 - the loop must survive a broken step
        log.exception("serve: step %s failed", name)
        return f"failed: {type(exc).__name__}"
    return result or "ok"


def _note_once(key: str, text: str) -> str:
    if key not in _noted:
        _noted.add(key)
        log.info("serve: %s", text)
    return f"skipped: {text}"


def _import(module: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None  # the piece is not installed/written yet; anything else is a real error
        raise


def _collect(engine: Engine, settings: Settings, now: datetime) -> Optional[str]:
    runner = _import("collectors.runner")
    if runner is None:
        return _note_once("collect", "collectors are not available; not collecting")
    # The Sources page reads the schedule from meta; serve is the scheduler here.
    from lawine.store import set_meta
    from collectors.catalog import SCHEDULE_META

    every_s = settings.collect_every_minutes * 60.0
    set_meta(engine, SCHEDULE_META, {"every_s": every_s, "next_ts": int(now.timestamp()), "running": True})
    for summary in runner.run_all(engine, settings):
        log.info("collect: %s", summary.line())
    set_meta(engine, SCHEDULE_META, {"every_s": every_s, "next_ts": int(now.timestamp() + every_s),
                                     "running": False, "pid": os.getpid()})
    return None


def _analyse(engine: Engine, settings: Settings, now: datetime) -> Optional[str]:
    """Analyse mentions that were stored without analysis (e.g. when it failed during collection)."""
    from lawine.analysis import enrich
    from lawine.store.schema import mentions as M

    query = select(M).where(M.c.sentiment_label.is_(None), M.c.is_own.is_(False))
    for batch in store.iter_mentions(engine, query, batch_size=ANALYSE_BATCH):
        store.update_analysis(engine, enrich(batch, settings.departments or None))
        break  # one batch per round keeps a backlog from delaying alerts
    return None


def _detect(engine: Engine, settings: Settings, now: datetime) -> Optional[str]:
    module = _import("lawine.detect")
    fn = getattr(module, "run_detection", None) if module is not None else None
    if fn is None:
        return _note_once("detect", "lawine.detect.run_detection is not available; no spike/avalanche detection")
    offered = {"now": now, "settings": settings, "days": DETECT_DAYS}
    accepted = inspect.signature(fn).parameters
    found = fn(engine, **{k: v for k, v in offered.items() if k in accepted})
    log.info("detect: %s", found)
    return None


def _alerts(engine: Engine, settings: Settings, now: datetime) -> Optional[str]:
    from lawine.alerts import run_once

    log.info(run_once(engine, settings, now).line())
    return None


def _snapshot(engine: Engine, settings: Settings, now: datetime) -> Optional[str]:
    from lawine.alerts.snapshot_mail import send_snapshot_email, snapshot_due

    week = snapshot_due(engine, settings, now)
    if week is None:
        return None
    if _import("lawine.snapshot") is None:
        return _note_once("snapshot", "lawine.snapshot is not available yet; no weekly snapshot mail")
    error = send_snapshot_email(settings, week, settings.alerts.snapshot_channel, engine=engine, now=now,
                                lang=settings.alerts.snapshot_lang)
    return f"failed: {error}" if error else None


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


_STEP_FUNCTIONS: dict[str, Callable[[Engine, Settings, datetime], Optional[str]]] = {
    "collect": _collect, "analyse": _analyse, "detect": _detect, "alerts": _alerts, "snapshot": _snapshot,
}
