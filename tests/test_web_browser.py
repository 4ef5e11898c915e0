"""The page in a real browser (tests/web_page.py): each example's answers, the target
level, the form alone and the what-if controls, saving, the language switch, a bad file,
a phone. The run writes docs/screenshot.png (shown in the README)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext

from pyqualify import check, fastest_path, load_applicant, texts
from pyqualify.applicant import parse_applicant
from pyqualify.params import rule_defaults
from tests.builders import BAD_FILE
from tests.web_page import (
    ANSWER_MS,
    EXAMPLES,
    ROOT,
    Requests,
    open_page,
    shown_levels,
    shown_path,
    upload,
    wait_for_answers,
    wait_for_error,
)

SCREENSHOT = ROOT / "docs" / "screenshot.png"
pytestmark = pytest.mark.slow


def shown_plan(result: Any) -> dict[str, Any]:
    """The plan the page shows first (docs/service.md): a plan with no new study at most 6 months
    slower than the fastest, else the fastest."""
    doc = result.to_json()
    plans = doc.get("tradeoffs") or [{**doc["plans"][0], "months": doc["months"],
                                      "certified": doc["certified"], "study_months": None}]
    fastest = min(plans, key=lambda p: p["months"])
    for plan in plans:
        if plan is not fastest and plan["study_months"] == 0 and \
                plan["months"] - fastest["months"] <= 6:
            return plan
    return fastest


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
        result = fastest_path(applicant, 1)
        certified = result.to_json()["certified"] or ""
        assert shown_path(page) == (result.reachable, certified), example.name
        steps = page.locator("#path-detail .steps li").count()
        if result.reachable and result.months:
            plan = shown_plan(result)
            assert steps == len(plan["steps"]), example.name
            assert page.get_attribute("[data-testid=path-result]", "data-shown") == \
                plan["certified"]
            assert plan["certified"] in page.inner_text("#path-headline")
        else:
            assert steps == 0
        # what to bring, for the levels open and not held: the names of pyqualify.texts
        wanted = {texts.MATERIAL_NAMES[doc][0].format(**rule_defaults())
                  for level in expected.levels if level.eligible and not level.held
                  for docs in level.materials.values() for doc in docs}
        shown = {t.strip() for t in page.locator(".materials li").all_inner_texts()}
        assert shown == wanted, example.name
        named += len(shown)
        if example.stem == "college-graduate":
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            assert page.locator("#timeline svg rect.bar").count() >= 1
    assert named > 0   # some example is eligible somewhere: the materials were shown


def test_the_target_level_changes_the_path(server: str,
                                           context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    example = ROOT / "examples" / "newcomer-three-years.yaml"
    upload(page, example)
    page.select_option("#target", "3")
    expected = fastest_path(load_applicant(example), 3).to_json()["certified"]
    page.wait_for_selector(f"[data-testid=path-result][data-certified='{expected}']",
                           timeout=ANSWER_MS)


def test_the_form_alone_and_the_what_if_controls(
        server: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/?lang=en")
    page.fill("[name=as_of]", "2026-11")
    page.select_option("[name=education]", "high_school")
    page.click("[data-testid=add-work]")
    page.fill("[data-field='work[0].start']", "2020-01")
    page.select_option("[data-field='work[0].occupation']", "related")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-level='4'][data-eligible='true']", timeout=ANSWER_MS)
    # what if L4-1 asked for 100 months of work: level 4 closes (70 months by 2026-11)
    page.click("#whatif summary")
    page.fill("[data-threshold=l4_1_work_months]", "100")
    page.press("[data-threshold=l4_1_work_months]", "Tab")
    page.wait_for_selector("[data-level='4'][data-eligible='false']", timeout=ANSWER_MS)
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
    page.wait_for_url("**/?lang=en#a=*")
    wait_for_answers(page)
    assert page.get_attribute("html", "lang") == "en"
    assert page.input_value("[name=id]") == "technician-college"
    assert "months" in page.inner_text("#path-headline")
    assert "Fastest path" in page.inner_text("#path-title")


@pytest.mark.parametrize(("lang", "label"), [("zh", "第 2 条工作经历的结束月份"),
                                             ("en", "end month of work record 2")])
def test_a_bad_file_is_marked_at_its_field(server: str, lang: str, label: str, tmp_path: Path,
                                           context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/?lang={lang}")
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_FILE, encoding="utf-8")
    page.set_input_files("[data-testid=applicant-file]", str(bad))
    error = wait_for_error(page)
    assert error.get_attribute("data-field") == "work[1].end"   # the path: in the attribute
    assert label in error.inner_text() and "work[1]" not in error.inner_text()
    assert "2020-01" in error.inner_text() and "2021-05" in error.inner_text()
    field = page.locator("input[data-field='work[1].end']")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "2020-01"   # the file's value is shown where it is wrong
    assert page.locator(".field-error").inner_text() == error.locator("span").inner_text()
    # mending the field (and leaving it) clears the error and brings the answer
    field.fill("2022-01")
    field.press("Tab")
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
