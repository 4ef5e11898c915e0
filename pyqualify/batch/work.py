"""Answering one chunk of input: the unit of work a process or a Dask worker runs.

A chunk is a list of items in input order; the answer is the chunk's output (JSON Lines or
CSV text, or spreadsheet rows) and one summary entry per item.  Every item goes through the
engine's loader (``applicant_from_line``/``parse_applicant``), so a line of a batch gets the
message a single file would get; a bad item gets an error record and the others go on.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..applicant import (
    MAX_FILE_BYTES,
    MAX_ID_LENGTH,
    Applicant,
    applicant_from_line,
    parse_applicant,
)
from ..loader import is_valid_text
from ..messages import InputError, input_error
from .inputs import Chunk
from .records import Answer, Record, Settings, flat_row
from .table import Place
from .worker import path_cache


def answer_chunk(chunk: Chunk, settings: Settings) -> Answer:
    """Answer every item of the chunk, in order."""
    records: list[Record] = []
    good: list[tuple[Record, Applicant]] = []
    for item in chunk.items:
        record, applicant = _load(chunk, item, settings.lang)
        records.append(record)
        if applicant is not None:
            good.append((record, applicant))
    _check(good, settings)
    solved = _plan(good, settings) if settings.target is not None else 0
    return _written(records, settings, solved)


def _plan(good: list[tuple[Record, Applicant]], settings: Settings) -> int:
    """Each checked item's path (a failed one gets an error record); how many were solved."""
    cache = path_cache()
    before = cache.solved
    for record, applicant in good:
        if not record.keys.get("ok"):
            continue
        try:
            doc, digest = cache.path_document(applicant, settings.target,
                                              as_of=settings.as_of, params=settings.params,
                                              time_limit=settings.time_limit)
        except InputError as exc:
            record.failed(exc.text(settings.lang))
            continue
        except Exception as exc:  # e.g. a time limit: this line only, not the batch
            record.failed(f"path: {exc.__class__.__name__}: {exc}")
            continue
        record.keys["path"] = doc
        record.question = digest
    return cache.solved - before


def _load(chunk: Chunk, item: tuple[Any, ...], lang: str) -> tuple[Record, Applicant | None]:
    if chunk.kind == "jsonl":
        return _load_line(*item, lang=lang)
    return _load_row(chunk, *item, lang=lang)


def _load_line(number: int, raw: bytes | None, *, lang: str
               ) -> tuple[Record, Applicant | None]:
    """One line through the engine's one loader: an applicant, or its error record."""
    keys: dict[str, Any] = {"line": number}
    if raw is None:
        loaded: Applicant | InputError = input_error("", "line_too_long", limit=MAX_FILE_BYTES)
    else:
        loaded = applicant_from_line(raw, first=number == 1)
    if isinstance(loaded, Applicant):
        if loaded.id is not None:
            keys["id"] = loaded.id
        return Record(keys), loaded
    if loaded.applicant_id is not None:
        keys["id"] = loaded.applicant_id
    keys.update(ok=False, error=loaded.text(lang))
    return Record(keys), None


def _load_row(chunk: Chunk, number: int, row: int, loaded: Any, error: str | None, *,
              lang: str) -> tuple[Record, Applicant | None]:
    place = Place(chunk.sheet, row, chunk.header)
    keys: dict[str, Any] = {"line": number, "row": row}
    if chunk.sheet:
        keys["sheet"] = chunk.sheet
    if error is not None:
        keys.update(ok=False, error=f"{place.cell(None)}: {error}")
        return Record(keys), None
    data, numbers = loaded
    if (isinstance(data.get("id"), str) and len(data["id"]) <= MAX_ID_LENGTH
            and is_valid_text(data["id"])):   # as a JSON line's: a longer id is not echoed
        keys["id"] = data["id"]
    try:
        return Record(keys), parse_applicant(data)
    except InputError as exc:
        column = place.column_of(exc.path, numbers)
        if column is not None:
            keys["column"] = column
        keys.update(ok=False, error=f"{place.cell(column)}: {exc.text(lang)}")
    return Record(keys), None


def _check(good: list[tuple[Record, Applicant]], settings: Settings) -> None:
    """One grounding for the chunk; should it fail, each item alone (to name the bad one)."""
    if not good:
        return
    from ..eligibility import check_many  # here: the parent process never checks

    try:
        results = check_many([a for _, a in good], as_of=settings.as_of,
                             params=settings.params, explain=settings.explain)
    except (RuntimeError, ValueError, OverflowError):
        if len(good) == 1:
            good[0][0].failed("expected an applicant the rules can read")
            return
        for pair in good:
            _check([pair], settings)
        return
    # JSON Lines without paths: a line is written from the result itself (Record.json_line)
    keep = settings.output == "jsonl" and settings.target is None
    for (record, _), result in zip(good, results, strict=True):
        record.checked(result, keep)


def _written(records: list[Record], settings: Settings, solved: int) -> Answer:
    answer = Answer(solved=solved, entries=[record.entry() for record in records])
    if settings.output == "jsonl":
        answer.text = "".join([record.json_line() + "\n" for record in records])
    elif settings.output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for record in records:
            writer.writerow(flat_row(record.keys, settings))
        answer.text = buffer.getvalue()
    elif settings.output == "xlsx":
        answer.rows = [flat_row(record.keys, settings) for record in records]
    else:
        answer.records = [record.document() for record in records]
    return answer
