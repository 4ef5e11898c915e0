"""Many applicants at once: a JSON Lines file in, one answer per line out."""

from __future__ import annotations

import os
from typing import Any

from .applicant import (
    MAX_FILE_BYTES,
    Applicant,
    InputError,
    is_valid_text,
    parse_applicant,
    parse_text,
)
from .eligibility import check_many
from .params import RuleParams
from .planner import fastest_path

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
        with open(name, "rb") as handle:
            raw_lines = handle.read(MAX_BATCH_BYTES + 1).splitlines()
    except OSError:
        raise InputError("", f"an existing readable file, but {name!r} cannot be read",
                         has_got=False) from None
    records: list[dict[str, Any]] = []
    good: list[tuple[int, Applicant]] = []
    for number, raw in enumerate(raw_lines, start=1):
        record: dict[str, Any] = {"line": number}
        records.append(record)
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            if not text.strip():
                raise InputError("", "a JSON object, got an empty line", has_got=False)
            data = parse_text(text, strict_json=True)
            if isinstance(data, dict) and isinstance(data.get("id"), str) and is_valid_text(
                    data["id"]):
                record["id"] = data["id"]
            good.append((len(records) - 1, parse_applicant(data)))
        except UnicodeDecodeError as exc:
            record.update(ok=False, error=f"expected UTF-8 text, but byte {exc.start} of the "
                                          "line is not UTF-8")
        except InputError as exc:
            record.update(ok=False, error=str(exc))
    results = check_many([a for _, a in good], as_of=as_of, params=params, explain=explain)
    for (index, applicant), result in zip(good, results, strict=True):
        records[index].update(ok=True, check=result.to_json())
        if plan_target is not None:
            records[index]["path"] = fastest_path(applicant, plan_target, as_of=as_of,
                                                  params=params).to_json()
    return records
