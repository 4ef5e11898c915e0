"""The page's step-by-step mode (逐步问答, docs/partial.md section 4) in a real browser.

Chromium at a phone's width (390 px) on a real server: the page opens in this mode, asks the
questions of ``POST /api/ask`` one at a time, and a person who answers from an example file's
true values ends where ``pyqualify check`` of that file ends. Every question shown is the one
the API gave for the same document, and the state of each level follows every answer.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page

from pyqualify.applicant import parse_applicant
from tests.web_page import (
    ANSWER_MS,
    ROOT,
    Requests,
    axe_violations,
    no_answer_shown,
    wait_for_answers,
)

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
EXAMPLES = ROOT / "examples"
STATES = {"yes": "可以", "no": "不可以", "depends": "待定", "held": "已持证"}
STATES_EN = {"yes": "may apply", "no": "may not apply", "depends": "not decided yet",
             "held": "held"}
MAX_QUESTIONS = 40


@pytest.fixture()
def phone(browser: Browser) -> Iterator[tuple[BrowserContext, Requests]]:
    requests = Requests()
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True,
                              accept_downloads=True)
    ctx.route("**/*", requests.route)
    yield ctx, requests
    ctx.close()
    assert requests.outside == [], f"requests left the machine: {requests.outside}"


def open_ask(ctx: BrowserContext, url: str) -> Page:
    """The page at phone width: it opens step by step, with its first question."""
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.wait_for_selector("[data-testid=ask][data-step]", timeout=ANSWER_MS)
    assert page.evaluate("document.body.dataset.mode") == "ask"
    assert page.locator("#applicant-form").is_hidden()
    page.errors = errors   # type: ignore[attr-defined]
    return page


def step(page: Page) -> int:
    return int(page.get_attribute("[data-testid=ask]", "data-step") or 0)


def wait_step(page: Page, before: int) -> None:
    page.wait_for_function(
        "n => Number(document.querySelector('[data-testid=ask]').dataset.step) > n",
        arg=before, timeout=ANSWER_MS)


def question(page: Page) -> dict[str, Any] | None:
    box = page.locator("[data-testid=ask-question]")
    if box.count() == 0:
        return None
    return {"field": box.get_attribute("data-field"), "type": box.get_attribute("data-type")}


def shown_states(page: Page) -> dict[int, str | None]:
    return {int(k): v for k, v in page.eval_on_selector_all(
        "[data-testid=ask-levels] [data-ask-level]",
        "ls => ls.map(l => [l.dataset.askLevel, l.dataset.state || null])")}


def api_states(check: dict[str, Any]) -> dict[int, str]:
    return {lv["level"]: "held" if lv["held"] else lv["verdict"] for lv in check["levels"]}


def fragment(page: Page) -> dict[str, Any]:
    hash_ = page.evaluate("location.hash")
    assert hash_.startswith("#a=")
    raw = hash_[3:]
    return json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode("utf-8"))


# --- answering as the person of a file ---------------------------------------------------------

def truth_of(path: Path) -> dict[str, Any]:
    """The file as the loader reads it (defaults filled in), written as a document."""
    return parse_applicant(yaml.safe_load(path.read_text(encoding="utf-8"))).to_dict()


def value_at(doc: dict[str, Any], field: str) -> Any:
    node: Any = doc
    for part in field.replace("]", "").replace("[", ".").split("."):
        node = node[int(part)] if isinstance(node, list) else node.get(part)
    return node


def as_value(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


def answer(page: Page, truth: dict[str, Any], field: str, kind: str) -> None:
    """Answer the question shown with the file's value, as a person would, and press on."""
    scope = page.locator("[data-testid=ask-question]")
    if kind == "choice":
        scope.locator(f"[data-testid=ask-choice][data-value='{as_value(value_at(truth, field))}']"
                      ).click()
        return
    if kind == "records":
        records = truth.get(field) or []
        if not records:
            scope.locator("[data-testid=ask-none]").click()
            return
        keys = page.evaluate("() => [...document.querySelectorAll("
                             "'[data-testid=ask-record]:first-child [name]')].map(i => i.name)")
        assert keys, "a records question without a field to fill"
        for i, record in enumerate(records):
            if scope.locator("[data-testid=ask-record]").count() <= i:
                scope.locator("[data-testid=ask-add-record]").click()
            for key in keys:
                control = scope.locator(f"[name][data-field='{field}[{i}].{key}']")
                value = record.get(key)
                if control.evaluate("c => c.tagName") == "SELECT":
                    control.select_option(as_value(value))
                else:
                    control.fill("" if value is None else str(value))
        scope.locator("[data-testid=ask-submit]").click()
        return
    value = value_at(truth, field)
    scope.locator("input[data-field]").fill("" if value is None else str(value))
    scope.locator("[data-testid=ask-submit]").click()


def interview(page: Page, truth: dict[str, Any]) -> list[str]:
    """Answer every question from ``truth``; check each against the API's answer for the
    same document; the fields asked, in order."""
    asked: list[str] = []
    if page.input_value("#ask-as-of") != truth["as_of"]:
        before = step(page)
        page.fill("#ask-as-of", truth["as_of"])
        page.press("#ask-as-of", "Tab")
        wait_step(page, before)
    while True:
        shown = question(page)
        if shown is None:
            break
        assert shown["field"] not in asked, f"asked twice: {shown['field']}"
        asked.append(shown["field"])
        assert len(asked) <= MAX_QUESTIONS, asked
        before = step(page)
        with page.expect_response("**/api/ask?*", timeout=ANSWER_MS) as reply:
            answer(page, truth, shown["field"], shown["type"])
        wait_step(page, before)
        api = reply.value.json()
        sent = json.loads(reply.value.request.post_data or "{}")["applicant"]
        assert reply.value.status == 200, (shown, api)
        # the answer was written at the field, and the page shows the API's answer for it
        assert value_at(sent, shown["field"]) is not None or shown["type"] == "choice"
        assert shown_states(page) == api_states(api["check"])
        if api["done"]:
            assert question(page) is None
            page.locator("[data-testid=ask-done]").wait_for()
        else:
            assert question(page) == {"field": api["question"]["field"],
                                      "type": api["question"]["type"]}
            assert page.locator("[data-testid=ask-choice]").count() == len(
                api["question"].get("choices", []))
    assert page.locator("[data-testid=ask-done]").is_visible()
    return asked


def cli_json(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "pyqualify", *args, "--format", "json"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout)


# --- the tests -----------------------------------------------------------------------------------

# a training course that counts (L4-2): hours as a number, its certificate a yes or no
TRAINED = {"id": "trained", "as_of": "2026-11", "education": "high_school",
           "work": [{"start": "2025-09", "occupation": "same"}],
           "trainings": [{"hours": 48, "occupation": "same", "certificate": True,
                          "completed": "2026-03"}]}


@pytest.mark.parametrize("name", ["college-graduate", "level2-holder", "unsure-graduate",
                                  "trained"])
def test_an_interview_ends_with_the_verdicts_of_pyqualify_check(
        server: str, name: str, tmp_path: Path, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, requests = phone
    page = open_ask(ctx, f"{server}/")
    path = EXAMPLES / f"{name}.yaml"
    if name == "trained":
        path = tmp_path / "trained.yaml"
        path.write_text(yaml.safe_dump(TRAINED), encoding="utf-8")
    truth = truth_of(path)
    asked = interview(page, truth)
    assert asked, "no question was asked"
    if name == "trained":   # the hours and the certificate were asked, and typed
        assert {"trainings", "trainings[0].certificate"} <= set(asked), asked
    expected = cli_json("check", str(path))
    # the verdicts, and the levels held (a held level shows as held, never as one to apply
    # for: the interview asks what makes a level held)
    shown = page.eval_on_selector_all(
        "[data-testid=check-result] [data-level]",
        "items => items.map(i => [Number(i.dataset.level), i.dataset.verdict, "
        "i.dataset.eligible])")
    assert shown == [[lv["level"], lv["verdict"], str(lv["eligible"]).lower()]
                     for lv in expected["levels"]]
    states = shown_states(page)
    for lv in expected["levels"]:
        assert states[lv["level"]] == ("held" if lv["held"] else lv["verdict"]), lv
    # and the fastest path to level 1, as `pyqualify path` plans it
    wait_for_answers(page)
    planned = cli_json("path", str(path), "--target", "1")
    box = page.locator("[data-testid=path-result]")
    assert box.get_attribute("data-reachable") == str(planned["reachable"]).lower()
    assert box.get_attribute("data-certified") == (planned.get("certified") or "")
    # no page of the interview asked anything but the page's own server
    assert requests.api("/api/ask") and not requests.api("/api/check")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []   # done, with the levels and the path
    assert page.errors == []   # type: ignore[attr-defined]


def test_switching_to_the_form_and_back_keeps_the_answers(
        server: str, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = phone
    page = open_ask(ctx, f"{server}/")
    truth = truth_of(EXAMPLES / "college-graduate.yaml")
    page.fill("#ask-as-of", "2026-11")
    before = step(page)
    page.press("#ask-as-of", "Tab")
    wait_step(page, before)
    answered: list[str] = []
    for _ in range(2):   # education and the diplomas, or whatever comes first
        shown = question(page)
        assert shown is not None
        before = step(page)
        answer(page, truth, shown["field"], shown["type"])
        wait_step(page, before)
        answered.append(shown["field"])
    current = question(page)
    states = shown_states(page)
    kept = fragment(page)
    # what was told is listed, in words
    told = page.eval_on_selector_all("[data-testid=ask-answers] li",
                                     "ls => ls.map(l => [l.dataset.field, l.textContent])")
    for field in answered:
        assert any(f == field or f.startswith(f"{field}[") for f, _ in told), (field, told)
    if "diplomas" in answered:
        assert any("大专（专科）" in text and "2022-06" in text for _, text in told), told
    assert kept["mode"] == "ask"
    for field in answered:
        assert value_at(kept["doc"], field) is not None

    page.click("[data-testid=to-form]")
    wait_for_answers(page)
    assert page.evaluate("document.body.dataset.mode") == "form"
    assert page.locator("[data-testid=ask]").is_hidden()
    assert page.locator("#applicant-form").is_visible()
    assert fragment(page)["mode"] == "form"
    # the form shows what was answered; what was not asked yet shows as 不确定 or no row
    form = page.evaluate("""() => ({
        as_of: document.querySelector('input[name=as_of]').value,
        education: document.querySelector('select[name=education]').value,
        kinds: [...document.querySelectorAll('[data-rows=diplomas] select[name=kind]')]
               .map(s => s.value)})""")
    assert form["as_of"] == "2026-11"
    if "education" in answered:
        assert form["education"] == truth["education"]
    if "diplomas" in answered:
        assert form["kinds"] == [d["kind"] for d in truth["diplomas"]]

    page.click("[data-testid=to-ask]")
    page.wait_for_function("() => document.querySelector('[data-testid=ask-question]')",
                           timeout=ANSWER_MS)
    page.wait_for_function(
        "s => JSON.stringify([...document.querySelectorAll('[data-testid=ask-levels] "
        "[data-ask-level]')].map(l => l.dataset.state || null)) === s",
        arg=json.dumps([states[level] for level in (4, 3, 2, 1)], separators=(",", ":")),
        timeout=ANSWER_MS)
    assert question(page) == current
    assert page.locator("#applicant-form").is_hidden()
    back = fragment(page)
    assert back["mode"] == "ask" and back["doc"] == kept["doc"]
    # the address keeps it, also past a link within the page: opened again, the page asks
    # the same question
    page.click("a.to-answers")
    assert fragment(page) == back
    page.reload()
    page.wait_for_selector("[data-testid=ask-question]", timeout=ANSWER_MS)
    assert question(page) == current
    # a change made in the form is an answer: a schooling chosen there is not asked again,
    # and what was not asked yet stays not asked
    page.click("[data-testid=to-form]")
    wait_for_answers(page)
    page.select_option("select[name=education]", "equivalent")
    page.click("[data-testid=to-ask]")
    page.wait_for_selector("[data-testid=ask-question], [data-testid=ask-done]",
                           timeout=ANSWER_MS)
    doc = fragment(page)["doc"]
    assert doc == {**kept["doc"], "education": "equivalent"}
    assert question(page) is None or question(page)["field"] != "education"
    assert page.errors == []   # type: ignore[attr-defined]


def test_english_words(server: str, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = phone
    page = open_ask(ctx, f"{server}/?lang=en")
    assert page.get_attribute("html", "lang") == "en"
    panel = page.locator("[data-testid=ask]")
    text = panel.inner_text()
    assert "Step by step" in text and "Fill in the whole form instead" in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in page.inner_text("#ask-body")), \
        "Chinese in the English question"
    states = page.eval_on_selector_all("[data-testid=ask-levels] .ask-state",
                                       "ss => ss.map(s => s.textContent)")
    assert states and all(s in STATES_EN.values() for s in states), states
    shown = question(page)
    assert shown is not None
    if shown["type"] == "choice":
        labels = page.eval_on_selector_all("[data-testid=ask-choice]",
                                           "bs => bs.map(b => b.textContent)")
        assert "not sure" in labels
    page.click("[data-testid=to-form]")
    wait_for_answers(page)
    assert page.inner_text("[data-testid=to-ask]").startswith("Answer step by step")


def test_the_language_link_carries_the_answers(
        server: str, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = phone
    page = open_ask(ctx, f"{server}/")
    truth = truth_of(EXAMPLES / "college-graduate.yaml")
    shown = question(page)
    assert shown is not None
    before = step(page)
    answer(page, truth, shown["field"], shown["type"])
    wait_step(page, before)
    current = question(page)
    kept = fragment(page)["doc"]
    page.click("[data-testid=switch-lang]")
    page.wait_for_url("**/?lang=en#a=*")
    page.wait_for_selector("[data-testid=ask-question]", timeout=ANSWER_MS)
    assert page.evaluate("document.body.dataset.mode") == "ask"
    assert question(page) == current and fragment(page)["doc"] == kept
    assert "Step by step" in page.inner_text("[data-testid=ask]")


def test_another_target_asks_again_for_that_target(
        server: str, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, requests = phone
    page = open_ask(ctx, f"{server}/")
    truth = truth_of(EXAMPLES / "college-graduate.yaml")
    asked = interview(page, truth)
    assert asked
    wait_for_answers(page)
    before = step(page)
    with page.expect_response("**/api/ask?*", timeout=ANSWER_MS) as reply:
        page.select_option("#target", "3")
    wait_step(page, before)
    assert "target=3" in reply.value.url
    api = reply.value.json()
    if api["done"]:   # the path panel is that target's
        wait_for_answers(page)
        assert page.get_attribute("[data-testid=path-result]", "data-certified") == (
            api["path"].get("certified") or "")
        assert api["path"]["target"] == 3
    else:
        assert question(page)["field"] == api["question"]["field"]   # type: ignore[index]
        assert page.get_attribute("[data-testid=path-result]", "data-reachable") is None


def test_chinese_words_and_the_states_of_the_levels(
        server: str, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = phone
    page = open_ask(ctx, f"{server}/")
    assert "逐步问答" in page.inner_text("[data-testid=ask]")
    states = page.eval_on_selector_all("[data-testid=ask-levels] [data-ask-level]",
                                       "ls => ls.map(l => [l.dataset.state, "
                                       "l.querySelector('.ask-state').textContent])")
    assert states and all(STATES[state] == words for state, words in states), states


def test_a_month_that_is_no_month_is_marked_and_does_not_advance(
        server: str, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = phone
    page = open_ask(ctx, f"{server}/")
    truth = {"as_of": "2026-11", "education": "high_school",
             "diplomas": [{"kind": "junior_college", "graduation": "2022-06"}]}
    # answer until the diplomas are asked (education first, when it is asked)
    for _ in range(3):
        shown = question(page)
        assert shown is not None
        if shown["field"] == "diplomas":
            break
        before = step(page)
        answer(page, truth, shown["field"], shown["type"])
        wait_step(page, before)
    assert question(page) == {"field": "diplomas", "type": "records"}
    kept = fragment(page)["doc"]
    levels = shown_states(page)
    verdicts = page.eval_on_selector_all("[data-testid=check-result] [data-level]",
                                         "ls => ls.map(l => l.dataset.verdict)")
    assert None not in verdicts
    # records are added and removed, and counted again from 1
    records = page.locator("[data-testid=ask-record]")
    assert records.count() == 1
    page.click("[data-testid=ask-add-record]")
    page.fill("input[data-field='diplomas[1].graduation']", "2019-07")
    assert records.count() == 2
    records.nth(0).locator("[data-testid=ask-remove-record]").click()
    assert records.count() == 1
    assert page.input_value("input[data-field='diplomas[0].graduation']") == "2019-07"
    assert "第 1 份毕业证书" in records.nth(0).locator("legend").inner_text()
    page.select_option("select[data-field='diplomas[0].kind']", "junior_college")
    field = page.locator("input[data-field='diplomas[0].graduation']")
    field.fill("2022-13")
    before = step(page)
    page.click("[data-testid=ask-submit]")
    wait_step(page, before)
    error = page.locator("[data-testid=error]")
    assert error.count() == 1 and error.is_visible()
    assert error.get_attribute("data-field") == "diplomas[0].graduation"
    assert "毕业月份" in error.inner_text()
    field = page.locator("input[data-field='diplomas[0].graduation']")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "2022-13"   # what was typed stays, to be mended
    note = page.locator("[data-testid=ask] .field-error")
    assert note.count() == 1 and "毕业月份" in note.inner_text()
    assert field.evaluate("f => f.getAttribute('aria-describedby').split(' ')"
                          ".includes(document.querySelector('.field-error').id)")
    # not advanced: the same question, the document without the refused answer
    assert question(page) == {"field": "diplomas", "type": "records"}
    assert fragment(page)["doc"] == kept
    assert "diplomas" not in kept
    # and the levels are still those of the answers accepted, shown as fresh
    assert shown_states(page) == levels
    assert page.eval_on_selector_all("[data-testid=check-result] [data-level]",
                                     "ls => ls.map(l => l.dataset.verdict)") == verdicts
    # a month as people write it is taken, and the interview goes on
    field.fill("2022年6月")
    before = step(page)
    page.click("[data-testid=ask-submit]")
    wait_step(page, before)
    assert error.count() == 0 or error.is_hidden()
    assert page.locator("[data-testid=ask] .field-error").count() == 0
    assert question(page) != {"field": "diplomas", "type": "records"}
    assert fragment(page)["doc"]["diplomas"][0]["kind"] == "junior_college"


def test_answers_that_cannot_be_read_show_no_answer_until_mended(
        server: str, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = phone
    saved = {"v": 1, "mode": "ask", "doc": {"as_of": "2026-13", "education": "high_school"}}
    raw = base64.urlsafe_b64encode(json.dumps(saved).encode()).decode().rstrip("=")
    page = open_ask(ctx, f"{server}/#a={raw}")
    error = page.locator("[data-testid=error]")
    assert error.count() == 1 and error.is_visible()
    assert error.get_attribute("data-field") == "as_of"
    assert page.get_attribute("#ask-as-of", "aria-invalid") == "true"
    assert question(page) is None and page.locator("[data-testid=ask-done]").count() == 0
    assert set(shown_states(page).values()) == {None}
    assert no_answer_shown(page)
    page.fill("#ask-as-of", "2026-11")
    before = step(page)
    page.press("#ask-as-of", "Tab")
    wait_step(page, before)
    assert error.count() == 0 or error.is_hidden()
    assert question(page) is not None
    assert None not in shown_states(page).values()
    assert fragment(page)["doc"] == {"as_of": "2026-11", "education": "high_school"}


def test_the_keyboard_alone_answers_and_goes_back(
        server: str, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = phone
    page = open_ask(ctx, f"{server}/")
    # the month asked about, taken on Enter (and not again when the field is left)
    page.fill("#ask-as-of", "2026-11")
    before = step(page)
    page.press("#ask-as-of", "Enter")
    wait_step(page, before)
    assert fragment(page)["doc"]["as_of"] == "2026-11"
    page.press("#ask-as-of", "Tab")
    page.wait_for_timeout(300)
    assert step(page) == before + 1
    first = question(page)
    assert first is not None
    # "none" for a records question, the first choice for a choice: pressed with Enter
    control = "[data-testid=ask-none]" if first["type"] == "records" else \
        "[data-testid=ask-choice]"
    page.focus(control)
    before = step(page)
    page.keyboard.press("Enter")
    wait_step(page, before)
    second = question(page)
    assert second is not None and second != first
    # the focus moved to the new question, not to the top of the page
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=ask-question]')")
    # Tab reaches the new question's controls in order, and Shift+Tab comes back
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=ask-question]')"
                         " && document.activeElement.matches('button, input, select, summary')")
    page.focus("[data-testid=ask-back]")
    before = step(page)
    page.keyboard.press("Enter")
    wait_step(page, before)
    assert question(page) == first
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=ask-question]')")
    # the answer given before is shown again, to be given again or changed
    if first["type"] == "choice":
        assert page.locator("[data-testid=ask-choice][aria-pressed=true]").count() == 1
    else:
        assert page.locator("[data-testid=ask-record]").count() == 0   # it was "none"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axe_finds_nothing_of_moderate_impact_or_worse_step_by_step(
        server: str, lang: str, phone: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = phone
    page = open_ask(ctx, f"{server}/?lang={lang}")
    assert axe_violations(page) == []   # a choice question
    truth = {"as_of": "2026-11", "education": "high_school",
             "diplomas": [{"kind": "junior_college", "graduation": "2022-06"}]}
    for _ in range(3):
        shown = question(page)
        if shown is None or shown["type"] == "records":
            break
        before = step(page)
        answer(page, truth, shown["field"], shown["type"])
        wait_step(page, before)
    assert question(page)["type"] == "records"   # type: ignore[index]
    page.click("[data-testid=ask-add-record]")
    page.locator("[data-testid=ask-record] input[data-field$=graduation]").first.fill("x")
    before = step(page)
    page.click("[data-testid=ask-submit]")
    wait_step(page, before)
    page.locator("[data-testid=error]").wait_for()
    if page.locator(".ask-term").count():
        page.locator(".ask-term summary").first.click()
    assert axe_violations(page) == []   # a records question with an error


def test_a_wide_screen_opens_the_whole_form(server: str, browser: Browser) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(f"{server}/")
        wait_for_answers(page)
        assert page.evaluate("document.body.dataset.mode") == "form"
        assert page.locator("[data-testid=ask]").is_hidden()
        assert page.locator("[data-testid=to-ask]").is_visible()
        # and a narrow window made wide keeps the mode it opened in: nothing moves under a
        # person's hand
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(300)
        assert page.evaluate("document.body.dataset.mode") == "form"
        # the switch from a form as it opened: its defaults (高中毕业) are no answers
        page.click("[data-testid=to-ask]")
        page.wait_for_selector("[data-testid=ask-question]", timeout=ANSWER_MS)
        assert set(fragment(page)["doc"]) == {"as_of"}
        assert page.locator("[data-testid=error]").count() == 1   # one hook, of the mode shown
        assert page.get_attribute("#ask-error", "data-testid") == "error"
    finally:
        ctx.close()
