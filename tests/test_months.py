"""Months as people write them (docs/input.md) in every input: one parser, pyqualify.months.

Each spelling is read as the same month by a YAML file, a JSON file, a JSON line (the quick
way and the whole way), a CSV cell, an XLSX cell (text, number and date), an API body and
the options ``--as-of`` / ``as_of``; output always writes YYYY-MM; anything else is refused
with a message that shows the accepted form.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pyqualify.applicant import (
    InputError,
    _quick_applicant,
    applicant_from_line,
    load_applicant,
    parse_applicant,
)
from pyqualify.batch.table import _convert
from pyqualify.cli import main
from pyqualify.loader import parse_json_line, parse_text
from pyqualify.months import (
    MONTH_SPELLINGS,
    MonthError,
    format_month,
    month_schema_pattern,
    parse_month,
)

SPELLINGS = ["2021-06", "2021-6", "2021.06", "2021.6", "2021/06", "2021/6", "202106",
             "2021年6月", "2021年06月"]
REFUSED = ["2021-13", "2021-0", "2021-006", "20216", "2021年6", "2021-06 ", " 2021-06",
           "1949-12", "2101-01", "July 2019", "07/2019", "2021-06-01", "2019.13",
           "\uff12\uff10\uff12\uff11-06", "\u0662\u0660\u0662\u0661-06", "2021 - 06", "",
           "2021年6月1日", "2021-6\n", "2021_06"]
JUNE = 2021 * 12 + 5


@pytest.mark.parametrize("text", SPELLINGS)
def test_every_spelling_is_the_same_month(text: str) -> None:
    assert parse_month(text) == JUNE
    assert format_month(parse_month(text)) == "2021-06"


@pytest.mark.parametrize("text", REFUSED)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(MonthError):
        parse_month(text)


@pytest.mark.parametrize("text", ["2021-06-01", "2021/6/1", "2021/6/1 0:00", "2021.6.1",
                                  "2021年6月1日", "2021-06-30T00:00:00", "2021-06"])
def test_a_date_written_as_text_is_its_month_only_when_asked(text: str) -> None:
    assert parse_month(text, day=True) == JUNE


def test_refusals_show_the_accepted_form() -> None:
    for lang in ("en", "zh"):
        with pytest.raises(InputError) as raised:
            parse_applicant({"education": "none", "as_of": "June 2021"})
        message = raised.value.text(lang)
        assert "YYYY-MM" in message and "2019-07" in message and "2019.7" in message


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.sampled_from(SPELLINGS + REFUSED),
    st.from_regex(re.compile(MONTH_SPELLINGS), fullmatch=True),
    st.text(alphabet="0123456789-./年月 ", max_size=12),
))
def test_the_schema_pattern_is_the_parser(text: str) -> None:
    """The OpenAPI document and the page use this pattern: it accepts what the parser does."""
    try:
        parse_month(text)
        accepted = True
    except MonthError:
        accepted = False
    ecma = month_schema_pattern().replace("$", r"\Z")   # ECMA-262's $ is Python's \Z
    assert bool(re.search(ecma, text)) == accepted, text


def _yaml(month: str) -> str:
    return (f"education: high_school\nas_of: {month}\n"
            f"work:\n  - {{start: {month}, occupation: same}}\n"
            f"diplomas:\n  - {{kind: bachelor, major: same, graduation: {month}}}\n"
            f"trainings:\n  - {{hours: 48, occupation: same, certificate: true, "
            f"completed: {month}}}\n"
            f"certificates:\n  - {{level: 4, occupation: same, obtained: {month}}}\n")


def _doc(month: str) -> dict[str, object]:
    return {"education": "high_school", "as_of": month,
            "work": [{"start": month, "occupation": "same"}],
            "diplomas": [{"kind": "bachelor", "major": "same", "graduation": month}],
            "trainings": [{"hours": 48, "occupation": "same", "certificate": True,
                           "completed": month}],
            "certificates": [{"level": 4, "occupation": "same", "obtained": month}]}


@pytest.mark.parametrize("text", SPELLINGS)
def test_every_input_reads_every_spelling(text: str, tmp_path: Path) -> None:
    expected = parse_applicant(_doc("2021-06"))
    # a YAML file, plain (201907 and 2021.06 are numbers to YAML: the text as written counts)
    path = tmp_path / "a.yaml"
    path.write_text(_yaml(text), encoding="utf-8")
    assert load_applicant(path) == expected
    # quoted in YAML, a JSON file, a JSON line by the whole way and by the quick way
    assert parse_applicant(parse_text(_yaml(json.dumps(text, ensure_ascii=False)))) == expected
    path = tmp_path / "a.json"
    path.write_text(json.dumps(_doc(text), ensure_ascii=False), encoding="utf-8")
    assert load_applicant(path) == expected
    line = json.dumps(_doc(text), ensure_ascii=False).encode()
    assert parse_applicant(parse_json_line(line)) == expected
    assert applicant_from_line(line) == expected
    quick = _quick_applicant(json.loads(line))
    assert quick is None or quick == expected
    # the command line's --as-of and the output: always YYYY-MM
    result = CliRunner().invoke(main, ["check", str(path), "--as-of", text, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["as_of"] == "2021-06"


def test_the_quick_way_and_the_whole_way_agree_on_every_spelling() -> None:
    for text in SPELLINGS + REFUSED:
        line = json.dumps({"education": "none", "as_of": text}, ensure_ascii=False).encode()
        quick = applicant_from_line(line)
        try:
            whole = parse_applicant(parse_json_line(line))
        except InputError as exc:
            assert isinstance(quick, InputError) and quick.text("zh") == exc.text("zh")
        else:
            assert quick == whole


@pytest.mark.parametrize(("cell", "month"), [
    *((text, "2021-06") for text in SPELLINGS),
    (dt.date(2021, 6, 17), "2021-06"), (dt.datetime(2021, 6, 1, 0, 0), "2021-06"),
    ("2021/6/1", "2021-06"), ("2021-06-01 00:00:00", "2021-06"), ("2021年6月1日", "2021-06"),
    (202106, "2021-06"), (2021.06, "2021-06"), (2021.11, "2021-11"),
])
def test_spreadsheet_cells_are_their_months(cell: object, month: str) -> None:
    value = _convert("graduation", cell)
    assert format_month(parse_month(value)) == month   # type: ignore[arg-type]


@pytest.mark.parametrize("cell", ["2021-13", "June", 2021.1, 20216, "07/2021"])
def test_bad_spreadsheet_cells_are_refused_by_the_loader(cell: object) -> None:
    with pytest.raises(InputError):
        parse_applicant({"education": "none", "as_of": _convert("as_of", cell)})


def test_a_csv_batch_reads_the_spellings(tmp_path: Path) -> None:
    rows = ["id,as_of,education,work1_start,work1_occupation"]
    rows += [f"p{i},{text},high_school,{text},same" for i, text in enumerate(SPELLINGS)]
    path = tmp_path / "people.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["batch", str(path), "--output", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(SPELLINGS)
    assert all(r["ok"] and r["check"]["as_of"] == "2021-06" for r in records), records


def test_an_xlsx_batch_reads_date_number_and_text_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "as_of", "education", "work1_start", "work1_occupation"])
    for i, cell in enumerate([dt.datetime(2021, 6, 1), 202106, "2021年6月", "2021.6", 2021.06]):
        sheet.append([f"p{i}", cell, "high_school", cell, "same"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["batch", str(path), "--output", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["check"]["as_of"] for r in records] == ["2021-06"] * 5, records
