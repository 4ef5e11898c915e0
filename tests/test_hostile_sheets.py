"""Hostile spreadsheets (issue 17): every CSV row answered or named, XLSX faults and zip
bombs refused with a message (exit 2, no traceback), long ids not echoed, a full disk
under an XLSX answer.  Each case of the issue, with a variant beside it.  The workbooks are
real ones (openpyxl) with one part replaced, zipped by zipfile.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from pyqualify.batch import inputs, run_batch
from pyqualify.cli import main
from pyqualify.messages import InputError
from tests.sheets import NS, minimal_xlsx, sheet_xml, with_part, write_csv, write_jsonl, write_xlsx

SHEET = "xl/worksheets/sheet1.xml"
ENV = {"PYQUALIFY_LANG": "en", "PYQUALIFY_DEBUG": ""}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=ENV)


def assert_refused(result: Result, *words: str) -> None:
    """Exit 2, one plain message, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.stderr.startswith("pyqualify: error: "), result.stderr
    assert len(result.stderr) < 600 and result.stdout == ""
    for word in words:
        assert word in result.stderr, result.stderr


def answered(path: Path) -> list[dict[str, Any]]:
    return run_batch(path, explain=False)


# --- CSV: every row answered or named ----------------------------------------------------

def test_a_stray_quote_costs_its_own_row_only(tmp_path: Path):
    path = tmp_path / "stray.csv"
    path.write_text('id,education\na,none\n"b,none\nc,high_school\nd,none\n',
                    encoding="utf-8")
    got = answered(path)
    assert [(r["row"], r["ok"]) for r in got] == [(2, True), (3, False), (4, True),
                                                  (5, True)]
    assert got[1]["error"] == ("row 3: expected a quoted cell that ends on its line "
                               "(a stray quote?)")
    assert [r.get("id") for r in got] == ["a", None, "c", "d"]


def test_two_stray_quotes_and_a_quoted_line_break_lose_no_row(tmp_path: Path):
    """A variant: two stray quotes that would pair up across rows, a quoted cell holding a
    line break, a lone CR ending a row, and a good quoted cell after them."""
    path = tmp_path / "stray2.csv"
    path.write_bytes(b'id,education\nx,"none\nm,high_school\ny,none"\n'
                     b'"multi\nline",none\nr,none\rs,none\n"q,uoted",none\n'
                     b'"say ""hi""",none\nJohn "JJ" Smith,none\n')
    got = answered(path)
    assert [r["row"] for r in got] == list(range(2, 12))      # every line: a record
    assert [r["ok"] for r in got] == [False, True, False, False, False, True, True, True,
                                      True, True]
    assert [r.get("id") for r in got if r["ok"]] == ["m", "r", "s", "q,uoted", 'say "hi"',
                                                     'John "JJ" Smith']
    assert all("stray quote" in r["error"] for r in got if not r["ok"])
    assert "ends on its line" in got[3]["error"] and "doubled" in got[4]["error"]


def test_a_cell_over_the_field_limit_is_its_rows_error_and_the_batch_goes_on(
        tmp_path: Path):
    import csv

    rows = [[f"p{i}", "none"] for i in range(6)]
    rows[3] = ["big", "x" * (csv.field_size_limit() + 1)]
    got = answered(write_csv(tmp_path / "big.csv", ["id", "education"], rows))
    assert [r["ok"] for r in got] == [True, True, True, False, True, True]
    assert got[3]["row"] == 5
    assert got[3]["error"] == (f"row 5: expected cells of at most {csv.field_size_limit()} "
                               "characters")
    assert len(json.dumps(got[3])) < 300


def test_a_row_over_its_byte_bound_is_named_and_the_next_row_read(tmp_path: Path):
    """A variant: a row longer than the bound of a row (1 MiB, as a JSON line), made of
    cells each under the field limit."""
    cells = ",".join(["y" * 1000] * (inputs.MAX_ROW_BYTES // 1000 + 5))
    path = tmp_path / "long.csv"
    path.write_text(f"id,education\na,none\n{cells}\nb,none\n", encoding="utf-8")
    got = answered(path)
    assert [(r["row"], r["ok"]) for r in got] == [(2, True), (3, False), (4, True)]
    assert f"a row of at most {inputs.MAX_ROW_BYTES} bytes" in got[1]["error"]


def test_an_undecodable_byte_after_the_first_64_kib_names_its_row(tmp_path: Path):
    lines = ["id,education"] + [f"p{i},none" for i in range(12_000)]
    data = ("\n".join(lines) + "\n").encode()
    at = data.index(b"p9000,")
    assert at > 1 << 16
    path = tmp_path / "late.csv"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    got = answered(path)
    assert len(got) == 12_000
    bad = [r for r in got if not r["ok"]]
    assert [r["row"] for r in bad] == [9002]
    assert bad[0]["error"] == ("row 9002: expected text in UTF-8, as the start of the file "
                               "is, but byte 1 of the row is 0xff")


def test_a_gb18030_file_with_a_bad_byte_late_names_its_row(tmp_path: Path):
    """A variant: the file is GB18030 (Excel's "CSV" on a Chinese system) and the byte
    that breaks it comes after the part that told the encoding."""
    lines = ["id,education"] + [f"张{i},高中" for i in range(8_000)]
    data = ("\n".join(lines) + "\n").encode("gb18030")
    at = data.index("张7000,".encode("gb18030"))
    assert at > 1 << 16
    path = tmp_path / "gb.csv"
    path.write_bytes(data[:at] + b"\x80" + data[at:])
    got = answered(path)
    assert len(got) == 8_000 and got[0]["id"] == "张0" and got[0]["ok"]
    bad = [r for r in got if not r["ok"]]
    assert [r["row"] for r in bad] == [7002] and "GB18030" in bad[0]["error"]


def test_a_header_with_a_5000_digit_group_number_is_refused_at_once(tmp_path: Path):
    path = tmp_path / "digits.csv"
    path.write_text("id,education,work" + "9" * 5000 + "_start\na,none,2020-01\n",
                    encoding="utf-8")
    assert_refused(run("batch", str(path)), "row 1, column C",
                   "a group number of at most 4 digits")


def test_group_numbers_up_to_four_digits_are_read_and_five_refused(tmp_path: Path):
    """A variant: the bound itself, 9999 read (as the first work record), 10000 refused."""
    good = write_csv(tmp_path / "good.csv", ["id", "education", "work9999_start",
                                             "work9999_occupation"],
                     [["a", "high_school", "2019-01", "same"]])
    [record] = answered(good)
    assert record["ok"] and record["check"]["work_months"] > 0
    bad = write_csv(tmp_path / "bad.csv", ["id", "education", "work10000_start"],
                    [["a", "none", "2019-01"]])
    assert_refused(run("batch", str(bad)), "at most 4 digits", "work10000_start")


# --- XLSX: faults met while reading rows ---------------------------------------------------

LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lololololololololol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10)
                     for i in range(1, 10))
          + b"]><worksheet " + NS + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
          b"<t>&lol9;</t></is></c></row></sheetData></worksheet>")

FAULTS = {
    "malformed-xml": sheet_xml(b"<row r='3'><c r='A3'><v>1</c></row>"),
    "entity-expansion": LAUGHS,
    "shared-string-out-of-range": sheet_xml(b'<row r="3"><c r="A3" t="s"><v>999</v></c></row>'),
    "bad-reference": sheet_xml(b'<row r="3"><c r="1A" t="inlineStr"><is><t>x</t></is></c>'
                               b"</row>"),
    "column-past-ZZZ": sheet_xml(b'<row r="3"><c r="ZZZZZZ3" t="inlineStr"><is><t>x</t>'
                                 b"</is></c></row>"),
    "number-garbage": sheet_xml(b'<row r="3"><c r="A3"><v>abc</v></c></row>'),
    "boolean-garbage": sheet_xml(b'<row r="3"><c r="A3" t="b"><v>yes</v></c></row>'),
    "date-garbage": sheet_xml(b'<row r="3"><c r="A3" t="d"><v>garbage</v></c></row>'),
    "number-of-5000-digits": sheet_xml(b'<row r="3"><c r="B3"><v>' + b"9" * 5000
                                       + b"</v></c></row>"),
    "row-past-excels-last": sheet_xml(b'<row r="99999999"><c r="A99999999" t="inlineStr">'
                                      b"<is><t>x</t></is></c></row>"),
    "missing-sheet-part": None,
}


@pytest.mark.parametrize("case", list(FAULTS))
def test_an_xlsx_fault_met_while_reading_is_a_message_not_a_traceback(tmp_path: Path,
                                                                      case: str):
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(with_part(minimal_xlsx(), SHEET, FAULTS[case]))
    started = time.perf_counter()
    result = run("batch", str(path), "--jobs", "1", "--no-explain")
    assert_refused(result, "expected ")
    assert time.perf_counter() - started < 20


def test_where_an_xlsx_fault_stands_is_named():
    """A variant: the messages say the sheet and the last row read, or the bound."""
    data = minimal_xlsx()
    words = {"shared-string-out-of-range": "sheet applicants, after row 2",
             "number-garbage": "(ValueError",
             "row-past-excels-last": "at most 1,048,576 rows",
             "missing-sheet-part": "has none that can be read"}
    for case, expected in words.items():
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"pyq-sheet-{os.getpid()}.xlsx"
        try:
            path.write_bytes(with_part(data, SHEET, FAULTS[case]))
            with pytest.raises(InputError) as caught:
                list(inputs.chunks(str(path), 10))
        finally:
            path.unlink(missing_ok=True)
        assert expected in str(caught.value), (case, str(caught.value))


def test_a_zip_header_that_understates_a_part_fails_its_check_not_the_program(
        tmp_path: Path):
    """A variant: a part whose declared size is smaller than its data (to pass the bounds)
    is cut by zipfile at that size and fails its CRC: a message."""
    data = bytearray(with_part(minimal_xlsx(), SHEET, sheet_xml(b"<row/>" * 2000)))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(SHEET)
    name, raw = SHEET.encode(), bytes(data)
    at = raw.index(b"PK\x01\x02")                      # its entry of the central directory
    while raw[at + 46:at + 46 + len(name)] != name:
        at = raw.index(b"PK\x01\x02", at + 4)
    half = (info.file_size // 2).to_bytes(4, "little")
    data[at + 24:at + 28] = half                          # the size it says it unpacks to
    data[info.header_offset + 22:info.header_offset + 26] = half    # and its local header
    path = tmp_path / "lying.xlsx"
    path.write_bytes(bytes(data))
    assert_refused(run("batch", str(path), "--jobs", "1"), "expected an .xlsx workbook")


# --- XLSX: zip bombs -----------------------------------------------------------------------

def test_a_small_workbook_whose_sheet_unpacks_to_16_mib_of_empty_rows_is_refused_at_once(
        tmp_path: Path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(with_part(minimal_xlsx(), SHEET, sheet_xml(b"<row/>" * ((16 << 20) // 6))))
    assert path.stat().st_size < 100_000
    started = time.perf_counter()
    assert_refused(run("batch", str(path), "--jobs", "1"), "times their packed size",
                   "xl/worksheets/sheet1.xml")
    assert time.perf_counter() - started < 5


def test_a_shared_strings_bomb_is_refused_before_it_is_parsed(tmp_path: Path):
    """A variant: the shared strings (read whole when a workbook opens), 60 MiB of them."""
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + b">"
           + b"<si><t>x</t></si>" * ((60 << 20) // 17) + b"</sst>")
    data = minimal_xlsx()
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml").replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    rels = source.read("xl/_rels/workbook.xml.rels").replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    data = with_part(with_part(data, "[Content_Types].xml", types),
                     "xl/_rels/workbook.xml.rels", rels, extra={"xl/sharedStrings.xml": sst})
    path = tmp_path / "sst.xlsx"
    path.write_bytes(data)
    started = time.perf_counter()
    assert_refused(run("batch", str(path), "--jobs", "1"), "xl/sharedStrings.xml")
    assert time.perf_counter() - started < 5


def test_the_bounds_of_size_ratio_and_total_each_hold(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    """Each bound alone, made small (the same code as at full size): a part past its size
    though it barely compresses, a part past the ratio, all parts past the total; and a
    real workbook within them is read."""
    noise = os.urandom(3 << 20)   # does not compress: only the size bound can refuse it
    path = tmp_path / "noise.xlsx"
    path.write_bytes(with_part(minimal_xlsx(), "docProps/app.xml", None,
                               extra={"xl/media/noise.bin": noise}))
    monkeypatch.setattr(inputs, "MAX_PART_BYTES", 2 << 20)
    with pytest.raises(InputError, match="parts but sheets unpack to at most 2 MiB"):
        inputs.check_workbook(str(path))
    monkeypatch.setattr(inputs, "MAX_PART_BYTES", 16 << 20)
    monkeypatch.setattr(inputs, "MAX_UNPACKED_BYTES", 2 << 20)
    with pytest.raises(InputError, match="unpacks to at most 2 MiB"):
        inputs.check_workbook(str(path))
    monkeypatch.setattr(inputs, "MAX_UNPACKED_BYTES", 256 << 20)
    inputs.check_workbook(str(path))               # within every bound
    monkeypatch.setattr(inputs, "MAX_SHEET_BYTES", 1 << 20)
    sheet = tmp_path / "sheet.xlsx"
    sheet.write_bytes(with_part(minimal_xlsx(), SHEET, sheet_xml(
        b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i * 7919)
                 for i in range(3, 60_000)))))
    with pytest.raises(InputError, match="sheets unpack to at most 1 MiB"):
        inputs.check_workbook(str(sheet))
    ok = write_xlsx(tmp_path / "ok.xlsx", ["id", "education"],
                    [[f"p{i}", "none"] for i in range(500)])
    inputs.check_workbook(str(ok))
    assert len(answered(ok)) == 500


# --- ids, and a full disk ------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_over_long_id_of_a_row_is_not_echoed_as_a_json_lines_is_not(tmp_path: Path,
                                                                       kind: str):
    ids = ["x" * 300, "y" * 200, "z" * 201]
    rows = [[ids[0], "none"], [ids[1], "none"], [ids[2], "bogus"]]
    sheet = (write_csv if kind == "csv" else write_xlsx)(tmp_path / f"ids.{kind}",
                                                         ["id", "education"], rows)
    got = answered(sheet)
    lines = run_batch(write_jsonl(tmp_path / "ids.jsonl", [
        {"id": i, "education": e} for i, e in rows]), explain=False)
    assert [("id" in r, r["ok"]) for r in got] == [(False, False), (True, True),
                                                  (False, False)]
    assert [("id" in r) for r in lines] == [("id" in r) for r in got]
    assert all(len(json.dumps(r)) < 400 for r in got if not r["ok"])
    assert "(276 more)" in got[0]["error"]


FULL = """
import sys
from pyqualify.batch.outputs import Writer
from pyqualify.batch.records import Settings
from pyqualify.messages import InputError
writer = Writer(sys.argv[1], Settings(output="xlsx"))
writer.sheet.append(["x"] * 20)
try:
    writer.close()
except InputError as exc:
    print(exc, file=sys.stderr)
    sys.exit(2)
"""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_an_xlsx_answer_onto_a_full_disk_ends_with_the_message_alone(tmp_path: Path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "education": "none"}])
    full = tmp_path / "answers.xlsx"
    full.symlink_to("/dev/full")
    result = subprocess.run([sys.executable, "-m", "pyqualify", "batch", str(source),
                             "--output", str(full), "--jobs", "1", "--quiet"],
                            capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, **ENV})
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("pyqualify: error: "), result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_the_xlsx_writer_lets_go_of_its_archive_when_the_save_fails(tmp_path: Path):
    """A variant: the writer itself, straight onto /dev/full, and the interpreter's exit
    (where a ZipFile or a sheet's row writer left open would print its traceback)."""
    full = tmp_path / "w.xlsx"
    full.symlink_to("/dev/full")
    result = subprocess.run([sys.executable, "-c", FULL, str(full)], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 2, result.stderr
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


# --- every row answered or named, whatever the bytes ---------------------------------------

def _rows_of(body: bytes) -> list[bytes]:
    """The rows of a CSV body as the batch counts them: lines, a lone CR ending one too."""
    rows: list[bytes] = []
    for line in body.split(b"\n"):
        rows += line.rstrip(b"\r").split(b"\r") if b"\r" in line.rstrip(b"\r") else [
            line.rstrip(b"\r")]
    return rows[:-1] if body.endswith(b"\n") else rows


def _blank(row: bytes) -> bool:
    import csv

    try:
        text = row.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if text.count('"') % 2:
        return False
    cells = next(csv.reader([text + "\n"]), [])
    return all(not cell.strip() for cell in cells)


@given(st.lists(st.lists(st.sampled_from(['a', 'none', '"', ',', ' ', '\r', '高中', '\xff',
                                          '""', '="1"', 'x' * 50]), max_size=8)
                .map(lambda parts: "".join(parts).encode("utf-8", "surrogateescape")
                     .replace("\xff".encode(), b"\xff")), max_size=12))
@settings(max_examples=150, deadline=None)
def test_every_row_of_any_csv_is_answered_or_named(tmp_path_factory: Any,
                                                   lines: list[bytes]):
    """Property: whatever the lines hold (quotes, commas, CRs, bad bytes), every row that is
    not blank gets exactly one item, in order; nothing is swallowed by another row."""
    body = b"\n".join(lines) + b"\n"
    path = tmp_path_factory.mktemp("csv") / "any.csv"
    path.write_bytes(b"id,education\n" + body)
    items = [item for chunk in inputs.chunks(str(path), 5) for item in chunk.items]
    rows = _rows_of(body)
    got = [row for _, row, _, _ in items]
    expected = [number + 2 for number, row in enumerate(rows) if not _blank(row)]
    assert got == expected
    assert [number for number, _, _, _ in items] == list(range(1, len(items) + 1))
