"""The page in a real browser: Debian's Chromium driven by Playwright, on a real server.

Every request the page makes is logged and any that would leave 127.0.0.1 is refused and
fails the test. The run writes docs/screenshot.png (shown in the README).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from pyqualify import check, fastest_path, load_applicant, texts
from pyqualify.applicant import InputError, parse_applicant, parse_text
from pyqualify.params import rule_defaults
from tests.builders import BAD_FILE
from tests.web_server import running_server

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SCREENSHOT = ROOT / "docs" / "screenshot.png"
ANSWER_SECONDS = 60_000   # ms: a plan takes about a second; a loaded machine is slower
pytestmark = pytest.mark.slow


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Chromium is missing: apt-get install -y chromium fonts-noto-cjk "
                    "(.ci/run does it)")
    return found


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
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
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.wait_for_selector("[data-testid=path-result][data-reachable]", timeout=ANSWER_SECONDS)
    assert errors == []
    return page


def upload(page: Page, path: Path) -> None:
    """Load a file into the form and wait for both answers of that file."""
    page.set_input_files("input[type=file][data-testid=applicant-file]", str(path))
    page.wait_for_function(
        "name => document.querySelector('#file-status').textContent.includes(name)",
        arg=path.name, timeout=ANSWER_SECONDS)
    wait_for_answers(page)


def wait_for_answers(page: Page) -> None:
    page.wait_for_selector("[data-testid=check-result] [data-level='1'][data-eligible]",
                           timeout=ANSWER_SECONDS)
    page.wait_for_selector("[data-testid=path-result][data-reachable]",
                           timeout=ANSWER_SECONDS)


def shown_levels(page: Page) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        "[data-testid=check-result] [data-level]",
        "items => items.map(i => ({level: Number(i.dataset.level), "
        "eligible: i.dataset.eligible === 'true', held: i.dataset.held === 'true'}))")


def shown_path(page: Page) -> tuple[bool, str]:
    box = page.locator("[data-testid=path-result]")
    return box.get_attribute("data-reachable") == "true", box.get_attribute("data-certified")


def test_each_example_shows_the_engines_answers(
        server: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    named = 0
    for i, example in enumerate(EXAMPLES):
        # a resize redraws the timeline; it must never bring back the previous answer
        page.set_viewport_size({"width": 1280 - 200 * (i % 2), "height": 900})
        upload(page, example)
        applicant = load_applicant(example)
        expected = check(applicant)
        assert shown_levels(page) == [
            {"level": a.level, "eligible": a.eligible, "held": a.held}
            for a in expected.levels], example.name
        plan = fastest_path(applicant, 1)
        certified = plan.to_json()["certified"] or ""
        assert shown_path(page) == (plan.reachable, certified), example.name
        steps = page.locator("#path-detail .steps li").count()
        assert steps == len(plan.plans[0].steps) if plan.reachable else steps == 0
        # what to bring: the names of pyqualify.texts (the page's one source), filled in
        wanted = {texts.MATERIAL_NAMES[doc][0].format(**rule_defaults())
                  for level in expected.levels if level.eligible
                  for docs in level.materials.values() for doc in docs}
        shown = set(page.locator(".materials li").all_inner_texts())
        assert shown == wanted, example.name
        named += len(shown)
        if example.stem == "college-graduate":
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            assert page.locator("#timeline svg rect.bar").count() >= 2
    assert named > 0   # some example is eligible somewhere: the materials were shown


def test_the_target_level_changes_the_path(server: str,
                                           context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    example = ROOT / "examples" / "newcomer-three-years.yaml"
    upload(page, example)
    page.select_option("#target", "3")
    page.wait_for_function("() => document.querySelector('[data-testid=path-result]')"
                           ".dataset.certified !== undefined", timeout=ANSWER_SECONDS)
    expected = fastest_path(load_applicant(example), 3).to_json()["certified"]
    page.wait_for_selector(f"[data-testid=path-result][data-certified='{expected}']",
                           timeout=ANSWER_SECONDS)


def test_the_form_alone_and_the_what_if_controls(
        server: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/?lang=en")
    page.fill("[name=as_of]", "2026-11")
    page.select_option("[name=education]", "high_school")
    page.click("[data-add=work]")
    page.fill("[data-field='work[0].start']", "2020-01")
    page.select_option("[data-field='work[0].occupation']", "related")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-level='4'][data-eligible='true']", timeout=ANSWER_SECONDS)
    # what if L4-1 asked for 100 months of work: level 4 closes (70 months by 2026-11)
    page.click("#whatif summary")
    page.fill("[data-threshold=l4_1_work_months]", "100")
    page.wait_for_selector("[data-level='4'][data-eligible='false']", timeout=ANSWER_SECONDS)
    expected = check(parse_applicant({"as_of": "2026-11", "education": "high_school",
                                      "work": [{"start": "2020-01", "occupation": "related"}]}),
                     params={"l4_1_work_months": 100})
    wait_for_answers(page)
    assert shown_levels(page) == [{"level": a.level, "eligible": a.eligible, "held": a.held}
                                  for a in expected.levels]
    # the form saved as a file reads back as the same applicant
    with page.expect_download() as download:
        page.click("#save-file")
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert parse_applicant(yaml.safe_load(saved)) == parse_applicant(
        {"as_of": "2026-11", "education": "high_school",
         "work": [{"start": "2020-01", "occupation": "related"}]})


def test_switching_the_language_keeps_the_form(
        server: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    assert page.get_attribute("html", "lang") == "zh-CN"
    upload(page, ROOT / "examples" / "technician-college.yaml")
    assert "个月" in page.inner_text("#path-headline")
    page.click("[data-testid=switch-lang]")
    page.wait_for_url("**/?lang=en")
    wait_for_answers(page)
    assert page.get_attribute("html", "lang") == "en"
    assert page.input_value("[name=id]") == "technician-college"
    assert "months" in page.inner_text("#path-headline")
    assert "Fastest path" in page.inner_text("#path-title")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_file_is_marked_at_its_field(server: str, lang: str, tmp_path: Path,
                                           context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/?lang={lang}")
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_FILE, encoding="utf-8")
    page.set_input_files("[data-testid=applicant-file]", str(bad))
    error = page.locator("[data-testid=error]")
    error.wait_for(state="visible", timeout=ANSWER_SECONDS)
    with pytest.raises(InputError) as raised:
        parse_applicant(parse_text(BAD_FILE))
    assert "work[1].end" in error.inner_text()
    assert raised.value.text(lang) in error.inner_text()
    field = page.locator("[data-field='work[1].end']")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "2020-01"   # the file's value is shown where it is wrong
    assert page.locator(".field-error").inner_text() == error.locator("span").inner_text()
    # mending the field clears the error and brings the answer
    field.fill("2022-01")
    wait_for_answers(page)
    assert error.is_hidden()


def test_a_phone_sized_screen(server: str, browser: Browser) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    requests = Requests()
    ctx.route("**/*", requests.route)
    try:
        page = open_page(ctx, f"{server}/")
        upload(page, ROOT / "examples" / "graduating-student.yaml")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the page scrolls sideways on a phone"
    finally:
        ctx.close()
    assert requests.outside == []
