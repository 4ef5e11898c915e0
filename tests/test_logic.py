"""ASP unit tests of logic/rules.lp alone: the clauses on hand-written state atoms.

For every route, a minimal state at one point admits it, and taking away any one of
its facts makes it fail with an `unmet` condition: each fact is needed, and together
they suffice.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import clingo
import pytest

from pyqualify.asp import constants, logic_file
from pyqualify.clauses import since_level
from pyqualify.levels import route_level, route_order
from pyqualify.params import RuleParams, rule_defaults

MINIMAL: dict[str, list[str]] = {
    "L4-1": ["work(p,36)"],
    "L4-2": ["work(p,12)", "training(p,40)"],
    "L4-3a": ["diploma(p,technical_school,related,none,graduating)"],
    "L4-3b": ["diploma(p,secondary_vocational,related,intermediate,graduated)"],
    "L4-3c": ["diploma(p,bachelor,same,none,graduating)"],
    "L3-1a": ["holds(p,4)", "diploma(p,technician_college,unrelated,none,graduating)"],
    "L3-1b": ["holds(p,4)", "diploma(p,higher_vocational,same,advanced,graduating)"],
    "L3-2": ["diploma(p,junior_college,related,none,graduated)", "holds(p,4)",
             "work_since(p,4,24)"],
    "L2-1": ["holds(p,3)", "work_since(p,3,36)"],
    "L2-2a": ["diploma(p,advanced_technical_school,unrelated,none,graduated)", "holds(p,3)",
              "work(p,36)"],
    "L2-2b": ["diploma(p,technician_college,unrelated,none,graduated)",
              "holds(p,preparatory_technician)", "work(p,24)"],
    "L1-1": ["holds(p,2)", "work_since(p,2,48)"],
}
POINT = ["point(p)", "explains(p)", "asks(p,1)", "asks(p,2)", "asks(p,3)", "asks(p,4)",
         "education(p,high_school)"]


def rules_alone(params: dict[str, int | bool] | None = None) -> clingo.Control:
    """A Control with logic/rules.lp (which includes params.lp), and nothing else, loaded."""
    args = [f"-c{name}={str(value).lower()}" for name, value in (params or {}).items()]
    control = clingo.Control(["--warn=none", *args])
    control.load(logic_file("rules"))
    return control


def solve(facts: list[str]) -> set[str]:
    """The atoms admits/eligible/unmet of rules.lp (with params.lp) over the given facts."""
    control = rules_alone(RuleParams.default().as_dict())
    with control.backend() as backend:
        for fact in facts:
            backend.add_rule([backend.add_atom(clingo.parse_term(fact))])
    control.ground([("base", [])])
    atoms: set[str] = set()
    control.solve(on_model=lambda model: atoms.update(
        str(s) for s in model.symbols(atoms=True)
        if s.name in ("admits", "eligible", "unmet")))
    return atoms


@pytest.mark.parametrize("route", sorted(MINIMAL))
def test_minimal_state_admits_the_route(route: str) -> None:
    atoms = solve(POINT + MINIMAL[route])
    assert f'admits(p,"{route}")' in atoms
    assert f"eligible(p,{route[1]})" in atoms
    assert not any(a.startswith(f'unmet(p,"{route}"') for a in atoms)


@pytest.mark.parametrize(("route", "index"),
                         [(r, i) for r, facts in sorted(MINIMAL.items())
                          for i in range(len(facts))])
def test_every_fact_of_the_minimal_state_is_needed(route: str, index: int) -> None:
    facts = [f for i, f in enumerate(MINIMAL[route]) if i != index]
    atoms = solve(POINT + facts)
    assert f'admits(p,"{route}")' not in atoms
    assert any(a.startswith(f'unmet(p,"{route}"') for a in atoms)


def test_routes_of_the_rules_file_are_exactly_the_twelve() -> None:
    control = rules_alone()
    control.ground([("base", [])])
    routes = {str(a.symbol.arguments[0].string) for a in
              control.symbolic_atoms.by_signature("route", 2)}
    assert routes == set(MINIMAL)


def test_a_counting_condition_names_the_level_of_its_certificate() -> None:
    control = clingo.Control(["--warn=none"])
    control.load(logic_file("check"))
    control.ground([("base", [])])
    since = {a.symbol.arguments[0].name: a.symbol.arguments[1].number
             for a in control.symbolic_atoms.by_signature("since_certificate", 2)}
    assert since == {f"work_since_level{level}": level for level in (4, 3, 2)}
    assert all(since_level(condition) == level for condition, level in since.items())
    assert since_level("work") is None and since_level("training") is None


def test_a_route_id_names_the_level_of_its_route_fact() -> None:
    control = rules_alone()
    control.ground([("base", [])])
    levels = {a.symbol.arguments[0].string: a.symbol.arguments[1].number
              for a in control.symbolic_atoms.by_signature("route", 2)}
    assert levels and all(route_level(route) == level for route, level in levels.items())
    assert sorted(levels, key=route_order)[:2] == ["L4-1", "L4-2"]


def test_education_gates_eligibility_but_not_admission() -> None:
    facts = ["point(p)", "asks(p,4)", "education(p,junior_middle)", "work(p,36)"]
    atoms = solve(facts)
    assert 'admits(p,"L4-1")' in atoms and "eligible(p,4)" not in atoms


def test_the_entry_file_of_check_runs_in_clingo_alone(tmp_path: Path) -> None:
    """logic/ is composed by #include: clingo runs an entry file with an applicant's facts."""
    facts = tmp_path / "facts.lp"
    facts.write_text("applicant(a). as_of(a, 24322). education_record(a, high_school).\n"
                     "work_record(a, 0, 24200, ongoing, same).\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "clingo", logic_file("check"), str(facts)],
                         capture_output=True, text=True, cwd=tmp_path, check=False)
    assert run.returncode in (0, 10, 30), run.stderr   # answered (the module exits 0)
    assert 'admits(a,"L4-1")' in run.stdout and "eligible(a,4)" in run.stdout
    assert "eligible(a,3)" not in run.stdout and "warning" not in run.stderr


@pytest.mark.parametrize("name", ["params", "check", "audit", "planner"])
def test_the_const_lines_are_read_as_clingo_reads_them(name: str) -> None:
    read = constants(name)
    control = clingo.Control(["--warn=none"])
    control.load(logic_file(name))
    for constant, value in read.items():
        symbol = control.get_const(constant)
        assert symbol is not None and str(symbol) == str(value), constant
    assert name != "params" or set(read) == set(rule_defaults())
