"""Many applicants at once: a JSON Lines file in, one answer per line out."""

from __future__ import annotations

import os
from typing import Any

from .applicant import MAX_FILE_BYTES, Applicant, applicant_from_line
from .eligibility import check_many
from .loader import read_bytes
from .params import RuleParams
from .planner import fastest_path

MAX_BATCH_BYTES = 256 * MAX_FILE_BYTES


def run_batch(path: str | os.PathLike[str], *, as_of: int | None = None,
              params: RuleParams | dict[str, Any] | None = None,
              explain: bool = True, plan_target: int | None = None) -> list[dict[str, Any]]:
    """Answer every line; a bad line gets an error record and the batch goes on.

    With ``plan_target`` each good line also gets the ``path`` document for that level.
    """
    raw_lines = read_bytes(path, limit=MAX_BATCH_BYTES, limit_text="256 MiB").splitlines()
    records: list[dict[str, Any]] = []
    good: list[tuple[int, Applicant]] = []
    for number, raw in enumerate(raw_lines, start=1):
        record: dict[str, Any] = {"line": number}
        records.append(record)
        answer = applicant_from_line(raw, first=number == 1)
        if isinstance(answer, Applicant):
            if answer.id is not None:
                record["id"] = answer.id
            good.append((len(records) - 1, answer))
        else:
            if answer.applicant_id is not None:
                record["id"] = answer.applicant_id
            record.update(ok=False, error=str(answer))
    results = check_many([a for _, a in good], as_of=as_of, params=params, explain=explain)
    for (index, applicant), result in zip(good, results, strict=True):
        records[index].update(ok=True, check=result.to_json())
        if plan_target is not None:
            records[index]["path"] = fastest_path(applicant, plan_target, as_of=as_of,
                                                  params=params).to_json()
    return records
