"""A page a person can trust (docs/service.md, second version; issue 16), in Chromium.

Each test drives the page through the hooks of docs/service.md and compares what it shows with
the engine's own answer for the same question.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page

from pyqualify import check, fastest_path, load_applicant, parse_applicant
from pyqualify.options import PlannerOptions
from pyqualify.web.i18n import GLOSSARY, UI
from tests.web_page import (
    ANSWER_MS,
    EXAMPLES,
    ROOT,
    Requests,
    axe_violations,
    no_answer_shown,
    open_page,
    shown_levels,
    shown_path,
    upload,
    wait_for_answers,
    wait_for_error,
)

pytestmark = pytest.mark.slow
COLLEGE = ROOT / "examples" / "college-graduate.yaml"
NO_JOB = {"id": "no-job", "as_of": "2026-11", "education": "high_school"}


def write(tmp_path: Path, doc: dict[str, Any] | str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    text = doc if isinstance(doc, str) else yaml.safe_dump(doc, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def words(lang: str, key: str) -> str:
    return UI[key][0 if lang == "zh" else 1]


def level_card(page: Page, level: int) -> Any:
    return page.locator(f"[data-testid=check-result] [data-level='{level}']")


def settle(page: Page) -> None:
    """Wait for the answers of the question now on its way."""
    page.wait_for_timeout(300)
    wait_for_answers(page)


# --- panels that agree ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_path_options_reach_the_levels_and_opens_says_what_it_assumes(
        server: str, lang: str, tmp_path: Path,
        context: tuple[BrowserContext, Requests]) -> None:
    ctx, requests = context
    page = open_page(ctx, f"{server}/?lang={lang}")
    upload(page, write(tmp_path, NO_JOB))
    applicant = parse_applicant(NO_JOB)
    opens = check(applicant).to_json()["levels"][0]["opens"]
    card = level_card(page, 4)
    assert opens and opens in card.inner_text()
    assumes = card.locator(".assumes").inner_text()
    assert assumes == words(lang, "assumes_work").format(as_of="2026-11")
    # only recorded work: the level card and the path answer the same question
    page.click("#whatif summary")
    page.check("input[data-testid=opt-no_assume_work]")
    settle(page)
    last_check, last_path = requests.api("/api/check")[-1], requests.api("/api/path")[-1]
    assert "no_assume_work=true" in last_check and "no_assume_work=true" in last_path
    expected = check(applicant, assume_work=False).to_json()["levels"][0]["opens"]
    assert expected is None and opens not in card.inner_text()
    assert card.locator(".assumes").inner_text() == words(lang, "assumes_records").format(
        as_of="2026-11")
    path = fastest_path(applicant, 1, options=PlannerOptions.default().updated(
        assume_work=False)).to_json()
    assert shown_path(page) == (path["reachable"], path["certified"] or "")
    for flag in ("no_study", "no_training"):
        page.check(f"input[data-testid=opt-{flag}]")
        settle(page)
        assert f"{flag}=true" in requests.api("/api/check")[-1]
        assert f"{flag}=true" in requests.api("/api/path")[-1]


def test_choosing_a_trade_off_shows_that_plan_everywhere(
        server: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    upload(page, COLLEGE)
    doc = fastest_path(load_applicant(COLLEGE), 1).to_json()
    fastest = min(doc["tradeoffs"], key=lambda p: p["months"])
    no_study = next(p for p in doc["tradeoffs"] if p["study_months"] == 0)
    assert no_study["months"] - fastest["months"] <= 6   # the 大专 graduate
    buttons = page.locator("[data-testid=tradeoff]")
    assert buttons.count() == len(doc["tradeoffs"])
    # 推荐: the plan with no new study first, shown everywhere, saying what study saves
    assert buttons.first.get_attribute("data-certified") == no_study["certified"]
    assert "推荐" in buttons.first.inner_text()
    headline = page.inner_text("#path-headline")
    assert headline.startswith("推荐") and no_study["certified"] in headline
    saves = fastest["months"] * -1 + no_study["months"]
    assert f"{saves} 个月" in page.inner_text("#path-advice")
    for plan in (fastest, no_study, fastest):
        page.click(f"[data-testid=tradeoff][data-certified='{plan['certified']}']")
        assert plan["certified"] in page.inner_text("#path-headline")
        steps = page.locator("#path-detail .steps li time").all_inner_texts()
        assert steps == [s["month"] for s in plan["steps"]]
        pressed = page.get_attribute(
            f"[data-testid=tradeoff][data-certified='{plan['certified']}']", "aria-pressed")
        assert pressed == "true"
        svg = page.locator("#timeline svg")
        assert svg.get_attribute("data-axis-end") == plan["certified"]
        inside = page.evaluate("""() => {
            const svg = document.querySelector('#timeline svg');
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('.mark')].every(m => {
                const r = m.getBoundingClientRect();
                return r.left >= box.left - 0.5 && r.right <= box.right + 0.5; });
        }""")
        assert inside, f"a marker of the plan to {plan['certified']} is off the axis"
        assert page.get_attribute("[data-testid=path-result]", "data-shown") == \
            plan["certified"]
        # the hook of docs/service.md stays the fastest path's month
        assert shown_path(page) == (True, doc["certified"])


def test_no_recommendation_without_a_plan_free_of_study(
        server: str, tmp_path: Path, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    upload(page, write(tmp_path, NO_JOB))
    doc = fastest_path(parse_applicant(NO_JOB), 1).to_json()
    assert all(p["study_months"] > 0 for p in doc["tradeoffs"])
    assert not page.inner_text("#path-headline").startswith("推荐")
    assert page.get_attribute("[data-testid=path-result]", "data-shown") == doc["certified"]


# --- no old answer ---------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["resize", "rotation", "language"])
def test_no_old_answer_comes_back_after_an_error(
        server: str, how: str, tmp_path: Path,
        context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    upload(page, COLLEGE)
    assert not no_answer_shown(page)
    page.set_input_files("[data-testid=applicant-file]",
                         str(write(tmp_path, "education: high_school\nas_of: 2026-13\n")))
    wait_for_error(page)
    assert no_answer_shown(page)
    if how == "resize":
        for width in (900, 1280, 700, 1100):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(250)
            assert no_answer_shown(page), width
    elif how == "rotation":
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(250)
        page.set_viewport_size({"width": 844, "height": 390})
        page.wait_for_timeout(400)
        assert no_answer_shown(page)
    else:
        page.click("[data-testid=switch-lang]")
        page.wait_for_url("**/?lang=en#a=*")
        error = wait_for_error(page)
        assert "month asked about" in error.inner_text()
        page.wait_for_timeout(500)
        assert no_answer_shown(page)
    # and the mended field brings a new answer
    page.fill("input[name=as_of]", "2026-11")
    page.press("input[name=as_of]", "Tab")
    wait_for_answers(page)
    assert page.locator("[data-testid=error]").is_hidden()


# --- judged on leaving -----------------------------------------------------------------------

@pytest.mark.parametrize("section", ["diplomas", "work", "trainings", "certificates"])
def test_a_new_row_is_not_judged_while_it_is_empty(
        server: str, section: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, requests = context
    page = open_page(ctx, f"{server}/")
    upload(page, COLLEGE)
    asked = len(requests.api("/api/check"))
    page.click(f"[data-testid=add-{section}]")
    page.wait_for_timeout(800)
    assert page.locator("[data-testid=error]").is_hidden()
    assert len(requests.api("/api/check")) == asked   # nothing asked yet
    assert shown_levels(page)[0]["held"] is True       # the answer is still there
    row = page.locator(f"[data-rows={section}] > li").last
    assert row.evaluate("r => r.contains(document.activeElement)")
    # leaving the row with its month empty: now it is judged, and the month is marked
    page.click("input[name=id]")
    error = wait_for_error(page)
    field = error.get_attribute("data-field")
    index = page.locator(f"[data-rows={section}] > li").count() - 1
    assert field.startswith(f"{section}[{index}].")
    month = row.locator(f"input[data-field='{field}']")
    assert month.get_attribute("aria-invalid") == "true"
    # a month as people write it, left: the answer comes back
    month.fill("2021年6月")
    page.click("input[name=id]")
    wait_for_answers(page)
    assert page.locator("[data-testid=error]").is_hidden()


def test_a_field_is_judged_when_left_not_while_typing(
        server: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, requests = context
    page = open_page(ctx, f"{server}/")
    asked = len(requests.api("/api/check"))
    page.click("input[name=as_of]")
    page.keyboard.press("Control+A")
    page.keyboard.type("2019-1", delay=60)
    page.wait_for_timeout(800)
    assert len(requests.api("/api/check")) == asked
    assert page.locator("[data-testid=error]").is_hidden()
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    error = wait_for_error(page)
    assert error.get_attribute("data-field") == "as_of"
    assert "查询月份" in error.inner_text()


# --- errors in the person's words -------------------------------------------------------------

ENGLISH_WORDS = re.compile(r"[A-Za-z]{3,}")
ALLOWED_IN_ZH = {"YAML", "JSON", "UTF", "GBK", "MiB", "YYYY"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_errors_speak_the_persons_language(server: str, lang: str, tmp_path: Path,
                                           context: tuple[BrowserContext, Requests]) -> None:
    ctx, requests = context
    page = open_page(ctx, f"{server}/?lang={lang}")

    def load(path: Path) -> Any:
        before = page.inner_text("[data-testid=error]")
        page.set_input_files("[data-testid=applicant-file]", str(path))
        page.wait_for_function("t => document.querySelector('[data-testid=error]').innerText"
                               " !== t", arg=before, timeout=ANSWER_MS)
        return wait_for_error(page)

    def plain(text: str) -> None:   # no parser English inside a Chinese page
        if lang == "zh":
            assert set(ENGLISH_WORDS.findall(text)) <= ALLOWED_IN_ZH, text

    # choices by their labels, rows counted from 1
    bad = {"as_of": "2026-11", "education": "high_school",
           "work": [{"start": "2020-01", "occupation": "sam"}]}
    error = load(write(tmp_path, bad))
    assert error.get_attribute("data-field") == "work[0].occupation"
    text = error.inner_text()
    if lang == "zh":
        assert "第 1 条工作经历的职业" in text
        assert "本职业（全媒体运营师）、相关职业、不相关职业" in text
    else:
        assert "occupation of work record 1" in text
        assert "this occupation, a related occupation, an unrelated occupation" in text
    assert "same, related" not in text
    plain(text.replace("sam", ""))
    # a binary file, a file YAML cannot read, an empty file
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    for path in (binary, write(tmp_path, "education: [high_school\n", "b.yaml"),
                 write(tmp_path, "", "empty.yaml")):
        error = load(path)
        assert error.get_attribute("data-field") == ""
        plain(error.inner_text())
        assert "Traceback" not in error.inner_text()
    # an empty paste: said at once, nothing sent
    parsed = len(requests.api("/api/parse"))
    page.click("#paste-box summary")
    page.fill("#paste-text", "   ")
    page.click("#paste-load")
    error = wait_for_error(page)
    assert error.locator("span").inner_text() == words(lang, "paste_empty")
    assert page.get_attribute("#paste-text", "aria-invalid") == "true"
    # an over-large file: the browser refuses it, and says so (not "the server failed")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"education: none\n" + b"#" * (1024 * 1024 + 10))
    error = load(big)
    assert "1 MiB" in error.inner_text() and "big.yaml" in error.inner_text()
    assert words(lang, "server_error").strip() not in error.inner_text()
    assert len(requests.api("/api/parse")) == parsed   # neither was sent


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_what_if_error_is_marked_at_its_input(
        server: str, lang: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/?lang={lang}")
    page.click("#whatif summary")
    page.fill("[data-threshold=l4_1_work_months]", "5000")
    page.press("[data-threshold=l4_1_work_months]", "Tab")
    error = wait_for_error(page)
    assert error.get_attribute("data-field") == "set l4_1_work_months=5000"
    assert ("L4-1 工作月数" if lang == "zh" else "L4-1 months of work") in error.inner_text()
    threshold = page.locator("[data-threshold=l4_1_work_months]")
    assert threshold.get_attribute("aria-invalid") == "true"
    assert no_answer_shown(page)
    threshold.fill("30")
    threshold.press("Tab")
    wait_for_answers(page)
    # a horizon above the server's --max-horizon (480): marked at the horizon
    page.fill("input[data-testid=opt-horizon]", "600")
    page.press("input[data-testid=opt-horizon]", "Tab")
    error = wait_for_error(page)
    assert error.get_attribute("data-field") == "horizon"
    assert page.get_attribute("input[data-testid=opt-horizon]", "aria-invalid") == "true"
    assert "480" in error.inner_text()


# --- held levels, the link, the print, the rules, the words ----------------------------------

def test_a_held_level_shows_as_held_without_materials(
        server: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    example = ROOT / "examples" / "level2-holder.yaml"
    upload(page, example)
    held = [a.level for a in check(load_applicant(example)).levels if a.held]
    assert held
    for level in held:
        card = level_card(page, level)
        assert card.get_attribute("data-held") == "true"
        assert card.locator(".badge.held").count() == 1
        assert card.locator(".materials, .badge.yes, .routes").count() == 0
        assert "现在可以报考" not in card.inner_text()


def test_the_applicant_travels_in_the_fragment(
        server: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, requests = context
    page = open_page(ctx, f"{server}/")
    upload(page, COLLEGE)
    page.click("#whatif summary")
    page.check("input[data-testid=opt-no_training]")
    settle(page)
    fastest = fastest_path(load_applicant(COLLEGE), 1,
                           options=PlannerOptions.default().updated(
                               allow_training=False)).to_json()["certified"]
    page.click(f"[data-testid=tradeoff][data-certified='{fastest}']")
    url = page.url
    fragment = url.partition("#")[2]
    assert fragment.startswith("a=") and len(fragment) > 40
    levels, shown = shown_levels(page), page.get_attribute("[data-testid=path-result]",
                                                           "data-shown")
    # the fragment is never sent: no request carries it
    assert all(fragment[2:20] not in u and "#" not in u for u in requests.seen)
    again = open_page(ctx, url)
    wait_for_answers(again)
    assert again.input_value("input[name=id]") == "college-graduate"
    assert again.is_checked("input[data-testid=opt-no_training]")
    assert again.locator("[data-rows=work] > li").count() == 1
    assert shown_levels(again) == levels
    assert again.get_attribute("[data-testid=path-result]", "data-shown") == shown == fastest
    # a link that cannot be read: said so, and the page works
    broken = open_page(ctx, f"{server}/#a=not-base64-json!!")
    assert broken.inner_text("#file-status") == UI["link_unreadable"][0]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_printed_answer_is_one_clean_a4_sheet(
        server: str, example: Path, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    upload(page, example)
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert pages == 1, f"{example.name}: {pages} pages"
    page.emulate_media(media="print")
    assert page.locator("#applicant-form").is_hidden()
    assert page.locator("[data-testid=check-result]").is_visible()
    assert page.locator("#print-head").is_visible()
    assert example.stem in page.inner_text("#print-head")
    result = check(load_applicant(example))
    if any(a.eligible and not a.held for a in result.levels):
        assert page.locator(".checklist li").first.is_visible()
        content = page.evaluate("getComputedStyle(document.querySelector("
                                "'.checklist li span'), '::before').content")
        assert "☐" in content
    if page.locator("#path-detail .steps li").count():
        assert page.locator("#path-detail .steps").is_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_answer_states_the_rules_it_applied(
        server: str, lang: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/?lang={lang}")
    upload(page, COLLEGE)
    for hook in ("rules-check", "rules-path"):
        text = page.inner_text(f"[data-testid={hook}]")
        assert "L4-1" in text and "L1-1" in text and "EDU" in text and "2026-11" in text
        assert words(lang, "params_default") in text
    assert "240" in page.inner_text("[data-testid=rules-path]")
    page.click("#whatif summary")
    page.uncheck("[data-switch=I1]")
    page.fill("[data-threshold=l1_1_work_months]", "36")
    page.press("[data-threshold=l1_1_work_months]", "Tab")
    settle(page)
    for hook in ("rules-check", "rules-path"):
        text = page.inner_text(f"[data-testid={hook}]")
        assert ("I1 否" if lang == "zh" else "I1 off") in text
        assert ("L1-1 取得二级后工作月数 36" if lang == "zh"
                else "L1-1 months of work since level 2 36") in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_jargon_is_explained(server: str, lang: str,
                             context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/?lang={lang}")
    terms = page.eval_on_selector_all(
        "#glossary dt[data-term]", "ds => ds.map(d => [d.dataset.term, d.textContent, "
        "d.nextElementSibling.textContent])")
    assert [t[0] for t in terms] == list(GLOSSARY)
    for key, term, text in terms:
        zh_term = GLOSSARY[key][0][0]
        assert zh_term in term and len(text) > 30
        assert bool(re.search(r"[\u4e00-\u9fff]{10}", text)) == (lang == "zh")
    page.click("[data-testid=add-diplomas]")
    described = page.get_attribute("[data-rows=diplomas] select[name=skill_target]",
                                   "aria-describedby")
    assert "term-skill_target-text" in described
    page.click("[data-testid=add-work]")
    assert "term-related_occupation-text" in page.get_attribute(
        "[data-rows=work] select[name=occupation]", "aria-describedby")
    hint = page.inner_text("#education-hint")
    assert ("大专" in hint and "毕业证书" in hint) if lang == "zh" else "Junior-college" in hint


EVERY_ROW = {"id": "张三", "as_of": "2026-11", "education": "high_school",
             "diplomas": [{"kind": "junior_college", "major": "related", "graduation": "2022-06",
                           "skill_target": "intermediate", "mode": "part_time"}],
             "work": [{"start": "2022-07", "occupation": "unrelated"}],
             "trainings": [{"hours": 48, "occupation": "unrelated", "certificate": True,
                            "completed": "2024-05"}],
             "certificates": [{"level": "preparatory_technician", "occupation": "unrelated",
                               "obtained": "2024-05"}]}


@pytest.mark.parametrize(("lang", "width"), [("zh", 1280), ("en", 1280), ("zh", 390),
                                             ("en", 390), ("en", 900)])
def test_choices_fit_and_labels_line_up(server: str, lang: str, width: int, tmp_path: Path,
                                        browser: Browser) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = open_page(ctx, f"{server}/?lang={lang}")
        upload(page, write(tmp_path, EVERY_ROW))
        page.click("#whatif summary")
        cut = page.evaluate("""() => {
            const canvas = document.createElement('canvas').getContext('2d');
            const out = [];
            for (const s of document.querySelectorAll('select')) {
                if (!s.offsetParent) continue;
                const style = getComputedStyle(s);
                canvas.font = style.font;
                const room = s.clientWidth - parseFloat(style.paddingLeft)
                             - parseFloat(style.paddingRight);
                for (const o of s.options) {
                    const need = canvas.measureText(o.text).width;
                    if (need > room + 0.5) out.push([s.name || s.id, o.text, need, room]);
                }
            }
            return out;
        }""")
        assert cut == [], f"choices cut off: {cut}"
        misaligned = page.evaluate("""() => {
            const out = [];
            for (const row of document.querySelectorAll('.item, .row')) {
                const controls = [...row.querySelectorAll(
                    ':scope > label > input, :scope > label > select')];
                const byLine = {};
                for (const c of controls) {
                    const label = c.closest('label').getBoundingClientRect();
                    const key = Math.round(label.top);
                    (byLine[key] = byLine[key] || []).push(c.getBoundingClientRect().bottom);
                }
                for (const bottoms of Object.values(byLine)) {
                    if (Math.max(...bottoms) - Math.min(...bottoms) > 1) out.push(bottoms);
                }
            }
            return out;
        }""")
        assert misaligned == [], f"controls of one line not lined up: {misaligned}"
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_timeline_markers_do_not_overlap(server: str, width: int, browser: Browser) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = open_page(ctx, f"{server}/")
        for example in EXAMPLES:
            upload(page, example)
            overlaps = page.evaluate("""() => {
                const out = [];
                for (const kind of ['exam', 'certificate']) {
                    const boxes = [...document.querySelectorAll(`#timeline .mark.${kind}`)]
                        .map(m => [m.dataset.month, m.getBoundingClientRect()]);
                    for (let i = 0; i < boxes.length; i++)
                      for (let j = i + 1; j < boxes.length; j++) {
                        const [a, r] = boxes[i], [b, s] = boxes[j];
                        if (r.left < s.right - 0.5 && s.left < r.right - 0.5
                            && r.top < s.bottom - 0.5 && s.top < r.bottom - 0.5)
                          out.push([kind, a, b]);
                    }
                }
                return out;
            }""")
            assert overlaps == [], (example.name, overlaps)
    finally:
        ctx.close()


def test_small_words_and_a_sensible_file_name(server: str, tmp_path: Path,
                                              context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/?lang=en")
    upload(page, COLLEGE)
    headline = page.inner_text("#path-headline")
    assert "from as of" not in headline and "months after 2026-11" in headline
    upload(page, write(tmp_path, EVERY_ROW))
    with page.expect_download() as download:
        page.click("#save-file")
    assert download.value.suggested_filename == "张三.yaml"
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert parse_applicant(yaml.safe_load(saved)) == parse_applicant(EVERY_ROW)


def test_months_as_people_write_them_in_the_form(
        server: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    page.click("[data-testid=add-work]")
    page.fill("input[data-field='work[0].start']", "2020.1")
    page.fill("input[data-field='work[0].end']", "2023年6月")
    page.select_option("select[data-field='work[0].occupation']", "same")
    page.fill("input[name=as_of]", "202611")
    page.click("button[type=submit]")
    wait_for_answers(page)
    expected = check(parse_applicant({"as_of": "2026-11", "education": "high_school",
                                      "work": [{"start": "2020-01", "end": "2023-06",
                                                "occupation": "same"}]}))
    assert shown_levels(page) == [{"level": a.level, "eligible": a.eligible, "held": a.held}
                                  for a in expected.levels]
    assert page.locator("[data-testid=error]").is_hidden()
    assert "2026-11" in page.inner_text("[data-testid=rules-check]")   # written YYYY-MM


# --- accessibility -----------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "width"), [("zh", 1280), ("en", 1280), ("zh", 390),
                                             ("en", 390)])
def test_axe_finds_nothing_of_moderate_impact_or_worse(
        server: str, lang: str, width: int, tmp_path: Path, browser: Browser) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        page = open_page(ctx, f"{server}/?lang={lang}")
        upload(page, COLLEGE)
        page.click("#whatif summary")
        page.click("[data-testid=add-diplomas]")
        page.click("input[name=id]")
        wait_for_error(page)   # the empty graduation month, marked
        page.fill("input[data-field='diplomas[1].graduation']", "2023-06")
        page.press("input[data-field='diplomas[1].graduation']", "Tab")
        wait_for_answers(page)
        page.locator("#levels-panel details summary").first.click()
        assert axe_violations(page) == []
        page.set_input_files("[data-testid=applicant-file]", str(write(
            tmp_path, {"education": "high_school",
                       "work": [{"start": "x", "occupation": "same"}]})))
        wait_for_error(page)
        assert axe_violations(page) == []
    finally:
        ctx.close()


def test_the_page_data_carries_the_one_month_pattern(server: str,
                                                    context: tuple[BrowserContext, Requests]
                                                    ) -> None:
    from pyqualify.months import MONTH_SPELLINGS

    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    data = json.loads(page.text_content("#page-data"))
    assert data["month_pattern"] == MONTH_SPELLINGS
    assert data["max_horizon"] == 480
