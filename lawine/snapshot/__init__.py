"""The executives' weekly snapshot: build it from the store, render it as HTML or PDF."""
from lawine.snapshot.data import Snapshot, build_snapshot, reference_now
from lawine.snapshot.week import Week, WeekError, parse_week

__all__ = ["Snapshot", "Week", "WeekError", "build_snapshot", "parse_week", "reference_now",
           "render_html", "render_pdf"]


def render_html(snapshot: Snapshot, lang: str = "en") -> str:
    from lawine.snapshot.render import render_html as _render

    return _render(snapshot, lang)


def render_pdf(snapshot: Snapshot, lang: str = "en") -> bytes:
    from lawine.snapshot.render import render_pdf as _render

    return _render(snapshot, lang)
