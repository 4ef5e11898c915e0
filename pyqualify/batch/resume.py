"""``--resume``: the lines an interrupted run of the same batch wrote, checked before anything
is written.

The output (a regular file, locked by :func:`.targets.open_target`) is read first, and
nothing in it is changed until it is known to be this batch's: every complete line must be
a batch record of this run's shape (JSON Lines: ``line`` a whole number counting 1, 2, 3,
..., ``ok`` true or false, a ``check`` with four levels, a ``path`` with ``--path``, an
``error`` text; CSV: this run's header and rows of as many cells), the input must have as
many items, and the records of the first and the last kept line must be what this batch
answers for those lines of the input (the same input, the same options).  Only then is a
torn last line cut off.  Anything else exits 2 naming the first fault, the file untouched.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from contextlib import closing
from typing import Any

from ..levels import LEVELS
from ..messages import InputError
from .records import Settings, entry_of
from .targets import Target

MAX_RECORD_BYTES = 16 << 20   # a kept line longer than this is no record of a batch


class NotOurs(Exception):
    """The output is not (or no longer) this batch's: why, in a few words."""


def refuse(why: str) -> InputError:
    return InputError("--resume", f"an --output written by this batch (the same input and "
                                  f"options), but {why}; the file is left as it is",
                      has_got=False)


def resume_point(target: Target, source: str, settings: Settings, kind: str,
                 add: Callable[[tuple[Any, ...]], None]) -> int:
    """How many items an earlier run of this batch answered in ``target`` (their summary
    entries go to ``add``); a torn last line is cut off once the rest is known good."""
    entries: list[tuple[Any, ...]] = []
    try:
        count, keep, first, last = _read(target.name, settings, kind, entries.append)
        if count:
            _same_answers(source, settings, count, first, last)
    except NotOurs as exc:
        raise refuse(str(exc)) from None
    except RecursionError:
        raise refuse("a line of it is nested too deeply to be a record") from None
    except OSError as exc:
        raise refuse(f"it cannot be read ({exc.strerror})") from None
    if keep < os.fstat(target.fd).st_size:
        os.ftruncate(target.fd, keep)
    for entry in entries:
        add(entry)
    return count


def _read(name: str, settings: Settings, kind: str, add: Callable[[tuple[Any, ...]], None]
          ) -> tuple[int, int, str, str]:
    """The records of the file, checked: their number, the bytes of the complete lines,
    and the text of the first and the last record."""
    count = keep = 0
    first = last = ""
    columns = settings.columns()
    with open(name, "rb") as handle:
        physical = 0
        while raw := handle.readline(MAX_RECORD_BYTES + 1):
            if not raw.endswith(b"\n"):
                if len(raw) > MAX_RECORD_BYTES:
                    raise NotOurs(f"line {physical + 1} is longer than "
                                  f"{MAX_RECORD_BYTES >> 20} MiB")
                _torn(raw, physical, kind, columns)
                break   # a torn last line: cut off if the rest is good
            physical += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise NotOurs(f"line {physical} is not UTF-8") from None
            keep += len(raw)
            if kind == "csv" and physical == 1:
                if _csv_cells(text, physical) != columns:
                    raise NotOurs("its first line is not the header of the columns this "
                                  "batch writes")
                continue
            count += 1
            if kind == "csv":
                record = _csv_record(_csv_cells(text, physical), columns, settings, count)
            else:
                record = _json_record(text, settings, count)
            add(entry_of(record))
            if count == 1:
                first = text
            last = text
    return count, keep, first, last


def _torn(raw: bytes, physical: int, kind: str, columns: list[str]) -> None:
    """A last line without its newline is cut off only if it may be the start of a line
    this batch writes (a record's ``{"line": ``, a row's line number, the CSV header):
    the last line of a file of someone else's stays."""
    text = raw.decode("utf-8", "replace")
    if kind == "csv" and physical == 0:
        start = ",".join(columns)
        fits = start.startswith(text) or text.startswith(start)
    elif kind == "csv":
        fits = text[:1].isdecimal()
    else:
        start = '{"line": '
        fits = start.startswith(text) or text.startswith(start)
    if not fits:
        raise NotOurs(f"its last line ({physical + 1}), without a newline, is not the start "
                      f"of a line this batch writes")


def _csv_cells(text: str, physical: int) -> list[str]:
    try:
        rows = list(csv.reader([text]))
    except csv.Error:
        raise NotOurs(f"line {physical} is not a CSV row") from None
    if len(rows) != 1:
        raise NotOurs(f"line {physical} is not one CSV row")
    return rows[0]


def _is_int(value: Any) -> bool:
    return type(value) is int


def _json_record(text: str, settings: Settings, expected: int) -> dict[str, Any]:
    """A JSON line checked to be the batch record numbered ``expected`` of this run."""
    try:
        record = json.loads(text)
    except ValueError:
        raise NotOurs(f"line {expected} is not JSON") from None
    if not isinstance(record, dict):
        raise NotOurs(f"line {expected} is not a batch record (a JSON object)")
    where = f"line {expected}"
    if not _is_int(record.get("line")) or record["line"] != expected:
        raise NotOurs(f'{where} is not numbered {expected} ("line": {expected})')
    ok = record.get("ok")
    if not isinstance(ok, bool):
        raise NotOurs(f'{where} has no "ok": true or false')
    if "id" in record and not isinstance(record["id"], str):
        raise NotOurs(f'{where} has an "id" that is not text')
    if not ok:
        if not isinstance(record.get("error"), str):
            raise NotOurs(f'{where} has "ok": false but no "error" text')
        return record
    _check_levels(record.get("check"), where)
    if settings.target is not None:
        path = record.get("path")
        if not isinstance(path, dict) or not isinstance(path.get("reachable"), bool) or not (
                path.get("months") is None or _is_int(path.get("months"))):
            raise NotOurs(f'{where} has no "path" of this batch (with --path)')
    elif "path" in record:
        raise NotOurs(f'{where} has a "path", which this batch (without --path) does not '
                      f"write")
    return record


def _check_levels(check: Any, where: str) -> None:
    levels = check.get("levels") if isinstance(check, dict) else None
    if not isinstance(levels, list) or len(levels) != len(LEVELS):
        raise NotOurs(f'{where} has no "check" with the levels {", ".join(map(str, LEVELS))}')
    for level, doc in zip(LEVELS, levels, strict=True):
        if not (isinstance(doc, dict) and _is_int(doc.get("level")) and doc["level"] == level
                and isinstance(doc.get("eligible"), bool)
                and isinstance(doc.get("routes"), list)
                and all(isinstance(route, str) for route in doc["routes"])):
            raise NotOurs(f'{where} has a level of "check" that is not one of a batch')


def _csv_record(cells: list[str], columns: list[str], settings: Settings,
                expected: int) -> dict[str, Any]:
    """A CSV row checked and read back into the shape of a record (for the summary)."""
    where = f"row {expected}"
    if len(cells) != len(columns):
        raise NotOurs(f"{where} has {len(cells)} cells, not {len(columns)}")
    row = dict(zip(columns, cells, strict=True))
    if row["line"] != str(expected):
        raise NotOurs(f"{where} is not numbered {expected}")
    flags = {"true": True, "false": False}
    if row["ok"] not in flags:
        raise NotOurs(f"{where} has an ok that is not true or false")
    record: dict[str, Any] = {"line": expected, "ok": flags[row["ok"]]}
    if not record["ok"]:
        return record
    levels = []
    for level in LEVELS:
        eligible = row[f"L{level}_eligible"]
        if eligible not in flags:
            raise NotOurs(f"{where} has an L{level}_eligible that is not true or false")
        levels.append({"level": level, "eligible": flags[eligible],
                       "routes": row[f"L{level}_routes"].split()})
    record["check"] = {"levels": levels}
    if settings.target is not None:
        months = row["months"]
        if row["reachable"] not in flags or not (months == "" or months.isdecimal()
                                                 and len(months) < 8):
            raise NotOurs(f"{where} has no path of this batch (with --path)")
        record["path"] = {"reachable": flags[row["reachable"]],
                          "months": int(months) if months else None}
    return record


def _same_answers(source: str, settings: Settings, count: int, first: str, last: str) -> None:
    """The first and the last kept records must be this batch's answers for those lines."""
    from .inputs import chunks
    from .work import answer_chunk

    wanted = {1: first, count: last}
    for number, kept in wanted.items():
        with closing(chunks(source, 1, skip=number - 1)) as stream:
            found = next(stream, None)
        if found is None:
            raise NotOurs(f"it holds {count} records and the input fewer items")
        answer = answer_chunk(found, settings).text
        if answer != kept and not _path_error_either(answer, kept, settings):
            raise NotOurs(f"its record of line {number} is not what this batch answers for "
                          f"line {number} of the input (another input, other options "
                          f"(--set, --as-of, --explain, --path, --target, --lang), or a "
                          f"line without as_of answered in another month)")


def _path_error_either(answer: str, kept: str, settings: Settings) -> bool:
    """With --path, a line may have passed the time limit in one run and not the other:
    then only its place and id must agree."""
    if settings.target is None:
        return False
    if settings.output == "csv":
        one_row, two_row = _csv_cells(answer, 0), _csv_cells(kept, 0)
        return one_row[:2] == two_row[:2] and "false" in (one_row[2], two_row[2])
    try:
        one, two = json.loads(answer), json.loads(kept)
    except ValueError:
        return False
    if one.get("ok") and two.get("ok"):
        return False
    return all(one.get(key) == two.get(key) for key in ("line", "row", "sheet", "id"))
