"""What a worker process does with a question: read the file, then check or plan.

Reading happens here too, not in the server process: a large or hostile body costs a
worker's time (bounded by the time limit), never the server's.
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from ..jsontext import json_bytes
from ..messages import InputError
from ..options import PlannerOptions
from .words import error_body

MAX_ECHO_NODES = 5000   # the most values of a bad file echoed back to the page's form


@dataclass(frozen=True)
class Job:
    """One question: ``kind`` is "check", "path" or "parse" (read and validate only)."""

    kind: str
    text: str
    strict_json: bool = False
    lang: str = "en"
    as_of: int | None = None
    params: dict[str, int | bool] = field(default_factory=dict)
    target: int = 1
    options: PlannerOptions | None = None
    explain: bool = True          # check only: as the command line's --explain/--no-explain
    assume_work: bool = True      # check only: --no-assume-work
    horizon: int | None = None    # check only: --horizon (None: the command line's default)
    ask_target: int | None = None  # ask only: the target of the interview's path (None: none)


def answer(job: Job) -> dict[str, Any]:
    """``{"ok": JSON bytes}``, ``{"error": {field, message}}`` (with the raw ``document``
    for a parse), or ``{"fault": text}``. The answer is made JSON here, in the worker, so
    the server only passes the bytes on."""
    reply = _answer(job)
    if "ok" in reply:
        reply["ok"] = to_json_bytes(reply["ok"])
    return reply


def to_json_bytes(document: Any) -> bytes:
    """UTF-8 JSON; text that cannot be UTF-8 is written as ``\\u`` escapes."""
    return json_bytes(document)


# The last answers of this worker by question (the page's first question, the empty form of
# this month, is answered once at warm-up): an answer depends only on the key.
_ANSWERS: OrderedDict[str, Any] = OrderedDict()
MAX_ANSWERS = 64


def _key(job: Job, applicant: Any) -> str:
    """What a check or path answer depends on: the file as read, the month it is asked in
    (a file may leave as_of to today), and the settings of the question (not the language:
    an answer has none)."""
    from ..months import current_month

    options = job.options or PlannerOptions.default()
    return repr((job.kind, applicant, job.as_of, current_month(), sorted(job.params.items()),
                 job.target if job.kind == "path" else None, options if job.kind == "path"
                 else None, job.explain, job.assume_work, job.horizon))


def _answer(job: Job) -> dict[str, Any]:
    from ..applicant import parse_applicant, parse_text
    from ..documents import check_document, path_document

    raw: Any = None
    try:
        raw = parse_text(job.text, strict_json=job.strict_json)
        if job.kind == "ask":
            return {"ok": ask_document(raw, job)}
        applicant = parse_applicant(raw)
        if job.kind == "parse":
            return {"ok": {"applicant": applicant.to_dict()}}
        key = _key(job, applicant)
        known = _ANSWERS.get(key)
        if known is not None:
            _ANSWERS.move_to_end(key)
            return {"ok": known}
        if job.kind == "check":
            found = check_document(applicant, as_of=job.as_of, params=job.params,
                                   explain=job.explain, assume_work=job.assume_work,
                                   horizon=job.horizon)
        else:
            found = path_document(applicant, job.target, as_of=job.as_of,
                                  params=job.params, options=job.options)
        _ANSWERS[key] = found
        if len(_ANSWERS) > MAX_ANSWERS:
            _ANSWERS.popitem(last=False)
        return {"ok": found}
    except InputError as exc:
        reply: dict[str, Any] = {"error": error_body(exc, job.lang)}
        if job.kind == "parse" and isinstance(raw, dict):
            echoed = plain(raw, [MAX_ECHO_NODES])
            if echoed is not None:
                reply["document"] = echoed
        return reply
    except Exception as exc:  # a fault of the program: reported, the worker goes on
        return {"fault": f"{exc.__class__.__name__}: {str(exc)[:300]}"}


# --- the interview (docs/partial.md): POST /api/ask ------------------------------------------

def ask_document(body: Any, job: Job) -> dict[str, Any]:
    """The step of the interview for a body ``{"applicant": PARTIAL}``: the next question,
    or done (pyqualify.interview); a bad answer raises the InputError that names it."""
    from ..interview import next_step
    from ..messages import Term, input_error

    if not isinstance(body, dict):
        raise input_error("", "mapping", body, what=Term("the_body"))
    for key in body:
        if key != "applicant":
            raise input_error(str(key), "unknown_key", what=Term("the_body"), keys="applicant")
    if "applicant" not in body:
        raise input_error("applicant", "missing_key", what=Term("the_body"))
    return next_step(body["applicant"], job.ask_target, job.lang, params=job.params,
                     options=job.options).to_json()


def plain(value: Any, budget: list[int]) -> Any:
    """A loaded document as JSON-safe data, or None past ``budget`` values (YAML aliases
    can make a small file a huge tree)."""
    budget[0] -= 1
    if budget[0] < 0:
        return None
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            copied = plain(item, budget)
            if budget[0] < 0:
                return None
            out[str(key)] = copied
        return out
    if isinstance(value, list):
        items = []
        for item in value:
            items.append(plain(item, budget))
            if budget[0] < 0:
                return None
        return items
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2 ** 53 else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)


def warm_up(kind: str = "check") -> None:
    """Import the engine and answer one small question of ``kind`` ("check" or "path"), so
    that the first real one is quick, and the page's empty form (kept in the answers)."""
    text = ('{"education": "high_school", "as_of": "2026-01", "certificates": [{"level": 2, '
            '"occupation": "same", "obtained": "2020-01"}], '
            '"work": [{"start": "2015-01", "occupation": "same"}]}')
    answer(Job("check", text))
    if kind == "path":
        answer(Job("path", text))
    # the page's first question: the empty form (education high school, this month), as the
    # page sends it (JSON.stringify), answered once so that it is then found at once
    from ..months import current_month, format_month

    empty = json.dumps({"as_of": format_month(current_month()), "education": "high_school"},
                       separators=(",", ":"))
    answer(Job(kind, empty, strict_json=True))
