"""Which levels may an applicant sit now, and by which routes (``pyqualify check``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .applicant import Applicant
from .asp import RULE_FILES, Program, add_applicant, quick_arguments
from .months import current_month, format_month
from .params import RuleParams

LEVELS = (4, 3, 2, 1)


@dataclass(frozen=True)
class LevelAnswer:
    """One level: held, eligible, the routes that admit it, and why the others fail."""

    level: int
    held: bool
    eligible: bool
    routes: tuple[str, ...]
    unmet: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "held": self.held, "eligible": self.eligible,
                "routes": list(self.routes),
                "unmet": {route: list(conds) for route, conds in sorted(self.unmet.items())}}


@dataclass(frozen=True)
class Note:
    """A fact of the file that does not count yet (dated after as_of)."""

    code: str
    field: str
    month: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "field": self.field, "month": self.month}


@dataclass(frozen=True)
class CheckResult:
    """The answer of ``check`` for one applicant (OUTPUT.md)."""

    applicant: Applicant
    as_of: int
    education_ok: bool
    levels: tuple[LevelAnswer, ...]
    params: RuleParams
    warnings: tuple[Note, ...] = ()
    work_months: int = 0
    work_since: dict[int, int] = field(default_factory=dict)

    def level(self, level: int) -> LevelAnswer:
        return next(answer for answer in self.levels if answer.level == level)

    def to_json(self) -> dict[str, Any]:
        """The JSON document of OUTPUT.md, with ``parameters`` and ``warnings`` added."""
        return {
            "id": self.applicant.id,
            "as_of": format_month(self.as_of),
            "education_ok": self.education_ok,
            "levels": [answer.to_json() for answer in self.levels],
            "work_months": self.work_months,
            "work_months_since_certificate": {str(level): months for level, months
                                              in sorted(self.work_since.items())},
            "parameters": self.params.as_dict(),
            "warnings": [w.to_json() for w in self.warnings],
        }


def check(applicant: Applicant, *, as_of: int | None = None,
          params: RuleParams | dict[str, Any] | None = None) -> CheckResult:
    """Check one applicant at ``as_of`` (default: the file's, else the current month)."""
    return check_many([applicant], as_of=as_of, params=params)[0]


def check_many(applicants: Sequence[Applicant], *, as_of: int | None = None,
               params: RuleParams | dict[str, Any] | None = None,
               explain: bool = True) -> list[CheckResult]:
    """Check many applicants in one grounding and one solve (one point each).

    With ``explain=False`` the unmet conditions of failing routes are left out,
    which makes large batches about a third faster.
    """
    rules = RuleParams.of(params)
    options = ["-c", f"explain={'true' if explain else 'false'}"]
    program = Program((*RULE_FILES, "check.lp"), [*rules.clingo_args(), *options])
    months = [resolve_as_of(a, as_of) for a in applicants]
    for key, (applicant, month) in enumerate(zip(applicants, months, strict=True)):
        add_applicant(program, key, applicant, month)
    program.ground()
    answers: list[dict[str, list[list[Any]]]] = [{} for _ in applicants]
    for symbol in program.model_symbols():
        key, *rest = quick_arguments(symbol)
        answers[key].setdefault(symbol.name, []).append(rest)
    return [_result(a, m, rules, answer)
            for a, m, answer in zip(applicants, months, answers, strict=True)]


def resolve_as_of(applicant: Applicant, as_of: int | None) -> int:
    """The month of the question: an override, else the file's, else today."""
    if as_of is not None:
        return as_of
    return applicant.as_of if applicant.as_of is not None else current_month()


def _result(applicant: Applicant, as_of: int, params: RuleParams,
            atoms: dict[str, list[list[Any]]]) -> CheckResult:
    admitted = {route for route, in atoms.get("admits", [])}
    eligible = {level for level, in atoms.get("eligible", [])}
    held = {level for level, in atoms.get("holds", [])}
    unmet: dict[str, list[str]] = {}
    for route, condition in atoms.get("unmet", []):
        unmet.setdefault(route, []).append(condition)
    levels = tuple(
        LevelAnswer(
            level=level, held=level in held, eligible=level in eligible,
            routes=tuple(sorted(r for r in admitted if route_level(r) == level)),
            unmet={r: tuple(sorted(c)) for r, c in unmet.items() if route_level(r) == level},
        )
        for level in LEVELS
    )
    return CheckResult(applicant=applicant, as_of=as_of,
                       education_ok="education_ok" in atoms, levels=levels, params=params,
                       warnings=tuple(future_facts(applicant, as_of)),
                       work_months=next((n for n, in atoms.get("work", [])), 0),
                       work_since={level: n for level, n in atoms.get("work_since", [])
                                   if level in (4, 3, 2)})


def route_level(route: str) -> int:
    """The level of a route ID (``L3-1b`` -> 3)."""
    return int(route[1])


def future_facts(applicant: Applicant, as_of: int) -> list[Note]:
    """Facts dated after as_of: they do not count yet (RULES.md)."""
    found: list[Note] = []
    for i, c in enumerate(applicant.certificates):
        if c.obtained > as_of:
            found.append(Note("certificate_awaited", f"certificates[{i}].obtained",
                                 format_month(c.obtained)))
    for i, t in enumerate(applicant.trainings):
        if t.completed > as_of:
            found.append(Note("training_not_completed", f"trainings[{i}].completed",
                                 format_month(t.completed)))
    for i, w in enumerate(applicant.work):
        if w.start >= as_of:
            found.append(Note("work_not_started", f"work[{i}].start", format_month(w.start)))
    return found
