"""The page with facts a person is not sure of (docs/partial.md), in a real browser: every
enumeration of the eight fields offers 不确定, and a level that depends says on what."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext

from pyqualify import check
from pyqualify.applicant import parse_applicant
from tests.web_page import Requests, axe_violations, open_page, upload, wait_for_answers

pytestmark = pytest.mark.slow

UNSURE = {"as_of": "2026-11", "education": "high_school",
          "diplomas": [{"kind": "junior_college", "major": "不确定", "graduation": "2024-06"}],
          "work": [{"start": "2020-01", "end": "2022-12", "occupation": "unknown"}]}
UNSURE_FIELDS = ("major", "skill_target", "mode", "occupation", "certificate")


def unsure_file(tmp_path: Path) -> Path:
    path = tmp_path / "unsure.yaml"
    path.write_text(yaml.safe_dump(UNSURE, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_enumeration_that_may_be_unknown_offers_not_sure(
        server: str, lang: str, context: tuple[BrowserContext, Requests]) -> None:
    ctx, _ = context
    page = open_page(ctx, f"{server}/?lang={lang}")
    for section in ("diplomas", "work", "trainings", "certificates"):
        page.click(f"[data-testid=add-{section}]")
    label = "不确定" if lang == "zh" else "not sure"
    selects = page.eval_on_selector_all(
        "select[name]", "ss => ss.map(s => [s.name, [...s.options].map(o => [o.value, "
        "o.textContent])])")
    offered = {name for name, options in selects if ["unknown", label] in options}
    assert offered >= {"education", *UNSURE_FIELDS}
    # the diploma's kind and the certificate's level stay required (docs/partial.md)
    assert not {"kind", "level"} & offered


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_level_that_depends_says_on_which_fact(
        server: str, lang: str, tmp_path: Path, browser: Browser) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        page = open_page(ctx, f"{server}/?lang={lang}")
        upload(page, unsure_file(tmp_path))
        expected = check(parse_applicant(UNSURE))
        shown = page.eval_on_selector_all(
            "[data-testid=check-result] [data-level]",
            "items => items.map(i => [Number(i.dataset.level), i.dataset.verdict, "
            "i.dataset.eligible])")
        assert shown == [[a.level, a.verdict, str(a.eligible).lower()]
                         for a in expected.levels]
        card = page.locator("[data-testid=check-result] [data-level='4']")
        assert card.get_attribute("data-verdict") == "depends"
        items = card.locator("[data-testid=depends-on] li")
        assert items.count() == 2
        texts = items.all_inner_texts()
        if lang == "zh":
            assert "取决于" in card.inner_text()
            assert any("第 1 条工作经历" in t and "L4-1" in t for t in texts)
            assert any("第 1 份毕业证书的专业" in t and "L4-3c" in t for t in texts)
        else:
            assert "depends" in card.inner_text()
            assert any("work record 1" in t and "L4-1" in t for t in texts)
        unknowns = page.inner_text("[data-testid=unknowns]")
        assert ("第 1 条工作经历的职业" if lang == "zh" else "occupation of work record 1") \
            in unknowns
        assert axe_violations(page) == []
        # a changed answer gives a new verdict: the job was related after all
        page.select_option("select[data-field='work[0].occupation']", "related")
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=check-result] [data-level='4'][data-verdict=yes]")
        wait_for_answers(page)
        assert axe_violations(page) == []
    finally:
        ctx.close()


def test_the_path_says_it_holds_whatever_the_facts_and_how_fast_it_could_be(
        server: str, tmp_path: Path, context: tuple[BrowserContext, Requests]) -> None:
    from pyqualify import fastest_path

    ctx, _ = context
    page = open_page(ctx, f"{server}/")
    upload(page, unsure_file(tmp_path))
    expected = fastest_path(parse_applicant(UNSURE)).to_json()
    assert expected["best_case"] is not None
    note = page.locator("[data-testid=path-unknowns]")
    assert "无论不确定的事项是怎样都可行" in note.inner_text()
    best = page.locator("[data-testid=best-case]")
    assert best.get_attribute("data-certified") == expected["best_case"]["certified"]
    assert "第 1 " in best.inner_text() and str(expected["best_case"]["months"]) in \
        best.inner_text()
