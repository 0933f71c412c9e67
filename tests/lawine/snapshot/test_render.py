"""HTML and PDF export: the numbers are there, hostile text stays text, the PDF shows the page with charts."""
from __future__ import annotations

import re
import subprocess
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from lawine import store
from lawine.config import Settings
from lawine.snapshot import build_snapshot, parse_week
from lawine.snapshot.render import html_to_pdf, render_html
from tests.lawine.snapshot.browser import require
from tests.lawine.snapshot.rows import mention

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=http://evil.example/x.png>"
WEEK = parse_week("2026-W11")
NOW = datetime(2026, 3, 18, 12, 0, tzinfo=timezone.utc)


def _rows() -> list:
    rows, n = [], 0
    for back in range(3):
        start = WEEK.shifted(-back).start
        for day in range(7):
            for k in range(3 + day % 3 + back):
                n += 1
                rows.append(mention(n, start + timedelta(days=day, hours=8 + k), label=("negative", "neutral",
                                    "positive")[(n + day) % 3], score=0.1, source=("x", "facebook", "reddit")[k % 3],
                                    needs_reply=n % 2 == 0, reply_after=timedelta(minutes=20 + n % 90)))
    t0 = WEEK.start + timedelta(days=2, hours=10)
    rows += [
        mention(900, t0, label="negative", score=-0.8, likes=999, text=f"{SCRIPT} broken {IMG}", brand=f"Evil{IMG}"),
        *[mention(901 + i, t0, intent="question", text=f"{SCRIPT} how do I get a refund?") for i in range(3)],
    ]
    rows[-1] = rows[-1].model_copy(update={"url": "javascript:alert(1)", "likes": 500})
    return rows


@pytest.fixture(scope="module")
def snap(tmp_path_factory):
    engine = store.open_store(f"sqlite:///{tmp_path_factory.mktemp('render') / 'r.db'}")
    rows = _rows()
    store.upsert_mentions(engine, rows)
    snapshot = build_snapshot(engine, Settings(), WEEK, now=NOW)
    engine.dispose()
    in_week = [m for m in rows if WEEK.start <= m.created_at < WEEK.end]
    return snapshot, in_week


@pytest.fixture(scope="module")
def html_with_charts(snap):
    require("chromium")
    return render_html(snap[0])


def tile(html: str, key: str) -> str:
    match = re.search(rf'data-kpi="{key}">\s*<div class="label">[^<]*</div>\s*<div class="value">([^<]+)<', html)
    assert match, key
    return match.group(1)


def test_html_shows_the_numbers_and_escapes_hostile_text(snap):
    snapshot, in_week = snap
    html = render_html(snapshot, charts=False)
    assert tile(html, "mentions") == f"{len(in_week):,}"
    labelled = [m for m in in_week if m.sentiment_label]
    negative = sum(m.sentiment_label == "negative" for m in labelled) / len(labelled)
    assert tile(html, "share_negative") == f"{negative * 100:.1f}%"
    assert "2026-W11" in html
    assert all(f"<td>{name}</td>" in html for name in ("X", "Facebook", "Reddit"))  # networks named, not coded
    assert "<td>x</td>" not in html
    # Hostile text is shown, as text: escaped in the sample post, the brand and the FAQ.
    assert SCRIPT not in html and IMG not in html and "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; broken &lt;img src=http://evil.example/x.png&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; how do I get a refund?" in html
    assert "javascript:" not in html  # a collected javascript: URL never becomes a link


def test_german_export_uses_german_words_and_numbers(snap):
    html = render_html(snap[0], "de", charts=False)
    assert "Wochenbericht" in html and "ggü. Vorwoche" in html and 'lang="de"' in html
    assert re.search(r"\d,\d %", tile(html, "share_negative"))


def test_html_is_self_contained_with_svg_charts(html_with_charts):
    html = html_with_charts
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) == 2 and all(src.startswith("data:image/svg+xml;base64,") for src in images)
    assert not re.search(r'(?:src|href)="(?!data:|https://x\.com/)', html)  # only the sample posts' links
    assert "<link" not in html and "@import" not in html and "url(" not in html


def test_pdf_pages_show_text_and_charts(html_with_charts, tmp_path):
    require("pdftoppm")
    pdf = html_to_pdf(html_with_charts)
    assert pdf.startswith(b"%PDF")
    (tmp_path / "s.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(tmp_path / "s.pdf"), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2
    dark = []
    for path in pages:
        gray = Image.open(path).convert("L")
        dark.append(sum(gray.histogram()[:200]))  # pixels clearly darker than the white paper
    # Every page has more on it than its page number (a few dozen pixels); page 1 is full.
    assert min(dark) > 200, dark
    assert dark[0] > 0.03 * gray.width * gray.height, dark
    # The charts made it onto page 1: Facebook blue bars and negative-red sentiment bars.
    rgb = Image.open(pages[0]).convert("RGB")
    colours = rgb.getcolors(maxcolors=1 << 20)
    blue = sum(c for c, (r, g, b) in colours if r < 60 and 90 < g < 150 and b > 200)
    red = sum(c for c, (r, g, b) in colours if r > 190 and g < 70 and b < 70)
    assert blue > 200 and red > 200


def test_event_summaries_follow_the_export_language(tmp_path):
    import json

    from sqlalchemy import insert

    from lawine.store import schema

    engine = store.open_store(f"sqlite:///{tmp_path / 'e.db'}")
    store.upsert_mentions(engine, _rows())
    t0 = int((WEEK.start + timedelta(days=1)).timestamp())
    explanation = {"top_terms": [["netzausfall", 6.0], [SCRIPT, 5.0]], "observed_peak": 1500.0,
                   "expected_peak": 4.2, "baseline_posts": 80}
    with engine.begin() as conn:
        conn.execute(insert(schema.events), [dict(
            id="s1", type="spike", brand="Acme", channel=None, start_ts=t0, peak_ts=t0, end_ts=t0 + 7200,
            score=80.0, status="open", updated_ts=0, explanation=json.dumps(explanation))])
    snapshot = build_snapshot(engine, Settings(), WEEK, now=NOW)
    engine.dispose()
    english, german = render_html(snapshot, charts=False), render_html(snapshot, "de", charts=False)
    assert "1,500/h vs 4.2 expected; words: netzausfall, &lt;script&gt;" in english
    assert "1.500/h statt 4,2 erwartet; Wörter: netzausfall, &lt;script&gt;" in german
    assert "all networks" in english and "alle Netzwerke" in german and SCRIPT not in german
    # Moments, scores and sample posts are written the export language's way, networks by name.
    start = (WEEK.start + timedelta(days=1)).astimezone(ZoneInfo(WEEK.tz))
    assert f"<td>{start:%d.%m.%Y %H:%M}</td><td class=\"num\">80</td>" in german
    assert f"<td>{start:%Y-%m-%d %H:%M}</td><td class=\"num\">80</td>" in english
    assert "09.03.2026 – 15.03.2026 (Europe/Berlin)" in german and "2026-03-09 – 2026-03-15 (Europe/Berlin)" in english
    meta = r'<div class="meta"><b>[^<]*</b> · ([^·<]+) · [^·<]+ · ([^·<]+) · ([^<]+?)(?: · <a|</div>)'
    metas = re.findall(meta, german)
    assert metas and all(network in {"X", "Facebook", "Reddit"} for network, _, _ in metas)
    assert all(re.fullmatch(r"\d\d\.\d\d\.2026 \d\d:\d\d", when) for _, when, _ in metas)
    assert any("999 Likes" in counts for _, _, counts in metas)
