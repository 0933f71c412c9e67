"""Start the real dashboard server and open every page in Debian's chromium via Playwright."""
from __future__ import annotations

import shutil

import pytest

from tests.browser.conftest import dashboard_server, open_page, page_paths

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    work = tmp_path_factory.mktemp("browser")
    shutil.copy(demo_db, work / "demo.db")
    with dashboard_server(work / "demo.db", work) as url:
        yield url


@pytest.mark.parametrize("path", page_paths())
def test_page_renders_without_error(server, browser, shots, path):
    errors: list[str] = []
    page = open_page(browser, f"{server}/{path}?from=2026-10-01&to=2026-11-20")
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.screenshot(path=str(shots / f"{path or 'overview'}.png"), full_page=True)
    exceptions = page.locator("[data-testid='stException']")
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert page.locator("text=Demo data").count() >= 1
    assert errors == []
    page.close()


def test_first_visit_to_a_sub_page_goes_through_the_router(demo_db, tmp_path_factory, browser):
    """A fresh server whose first visitor opens /sources must still show our navigation."""
    work = tmp_path_factory.mktemp("first_visit")
    shutil.copy(demo_db, work / "demo.db")
    with dashboard_server(work / "demo.db", work) as url:
        page = open_page(browser, f"{url}/sources")
        links = [t.inner_text() for t in page.locator("[data-testid='stSidebarNavLink']").all()]
        assert any("Live overview" in t for t in links) and not any(t.strip() == "dashboard" for t in links)
        assert page.locator("h1").first.inner_text() == "Sources & settings"
        page.close()


def test_german_ui_stays_german_across_pages(server, browser):
    """The menu and the next page keep the language picked on the first page (the URL drops `ui` on a switch)."""
    page = open_page(browser, f"{server}/queue?ui=de")
    links = [t.inner_text() for t in page.locator("[data-testid='stSidebarNavLink']").all()]
    assert any("Eskalations-Warteschlange" in t for t in links) and not any("Escalation queue" in t for t in links)
    page.get_by_role("link", name="Antwortzeiten").click()
    page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText == 'Antwortzeiten'",
                           timeout=90_000)
    assert page.locator("text=Demodaten").count() >= 1
    page.close()


def test_a_running_event_on_the_overview_opens_its_drill_down(server, browser):
    """The wall screen's 'Running now' links go to the Events page with that event explained."""
    page = open_page(browser, f"{server}/?from=2026-10-01&to=2026-11-20")
    first = page.locator("[data-testid='stPageLink'] a").first
    # "Spike · Kestrel Air · x: since 20 Nov 15:00, score 51", after the icon's own line
    label = first.inner_text().strip().splitlines()[-1]
    first.click()
    page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText.startsWith('Events')",
                           timeout=90_000)
    heading = label.split(":")[0]
    page.wait_for_function(f"[...document.querySelectorAll('h3')].some(h => h.innerText.startsWith({heading!r}))",
                           timeout=90_000)
    assert "event=" in page.url
    page.close()
