"""Answering one chunk of input: the unit of work a process or a Dask worker runs.

A chunk is a list of items in input order; the answer is the chunk's output (JSON Lines or
CSV text, or spreadsheet rows) and one small summary entry per item.  Every item goes
through the engine's loader (``parse_text``/``parse_applicant``), so a line of a batch gets
the message a single file would get; a bad item gets an error record and the others go on.
"""

from __future__ import annotations

import csv
import io
from contextlib import suppress
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from ..applicant import (
    MAX_FILE_BYTES,
    Applicant,
    InputError,
    applicant_from_line,
    is_valid_text,
    parse_applicant,
)
from ..jsontext import encode as _ENCODE
from ..jsontext import json_text
from ..levels import LEVELS
from ..messages import input_error
from .table import Place

if TYPE_CHECKING:
    from ..population import PathCache


@dataclass(frozen=True)
class Settings:
    """What every item is asked, and how the answers are written."""

    as_of: int | None = None
    params: dict[str, Any] | None = None
    explain: bool = True
    target: int | None = None          # --path: the level wanted
    time_limit: float | None = None    # --time-limit: seconds per path question
    output: str = "jsonl"              # jsonl | csv | xlsx | records
    lang: str = "en"
    opens: bool = False                # the check document has levels[i].opens

    def columns(self) -> list[str]:
        """The columns of a CSV/XLSX output row."""
        names = ["line", "id", "ok", "error", "as_of", "education_ok"]
        for level in LEVELS:
            names += [f"L{level}_held", f"L{level}_eligible", f"L{level}_routes"]
            if self.opens:
                names.append(f"L{level}_opens")
        if self.target is not None:
            names += ["target", "reachable", "certified", "months"]
        return names


@dataclass
class Chunk:
    """Items of one kind: JSON Lines ``(line, raw bytes or None when too long)`` or table rows
    ``(line, row, (document, group numbers) or None, error or None)``."""

    kind: str                      # "jsonl" | "table"
    items: list[tuple[Any, ...]]
    sheet: str | None = None
    header: tuple[str, ...] = ()


@dataclass
class Answer:
    """The output of a chunk, its summary entries, and how many paths were solved."""

    text: str = ""
    rows: list[list[Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    infos: list[tuple[Any, ...]] = field(default_factory=list)
    solved: int = 0


_CACHE: PathCache | None = None


def path_cache() -> PathCache:
    """This process's cache of path answers (kept across chunks)."""
    global _CACHE
    if _CACHE is None:
        from ..population import PathCache  # here: a batch without --path never needs the planner

        _CACHE = PathCache()
    return _CACHE


def answer_chunk(chunk: Chunk, settings: Settings) -> Answer:
    """Answer every item of the chunk, in order."""
    records: list[dict[str, Any]] = []
    good: list[tuple[dict[str, Any], Applicant]] = []
    for item in chunk.items:
        record, applicant = _load(chunk, item, settings.lang)
        records.append(record)
        if applicant is not None:
            good.append((record, applicant))
    _check(good, settings)
    solved = 0
    if settings.target is not None:
        cache = path_cache()
        before = cache.solved
        for record, applicant in good:
            if record.get("ok"):
                try:
                    doc, digest = cache.path_document(applicant, settings.target,
                                                      as_of=settings.as_of,
                                                      params=settings.params,
                                                      time_limit=settings.time_limit)
                except InputError as exc:
                    _path_failed(record, exc.text(settings.lang))
                    continue
                except Exception as exc:  # e.g. a time limit: this line only, not the batch
                    _path_failed(record, f"path: {exc.__class__.__name__}: {exc}")
                    continue
                record["path"] = doc
                record["_question"] = digest
        solved = cache.solved - before
    return _written(records, settings, solved)


def _path_failed(record: dict[str, Any], message: str) -> None:
    """A line whose path could not be found gets an error record (OUTPUT.md: check and path,
    or error)."""
    record.pop("check", None)
    record.update(ok=False, error=message)


def _load(chunk: Chunk, item: tuple[Any, ...], lang: str
          ) -> tuple[dict[str, Any], Applicant | None]:
    if chunk.kind == "jsonl":
        return _load_line(*item, lang=lang)
    return _load_row(chunk, *item, lang=lang)


def _load_line(number: int, raw: bytes | None, *, lang: str
               ) -> tuple[dict[str, Any], Applicant | None]:
    """One line through the engine's one loader: an applicant, or its error record."""
    record: dict[str, Any] = {"line": number}
    if raw is None:
        loaded: Applicant | InputError = input_error("", "line_too_long", limit=MAX_FILE_BYTES)
    else:
        loaded = applicant_from_line(raw, first=number == 1)
    if isinstance(loaded, Applicant):
        if loaded.id is not None:
            record["id"] = loaded.id
        return record, loaded
    if loaded.applicant_id is not None:
        record["id"] = loaded.applicant_id
    record.update(ok=False, error=loaded.text(lang))
    return record, None


def _load_row(chunk: Chunk, number: int, row: int, loaded: Any, error: str | None, *,
              lang: str) -> tuple[dict[str, Any], Applicant | None]:
    place = Place(chunk.sheet, row, chunk.header)
    record: dict[str, Any] = {"line": number, "row": row}
    if chunk.sheet:
        record["sheet"] = chunk.sheet
    if error is not None:
        record.update(ok=False, error=f"{place.cell(None)}: {error}")
        return record, None
    data, numbers = loaded
    if isinstance(data.get("id"), str) and is_valid_text(data["id"]):
        record["id"] = data["id"]
    try:
        return record, parse_applicant(data)
    except InputError as exc:
        column = place.column_of(exc.path, numbers)
        if column is not None:
            record["column"] = column
        record.update(ok=False, error=f"{place.cell(column)}: {exc.text(lang)}")
    return record, None


def _check(good: list[tuple[dict[str, Any], Applicant]], settings: Settings) -> None:
    """One grounding for the chunk; should it fail, each item alone (to name the bad one)."""
    if not good:
        return
    from ..eligibility import check_many  # here: the parent process never checks

    try:
        results = check_many([a for _, a in good], as_of=settings.as_of,
                             params=settings.params, explain=settings.explain)
    except (RuntimeError, ValueError, OverflowError):
        if len(good) == 1:
            good[0][0].update(ok=False, error="expected an applicant the rules can read")
            return
        for pair in good:
            _check([pair], settings)
        return
    # JSON Lines of verdicts alone: the line is written from the result (see _line_text)
    keep = settings.output == "jsonl" and settings.target is None
    for (record, _), result in zip(good, results, strict=True):
        if keep:
            record["ok"], record["_result"] = True, result
        else:
            record.update(ok=True, check=result.to_json())


def info_of(record: dict[str, Any]) -> tuple[Any, ...]:
    """The summary entry of a record: (ok, eligible levels, routes, path or None, question)."""
    if not record.get("ok"):
        return (False, (), (), None, None)
    result = record.get("_result")
    if result is not None:
        return _result_info(result.levels)
    levels = record["check"]["levels"]
    eligible = tuple(level["level"] for level in levels if level["eligible"])
    routes = tuple(route for level in levels if level["eligible"] for route in level["routes"])
    path = record.get("path")
    reached = None if path is None else (bool(path["reachable"]), path["months"])
    return (True, eligible, routes, reached, record.get("_question"))


def flat_row(record: dict[str, Any], settings: Settings) -> list[Any]:
    """The CSV/XLSX row of a record (columns of :meth:`Settings.columns`)."""
    row: dict[str, Any] = {"line": record["line"], "id": record.get("id", ""),
                           "ok": record.get("ok", False), "error": record.get("error", "")}
    check = record.get("check")
    if check is not None:
        row.update(as_of=check["as_of"], education_ok=check["education_ok"])
        for level in check["levels"]:
            name = f"L{level['level']}_"
            row[name + "held"] = level["held"]
            row[name + "eligible"] = level["eligible"]
            row[name + "routes"] = " ".join(level["routes"])
            row[name + "opens"] = level.get("opens") or ""
    path = record.get("path")
    if path is not None:
        row.update(target=path["target"], reachable=path["reachable"],
                   certified=path["certified"] or "",
                   months="" if path["months"] is None else path["months"])
    return [_cell(row.get(name, "")) for name in settings.columns()]


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        value = value.replace("\r", " ").replace("\n", " ")
        return value if is_valid_text(value) else value.encode("utf-8", "replace").decode()
    return value


dumps = json_text   # one JSON line


def _result_info(levels: tuple[Any, ...]) -> tuple[Any, ...]:
    """info_of for a check result kept in its record (no path)."""
    key = tuple(map(id, levels))
    known = _INFOS.get(key)
    if known is None:
        if len(_INFOS) >= 4096:
            _INFOS.clear()
        eligible = tuple(level.level for level in levels if level.eligible)
        routes = tuple(route for level in levels if level.eligible for route in level.routes)
        known = _INFOS[key] = (levels, (True, eligible, routes, None, None))
    return known[1]


# info_of of verdicts by the ids of their level answers (kept beside, so that the ids stay
# theirs): a batch has a few dozen distinct ones.
_INFOS: dict[tuple[int, ...], tuple[tuple[Any, ...], tuple[Any, ...]]] = {}


def _line_text(record: dict[str, Any]) -> str:
    """A JSON line, ``dumps(record)``; a check result kept in the record (under
    ``_result``, where ``check`` goes) is written by its json_text, the same characters
    as its to_json() there."""
    result = record.get("_result")
    if result is None:
        return dumps(record)
    keys = tuple(record)
    if keys in (_PLAIN, _PLAIN_NO_ID):  # a JSON line's record: written at once
        ident = record.get("id")
        if ident is None:
            return f'{{"line": {record["line"]}, "ok": true, "check": {result.json_text()}}}'
        if ident.isascii() or is_valid_text(ident):  # the id is the only text of its own
            return (f'{{"line": {record["line"]}, "id": {encode_basestring(ident)}, '
                    f'"ok": true, "check": {result.json_text()}}}')
    text = "{" + ", ".join([
        '"check": ' + result.json_text() if key == "_result"
        else f"{encode_basestring(key)}: {_value_text(value)}"
        for key, value in record.items()]) + "}"
    if is_valid_text(text):
        return text
    return dumps({key if key != "_result" else "check":
                  value if key != "_result" else value.to_json()
                  for key, value in record.items()})   # escaped as dumps escapes


_PLAIN, _PLAIN_NO_ID = ("line", "id", "ok", "_result"), ("line", "ok", "_result")


def _value_text(value: Any) -> str:
    cls = value.__class__
    if cls is int:
        return str(value)
    if cls is str:
        return encode_basestring(value)
    return _ENCODE(value)


def _written(records: list[dict[str, Any]], settings: Settings, solved: int) -> Answer:
    answer = Answer(solved=solved, infos=[info_of(r) for r in records])
    for record in records:
        record.pop("_question", None)
    if settings.output == "jsonl":
        answer.text = "".join([_line_text(r) + "\n" for r in records])
    elif settings.output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for record in records:
            writer.writerow(flat_row(record, settings))
        answer.text = buffer.getvalue()
    elif settings.output == "xlsx":
        answer.rows = [flat_row(r, settings) for r in records]
    else:
        answer.records = records
    return answer


def worker_start(parent: int) -> None:
    """The start of a worker process of the local engine (here, so that a worker imports
    this module and not the runner).  Workers leave Ctrl-C to the parent, which stops
    handing out work and closes the output after the last complete answer; and a worker
    whose parent was killed exits (else it would wait for ever to hand back its answer)."""
    import atexit
    import gc
    import os
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    atexit.register(_exit_at_once)
    # A worker makes many short-lived containers (freed by reference counting) beside
    # caches that grow to a hundred thousand objects (symbols, parsed atoms): at Python's
    # default threshold (700) its cycle collections cost about 6 us an applicant, scanning
    # those caches again and again.  Cycles are still collected, less often.
    gc.set_threshold(50_000, 20, 100)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _exit_at_once() -> None:
    """A worker exits once it has handed back its last answer (the pool is shut down, or
    it is replaced): the system frees its memory at once, instead of the interpreter's
    teardown freeing clingo's symbols and every object one by one (tens of milliseconds,
    which the pool waits for)."""
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        with suppress(AttributeError, OSError, ValueError):
            stream.flush()
    os._exit(0)
