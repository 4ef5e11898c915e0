"""The quick ways of ``batch --no-explain`` (issue 9) give exactly what the whole way gives.

* A JSON line of the common shape skips the loader's inspection and the field-by-field
  validation (``pyqualify.applicant._quick_applicant``): for any line, valid or hostile, the
  applicant or the error (its path, its text in both languages, the id it names) must be
  those of the whole way (``parse_json_line`` then ``parse_applicant``).
* A check result is written from cached pieces (``CheckResult.json_text``): the same
  characters as encoding ``to_json()``, and a batch line the same as the JSON text of its
  document (``Record.json_line``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyqualify.applicant import (
    InputError,
    _quick_applicant,
    applicant_from_line,
    parse_applicant,
)
from pyqualify.batch.records import Record
from pyqualify.eligibility import check_many
from pyqualify.jsontext import json_text
from pyqualify.loader import parse_json_line
from pyqualify.synthetic import synthetic_lines

try:
    from tests.strategies import NASTY_IDS, applicants, months, rule_params
    from tests.test_fuzz import mutated
except ImportError:  # tests/ itself on sys.path
    from strategies import NASTY_IDS, applicants, months, rule_params  # type: ignore[no-redef]
    from test_fuzz import mutated  # type: ignore[no-redef]

SOME = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])
ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def whole_way(raw: bytes, first: bool = False) -> Any:
    """What applicant_from_line gave before the quick way: the loader, then the rules."""
    data = None
    try:
        data = parse_json_line(raw, first=first)
        return parse_applicant(data)
    except InputError as exc:
        ident = data.get("id") if isinstance(data, dict) else None
        if isinstance(ident, str) and len(ident) <= 200:
            exc.applicant_id = ident
        return exc


def outcome(loaded: Any) -> Any:
    if isinstance(loaded, InputError):
        return ("error", loaded.path, loaded.text("en"), loaded.text("zh"),
                loaded.applicant_id)
    return loaded


def same_as_whole_way(raw: bytes, first: bool = False) -> Any:
    quick = applicant_from_line(raw, first=first)
    assert outcome(quick) == outcome(whole_way(raw, first)), raw[:300]
    return quick


def test_the_synthetic_population_takes_the_quick_way() -> None:
    for line in synthetic_lines(300, seed=3):
        doc = json.loads(line)
        quick = _quick_applicant(doc)
        assert quick is not None and quick == parse_applicant(doc)
        same_as_whole_way(line.encode())


@SOME
@given(applicants(as_of=months("1990-01", "2060-12")))
def test_valid_applicants_are_read_alike(doc: dict[str, Any]) -> None:
    quick = _quick_applicant(doc)
    assert quick is None or quick == parse_applicant(doc)
    same_as_whole_way(json.dumps(doc, ensure_ascii=False).encode())


@SOME
@given(mutated(), st.booleans())
def test_mutated_lines_are_read_alike(doc: Any, ascii_only: bool) -> None:
    try:
        line = json.dumps(doc, ensure_ascii=ascii_only)
    except ValueError:
        return  # a number too long for json to write
    same_as_whole_way(line.encode("utf-8", "surrogatepass"))


BASE = ('{"id": "a", "as_of": "2026-11", "education": "high_school", "diplomas": '
        '[{"kind": "bachelor", "major": "same", "graduation": "2019-06"}], "work": '
        '[{"start": "2019-07", "end": null, "occupation": "same"}], "trainings": '
        '[{"hours": 40, "occupation": "same", "certificate": true, "completed": "2020-01"}], '
        '"certificates": [{"level": 4, "occupation": "same", "obtained": "2021-01"}]}')
HOSTILE = [
    BASE,
    BASE.replace('"education": "high_school"', '"education": "高中"'),        # an alias
    BASE.replace('"education": "high_school"', '"education": " high_school"'),
    BASE.replace('{"id": "a",', '{"id": "a", "id": "b",'),                  # duplicate keys
    BASE.replace('"major": "same"', '"major": "same", "major": "related"'),
    BASE.replace('"start": "2019-07"', '"start": "2019-07", "start": "2019-08"'),
    BASE.replace('"id": "a"', '"id": "\\ud800"'),                            # lone surrogates
    BASE.replace('"id": "a"', '"id\\udc80": "a"'),
    BASE.replace('"same", "certificate"', '"s\\ud800", "certificate"'),
    BASE.replace('"hours": 40', '"hours": 1' + "0" * 50),                   # big numbers
    BASE.replace('"hours": 40', '"hours": 1' + "0" * 30),
    BASE.replace('"hours": 40', '"hours": NaN'),
    BASE.replace('"hours": 40', '"hours": Infinity'),
    BASE.replace('"hours": 40', '"hours": 40.0'),
    BASE.replace('"hours": 40', '"hours": true'),
    BASE.replace('"hours": 40', '"hours": 10001'),
    BASE.replace('"hours": 40', '"hours": 10000'),
    BASE.replace('"hours": 40', '"hours": -1'),
    BASE.replace('"certificate": true', '"certificate": 1'),
    BASE.replace('"level": 4', '"level": "预备技师"'),
    BASE.replace('"level": 4', '"level": "preparatory_technician"'),
    BASE.replace('"level": 4', '"level": 4.0'),
    BASE.replace('"level": 4', '"level": true'),
    BASE.replace('"level": 4', '"level": 5'),
    BASE.replace('"level": 4', '"level": "4"'),
    BASE.replace('"as_of": "2026-11"', '"as_of": "2026-13"'),
    BASE.replace('"as_of": "2026-11"', '"as_of": "１９９９-01"'),
    BASE.replace('"as_of": "2026-11"', '"as_of": "1949-12"'),
    BASE.replace('"as_of": "2026-11"', '"as_of": 202611'),
    BASE.replace('"as_of": "2026-11"', '"as_of": null'),
    BASE.replace('"end": null', '"end": "2019-06"'),                         # before start
    BASE.replace('"end": null', '"end": "2019-07"'),
    BASE.replace(', "end": null', ''),
    BASE.replace('"graduation": "2019-06"', '"graduation": "2019-06", "mode": null'),
    BASE.replace('"graduation": "2019-06"', '"graduation": "2019-06", "skill_target": 1'),
    BASE.replace('"graduation": "2019-06"', '"graduation": "2019-06", "x": 1'),
    BASE.replace('"kind": "bachelor", ', ''),                                 # missing keys
    BASE.replace('"education": "high_school", ', ''),
    BASE.replace('"trainings": [', '"trainings": [[], '),
    BASE.replace('"work": [', '"work": {"a": ['),
    BASE.replace('"diplomas": [', '"diplomas": [' + "[" * 40) + "]" * 40,
    BASE.replace('"id": "a"', '"id": "' + "x" * 200 + '"'),
    BASE.replace('"id": "a"', '"id": "' + "x" * 201 + '"'),
    BASE.replace('"id": "a"', '"id": "张三\\u2028\\u0000\\"\\\\"'),
    BASE.replace('"id": "a"', '"id": 7'),
    BASE.replace('"id": "a"', '"id": null'),
    BASE.replace('"id": "a"', '"extra": "a"'),
    '{"education": "none", "work": [' + ", ".join(
        ['{"start": "2020-01", "occupation": "same"}'] * 100) + "]}",
    '{"education": "none", "work": [' + ", ".join(
        ['{"start": "2020-01", "occupation": "same"}'] * 101) + "]}",
    '{"education": "none", "diplomas": null, "work": null, "trainings": null, '
    '"certificates": null}',
    '{"education": "none"}', "{}", "[]", "null", '"x"', "1", "", "   ", "{", "\ufeff{}",
]


@pytest.mark.parametrize("line", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_lines_are_read_alike(line: str) -> None:
    raw = line.encode("utf-8")
    same_as_whole_way(raw)
    same_as_whole_way(raw, first=True)
    same_as_whole_way(b"\xef\xbb\xbf" + raw, first=True)


def test_not_utf8_and_long_numbers_keep_their_messages() -> None:
    for raw in (b'{"education": "none", "id": "\xff"}', b"\xff", b"9" * 5000,
                BASE.encode().replace(b'"hours": 40', b'"hours": ' + b"9" * 5000)):
        assert isinstance(same_as_whole_way(raw), InputError)


# --- writing ---------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(applicants(as_of=months("1990-01", "2060-12")), min_size=1, max_size=6),
       rule_params(partial=True), st.booleans())
def test_json_text_is_the_encoded_document(docs: list[dict[str, Any]],
                                           params: dict[str, Any], explain: bool) -> None:
    people = [parse_applicant(doc) for doc in docs]
    for result in check_many(people, params=params, explain=explain):
        assert result.json_text() == ENCODE(result.to_json())


def test_batch_lines_are_written_alike() -> None:
    people = [parse_applicant(json.loads(line)) for line in synthetic_lines(400, seed=4)]
    named = [parse_applicant({"id": ident, "education": "high_school", "as_of": "2026-11"})
             for ident in NASTY_IDS]
    named.append(parse_applicant({"education": "none", "as_of": "2026-11"}))  # no id
    results = check_many(people + named, explain=False)
    for number, result in enumerate(results, start=1):
        record: dict[str, Any] = {"line": number}
        if number % 3 == 0:   # a spreadsheet row (a sheet's name may be any text)
            record.update(row=number + 1, sheet=["applicants", "表 1", "x\ud800"][number % 9 // 3])
        if result.applicant.id is not None:
            record["id"] = result.applicant.id
        whole = json_text({**record, "ok": True, "check": result.to_json()})
        kept = Record(record)
        kept.checked(result, keep=True)
        assert kept.json_line() == whole and kept.document() == json.loads(whole)


def test_a_refused_line_leaves_no_reference_cycle() -> None:
    """The error of a refused line is kept in its record: it must hold no traceback or
    replaced exception, whose frames would make a cycle with the caller's (a batch of
    bad lines would then grow until the cycle collector runs)."""
    import gc

    from pyqualify.batch.work import _load_line  # holds the error in a local, as callers do

    gc.collect()
    gc.disable()
    try:
        records = [_load_line(number, line.encode(), lang="en")[0]
                   for number, line in enumerate(HOSTILE, start=1)]
        assert sum(not record.keys.get("ok", True) for record in records) > 30
        del records
        assert gc.collect() == 0
    finally:
        gc.enable()
