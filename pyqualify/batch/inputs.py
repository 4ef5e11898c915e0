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
from .table import Place, check_header, row_document


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


class RowFault:
    """A row that cannot be read as cells (a stray quote, a cell past the field limit, an
    undecodable byte, a row past its bound): its record names it and the batch goes on."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message


def _table_chunks(rows: Iterator[tuple[str | None, int, Any]], size: int,
                  skip: int) -> Iterator[Chunk]:
    """Rows ``(sheet, row number, cells or RowFault)``; the first is the header."""
    first = next(rows, None)
    if first is None:
        raise InputError("", "a header row naming the columns (see pyqualify template)",
                         has_got=False)
    sheet, _, cells = first
    if isinstance(cells, RowFault):
        raise InputError(Place(sheet, 1, ()).cell(None), cells.message, has_got=False)
    header = check_header(cells, sheet)
    items: list[tuple[Any, ...]] = []
    number = 0
    for _, row, cells in rows:
        if isinstance(cells, RowFault):
            loaded, error = ({}, {}), f"expected {cells.message}"
        else:
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


# A CSV row is one line of the file: at most this many bytes (as a JSON line), a quoted
# cell ends on its line (the layout has no text that needs a line break) and the quotes of
# a line pair up, so that a stray quote costs its own row only, never the rows after it
# (nor makes the rest of a broken cell a row of its own).
MAX_ROW_BYTES = MAX_FILE_BYTES
_FIELD_LIMIT = "field larger than field limit"


def _csv_rows(name: str) -> Iterator[tuple[str | None, int, Any]]:
    """CSV rows: UTF-8 (with or without BOM), else GB18030 (what Excel on a Chinese
    system saves as "CSV"), as told by the first 64 KiB.  Each line is decoded and split on
    its own, so that a bad line is named by its row and the next one is read."""
    handle = _open(name)
    try:
        head = handle.read(1 << 16)
        encoding = "utf-8"
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 3:
                encoding = "gb18030"
        stream = io.BufferedReader(_Prefixed(head, handle), 1 << 16)
        number = 0
        while raw := stream.readline(MAX_ROW_BYTES + 1):
            if len(raw) > MAX_ROW_BYTES and not raw.endswith(b"\n"):
                while (rest := stream.readline(MAX_ROW_BYTES)) and not rest.endswith(b"\n"):
                    pass
                number += 1
                yield None, number, RowFault(f"a row of at most {MAX_ROW_BYTES} bytes")
                continue
            if number == 0 and encoding == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            body = raw.rstrip(b"\r\n")   # a lone CR ends a row too (0x0d is never part
            for part in body.split(b"\r") if b"\r" in body else (body,):  # of a character)
                number += 1
                try:
                    text = part.decode(encoding)
                except UnicodeDecodeError as exc:
                    name_of = "UTF-8" if encoding == "utf-8" else "GB18030"
                    yield None, number, RowFault(
                        f"text in {name_of}, as the start of the file is, but byte "
                        f"{exc.start + 1} of the row is 0x{part[exc.start]:02x}")
                    continue
                yield None, number, _cells(text)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _cells(line: str) -> list[str] | RowFault:
    """The cells of one CSV line, or what is wrong with it."""
    import csv

    try:
        cells = next(csv.reader((line + "\n",)), [])
    except csv.Error as exc:
        if str(exc).startswith(_FIELD_LIMIT):
            return RowFault(f"cells of at most {csv.field_size_limit()} characters")
        return RowFault(f"a row of CSV ({str(exc)[:80]})")
    if cells and cells[-1].endswith("\n"):   # the newline was read into a quoted cell
        return RowFault("a quoted cell that ends on its line (a stray quote?)")
    if line.count('"') % 2:   # quotes pair up around a cell and within one ("")
        return RowFault('quotes around whole cells only, doubled within one ("") '
                        "(a stray quote?)")
    return cells


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


# Bounds of an .xlsx input, checked on the zip's directory before openpyxl parses a byte
# (a 41 KB workbook whose sheet is 16 MiB of empty rows took minutes; a shared-strings part
# of 60 MiB takes 53 s and 440 MiB): a worksheet part (xl/worksheets/...) unpacks to at most
# MAX_SHEET_BYTES, every other part (shared strings, styles, ...) to MAX_PART_BYTES, a part
# past RATIO_FROM_BYTES to at most MAX_RATIO times its packed size, and all parts together
# to MAX_UNPACKED_BYTES.  zipfile never unpacks more than a part's declared size (a lying
# header fails its CRC, read as a bad workbook).  A sheet has at most Excel's MAX_ROWS rows.
MAX_SHEET_BYTES = 64 << 20
MAX_PART_BYTES = 16 << 20
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 << 20
MAX_UNPACKED_BYTES = 256 << 20
MAX_PARTS = 10_000
MAX_ROWS = 1_048_576


def check_workbook(name: str) -> None:
    """Refuse an .xlsx whose parts unpack past the bounds above (a zip bomb)."""
    import zipfile

    try:
        with zipfile.ZipFile(name) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError) as exc:
        raise InputError("", f"an .xlsx workbook, but {name[-60:]!r} cannot be read as one "
                             f"({exc.__class__.__name__})", has_got=False) from None
    if len(parts) > MAX_PARTS:
        raise InputError("", f"an .xlsx workbook of at most {MAX_PARTS:,} parts",
                         len(parts))
    total = 0
    for part in parts:
        where = f"part {part.filename[:60]!r} of {name[-60:]!r}"
        bound = (MAX_SHEET_BYTES if part.filename.startswith("xl/worksheets/")
                 else MAX_PART_BYTES)
        if part.file_size > bound:
            kind = "sheets" if bound == MAX_SHEET_BYTES else "parts but sheets"
            raise InputError("", f"an .xlsx workbook whose {kind} unpack to at most "
                                 f"{bound >> 20} MiB each, but {where} is "
                                 f"{part.file_size:,} bytes", has_got=False)
        if (part.file_size > RATIO_FROM_BYTES
                and part.file_size > MAX_RATIO * max(part.compress_size, 1)):
            raise InputError("", f"an .xlsx workbook whose parts unpack to at most "
                                 f"{MAX_RATIO} times their packed size, but {where} is "
                                 f"{part.file_size:,} bytes from {part.compress_size:,}",
                             has_got=False)
        total += part.file_size
    if total > MAX_UNPACKED_BYTES:
        raise InputError("", f"an .xlsx workbook that unpacks to at most "
                             f"{MAX_UNPACKED_BYTES >> 20} MiB, but {name[-60:]!r} is "
                             f"{total:,} bytes", has_got=False)


def _xlsx_rows(name: str) -> Iterator[tuple[str | None, int, Any]]:
    """Rows of the sheet named ``applicants`` (else the first sheet), values as typed; a
    fault of the workbook met while reading stops the batch, naming where."""
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise InputError("", "openpyxl installed to read .xlsx (pip install openpyxl)",
                         has_got=False) from None
    if not os.path.isfile(name):
        raise InputError("", f"an existing readable file, but {name!r} cannot be read",
                         has_got=False)
    check_workbook(name)
    try:
        book = load_workbook(name, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise InputError("", f"an .xlsx workbook, but {name!r} cannot be read as one "
                             f"({exc.__class__.__name__})", has_got=False) from None
    title, index = None, 0
    try:
        try:
            if not book.worksheets:
                raise InputError("", f"an .xlsx workbook with a sheet, but {name[-60:]!r} "
                                     "has none that can be read", has_got=False)
            sheet = (book["applicants"] if "applicants" in book.sheetnames
                     else book.worksheets[0])
            title = sheet.title
            sheet.reset_dimensions()   # a row as long as its cells, not the stated width
            rows = sheet.iter_rows(values_only=True)
        except InputError:
            raise
        except Exception as exc:
            raise _unreadable(name, title, index, exc) from None
        while True:
            try:
                cells = next(rows, None)
            except Exception as exc:  # bad XML, a missing part, a cell holding garbage
                raise _unreadable(name, title, index, exc) from None
            if cells is None:
                return
            index += 1
            if index > MAX_ROWS:
                raise InputError(f"sheet {title}", f"at most {MAX_ROWS:,} rows (as Excel)",
                                 has_got=False)
            yield title, index, cells
    finally:
        book.close()


def _unreadable(name: str, sheet: str | None, index: int, exc: Exception) -> InputError:
    where = f"sheet {sheet}" if sheet else ""
    if sheet and index:
        where += f", after row {index}"
    detail = "".join(c if c.isprintable() else "?" for c in str(exc)[:200])
    detail = detail if len(detail) <= 80 else detail[:77] + "..."
    return InputError(where, f"an .xlsx workbook, but {name[-60:]!r} cannot be read there "
                             f"({exc.__class__.__name__}: {detail})", has_got=False)


def file_size(name: str) -> int | None:
    try:
        return os.path.getsize(name)
    except OSError:
        return None
