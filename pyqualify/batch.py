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
              explain: bool = True, plan_target: int | None = None) -> list[dict[str, Any]]:
    """Answer every line; a bad line gets an error record and the batch goes on.

    With ``plan_target`` each good line also gets the ``path`` document for that level.
    """
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > MAX_BATCH_BYTES:
            raise InputError("", f"a batch file of at most 256 MiB, but it has {size} bytes",
                             has_got=False)
        with open(name, encoding="utf-8-sig") as handle:
            raw_lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        raise InputError("", f"an existing readable UTF-8 file, but {name!r} cannot be read",
                         has_got=False) from None
    records: list[dict[str, Any]] = []
    good: list[tuple[int, Applicant]] = []
    for number, raw in enumerate(raw_lines, start=1):
        record: dict[str, Any] = {"line": number}
        records.append(record)
        if not raw.strip():
            record.update(ok=False, error="expected a JSON object, got an empty line")
            continue
        try:
            data = json.loads(raw)
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                record["id"] = data["id"]
            applicant = parse_applicant(data)
        except json.JSONDecodeError as exc:
            record.update(ok=False, error=f"expected a JSON object: {exc.msg} "
                                          f"(column {exc.colno})")
            continue
        except InputError as exc:
            record.update(ok=False, error=str(exc))
            continue
        except (ValueError, RecursionError) as exc:  # e.g. an integer of 5000 digits
            record.update(ok=False, error=f"expected a JSON object ({exc.__class__.__name__})")
            continue
        good.append((len(records) - 1, applicant))
    results = check_many([a for _, a in good], as_of=as_of, params=params, explain=explain)
    for (index, applicant), result in zip(good, results, strict=True):
        records[index].update(ok=True, check=result.to_json())
        if plan_target is not None:
            from .planner import fastest_path

            records[index]["path"] = fastest_path(applicant, plan_target, as_of=as_of,
                                                  params=params).to_json()
    return records
