"""Browser-test plumbing: a real streamlit server on 127.0.0.1 and Debian's chromium via Playwright.

Skipped when chromium is missing, unless LAWINE_REQUIRE_BROWSER=1 (CI), where it must run.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
REQUIRED = os.environ.get("LAWINE_REQUIRE_BROWSER") == "1"

if not Path(CHROMIUM).exists():
    if REQUIRED:
        raise RuntimeError(f"{CHROMIUM} is required (LAWINE_REQUIRE_BROWSER=1) but missing")
    collect_ignore_glob = ["test_*.py"]


def page_paths() -> list[str]:
    """URL paths of every page the router lists (st.Page('pages/x.py') is served at /x; default at /)."""
    paths = []
    for line in (ROOT / "dashboard.py").read_text().splitlines():
        found = re.search(r'st\.Page\("pages/([a-z_]+)\.py"', line)
        if found:
            paths.append("" if "default=True" in line else found.group(1))
    return paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dashboard_server(db: Path, workdir: Path):
    """Run `streamlit run dashboard.py` on a free port against the SQLite file `db`."""
    port = free_port()
    env = {**os.environ, "LAWINE_DATABASE_URL": f"sqlite:///{db}", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("streamlit did not start: " + proc.stderr.read().decode()[-2000:])
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def open_page(browser, url: str):
    """Open a page and wait until Streamlit has finished running the script."""
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    page.goto(url)
    page.wait_for_selector("h1", timeout=90_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000)
    return page


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: $LAWINE_SCREENSHOTS, else a temp folder (path printed by pytest -v)."""
    target = os.environ.get("LAWINE_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.getbasetemp() / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
