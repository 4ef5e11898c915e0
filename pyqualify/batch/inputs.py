"""Reading a batch as a stream of chunks: JSON Lines, CSV or XLSX (see :mod:`.table`).

Nothing holds the whole input: lines and rows are read as the chunks are handed out.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..applicant import MAX_FILE_BYTES
from ..messages import InputError
from .table import check_header, row_document


@dataclass
class Chunk:
    """Items of one kind: JSON Lines ``(line, raw bytes or None when too long)`` or table rows
    ``(line, row, (document, group numbers) or None, error or None)``."""

    kind: str                      # "jsonl" | "table"
    items: list[tuple[Any, ...]]
    sheet: str | None = None
    header: tuple[str, ...] = ()


def kind_of(name: str) -> str:
    """``jsonl``, ``csv`` or ``xlsx`` from a file name (``-``: JSON Lines on stdin)."""
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    return "jsonl"


def count_items(name: str) -> int | None:
    """How many lines or rows the input has (for the progress bar), when cheap to know."""
    if name == "-":
        return None
    kind = kind_of(name)
    try:
        if kind == "xlsx" or not stat.S_ISREG(os.stat(name).st_mode):
            return None  # a FIFO or device is refused by the loader, never opened here
        count, last = 0, b"\n"
        with open(name, "rb") as handle:
            while block := handle.read(1 << 20):
                count += block.count(b"\n")
                last = block[-1:]
        count += last != b"\n"
        return count - 1 if kind == "csv" else count
    except OSError:
        return None


def chunks(name: str, size: int, skip: int = 0) -> Iterator[Chunk]:
    """The input in chunks of ``size`` items, after the first ``skip`` items."""
    kind = kind_of(name)
    if kind == "xlsx":
        yield from _table_chunks(_xlsx_rows(name), size, skip)
    elif kind == "csv":
        yield from _table_chunks(_csv_rows(name), size, skip)
    else:
        yield from _line_chunks(name, size, skip)


def _open(name: str) -> IO[bytes]:
    """The engine's one loader decides what may be read (a regular file, or ``-``)."""
    from ..loader import open_input

    return open_input(name)


def _line_chunks(name: str, size: int, skip: int) -> Iterator[Chunk]:
    handle = _open(name)
    try:
        items: list[tuple[Any, ...]] = []
        number = 0
        while True:
            raw: bytes | None = handle.readline(MAX_FILE_BYTES + 1)
            if not raw:
                break
            number += 1
            if len(raw) > MAX_FILE_BYTES and not raw.endswith(b"\n"):
                while (rest := handle.readline(MAX_FILE_BYTES)) and not rest.endswith(b"\n"):
                    pass
                raw = None
            elif raw.endswith(b"\n"):
                raw = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
            if number <= skip:
                continue
            items.append((number, raw))
            if len(items) >= size:
                yield Chunk("jsonl", items)
                items = []
        if items:
            yield Chunk("jsonl", items)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _table_chunks(rows: Iterator[tuple[str | None, int, Any]], size: int,
                  skip: int) -> Iterator[Chunk]:
    """Rows ``(sheet, row number, cells)``; the first is the header."""
    first = next(rows, None)
    if first is None:
        raise InputError("", "a header row naming the columns (see pyqualify template)",
                         has_got=False)
    sheet, _, cells = first
    header = check_header(cells, sheet)
    items: list[tuple[Any, ...]] = []
    number = 0
    for _, row, cells in rows:
        try:
            loaded = row_document(cells, header)
            error = None
        except InputError as exc:
            loaded, error = ({}, {}), str(exc)
        if loaded is None:
            continue   # an empty row is no applicant
        number += 1
        if number <= skip:
            continue
        items.append((number, row, loaded, error))
        if len(items) >= size:
            yield Chunk("table", items, sheet, header)
            items = []
    if items:
        yield Chunk("table", items, sheet, header)


def _csv_rows(name: str) -> Iterator[tuple[str | None, int, Any]]:
    """CSV rows: UTF-8 (with or without BOM), else GB18030 (what Excel on a Chinese
    system saves as "CSV")."""
    import csv

    handle = _open(name)
    try:
        head = handle.read(1 << 16)
        encoding = "utf-8-sig"
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 3:
                encoding = "gb18030"
        stream = io.TextIOWrapper(_Prefixed(head, handle), encoding=encoding, newline="")
        try:
            for index, cells in enumerate(csv.reader(stream), start=1):
                yield None, index, cells
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError("", f"a CSV file in UTF-8 or GB18030 ({exc})",
                             has_got=False) from None
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


class _Prefixed(io.RawIOBase):
    """A byte stream that first gives back what was read ahead."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _xlsx_rows(name: str) -> Iterator[tuple[str | None, int, Any]]:
    """Rows of the sheet named ``applicants`` (else the first sheet), values as typed."""
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise InputError("", "openpyxl installed to read .xlsx (pip install openpyxl)",
                         has_got=False) from None
    if not os.path.isfile(name):
        raise InputError("", f"an existing readable file, but {name!r} cannot be read",
                         has_got=False)
    try:
        book = load_workbook(name, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise InputError("", f"an .xlsx workbook, but {name!r} cannot be read as one "
                             f"({exc.__class__.__name__})", has_got=False) from None
    try:
        sheet = book["applicants"] if "applicants" in book.sheetnames else book.worksheets[0]
        for index, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield sheet.title, index, cells
    finally:
        book.close()


def file_size(name: str) -> int | None:
    try:
        return os.path.getsize(name)
    except OSError:
        return None
