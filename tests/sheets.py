"""Helpers of the spreadsheet tests: real CSV and XLSX files, and batches run in process."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pyqualify.batch.outputs import output_kind
from pyqualify.batch.records import Settings
from pyqualify.batch.runner import Run, execute

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]],
              encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "applicants"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_jsonl(path: Path, docs: Sequence[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                    encoding="utf-8")
    return path


def batch(source: Path, output: Path, *, explain: bool = False,
          target: int | None = None) -> None:
    """``pyqualify batch SOURCE --output OUTPUT`` in this process (one job, inline)."""
    kind = output_kind(str(output))
    settings = Settings(explain=explain, target=target, output=kind,
                        opens=kind != "jsonl" and explain)
    execute(Run(source=str(source), output=str(output), settings=settings, jobs=1,
                inline=True, progress=False))


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def xlsx_rows(path: Path, sheet: str = "answers") -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    values = list(book[sheet].iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def minimal_xlsx() -> bytes:
    """A real workbook (openpyxl) of one applicant: the base the hostile ones are made of."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "applicants"
    sheet.append(["id", "education"])
    sheet.append(["a", "none"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(data: bytes, part: str, body: bytes | None,
              extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook ``data`` with ``part`` replaced by ``body`` (left out when None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == part and body is None:
                continue
            target.writestr(info.filename, body if info.filename == part
                            else source.read(info))
        for name, value in (extra or {}).items():
            target.writestr(name, value)
    return out.getvalue()


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ' + NS
              + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
              b'<c r="B1" t="inlineStr"><is><t>education</t></is></c></row>'
              b'<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c>'
              b'<c r="B2" t="inlineStr"><is><t>none</t></is></c></row>')
SHEET_TAIL = b"</sheetData></worksheet>"


def sheet_xml(rows: bytes) -> bytes:
    """Sheet XML: the header and one good row, then ``rows``."""
    return SHEET_HEAD + rows + SHEET_TAIL
