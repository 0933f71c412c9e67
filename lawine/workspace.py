"""Which database the dashboard shows: the team's data, or the labelled demo when there is none."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from sqlalchemy.engine import make_url

from lawine import store
from lawine.config import Settings
from lawine.demo import DEMO_META_KEY, demo_manifest, write_demo

DEMO_URL = "sqlite:///data/demo.db"
DISMISSED_KEY = "demo_dismissed"


@dataclass
class Workspace:
    url: str
    is_demo: bool
    manifest: Optional[dict]


def resolve(settings: Settings, demo_url: str = DEMO_URL) -> Workspace:
    """The team's DB when it holds mentions; else the demo DB unless the user dismissed the demo."""
    main = store.open_store(settings.database_url)
    try:
        if store.count_mentions(main) > 0 or store.get_meta(main, DISMISSED_KEY, False):
            manifest = demo_manifest(main)
            return Workspace(settings.database_url, manifest is not None, manifest)
    finally:
        main.dispose()
    return Workspace(demo_url, True, None)


def ensure_demo(url: str, mentions: int = 50_000,
                progress: Optional[Callable[[int, int], None]] = None) -> dict:
    """Create the demo data in `url` if it is not there yet; returns its manifest."""
    engine = store.open_store(url)
    try:
        manifest = demo_manifest(engine)
        if manifest is None or store.count_mentions(engine) == 0:
            manifest = write_demo(engine, mentions=mentions, progress=progress)
        return manifest
    finally:
        engine.dispose()


def remove_demo(settings: Settings, demo_url: str = DEMO_URL) -> str:
    """Delete demo data wherever it is and remember not to bring it back on its own."""
    removed = []
    for url in dict.fromkeys([demo_url, settings.database_url]):
        engine = store.open_store(url)
        try:
            if demo_manifest(engine) is not None:
                store.delete_all_mentions(engine)
                store.delete_meta(engine, DEMO_META_KEY)
                removed.append(url)
        finally:
            engine.dispose()
    if make_url(demo_url).get_backend_name() == "sqlite" and make_url(demo_url).database:
        for suffix in ("", "-wal", "-shm"):
            Path(make_url(demo_url).database + suffix).unlink(missing_ok=True)
    main = store.open_store(settings.database_url)
    try:
        store.set_meta(main, DISMISSED_KEY, True)
    finally:
        main.dispose()
    return ", ".join(removed) or "no demo data found"


def restore_demo(settings: Settings) -> None:
    """Undo a dismissal so an empty workspace shows the demo again."""
    main = store.open_store(settings.database_url)
    try:
        store.delete_meta(main, DISMISSED_KEY)
    finally:
        main.dispose()
