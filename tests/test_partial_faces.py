"""Facts not known, at the boundary of each route and through the faces (docs/partial.md).

Each route is met exactly at its threshold with one of its facts unknown: the level depends
on that fact; one month (or hour) short, it is "no" whatever the fact is.  Then the command
line (zh and en, JSON) and the API answer the worked example of the README.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pyqualify import check
from pyqualify.applicant import parse_applicant
from pyqualify.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "unsure-graduate.yaml"
AS_OF = "2026-11"            # 24322; "2023-11" is 36 months before it


def months_before(n: int) -> str:
    total = 2026 * 12 + 10 - n
    return f"{total // 12}-{total % 12 + 1:02d}"


def level(doc: dict[str, Any], n: int) -> dict[str, Any]:
    found = check(parse_applicant({"as_of": AS_OF, **doc}), explain=False).to_json()
    return next(item for item in found["levels"] if item["level"] == n)


def work(months: int, occupation: str = "same") -> list[dict[str, Any]]:
    """A job of exactly ``months`` relevant months before as_of."""
    return [{"start": months_before(months), "end": months_before(1), "occupation": occupation}]


CASES = {
    # route: (level, the file at the threshold with one fact unknown, the same one short,
    #         the field that decides)
    "L4-1": (4, lambda k: {"education": "high_school", "work": work(36 - k, "unknown")},
             "work[0].occupation"),
    "L4-2": (4, lambda k: {"education": "high_school", "work": work(12),
                           "trainings": [{"hours": 40 - k, "occupation": "same",
                                          "certificate": "unknown", "completed": "2025-01"}]},
             "trainings[0].certificate"),
    "L4-3c": (4, lambda k: {"education": "high_school", "diplomas": [
        {"kind": "junior_college", "major": "unknown",
         "graduation": months_before(-12 - k)}]}, "diplomas[0].major"),
    "L3-2": (3, lambda k: {"education": "high_school", "work": work(24 - k),
                           "diplomas": [{"kind": "bachelor", "major": "unknown",
                                         "graduation": "2015-06"}],
                           "certificates": [{"level": 4, "occupation": "same",
                                             "obtained": months_before(24)}]},
             "diplomas[0].major"),
    "L2-1": (2, lambda k: {"education": "high_school", "work": work(36 - k),
                           "certificates": [{"level": 3, "occupation": "unknown",
                                             "obtained": months_before(36)}]},
             "certificates[0].occupation"),
    "L1-1": (1, lambda k: {"education": "high_school", "work": work(48 - k),
                           "certificates": [{"level": 2, "occupation": "unknown",
                                             "obtained": months_before(48)}]},
             "certificates[0].occupation"),
    "EDU": (4, lambda k: {"education": "unknown", "work": work(36 - k)}, "education"),
}


@pytest.mark.parametrize("route", sorted(CASES))
def test_at_the_threshold_a_route_depends_on_its_unknown_fact(route: str) -> None:
    n, file, field = CASES[route]
    at = level(file(0), n)
    assert at["verdict"] == "depends" and at["eligible"] is False
    assert field in [item["field"] for item in at["depends_on"]]
    if route != "EDU":
        assert route in at["possible_routes"]
    short = level(file(1), n)
    assert short["verdict"] == "no" and "depends_on" not in short


def test_known_at_the_threshold_is_yes() -> None:
    assert level({"education": "high_school", "work": work(36)}, 4)["verdict"] == "yes"
    assert level({"education": "high_school", "work": work(35)}, 4)["verdict"] == "no"


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(("lang", "words"), [
    ("zh", ["? 取决于", "若第 1 条工作经历的职业是本职业（全媒体运营师）或相关职业，可凭 L4-1 报考",
            "按最不利的情况计算"]),
    ("en", ["? depends", "if the occupation of work record 1 is this occupation or a related "
            "occupation, you may apply by L4-1", "least favourable answer"])])
def test_the_report_says_depends_and_on_what(lang: str, words: list[str]) -> None:
    result = run("check", str(EXAMPLE), "--lang", lang)
    assert result.exit_code == 0, result.output
    for text in words:
        assert text in result.output


def test_the_json_of_check_and_path_carry_the_new_keys() -> None:
    result = run("check", str(EXAMPLE), "--format", "json")
    doc = json.loads(result.output)
    assert doc["unknowns"] == ["diplomas[0].major", "work[0].occupation"]
    four = doc["levels"][0]
    assert four["verdict"] == "depends" and four["possible_routes"] == ["L4-1", "L4-3c"]
    assert {d["field"]: d["routes"] for d in four["depends_on"]} == {
        "diplomas[0].major": ["L4-3c"], "work[0].occupation": ["L4-1"]}
    result = run("path", str(EXAMPLE), "--format", "json", "--target", "4")
    assert result.exit_code == 0, result.output
    path = json.loads(result.output)
    assert path["unknowns"] == doc["unknowns"] and path["reachable"] is True
    assert path["best_case"] is not None and path["best_case"]["months"] < path["months"]
    # a 大专 of a related major may sit level 4 now (L4-3c): its certificate two months later
    assert path["best_case"]["months"] == 2
    assert path["best_case"]["assumes"] == {"diplomas[0].major": "same"}


def test_the_api_answers_the_same_documents() -> None:
    with warnings.catch_warnings():   # Starlette 1.x suggests httpx2; httpx works the same
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from pyqualify.web.app import create_app

    with TestClient(create_app(workers=1, time_limit=30)) as client:
        body = EXAMPLE.read_bytes()
        found = client.post("/api/check?no_explain", content=body)
        assert found.status_code == 200
        cli = json.loads(run("check", str(EXAMPLE), "--format", "json",
                             "--no-explain").output)
        assert found.json() == cli
        bad = client.post("/api/check", content=body.replace(b"unknown", b"unsure"))
        assert bad.status_code == 422
        assert bad.json()["error"]["field"] == "work[0].occupation"
