"""Runs sources: one failing source never stops the others; every page is stored before its cursor."""
from __future__ import annotations

import contextlib
import logging
import os
import time
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, Optional, Sequence

from sqlalchemy import Engine
from tqdm import tqdm

from collectors.base import Collector, Context, Page
from collectors.catalog import CONFIGURED, SCHEDULE_META, SPECS, state_of
from collectors.errors import SourceError, redact
from collectors.http import RetryPolicy
from lawine.config import Settings
from lawine.model import Mention
from lawine.store import quarantine, set_cursor, set_meta, upsert_mentions
from lawine.store.sources import close_abandoned_runs, is_quarantined
from lawine.store.writer import finish_run, start_run

if TYPE_CHECKING:
    from lawine.analysis.parallel import Pending

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    source: str
    status: str = "ok"
    fetched: int = 0
    inserted: int = 0
    updated: int = 0
    quarantined: int = 0
    filtered: int = 0
    seconds: float = 0.0
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status not in ("ok", "partial", "disabled", "missing credentials")

    def line(self) -> str:
        if self.status in ("disabled", "missing credentials"):
            return f"{self.source:<10} {self.status:<19} {self.message}"
        counts = (f"fetched {self.fetched:>5}  new {self.inserted:>5}  updated {self.updated:>5}  "
                  f"quarantined {self.quarantined:>3}  filtered {self.filtered:>4}")
        text = f"{self.source:<10} {self.status:<19} {counts}  {self.seconds:5.1f}s"
        return f"{text}  {self.message}" if self.message else text


def analyse(mentions: list[Mention], rules: Optional[Mapping] = None,
            pending: Optional["Pending"] = None) -> list[Mention]:
    """Run lawine.analysis.enrich when it is there (or collect the `pending` parallel result of it);
    without it mentions are stored unanalysed (`lawine reanalyse` can fill the fields later), so
    analysis trouble never loses data."""
    try:
        from lawine.analysis import enrich
    except ImportError as exc:
        log.debug("analysis not available (%s); storing without it", exc)
        return mentions
    try:
        # The team's department rules from lawine.toml, when it has any, override the built-in ones.
        if pending is not None:
            result = pending.result()
        else:
            result = enrich(mentions, rules) if rules else enrich(mentions)
    except Exception:  # noqa: BLE001 - keep the collected data even when analysis breaks
        log.warning("analysis failed for %d mentions; stored without analysis", len(mentions), exc_info=True)
        return mentions
    return mentions if result is None else list(result)


def unique_mentions(page: Page) -> list[Mention]:
    return list({m.id: m for m in page.mentions}.values())


def analysed_pages(collector: Collector, ctx: Context, pool) -> Iterator[tuple[Page, list[Mention]]]:
    """Each page with its analysed unique mentions, in order. With a worker pool, large pages are
    analysed across CPU cores, and a bulk source's next page already while this one is stored."""
    rules = ctx.settings.departments or None
    if pool is None:
        for page in collector.pages():
            yield page, analyse(unique_mentions(page), rules)
        return
    from lawine.analysis.parallel import enrich_ahead

    pages = ((page, unique_mentions(page)) for page in collector.pages())
    for page, pending in enrich_ahead(pool, pages, rules, ahead=1 if collector.bulk else 0):
        yield page, analyse(pending.mentions, rules, pending)


def _analysis_pool():
    """Worker processes for bulk analysis, started only when a page is large enough to need them."""
    try:
        from lawine.analysis.parallel import AnalysisPool
    except ImportError:
        return contextlib.nullcontext(None)
    return AnalysisPool()


def store_page(ctx: Context, page: Page, summary: RunSummary, analysed: list[Mention]) -> None:
    """Quarantine rejects, upsert the analysed mentions, then save cursors: a crash between repeats this page only."""
    for reject in page.rejects:
        if is_quarantined(ctx.engine, ctx.source, reject.ref, reject.error):
            continue  # the same broken item seen again (another stream, a rerun): one copy is enough
        quarantine(ctx.engine, ctx.source, reject.ref, reject.error, reject.raw)
        summary.quarantined += 1
        log.warning("%s: quarantined %s: %s", ctx.source, reject.ref or "item", reject.error)
    if analysed:
        result = upsert_mentions(ctx.engine, analysed)
        summary.inserted += result.inserted
        summary.updated += result.updated
    for key, value in page.cursors.items():
        set_cursor(ctx.engine, ctx.source, key, value or "")
    summary.fetched += page.fetched
    summary.filtered += page.filtered


def run_collector(collector: Collector, ctx: Context, progress: bool = False) -> RunSummary:
    """Drive one collector, recording the run in source_runs; never raises for source trouble."""
    summary = RunSummary(ctx.source)
    started = time.monotonic()
    close_abandoned_runs(ctx.engine, ctx.source)
    run_id = start_run(ctx.engine, ctx.source)
    bar = tqdm(desc=ctx.source, unit=" items", disable=not progress, leave=False)
    try:
        with _analysis_pool() as pool:
            for page, analysed in analysed_pages(collector, ctx, pool):
                store_page(ctx, page, summary, analysed)
                bar.update(page.fetched)
        summary.status = "partial" if ctx.warnings else "ok"
        summary.message = "; ".join(ctx.warnings)
    except SourceError as exc:
        summary.status, summary.message = exc.status, str(exc)
    except Exception as exc:  # noqa: BLE001 - one broken source must not stop the others
        summary.status, summary.message = "error", f"{type(exc).__name__}: {exc}"
        log.debug("%s", redact(traceback.format_exc(), ctx.secrets_seen))
    except BaseException:  # Ctrl-C: record where we were, then stop
        finish_run(ctx.engine, run_id, "interrupted", summary.fetched, summary.inserted + summary.updated,
                   summary.quarantined, "stopped by the user")
        raise
    finally:
        bar.close()
        _close(collector)
    summary.message = redact(summary.message, ctx.secrets_seen)[:2000]
    summary.seconds = time.monotonic() - started
    if summary.failed:
        log.error("%s: %s", ctx.source, summary.message)
    finish_run(ctx.engine, run_id, summary.status, summary.fetched, summary.inserted + summary.updated,
               summary.quarantined, summary.message or None)
    return summary


def _close(collector: Collector) -> None:
    try:
        collector.close()
    except Exception:  # noqa: BLE001
        log.debug("closing %s failed", collector.name, exc_info=True)


def run_source(name: str, engine: Engine, settings: Settings, *, policy: Optional[RetryPolicy] = None,
               progress: bool = False, environ: Mapping[str, str] = os.environ,
               factory: Optional[Callable[[Context], Collector]] = None, **context) -> RunSummary:
    """Run one source by name if it is configured; skipped sources report why without a DB run."""
    spec = SPECS[name]
    state, _missing, reason = state_of(spec, settings, environ=environ)
    if state != CONFIGURED:
        return RunSummary(name, status=state, message=reason)
    ctx = Context(engine, settings, name, policy=policy or RetryPolicy.from_env(environ), environ=environ,
                  **context)
    try:
        collector = (factory or spec.load())(ctx)
    except SourceError as exc:
        summary = RunSummary(name, status=exc.status, message=redact(str(exc), ctx.secrets_seen))
        _record_failed_start(ctx, summary)
        return summary
    except ImportError as exc:
        summary = RunSummary(name, status="error", message=f"client library missing: {exc.name or exc}")
        _record_failed_start(ctx, summary)
        return summary
    return run_collector(collector, ctx, progress)


def _record_failed_start(ctx: Context, summary: RunSummary) -> None:
    log.error("%s: %s", ctx.source, summary.message)
    finish_run(ctx.engine, start_run(ctx.engine, ctx.source), summary.status, 0, 0, 0, summary.message)


def scheduled_sources(names: Optional[Sequence[str]] = None) -> list[str]:
    return list(names) if names else [s.name for s in SPECS.values() if s.scheduled]


def run_all(engine: Engine, settings: Settings, names: Optional[Iterable[str]] = None,
            **kwargs) -> list[RunSummary]:
    """Run each source in turn; each one's failure is contained in its summary."""
    return [run_source(n, engine, settings, **kwargs) for n in scheduled_sources(list(names or []))]


def detect_after(engine: Engine, summaries: list[RunSummary], days: int = 30,
                 settings: Optional[Settings] = None) -> Optional[dict]:
    """Look for spikes and avalanches after every collect that stored something new; detection
    trouble is logged, never allowed to fail the collect."""
    if not any(s.inserted for s in summaries):
        return None
    try:
        from lawine.detect import run_detection

        return run_detection(engine, days=days, settings=settings)
    except Exception:  # noqa: BLE001 - a detector bug must not lose the collected data's run
        log.exception("detection after collect failed")
        return None


def run_every(engine: Engine, settings: Settings, every_s: float, names: Optional[Iterable[str]] = None,
              report: Callable[[list[RunSummary]], None] = lambda s: None,
              rounds: Optional[int] = None, sleep: Callable[[float], None] = time.sleep, **kwargs) -> None:
    """Collect, then wait for the next slot, forever (or `rounds` times); the schedule goes to meta
    so the Sources page can show the next run."""
    done = 0
    while rounds is None or done < rounds:
        started = time.time()
        set_meta(engine, SCHEDULE_META, {"every_s": every_s, "next_ts": int(started), "running": True})
        summaries = run_all(engine, settings, names, **kwargs)
        report(summaries)
        detect_after(engine, summaries, settings=settings)
        next_ts = started + every_s
        set_meta(engine, SCHEDULE_META, {"every_s": every_s, "next_ts": int(next_ts), "running": False,
                                         "pid": os.getpid()})
        done += 1
        if rounds is None or done < rounds:
            sleep(max(0.0, next_ts - time.time()))
