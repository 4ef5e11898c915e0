"""Many applicants at once: a JSON Lines file in, one answer per line out."""

from __future__ import annotations

import json
import os
from typing import Any

from .applicant import MAX_FILE_BYTES, Applicant, InputError, parse_applicant
from .eligibility import check_many
from .params import RuleParams

MAX_BATCH_BYTES = 256 * MAX_FILE_BYTES


def run_batch(path: str | os.PathLike[str], *, as_of: int | None = None,
              params: RuleParams | dict[str, Any] | None = None,
              explain: bool = True) -> list[dict[str, Any]]:
    """Answer every line; a bad line gets an error record and the batch goes on."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > MAX_BATCH_BYTES:
            raise InputError("", f"a batch file of at most 256 MiB, but it has {size} bytes",
                             has_got=False)
        with open(name, encoding="utf-8") as handle:
            raw_lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        raise InputError("", f"an existing readable UTF-8 file, but {name!r} cannot be read",
                         has_got=False) from None
    records: list[dict[str, Any]] = []
    good: list[tuple[int, Applicant]] = []
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        record: dict[str, Any] = {"line": number}
        records.append(record)
        try:
            data = json.loads(raw)
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                record["id"] = data["id"]
            applicant = parse_applicant(data)
        except json.JSONDecodeError as exc:
            record.update(ok=False, error=f"expected a JSON object: {exc.msg} "
                                          f"(column {exc.colno})")
            continue
        except (InputError, RecursionError) as exc:
            record.update(ok=False, error=str(exc))
            continue
        good.append((len(records) - 1, applicant))
    results = check_many([a for _, a in good], as_of=as_of, params=params, explain=explain)
    for (index, _), result in zip(good, results, strict=True):
        records[index].update(ok=True, check=result.to_json())
    return records
