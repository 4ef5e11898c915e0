"""Which levels may an applicant sit now, and by which routes (``pyqualify check``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from json.encoder import encode_basestring
from typing import Any

from . import forecast
from .applicant import Applicant
from .asp import Program, add_applicant
from .forecast import Forecast, ForecastOptions
from .jsontext import encode as _ENCODE
from .levels import LEVELS, route_level
from .materials import EnrolmentViews
from .materials import materials as route_materials
from .months import current_month, format_month
from .params import RuleParams
from .partial import Dependence, FileVerdicts, Unknowns, least_favourable

# Up to this many applicants, the forecast's first round also probes the month before each
# candidate, which usually saves the second round (one grounding fewer for a single check).
SMALL_BATCH = 16


@dataclass(frozen=True)
class Shortfall:
    """An unmet condition of a route; ``have``/``need`` when it counts months or hours."""

    condition: str
    have: int | None = None
    need: int | None = None

    @property
    def missing(self) -> int | None:
        return None if self.need is None or self.have is None else self.need - self.have

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"condition": self.condition}
        if self.need is not None:
            doc.update(have=self.have, need=self.need)
        return doc


@dataclass(frozen=True)
class LevelAnswer:
    """One level: held, eligible, the routes that admit it, and why the others fail."""

    level: int
    held: bool
    eligible: bool
    routes: tuple[str, ...]
    unmet: dict[str, tuple[str, ...]] = field(default_factory=dict)
    explained: bool = False
    opens: int | None = None
    opens_by: tuple[str, ...] = ()
    shortfall: dict[str, tuple[Shortfall, ...]] = field(default_factory=dict)
    materials: dict[str, tuple[str, ...]] = field(default_factory=dict)
    depends: bool = False        # eligible in some completion of a file with unknowns only
    depends_on: tuple[Dependence, ...] = ()
    possible_routes: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        """``yes`` (eligible in every completion), ``no`` (in none) or ``depends``."""
        return "depends" if self.depends else "yes" if self.eligible else "no"

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "level": self.level, "held": self.held, "eligible": self.eligible,
            "verdict": self.verdict, "routes": list(self.routes)}
        if self.depends:
            doc["depends_on"] = [item.to_json() for item in self.depends_on]
            doc["possible_routes"] = list(self.possible_routes)
        doc["unmet"] = {route: list(conds) for route, conds in sorted(self.unmet.items())}
        if self.explained:
            doc["opens"] = None if self.opens is None else format_month(self.opens)
            doc["opens_by"] = list(self.opens_by)
            doc["shortfall"] = {route: [item.to_json() for item in items]
                                for route, items in sorted(self.shortfall.items())}
            doc["materials"] = {route: list(docs) for route, docs in sorted(self.materials.items())}
        return doc


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
    """The answer of ``check`` for one applicant (docs/output.md)."""

    applicant: Applicant
    as_of: int
    education_ok: bool
    levels: tuple[LevelAnswer, ...]
    params: RuleParams
    warnings: tuple[Note, ...] = ()
    work_months: int = 0
    work_since: dict[int, int] = field(default_factory=dict)
    forecast: ForecastOptions | None = None
    unknowns: tuple[str, ...] = ()   # the fields the file says are unknown

    def level(self, level: int) -> LevelAnswer:
        return next(answer for answer in self.levels if answer.level == level)

    def to_json(self) -> dict[str, Any]:
        """The JSON document of docs/output.md, with ``parameters`` and ``warnings`` added
        (:meth:`json_text` writes the same document without building it)."""
        return {
            "id": self.applicant.id,
            "as_of": format_month(self.as_of),
            "unknowns": list(self.unknowns),
            "education_ok": self.education_ok,
            "levels": [answer.to_json() for answer in self.levels],
            "work_months": self.work_months,
            "work_months_since_certificate": {str(level): months for level, months
                                              in sorted(self.work_since.items())},
            "parameters": self.params.as_dict(),
            "warnings": [w.to_json() for w in self.warnings],
            **({"forecast": {"assume_work": self.forecast.assume_work,
                             "horizon": self.forecast.horizon}} if self.forecast else {}),
        }

    def json_text(self) -> str:
        """``to_json()`` as JSON text (``ensure_ascii=False``, the default separators),
        the same characters, from pieces that a batch repeats (the levels and the
        parameters, encoded once each): a fraction of the cost of building the document
        and encoding it.  Answers with explanations or a forecast are encoded whole."""
        levels = (None if self.forecast is not None or self.unknowns
                  else _levels_text(self.levels))
        if levels is None:
            return _ENCODE(self.to_json())
        ident = self.applicant.id
        since = self.work_since
        return "".join((
            '{"id": ', "null" if ident is None else encode_basestring(ident),
            ', "as_of": ', _month_text(self.as_of),
            ', "unknowns": []',
            ', "education_ok": ', "true" if self.education_ok else "false",
            ', "levels": ', levels,
            ', "work_months": ', str(self.work_months),
            ', "work_months_since_certificate": ',
            "{" + ", ".join(f'"{level}": {since[level]}' for level in sorted(since)) + "}"
            if since else "{}",
            ', "parameters": ', _params_text(self.params),
            ', "warnings": ', _ENCODE([w.to_json() for w in self.warnings])
            if self.warnings else "[]", "}"))


# The pieces of CheckResult.json_text: one encoder (json.dumps builds one per call when
# ensure_ascii=False), and the texts of months, verdicts and parameters, made once each.
_PIECES_MAX = 4096   # distinct level tuples kept (a batch has a few dozen)
_LEVEL_TEXTS: dict[tuple[int, ...], tuple[tuple[LevelAnswer, ...], str]] = {}


@lru_cache(maxsize=4096)   # bounded: a long-lived process (the web service) may ask anything
def _month_text(month: int) -> str:
    return encode_basestring(format_month(month))


def _levels_text(levels: tuple[LevelAnswer, ...]) -> str | None:
    """The JSON text of verdict-only levels (None for levels with explanations); the
    levels are kept beside their text, so that the ids of the key stay theirs (verdicts
    are made once each by _verdict)."""
    key = tuple(map(id, levels))
    known = _LEVEL_TEXTS.get(key)
    if known is not None:
        return known[1]
    if any(answer.explained or answer.unmet for answer in levels):
        return None
    if len(_LEVEL_TEXTS) >= _PIECES_MAX:
        _LEVEL_TEXTS.clear()
    text = _ENCODE([answer.to_json() for answer in levels])
    _LEVEL_TEXTS[key] = (levels, text)
    return text


@lru_cache(maxsize=64)
def _params_text(params: RuleParams) -> str:
    return _ENCODE(params.as_dict())


def check(applicant: Applicant, *, as_of: int | None = None,
          params: RuleParams | dict[str, Any] | None = None, explain: bool = True,
          assume_work: bool = True, horizon: int = forecast.HORIZON) -> CheckResult:
    """Check one applicant at ``as_of`` (default: the file's, else the current month)."""
    return check_many([applicant], as_of=as_of, params=params, explain=explain,
                      assume_work=assume_work, horizon=horizon)[0]


def check_many(applicants: Sequence[Applicant], *, as_of: int | None = None,
               params: RuleParams | dict[str, Any] | None = None,
               explain: bool = True, assume_work: bool = True,
               horizon: int = forecast.HORIZON) -> list[CheckResult]:
    """Check many applicants in one grounding and one solve (one point each).

    With ``explain`` (the default) every level also gets ``opens``/``opens_by`` (the
    forecast of docs/explanations.md, with ``assume_work`` and ``horizon``), the
    ``shortfall`` of its failing routes and the ``materials`` of its admitting routes; the
    forecast's first round shares the grounding of the check, rarely more than one more
    round follows.
    With ``explain=False`` only the verdicts are computed (no unmet conditions, no forecast,
    no materials): about twice as fast for large batches.
    """
    if horizon < 1:
        raise ValueError(f"horizon: expected a number of months >= 1, got {horizon}")
    rules = RuleParams.of(params)
    months = [resolve_as_of(a, as_of) for a in applicants]
    # A file with unknown facts is judged as its least favourable completion (explanations,
    # forecast), its verdicts over every completion (partial.Unknowns), in one grounding.
    judged = [least_favourable(a) for a in applicants]
    unknowns = Unknowns(rules.as_dict())
    if not explain:
        program = Program("check", {**rules.as_dict(), "explain": False})
        for key, (applicant, month) in enumerate(zip(judged, months, strict=True)):
            add_applicant(program, key, applicant, month)
            unknowns.ask(program, key, applicants[key], month)
        program.ground()
        answers: list[dict[str, list[tuple[Any, ...]]]] = [{} for _ in applicants]
        for name, key, rest in unknowns.solve(program):
            answers[key].setdefault(name, []).append(rest)
        return [_overlaid(_result(a, m, rules, answer), unknowns.verdicts(key))
                for key, (a, m, answer) in enumerate(zip(applicants, months, answers,
                                                         strict=True))]
    wanted = ForecastOptions(assume_work=assume_work, horizon=horizon)
    program = Program("explain", {**rules.as_dict(), "explain": True})
    opening = Forecast(rules, wanted, confirm=len(applicants) <= SMALL_BATCH)
    views = EnrolmentViews()
    for key, (applicant, month) in enumerate(zip(judged, months, strict=True)):
        add_applicant(program, key, applicant, month)
        opening.ask(program, key, applicant, month)
        views.ask(program, key, applicant, month)
        unknowns.ask(program, key, applicants[key], month)
    program.ground()
    answers = [{} for _ in applicants]
    conditions: dict[str, list[str]] = {}   # route -> its conditions in force
    for name, key, rest in unknowns.solve(program):
        if name == "condition":
            conditions.setdefault(key, []).append(rest[0])
        elif not (views.take(name, key, rest) or opening.take(name, key, rest)):
            answers[key].setdefault(name, []).append(rest)
    results = [_result(a, m, rules, answer)
               for a, m, answer in zip(applicants, months, answers, strict=True)]
    opens = opening.opens({key: [lv.level for lv in r.levels if not lv.held and not lv.eligible]
                           for key, r in enumerate(results)})
    return [_overlaid(_explained(r, key, answers[key], opens, views, wanted, conditions),
                      unknowns.verdicts(key))
            for key, r in enumerate(results)]


def _overlaid(result: CheckResult, verdicts: FileVerdicts | None) -> CheckResult:
    """A file with unknown facts: its least favourable completion's answer (explanations
    included) with the verdicts of every completion (docs/partial.md): eligible, held,
    routes and EDU as in every completion, ``depends`` where only some make it eligible."""
    if verdicts is None:
        return result
    levels = []
    for answer in result.levels:
        level = answer.level
        depends = level in verdicts.possible and level not in verdicts.sure
        levels.append(replace(
            answer, eligible=level in verdicts.sure, held=level in verdicts.held,
            routes=tuple(sorted(r for r in verdicts.sure_routes if route_level(r) == level)),
            depends=depends,
            depends_on=tuple(verdicts.depends_on.get(level, ())) if depends else (),
            possible_routes=tuple(sorted(r for r in verdicts.possible_routes
                                         if route_level(r) == level)) if depends else ()))
    return replace(result, levels=tuple(levels), education_ok=verdicts.education_ok,
                   unknowns=verdicts.unknowns)


def _explained(result: CheckResult, key: int, atoms: dict[str, list[tuple[Any, ...]]],
               opens: dict[tuple[int, int], tuple[int | None, tuple[str, ...]]],
               views: EnrolmentViews, options: ForecastOptions,
               conditions: dict[str, list[str]]) -> CheckResult:
    counts = {(route, condition): (have, need)
              for route, condition, have, need in atoms.get("shortfall", [])}
    levels = []
    for answer in result.levels:
        if answer.held:
            month, by = None, ()
        elif answer.eligible:
            month, by = result.as_of, answer.routes
        else:
            month, by = opens[(key, answer.level)]
        shortfall = {route: tuple(Shortfall(c, *counts.get((route, c), (None, None)))
                                  for c in lacking)
                     for route, lacking in answer.unmet.items()}
        docs = {route: route_materials(conditions.get(route, ()),
                                       education_ok=result.education_ok,
                                       graduating_only=views.graduating_only(key, route))
                for route in answer.routes} if answer.eligible else {}
        levels.append(replace(answer, explained=True, opens=month, opens_by=tuple(by),
                              shortfall=shortfall, materials=docs))
    return replace(result, levels=tuple(levels), forecast=options)


def resolve_as_of(applicant: Applicant, as_of: int | None) -> int:
    """The month of the question: an override, else the file's, else today."""
    if as_of is not None:
        return as_of
    return applicant.as_of if applicant.as_of is not None else current_month()


def _result(applicant: Applicant, as_of: int, params: RuleParams,
            atoms: dict[str, list[tuple[Any, ...]]]) -> CheckResult:
    get = atoms.get
    if "unmet" in atoms or "shortfall" in atoms:
        levels = _levels(atoms)
    else:  # verdicts only (no explanations asked, or nothing unmet)
        levels = _verdicts(tuple(get("admits", ())), tuple(get("eligible", ())),
                           tuple(get("holds", ())))
    work = get("work")
    return CheckResult(  # the fields in their order (a batch makes one per applicant)
        applicant, as_of, "education_ok" in atoms, levels, params,
        tuple(future_facts(applicant, as_of)),                                # warnings
        work[0][0] if work else 0,                                            # work_months
        {level: n for level, n in get("work_since", ()) if level in (4, 3, 2)})  # work_since


def _levels(atoms: dict[str, list[tuple[Any, ...]]]) -> tuple[LevelAnswer, ...]:
    """The four levels' answers, with the unmet conditions of the routes that fail."""
    get = atoms.get
    routes: dict[int, list[str]] = {level: [] for level in LEVELS}
    for route, in get("admits", ()):
        routes[route_level(route)].append(route)
    eligible = {level for level, in get("eligible", ())}
    held = {level for level, in get("holds", ())}
    unmet: dict[int, dict[str, list[str]]] = {level: {} for level in LEVELS}
    for kind in ("unmet", "shortfall"):
        for route, condition, *_ in get(kind, ()):
            unmet[route_level(route)].setdefault(route, []).append(condition)
    levels = tuple(
        LevelAnswer(
            level=level, held=level in held, eligible=level in eligible,
            routes=tuple(sorted(routes[level])),
            unmet={r: tuple(sorted(c)) for r, c in unmet[level].items()},
        ) if unmet[level] else
        _verdict(level, level in held, level in eligible, tuple(sorted(routes[level])))
        for level in LEVELS
    )
    return levels


@lru_cache(maxsize=4096)
def _verdicts(admits: tuple[tuple[str], ...], eligible: tuple[tuple[int], ...],
              held: tuple[tuple[int | str], ...]) -> tuple[LevelAnswer, ...]:
    """The four levels' answers from the shown admits/2, eligible/2 and holds/2 atoms'
    arguments, as the model gives them (verdicts only): a batch has a few dozen distinct
    ones."""
    routes = sorted(route for route, in admits)
    eligible_levels = {level for level, in eligible}
    held_levels = {level for level, in held}
    return tuple(_verdict(level, level in held_levels, level in eligible_levels,
                          tuple([route for route in routes if route_level(route) == level]))
                 for level in LEVELS)


@cache
def _verdict(level: int, held: bool, eligible: bool, routes: tuple[str, ...]) -> LevelAnswer:
    """A level's answer without unmet conditions (verdicts only): few distinct ones in a
    batch, so each is made once (answers are frozen; building one took a few us)."""
    return LevelAnswer(level=level, held=held, eligible=eligible, routes=routes)


def future_facts(applicant: Applicant, as_of: int) -> list[Note]:
    """Facts dated after as_of: they do not count yet (docs/rules.md)."""
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
