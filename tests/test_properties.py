"""Properties of the clingo engine, checked on random applicants (hypothesis)."""

from __future__ import annotations

import copy
import json
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import pyqualify
from pyqualify.cli import main
from pyqualify.months import format_month, parse_month
from tests.builders import verdicts
from tests.reference.eligibility import reference_check
from tests.strategies import applicants, rule_params

MANY = settings(max_examples=500, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@MANY
@given(applicants(), rule_params(partial=True))
def test_agrees_with_the_pure_python_reference(data: dict[str, Any],
                                               params: dict[str, Any]) -> None:
    expected = reference_check(data, params)
    assert verdicts(data, **params) == expected


def all_routes(data: dict[str, Any], params: dict[str, Any]) -> set[str]:
    result = pyqualify.check(pyqualify.parse_applicant(data), params=params)
    return {route for level in result.levels for route in level.routes}


@SOME
@given(applicants(), applicants(), rule_params(partial=True),
       st.sampled_from(["work", "diplomas", "trainings", "certificates"]), st.data())
def test_adding_a_record_never_removes_a_route(data: dict[str, Any], donor: dict[str, Any],
                                               params: dict[str, Any], key: str,
                                               draw: st.DataObject) -> None:
    assume(donor.get(key))
    record = draw.draw(st.sampled_from(donor[key]))
    bigger = copy.deepcopy(data)
    bigger[key] = [*(bigger.get(key) or []), record]
    assert all_routes(data, params) <= all_routes(bigger, params)


def shifted(data: dict[str, Any], k: int) -> dict[str, Any]:
    """Every month of the applicant moved by k months."""
    def move(month: str | None) -> str | None:
        return None if month is None else format_month(parse_month(month) + k)

    moved = copy.deepcopy(data)
    moved["as_of"] = move(moved["as_of"])
    for key, fields in (("diplomas", ["graduation"]), ("work", ["start", "end"]),
                        ("trainings", ["completed"]), ("certificates", ["obtained"])):
        for record in moved.get(key) or []:
            for field in fields:
                if field in record:
                    record[field] = move(record[field])
    return moved


@SOME
@given(applicants(), rule_params(partial=True), st.integers(-300, 300))
def test_shifting_every_date_changes_nothing(data: dict[str, Any], params: dict[str, Any],
                                             k: int) -> None:
    try:
        moved = shifted(data, k)
        pyqualify.parse_applicant(moved)
    except (ValueError, pyqualify.InputError):
        assume(False)  # moved out of 1950-2100
    before, after = verdicts(data, **params), verdicts(moved, **params)
    assert after.pop("as_of") == format_month(parse_month(before.pop("as_of")) + k)
    assert after == before


# --- corrupt input never gives a traceback ----------------------------------------------------

JUNK = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(),
                 st.text(max_size=12), st.lists(st.integers(), max_size=2),
                 st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
                 st.sampled_from(["2019-13", "2019/07", "July 2019", "1949-12", "2101-01",
                                  "5", "same", "preparatory_technician", ""]))


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside nested dicts and lists."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


@st.composite
def corrupted(draw: st.DrawFn) -> str:
    data = draw(applicants())
    target = draw(st.sampled_from(paths(data)))
    how = draw(st.sampled_from(["replace", "delete", "add_key", "text"]))
    if how == "text":
        text = json.dumps(data, ensure_ascii=False)
        cut = draw(st.integers(0, len(text)))
        return text[:cut] + draw(st.text(max_size=3)) + text[cut + 1:]
    if not target:
        return json.dumps(draw(JUNK))
    parent = data
    for step in target[:-1]:
        parent = parent[step]
    last = target[-1]
    if how == "delete":
        del parent[last]
    elif how == "add_key" and isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=6))] = draw(JUNK)
    else:
        parent[last] = draw(JUNK)
    return json.dumps(data, ensure_ascii=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupted(), st.sampled_from(["json", "yaml"]))
def test_corrupt_files_exit_0_or_2_without_traceback(tmp_path_factory: Any, text: str,
                                                     suffix: str) -> None:
    path = tmp_path_factory.mktemp("corrupt") / f"applicant.{suffix}"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:
        assert result.stderr.startswith("pyqualify: error: ")
