"""The quick way to clingo through its C API (``pyqualify.asp.fast``) gives the answers of
the public way it stands for: facts handed to the backend, models read."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyqualify.asp import Program, fast
from pyqualify.eligibility import check_many
from pyqualify.synthetic import synthetic_applicants


def test_the_c_api_is_in_use() -> None:
    assert fast._C is not None  # the clingo this project pins has it


@pytest.mark.parametrize("explain", [False, True])
def test_both_ways_give_the_same_answers(monkeypatch: pytest.MonkeyPatch,
                                         explain: bool) -> None:
    people = synthetic_applicants(150, seed=7)
    quick = [r.to_json() for r in check_many(people, explain=explain)]
    monkeypatch.setattr(fast, "_C", None)
    public = [r.to_json() for r in check_many(people, explain=explain)]
    assert quick == public
    assert any(level["eligible"] for doc in quick for level in doc["levels"])
    assert any(not level["eligible"] for doc in quick for level in doc["levels"])


def test_symbol_texts_are_str_of_each_symbol() -> None:
    import clingo

    symbols = [clingo.Number(-3), clingo.Function("ongoing"), clingo.String('a "b" \\ c, d'),
               clingo.String("全媒体" * 200),
               clingo.Function("p", [clingo.Number(1), clingo.Function("q", [clingo.Number(2)]),
                                     clingo.String("L4-1")]),
               clingo.Function("", [clingo.Number(1), clingo.Number(2)]), clingo.Infimum,
               clingo.Function("x", [], False)]
    assert fast.symbol_texts(symbols) == [str(s) for s in symbols]
    assert fast.symbol_texts([]) == []


@pytest.mark.parametrize("c_api", [True, False])
def test_model_atoms_read_every_kind_of_argument(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path, c_api: bool) -> None:
    if not c_api:
        monkeypatch.setattr(fast, "_C", None)
    source = tmp_path / "p.lp"
    source.write_text('p(1, "L4-1", ongoing, -3). v(#inf, #sup). q("a,b", f(2), "x\\"y"). '
                      'r. s("全媒体"). t(X) :- u(X). '
                      '#show p/4. #show q/3. #show r/0. #show s/1. #show t/1.',
                      encoding="utf-8")
    program = Program(source)
    program.fact("u", 7)
    program.fact("u", "ongoing")
    program.ground()
    for _ in range(2):  # the second time from what the first read (the C API's cache)
        parts = sorted(program.first(), key=lambda part: (part[0], str(part[1])))
        assert parts == [("p", 1, ("L4-1", "ongoing", -3)),
                         # a function term with arguments as (name, *arguments)
                         ("q", "a,b", (("f", 2), 'x"y')),
                         ("r", None, ()), ("s", "全媒体", ()), ("t", 7, ()),
                         ("t", "ongoing", ())]
    every = {part[0] for part in program.first(shown=False)}
    assert every == {"p", "q", "r", "s", "t", "u", "v"}
    assert ("v", "#inf", ("#sup",)) in program.first(shown=False)


def test_a_bool_is_no_argument_of_a_fact(monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    monkeypatch.setattr(fast, "_C", None)
    source = tmp_path / "p.lp"
    source.write_text("#show u/1.", encoding="utf-8")
    program = Program(source)
    program.fact("u", True)
    with pytest.raises(TypeError):
        program.ground()


def test_the_caches_of_atoms_may_be_cleared_between_models(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache cleared while a model is read (a batch past its size) loses no atom: the
    answers of many chunks equal those of a cache that is never full."""
    people = synthetic_applicants(120, seed=5)
    expected = [r.to_json() for r in check_many(people, explain=False)]
    monkeypatch.setattr(fast, "_CACHE_MAX", 50)
    fast._PARTS.clear()
    chunks = [people[i:i + 7] for i in range(0, len(people), 7)]
    found = [r.to_json() for chunk in chunks for r in check_many(chunk, explain=False)]
    assert found == expected
