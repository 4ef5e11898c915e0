"""The contracts in docs/ say what the code does: the clauses as rules.lp states them, every
parameter with its default, every name a document uses; and every docs/ file the project
cites exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pyqualify.clauses import clause_texts, rule_facts
from pyqualify.materials import MATERIALS
from pyqualify.params import SWITCH_IDS, rule_defaults

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("ident", sorted(clause_texts()))
def test_every_clause_is_quoted_as_rules_lp_writes_it(ident: str) -> None:
    zh, _ = clause_texts()[ident]
    rows = [line for line in doc("rules.md").splitlines() if line.startswith(f"| {ident} |")]
    assert len(rows) == 1 and zh in rows[0], ident


def test_every_condition_of_a_route_is_named_in_its_row() -> None:
    facts = rule_facts()
    text = doc("rules.md")
    for route, conditions in facts.conditions.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| {route} |"))
        for condition in conditions:
            assert f"`{condition}`" in row, (route, condition)


def test_every_parameter_and_switch_with_its_default() -> None:
    text = doc("rules.md")
    switches = {name: ident for ident, name in SWITCH_IDS.items()}
    for name, value in rule_defaults().items():
        if name in switches:
            assert f"| {switches[name]} `{name}` | {str(value).lower()} |" in text, name
        else:
            assert f"| `{name}` | {value} |" in text, name


def test_every_document_id_is_explained() -> None:
    text = doc("explanations.md")
    assert all(f"| `{material}` |" in text for material in MATERIALS)


def test_every_docs_file_the_project_cites_exists() -> None:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    cited: set[str] = set()
    for name in files:
        path = ROOT / name
        if path.suffix in {".py", ".lp", ".md", ".yaml", ".ipynb"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")   # the hostile corpus too
            cited.update(re.findall(r"docs/([a-z]+\.md)", text))
    assert {"rules.md", "input.md", "output.md", "planner.md", "explanations.md"} <= cited
    missing = sorted(name for name in cited if not (DOCS / name).is_file())
    assert missing == [], missing
