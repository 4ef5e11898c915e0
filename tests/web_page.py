"""The page in a real browser: fixtures and helpers of the browser tests.

Debian's Chromium driven by Playwright, on a real server. Every request the page makes is
logged, and any that would leave 127.0.0.1 is refused and fails the test. axe-core comes
from the npm registry (scripts/ensure-browser puts it in .cache/axe).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from tests.web_server import Server, running_server

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ANSWER_MS = 60_000   # a plan takes about a second; a loaded machine is slower
AXE = Path(os.environ.get("PYQUALIFY_AXE", ROOT / ".cache" / "axe" / "node_modules"
                          / "axe-core" / "axe.min.js"))


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Chromium is missing: scripts/ensure-browser installs it (make test runs it)")
    return found


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server(workers=2) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path())
        yield launched
        launched.close()


class Requests:
    """Every URL the page asked for; any not on 127.0.0.1 is refused and kept."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.outside: list[str] = []

    def route(self, route: Route) -> None:
        url = route.request.url
        self.seen.append(url)
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def api(self, endpoint: str) -> list[str]:
        return [u for u in self.seen if urlsplit(u).path == endpoint]


@pytest.fixture()
def context(browser: Browser) -> Iterator[tuple[BrowserContext, Requests]]:
    requests = Requests()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    ctx.route("**/*", requests.route)
    yield ctx, requests
    ctx.close()
    assert requests.seen, "the page made no request at all"
    assert requests.outside == [], f"requests left the machine: {requests.outside}"


def open_page(ctx: BrowserContext, url: str) -> Page:
    """The page in its whole form (on a narrow screen it opens step by step: the switch to
    the form is pressed), once its first answer is shown."""
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.wait_for_function("() => document.body.dataset.mode", timeout=ANSWER_MS)
    if page.evaluate("document.body.dataset.mode") == "ask":
        page.click("[data-testid=to-form]")
    page.wait_for_selector("[data-testid=path-result][data-reachable]", timeout=ANSWER_MS)
    assert errors == []
    page.errors = errors   # type: ignore[attr-defined]
    return page


def upload(page: Page, path: Path) -> None:
    """Load a file into the form and wait for both answers of that file."""
    page.set_input_files("input[type=file][data-testid=applicant-file]", str(path))
    page.wait_for_function(
        "name => document.querySelector('#file-status').textContent.includes(name)",
        arg=path.name, timeout=ANSWER_MS)
    wait_for_answers(page)


def wait_for_answers(page: Page) -> None:
    page.wait_for_selector("[data-testid=check-result] [data-level='1'][data-eligible]",
                           timeout=ANSWER_MS)
    page.wait_for_selector("[data-testid=path-result][data-reachable]", timeout=ANSWER_MS)


def wait_for_error(page: Page) -> Any:
    error = page.locator("[data-testid=error]")
    error.wait_for(state="visible", timeout=ANSWER_MS)
    return error


def shown_levels(page: Page) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        "[data-testid=check-result] [data-level]",
        "items => items.map(i => ({level: Number(i.dataset.level), "
        "eligible: i.dataset.eligible === 'true', held: i.dataset.held === 'true'}))")


def shown_path(page: Page) -> tuple[bool, str]:
    box = page.locator("[data-testid=path-result]")
    return box.get_attribute("data-reachable") == "true", box.get_attribute("data-certified")


def no_answer_shown(page: Page) -> bool:
    """Neither levels nor a path: no hook set, no level body, no headline, no steps."""
    return page.evaluate("""() => {
        const levels = [...document.querySelectorAll('[data-testid=check-result] [data-level]')];
        const path = document.querySelector('[data-testid=path-result]');
        return levels.every(l => !l.hasAttribute('data-eligible')
                                 && l.querySelector('.level-body').children.length === 0)
            && !path.hasAttribute('data-reachable')
            && document.querySelector('#path-headline').textContent === ''
            && document.querySelectorAll('#path-detail .steps li, #timeline svg').length === 0;
    }""")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of moderate impact or worse (the page's own CSP forbids
    injected scripts: the test's context bypasses it)."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: scripts/ensure-browser installs it")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("moderate", "serious", "critical")]
