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


@pytest.mark.parametrize("c_api", [True, False])
def test_shown_parts_read_every_kind_of_argument(monkeypatch: pytest.MonkeyPatch,
                                                 c_api: bool) -> None:
    if not c_api:
        monkeypatch.setattr(asp, "_C", None)
    program = asp.Program([])
    program.control.add("base", [], 'p(1, "L4-1", ongoing, -3). q("a,b", f(2), "x\\"y"). '
                                    'r. s("全媒体"). #show p/4. #show q/3. #show r/0. #show s/1.')
    program.ground()
    for _ in range(2):  # the second time from what the first read (the C API's cache)
        parts = sorted(program.shown_parts(), key=lambda part: part[0])
        assert parts == [("p", 1, ("L4-1", "ongoing", -3)),
                         ("q", "a,b", ("f", 'x"y')),  # as arguments(): a function by its name
                         ("r", None, ()), ("s", "全媒体", ())]
