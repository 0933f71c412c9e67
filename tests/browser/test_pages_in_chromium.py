"""Start the real dashboard server and open every page in Debian's chromium via Playwright.

Screenshots land in $LAWINE_SCREENSHOTS (default: tmp dir of the test) so a person can look.
Skipped when chromium is missing, unless LAWINE_REQUIRE_BROWSER=1 (CI), where it must run.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
REQUIRED = os.environ.get("LAWINE_REQUIRE_BROWSER") == "1"
pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    if REQUIRED:
        raise RuntimeError(f"{CHROMIUM} is required (LAWINE_REQUIRE_BROWSER=1) but missing")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


def page_paths() -> list[str]:
    """URL paths of every page the router lists (st.Page('pages/x.py') is served at /x)."""
    text = (ROOT / "dashboard.py").read_text()
    names = re.findall(r'st\.Page\("pages/([a-z_]+)\.py"', text)
    return ["" if "default=True" in line else name
            for name, line in zip(names, [ln for ln in text.splitlines() if "st.Page(" in ln])]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    work = tmp_path_factory.mktemp("browser")
    db = work / "demo.db"
    shutil.copy(demo_db, db)
    port = free_port()
    env = {**os.environ, "LAWINE_DATABASE_URL": f"sqlite:///{db}", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("streamlit did not start: " + proc.stderr.read().decode()[-2000:])
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def shots_dir(tmp_path_factory) -> Path:
    target = os.environ.get("LAWINE_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.getbasetemp() / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("path", page_paths())
def test_page_renders_without_error(server, browser, path, tmp_path_factory):
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server}/{path}?from=2026-10-01&to=2026-11-20")
    page.wait_for_selector("h1", timeout=60_000)
    # Let fragments, charts and data frames finish; a spinner still running means not done yet.
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.screenshot(path=str(shots_dir(tmp_path_factory) / f"{path or 'overview'}.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0, page.locator(
        "[data-testid='stException']").first.inner_text()
    assert page.locator("text=Demo data").count() >= 1
    assert errors == []
    page.close()
