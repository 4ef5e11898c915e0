"""Sanity tests of the pure-Python reference: the spec examples and hand-made boundaries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings

try:
    from tests.reference.eligibility import RULE_DEFAULTS, reference_check
    from tests.strategies import applicants, rule_params
except ImportError:  # tests/ itself is on sys.path (pytest's rootdir-less "prepend" mode)
    from reference.eligibility import RULE_DEFAULTS, reference_check
    from strategies import applicants, rule_params

# The spec's examples, as copied into the repository (tests/test_examples_copy.py keeps the
# copy equal to ../shared/spec/examples whenever that folder is present).
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

needs_spec = pytest.mark.skipif(
    not (EXAMPLES / "expected.json").is_file(),
    reason=f"spec examples not found at {EXAMPLES} (expected <repo>/../shared/spec)",
)


def _expected() -> dict[str, Any]:
    if not (EXAMPLES / "expected.json").is_file():
        return {}
    return json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


def _level(result: dict[str, Any], level: int) -> dict[str, Any]:
    return next(entry for entry in result["levels"] if entry["level"] == level)


def _routes(applicant: dict[str, Any], level: int, **params: Any) -> list[str]:
    return _level(reference_check(applicant, params or None), level)["routes"]


# --- the five spec examples --------------------------------------------------------------------


@needs_spec
@pytest.mark.parametrize("name", sorted(_expected()) or ["<no examples>"])
def test_spec_example(name: str) -> None:
    expected = _expected()[name]["check"]
    applicant = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    result = reference_check(applicant)
    assert result["as_of"] == str(applicant["as_of"])
    assert result["education_ok"] == expected["education_ok"]
    assert result["levels"] == expected["levels"]


# --- hand-made boundaries ----------------------------------------------------------------------

AS_OF = "2026-11"


def _work_since(start: str, occupation: str = "same") -> dict[str, Any]:
    return {"start": start, "occupation": occupation}


def test_defaults_shape() -> None:
    result = reference_check({"as_of": AS_OF, "education": "none"})
    assert result == {
        "as_of": AS_OF,
        "education_ok": False,
        "levels": [
            {"level": lv, "held": False, "eligible": False, "routes": []} for lv in (4, 3, 2, 1)
        ],
    }
    assert set(RULE_DEFAULTS) >= {"l4_1_work_months", "graduating_window_months"}


def test_l4_1_exactly_36_months_vs_35() -> None:
    # 2023-11 .. 2026-10 is 36 months; as_of itself does not count yet.
    base = {"as_of": AS_OF, "education": "high_school"}
    assert _routes({**base, "work": [_work_since("2023-11")]}, 4) == ["L4-1"]
    assert _routes({**base, "work": [_work_since("2023-12")]}, 4) == []
    # A closed record ending at as_of counts only up to as_of - 1.
    closed = {"start": "2023-12", "end": AS_OF, "occupation": "related"}
    assert _routes({**base, "work": [closed]}, 4) == []


def test_overlapping_and_unrelated_work_count_once() -> None:
    applicant = {
        "as_of": AS_OF,
        "education": "high_school",
        "work": [
            {"start": "2024-01", "end": "2025-12", "occupation": "same"},
            {"start": "2025-01", "end": "2026-06", "occupation": "related"},
            {"start": "2010-01", "occupation": "unrelated"},
        ],
    }
    # Union is 2024-01 .. 2026-06 = 30 months: not enough for L4-1 (36).
    assert _routes(applicant, 4) == []
    assert _routes(applicant, 4, l4_1_work_months=30) == ["L4-1"]
    assert _routes(applicant, 4, l4_1_work_months=31) == []


def test_l4_2_training_hours_are_not_added() -> None:
    training = {"hours": 40, "occupation": "same", "certificate": True, "completed": "2026-11"}
    base = {"as_of": AS_OF, "education": "high_school", "work": [_work_since("2025-11")]}
    assert _routes({**base, "trainings": [training]}, 4) == ["L4-2"]
    split = [{**training, "hours": 20}, {**training, "hours": 20}]
    assert _routes({**base, "trainings": split}, 4) == []
    assert _routes({**base, "trainings": [{**training, "occupation": "related"}]}, 4) == []
    assert _routes({**base, "trainings": [{**training, "completed": "2026-12"}]}, 4) == []
    assert _routes({**base, "trainings": [{**training, "certificate": False}]}, 4) == []
    short = {**base, "work": [_work_since("2025-12")], "trainings": [training]}  # 11 months
    assert _routes(short, 4) == []


def test_l4_3c_graduating_window_12_vs_13() -> None:
    def applicant(graduation: str) -> dict[str, Any]:
        diploma = {"kind": "bachelor", "major": "related", "graduation": graduation}
        return {"as_of": AS_OF, "education": "none", "diplomas": [diploma]}

    at_12 = reference_check(applicant("2027-11"))  # as_of + 12: graduating
    assert at_12["education_ok"] is True
    assert _level(at_12, 4) == {"level": 4, "held": False, "eligible": True, "routes": ["L4-3c"]}
    at_13 = reference_check(applicant("2027-12"))  # as_of + 13: merely enrolled
    assert at_13["education_ok"] is False
    assert _level(at_13, 4)["routes"] == []
    # The window is a parameter.
    assert _routes(applicant("2027-12"), 4, graduating_window_months=13) == ["L4-3c"]
    assert _routes(applicant("2026-12"), 4, graduating_window_months=0) == []
    assert _routes(applicant(AS_OF), 4, graduating_window_months=0) == ["L4-3c"]


def test_l4_3b_needs_graduated_and_intermediate() -> None:
    diploma = {
        "kind": "secondary_vocational",
        "major": "related",
        "skill_target": "intermediate",
        "graduation": AS_OF,
    }
    base = {"as_of": AS_OF, "education": "high_school"}
    assert _routes({**base, "diplomas": [diploma]}, 4) == ["L4-3b"]
    assert _routes({**base, "diplomas": [{**diploma, "graduation": "2026-12"}]}, 4) == []
    assert _routes({**base, "diplomas": [{**diploma, "skill_target": "advanced"}]}, 4) == []


def test_i2_higher_tier_technical_school() -> None:
    diploma = {"kind": "technician_college", "major": "same", "graduation": "2020-06"}
    applicant = {"as_of": AS_OF, "education": "high_school", "diplomas": [diploma]}
    assert _routes(applicant, 4) == ["L4-3a"]
    assert _routes(applicant, 4, higher_tier_counts_as_technical_school=False) == []
    plain = {**applicant, "diplomas": [{**diploma, "kind": "technical_school"}]}
    assert _routes(plain, 4, higher_tier_counts_as_technical_school=False) == ["L4-3a"]


def test_i1_l3_1b_with_and_without_level_4() -> None:
    diploma = {
        "kind": "higher_vocational",
        "major": "same",
        "skill_target": "advanced",
        "graduation": "2027-06",
    }
    applicant = {"as_of": AS_OF, "education": "high_school", "diplomas": [diploma]}
    assert _routes(applicant, 3) == []  # I1 on (default): the level-4 certificate is missing
    assert _routes(applicant, 3, l3_1b_requires_l4=False) == ["L3-1b"]
    cert = {"level": 4, "occupation": "related", "obtained": AS_OF}
    with_l4 = {**applicant, "certificates": [cert]}
    assert _routes(with_l4, 3) == ["L3-1b"]
    assert _routes(with_l4, 3, l3_1b_requires_l4=False) == ["L3-1b"]
    # A level-4 certificate dated after as_of (awaited) does not count yet.
    awaited = {**applicant, "certificates": [{**cert, "obtained": "2026-12"}]}
    assert _routes(awaited, 3) == []
    assert _level(reference_check(awaited), 4)["held"] is False


def test_l3_2_counts_from_earliest_level_4_certificate() -> None:
    applicant = {
        "as_of": AS_OF,
        "education": "high_school",
        "diplomas": [{"kind": "junior_college", "major": "same", "graduation": "2020-06"}],
        "work": [_work_since("2020-07")],
        "certificates": [
            {"level": 4, "occupation": "same", "obtained": "2025-06"},
            {"level": 4, "occupation": "related", "obtained": "2024-11"},  # earliest: 24 months
            {"level": 4, "occupation": "unrelated", "obtained": "2019-01"},  # never counts
        ],
    }
    assert _routes(applicant, 3) == ["L3-2"]
    assert _routes(applicant, 3, l3_2_work_months=25) == []


def test_level_2_and_1_certificate_routes() -> None:
    work = [_work_since("2015-01")]
    l3_applicant = {
        "as_of": AS_OF,
        "education": "high_school",
        "work": work,
        "certificates": [{"level": 3, "occupation": "same", "obtained": "2023-11"}],
    }
    assert _routes(l3_applicant, 2) == ["L2-1"]  # exactly 36 months since 2023-11
    l3_later = {
        **l3_applicant,
        "certificates": [{**l3_applicant["certificates"][0], "obtained": "2023-12"}],
    }
    assert _routes(l3_later, 2) == []
    # L2-2a counts work in total, but needs a graduated advanced-technical diploma.
    ats = {"kind": "advanced_technical_school", "major": "unrelated", "graduation": "2014-06"}
    assert _routes({**l3_later, "diplomas": [ats]}, 2) == ["L2-2a"]
    ats_future = {**ats, "graduation": "2027-06"}
    assert _routes({**l3_later, "diplomas": [ats_future]}, 2) == []
    l2 = {
        "as_of": AS_OF,
        "education": "high_school",
        "work": work,
        "certificates": [{"level": 2, "occupation": "same", "obtained": "2022-11"}],
    }
    assert _routes(l2, 1) == ["L1-1"]  # exactly 48 months
    assert _routes(l2, 1, l1_1_work_months=49) == []


def test_l2_2b_preparatory_technician() -> None:
    applicant = {
        "as_of": AS_OF,
        "education": "high_school",
        "diplomas": [{"kind": "technician_college", "major": "unrelated", "graduation": "2024-06"}],
        "work": [_work_since("2024-11")],  # exactly 24 months
        "certificates": [
            {"level": "preparatory_technician", "occupation": "same", "obtained": "2024-06"}
        ],
    }
    assert _routes(applicant, 2) == ["L2-2b"]
    assert _routes({**applicant, "work": [_work_since("2024-12")]}, 2) == []
    ats = {
        **applicant,
        "diplomas": [{**applicant["diplomas"][0], "kind": "advanced_technical_school"}],
    }
    assert _routes(ats, 2) == []


def test_edu_and_i3() -> None:
    applicant = {"as_of": AS_OF, "education": "junior_middle", "work": [_work_since("2020-01")]}
    result = reference_check(applicant)
    assert result["education_ok"] is False
    assert _level(result, 4) == {"level": 4, "held": False, "eligible": False, "routes": ["L4-1"]}
    relaxed = reference_check(applicant, {"education_requirement": False})
    assert relaxed["education_ok"] is False
    assert _level(relaxed, 4)["eligible"] is True
    graduated = {
        **applicant,
        "diplomas": [
            {"kind": "secondary_vocational", "major": "unrelated", "graduation": "2019-06"}
        ],
    }
    assert reference_check(graduated)["education_ok"] is True


def test_unknown_param_is_refused() -> None:
    with pytest.raises(ValueError, match="l4_1_work_month"):
        reference_check({"as_of": AS_OF, "education": "none"}, {"l4_1_work_month": 1})


# --- the strategies produce answerable applicants ----------------------------------------------


@settings(max_examples=200, deadline=None)
@given(applicant=applicants(), params=rule_params(partial=True))
def test_reference_answers_random_applicants(
    applicant: dict[str, Any], params: dict[str, Any]
) -> None:
    result = reference_check(applicant, params)
    assert [entry["level"] for entry in result["levels"]] == [4, 3, 2, 1]
    for entry in result["levels"]:
        assert entry["routes"] == sorted(entry["routes"])
        assert all(r.startswith(f"L{entry['level']}-") for r in entry["routes"])
        if entry["eligible"]:
            assert entry["routes"]
