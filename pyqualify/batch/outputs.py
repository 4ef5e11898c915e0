"""Writing answers as they come: JSON Lines, CSV (one row per applicant) or XLSX.

JSON Lines and CSV are appended chunk by chunk, each write a run of complete lines, flushed
at once and synced to disk at least every :data:`SYNC_SECONDS`; an interrupted run leaves
complete lines (and perhaps a torn last line, which ``--resume`` cuts off).  An XLSX file
is a zip archive written when the run ends, so it cannot be resumed.
"""

from __future__ import annotations

import contextlib
import csv
import os
import sys
import time
from typing import IO, Any

from ..messages import InputError
from .records import Answer, Settings
from .targets import Target, close_target, open_target

SYNC_SECONDS = 0.5


def output_kind(name: str | None) -> str:
    if name is None:
        return "jsonl"
    lower = name.lower()
    return "csv" if lower.endswith(".csv") else "xlsx" if lower.endswith(".xlsx") else "jsonl"


class Writer:
    """Appends answers to the output (standard output when ``name`` is None)."""

    def __init__(self, name: str | None, settings: Settings, *,
                 target: Target | None = None, append: bool = False):
        self.name, self.settings = name, settings
        self.kind = output_kind(name)
        self.last_sync = time.monotonic()
        self.handle: IO[str] | None = None
        self.target = target
        self.book: Any = None
        if self.kind == "xlsx":
            from openpyxl import Workbook

            self.book = Workbook(write_only=True)
            self.sheet = self.book.create_sheet("answers")
            self.sheet.append(settings.columns())
            return
        if name is None:
            self.handle = sys.stdout
            if self.kind == "csv":
                self.handle.write(",".join(settings.columns()) + "\n")
            return
        if self.target is None:   # opened here (see targets.py: no waiting, locked)
            self.target = open_target(name, "--output")
        self.handle = self.target.writing(fresh=not append)
        if self.kind == "csv" and not append:
            csv.writer(self.handle, lineterminator="\n").writerow(settings.columns())
            self.handle.flush()

    def write(self, answer: Answer) -> None:
        if self.book is not None:
            for row in answer.rows:
                self.sheet.append([self._cell(v) for v in row])
            return
        assert self.handle is not None
        self.handle.write(answer.text)
        self.handle.flush()
        now = time.monotonic()
        if self.target is not None and self.target.regular and (
                now - self.last_sync >= SYNC_SECONDS):
            os.fsync(self.target.fd)   # only a regular file (a pipe or device: EINVAL)
            self.last_sync = now

    def _cell(self, value: Any) -> Any:
        """A sheet cell: text stays text (``=...`` is no formula), and control characters,
        which a sheet cannot store, become U+FFFD."""
        if not isinstance(value, str):
            return value
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        cell = WriteOnlyCell(self.sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        cell.data_type = "s"
        return cell

    def close(self) -> None:
        if self.book is not None:
            try:
                save_book(self.book, self.name)
            except OSError as exc:
                raise InputError("--output", f"a file that can be written ({exc.strerror})",
                                 self.name) from None
            return
        if self.target is not None:
            target, self.target = self.target, None
            close_target(target)


def save_book(book: Any, name: str) -> None:
    """Save an openpyxl workbook to ``name`` (as ``Workbook.save``).  A write-only sheet is
    closed first (into its temporary file), and when the disk is full the error is raised
    with the archive already let go, so that nothing is retried when they are collected
    (no ``ZipFile.__del__`` or generator traceback after the message)."""
    import datetime as dt
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    if book.write_only and not book.worksheets:
        book.create_sheet()
    archive = None
    try:
        if book.write_only:
            for sheet in book.worksheets:
                if not sheet.closed:
                    sheet.close()
        archive = ZipFile(name, "w", ZIP_DEFLATED, allowZip64=True)
        book.properties.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        ExcelWriter(book, archive).save()
    except BaseException:
        for sheet in book.worksheets:   # a sheet's row writer left open by the failure
            with contextlib.suppress(Exception):
                rows = getattr(sheet, "_rows", None)
                if rows is not None:
                    rows.close()
        handle = None if archive is None else archive.fp
        if archive is not None:
            archive.fp = None   # ZipFile.close and __del__ now do nothing
        if handle is not None:
            with contextlib.suppress(OSError, ValueError):
                handle.close()
        raise

