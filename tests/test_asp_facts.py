"""Facts reach clingo through its C API (pyqualify.asp._add_facts) or, should that be
unavailable, through the public Python API: both give the same answers."""

from __future__ import annotations

import pytest

from pyqualify import asp
from pyqualify.eligibility import check_many
from pyqualify.synthetic import synthetic_applicants


def test_the_c_api_is_in_use() -> None:
    assert asp._C is not None  # the clingo this project pins has it


@pytest.mark.parametrize("explain", [False, True])
def test_both_ways_of_handing_facts_give_the_same_answers(
        monkeypatch: pytest.MonkeyPatch, explain: bool) -> None:
    people = synthetic_applicants(150, seed=7)
    fast = [r.to_json() for r in check_many(people, explain=explain)]
    monkeypatch.setattr(asp, "_C", None)
    public = [r.to_json() for r in check_many(people, explain=explain)]
    assert fast == public
    assert any(level["eligible"] for doc in fast for level in doc["levels"])
    assert any(not level["eligible"] for doc in fast for level in doc["levels"])


def test_symbol_texts_are_str_of_each_symbol() -> None:
    import clingo

    symbols = [clingo.Number(-3), clingo.Function("ongoing"), clingo.String('a "b" \\ c, d'),
               clingo.String("全媒体" * 200),
               clingo.Function("p", [clingo.Number(1), clingo.Function("q", [clingo.Number(2)]),
                                     clingo.String("L4-1")]),
               clingo.Function("", [clingo.Number(1), clingo.Number(2)]), clingo.Infimum,
               clingo.Function("x", [], False)]
    assert asp.symbol_texts(symbols) == [str(s) for s in symbols]
    assert asp.symbol_texts([]) == []
