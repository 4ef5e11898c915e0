"""Independent brute-force reference of docs/partial.md sections 1-3 and the relevance of section 4.

Written from ``shared/docs/partial.md``, the other specs and the references beside this file
(``eligibility.reference_check``, ``planner.reference_plan``), without looking at ``logic/`` or
``pyqualify/``; standard library only. Everything is computed by enumerating completions (and,
for the deciding sets, every partial assignment of readings): it is exact, not fast, and it
never relies on monotonicity, so that the engine's use of it can be checked.

The readings pinned where docs/partial.md is open are listed in ``tests/reference/CONTRACT.md``
("Partial facts"); the switchable ones are the keys of :data:`READINGS`.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .eligibility import (
    LEVELS,
    ROUTES,
    Facts,
    edu,
    forecast_applicant,
    merge_params,
    month_index,
    month_str,
    reference_check,
    route_conditions,
)
from .planner import Env, _Planner, reference_plan

# --- section 1: the unknown fields and their readings -----------------------------------------

UNKNOWN = "unknown"
UNKNOWN_ALIASES = frozenset({UNKNOWN, "不确定", "不知道"})
SECTIONS = ("diplomas", "work", "trainings", "certificates")
OCCUPATIONS = ("same", "related", "unrelated")

# The table of docs/partial.md section 1, in its order; readings in the table's order.
UNKNOWN_FIELDS: dict[str, tuple[Any, ...]] = {
    "education": ("none", "junior_middle", "high_school", "equivalent"),
    "diplomas[i].major": OCCUPATIONS,
    "diplomas[i].skill_target": ("none", "intermediate", "advanced"),
    "diplomas[i].mode": ("full_time", "part_time"),
    "work[i].occupation": OCCUPATIONS,
    "trainings[i].occupation": OCCUPATIONS,
    "trainings[i].certificate": (True, False),
    "certificates[i].occupation": OCCUPATIONS,
}

# Section 3: the least favourable reading of each field.
LEAST_FAVOURABLE: dict[str, Any] = {
    "education": "none",
    "diplomas[i].major": "unrelated",
    "diplomas[i].skill_target": "none",
    "diplomas[i].mode": "full_time",
    "work[i].occupation": "unrelated",
    "trainings[i].occupation": "unrelated",
    "trainings[i].certificate": False,
    "certificates[i].occupation": "unrelated",
}

# Readings of the check document where docs/partial.md is open (CONTRACT.md); each may be switched
# per call with ``readings=``.
READINGS: dict[str, str] = {
    # levels[].held: "every" completion | "least_favourable" | "some" completion
    "held": "every",
    # top-level education_ok: "every" | "least_favourable" | "some"
    "education_ok": "every",
    # levels[].routes: routes holding in "every" completion | in the "least_favourable" one
    "routes": "every",
    # depends_on[].routes: routes holding in "every" completion agreeing with a minimal
    # deciding set S that contains the field | in "some" such completion
    "depends_routes": "every",
    # possible_routes: routes that "hold" in some completion | that hold in some completion in
    # which the level is "eligible"
    "possible_routes": "hold",
}

# A partial assignment: one entry per unknown field, a reading or None (field not in S).
Partial = tuple[Any, ...]


def is_unknown(value: Any) -> bool:
    """True for "unknown" and its Chinese aliases 不确定 / 不知道."""
    return isinstance(value, str) and value in UNKNOWN_ALIASES


def table_key(path: str) -> str:
    """The row of the table for a field path: "work[3].occupation" -> "work[i].occupation"."""
    if path == "education":
        return path
    section, rest = path.split("[", 1)
    return f"{section}[i]{rest[rest.index(']') + 1:]}"


def readings_of(path: str) -> tuple[Any, ...]:
    """The readings of one unknown field, in the table's order."""
    return UNKNOWN_FIELDS[table_key(path)]


def _split(path: str) -> tuple[str, int | None, str | None]:
    """ "work[3].occupation" -> ("work", 3, "occupation"); "work" -> ("work", None, None)."""
    if "[" not in path:
        return path, None, None
    section, rest = path.split("[", 1)
    index, field = rest.split("].", 1)
    return section, int(index), field


def _copy(applicant: Mapping[str, Any]) -> dict[str, Any]:
    """A copy deep enough to set any field path (the records are copied, not their values)."""
    out = dict(applicant)
    for section in SECTIONS:
        if isinstance(out.get(section), list):
            out[section] = [dict(r) for r in out[section]]
    return out


def set_field(applicant: dict[str, Any], path: str, value: Any) -> None:
    """Write ``value`` at ``path`` ("education", "work", "work[0].occupation") in place."""
    section, index, field = _split(path)
    if index is None:
        applicant[section] = value
    else:
        applicant[section][index][field] = value


def unknown_fields(applicant: Mapping[str, Any]) -> list[str]:
    """The paths of the fields whose value is unknown (or an alias), in the documented order:
    education, then diplomas, work, trainings, certificates by index, fields in table order.

    An unknown anywhere else (a month, a kind, a level) is refused with ValueError.
    """
    found = ["education"] if is_unknown(applicant.get("education")) else []
    for key, value in applicant.items():
        if key not in SECTIONS and key != "education" and is_unknown(value):
            raise ValueError(f"{key}: 'unknown' is not allowed here")
    for section in SECTIONS:
        fields = [k.split(".", 1)[1] for k in UNKNOWN_FIELDS if k.startswith(section + "[")]
        for i, record in enumerate(applicant.get(section) or []):
            for field, value in record.items():
                if is_unknown(value) and field not in fields:
                    raise ValueError(f"{section}[{i}].{field}: 'unknown' is not allowed here")
            found += [f"{section}[{i}].{f}" for f in fields if is_unknown(record.get(f))]
    return found


def complete(applicant: Mapping[str, Any], assignment: Mapping[str, Any]) -> dict[str, Any]:
    """The file with each field of ``assignment`` replaced by its reading."""
    out = _copy(applicant)
    for path, value in assignment.items():
        set_field(out, path, value)
    return out


def completions(applicant: Mapping[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Every completion as (assignment path -> reading, completed applicant).

    Order: the product of the readings (table order) of the fields in ``unknown_fields`` order,
    the last field varying fastest; a file without unknowns has exactly one completion, itself.
    """
    fields = unknown_fields(applicant)
    for combo in itertools.product(*(readings_of(f) for f in fields)):
        assignment = dict(zip(fields, combo, strict=True))
        yield assignment, complete(applicant, assignment)


def least_assignment(
    applicant: Mapping[str, Any], least: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The least favourable reading of every unknown field (``least`` overrides the table)."""
    table = {**LEAST_FAVOURABLE, **(least or {})}
    return {f: table[table_key(f)] for f in unknown_fields(applicant)}


def least_favourable(
    applicant: Mapping[str, Any], least: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Section 3's least favourable completion."""
    return complete(applicant, least_assignment(applicant, least))


# --- section 2: check with unknowns -----------------------------------------------------------


def _lattice(
    domains: list[tuple[Any, ...]],
    full: Mapping[Partial, tuple[Any, ...]],
    combine: Any,
) -> dict[Partial, tuple[Any, ...]]:
    """Extend a value of every completion to every partial assignment (None = free field).

    The value of a partial assignment is ``combine`` of the values of its children (its first
    free field set to each reading), hence of every completion agreeing with it: a pure
    identity of sets, no property of the rules is assumed.
    """
    table: dict[Partial, tuple[Any, ...]] = dict(full)
    partials = sorted(
        itertools.product(*([None, *d] for d in domains)),
        key=lambda p: sum(v is None for v in p),
    )
    for p in partials:
        if p in table:
            continue
        i = next(k for k, v in enumerate(p) if v is None)
        table[p] = combine([table[(*p[:i], r, *p[i + 1 :])] for r in domains[i]])
    return table


def _combine(children: list[tuple[bool, bool, frozenset[str], frozenset[str]]]) -> tuple:
    """(eligible in every, eligible in some, routes in every, routes in some)."""
    return (
        all(c[0] for c in children),
        any(c[1] for c in children),
        frozenset.intersection(*(c[2] for c in children)),
        frozenset.union(*(c[3] for c in children)),
    )


def _proper_restrictions(p: Partial) -> Iterator[Partial]:
    """Every partial assignment made of a proper subset of the fields set in ``p``."""
    placed = [i for i, v in enumerate(p) if v is not None]
    for size in range(len(placed)):
        for keep in itertools.combinations(placed, size):
            yield tuple(v if i in keep else None for i, v in enumerate(p))


def minimal_deciding_sets(
    fields: list[str], eligible: Mapping[Partial, bool]
) -> list[dict[str, Any]]:
    """Every minimal deciding set, by brute force, as {path: reading} (for tests and debugging).

    ``eligible`` maps each completion (readings in ``fields`` order) to whether the level is
    eligible in it.
    """
    domains = [readings_of(f) for f in fields]
    full = {c: (e, e, frozenset(), frozenset()) for c, e in eligible.items()}
    table = _lattice(domains, full, _combine)
    return [
        {f: v for f, v in zip(fields, p, strict=True) if v is not None}
        for p in _minimal(table)
    ]


def _minimal(table: Mapping[Partial, tuple]) -> list[Partial]:
    """The partial assignments that decide (eligible in every agreeing completion) and have no
    proper subset that decides."""
    return [
        p
        for p, value in table.items()
        if value[0] and not any(table[q][0] for q in _proper_restrictions(p))
    ]


def _pick(reading: str, every: Any, some: Any, lf: Any, key: str) -> Any:
    if reading == "every":
        return every
    if reading == "some":
        return some
    if reading == "least_favourable":
        return lf
    raise ValueError(f"readings[{key!r}]: unknown reading {reading!r}")


def reference_partial_check(
    applicant: Mapping[str, Any],
    params: Mapping[str, Any] | None = None,
    readings: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The check document of docs/partial.md section 2, by enumerating every completion.

    Returns ``{"as_of", "education_ok", "unknowns", "levels": [{"level", "held", "eligible",
    "routes", "verdict"} (+ "depends_on", "possible_routes" when the verdict is "depends")]}``.
    """
    rd = {**READINGS, **(readings or {})}
    p = dict(params) if params else None
    fields = unknown_fields(applicant)
    domains = [readings_of(f) for f in fields]
    rows = [
        (tuple(a[f] for f in fields), reference_check(c, p)) for a, c in completions(applicant)
    ]
    lf = reference_check(least_favourable(applicant), p)
    education = [check["education_ok"] for _, check in rows]
    doc: dict[str, Any] = {
        "as_of": lf["as_of"],
        "education_ok": _pick(
            rd["education_ok"], all(education), any(education), lf["education_ok"],
            "education_ok",
        ),
        "unknowns": fields,
        "levels": [],
    }
    for i, level in enumerate(LEVELS):
        entries = [(combo, check["levels"][i]) for combo, check in rows]
        full = {
            combo: (e["eligible"], e["eligible"], frozenset(e["routes"]), frozenset(e["routes"]))
            for combo, e in entries
        }
        table = _lattice(domains, full, _combine)
        top = table[(None,) * len(fields)]
        verdict = "yes" if top[0] else "depends" if top[1] else "no"
        held = [e["held"] for _, e in entries]
        lf_level = lf["levels"][i]
        entry: dict[str, Any] = {
            "level": level,
            "held": _pick(rd["held"], all(held), any(held), lf_level["held"], "held"),
            "eligible": verdict == "yes",
            "routes": sorted(_pick(rd["routes"], top[2], top[3], lf_level["routes"], "routes")),
            "verdict": verdict,
        }
        if verdict == "depends":
            entry["depends_on"] = _depends_on(fields, table, rd["depends_routes"])
            if rd["possible_routes"] == "hold":
                possible = top[3]
            elif rd["possible_routes"] == "eligible":
                possible = frozenset().union(*(e["routes"] for _, e in entries if e["eligible"]))
            else:
                raise ValueError(f"readings['possible_routes']: {rd['possible_routes']!r}")
            entry["possible_routes"] = sorted(possible)
        doc["levels"].append(entry)
    return doc


def _depends_on(
    fields: list[str], table: Mapping[Partial, tuple], reading: str
) -> list[dict[str, Any]]:
    """``depends_on``: each field of some minimal deciding set, in ``unknowns`` order."""
    minimal = _minimal(table)
    found = []
    for i, path in enumerate(fields):
        sets = [p for p in minimal if p[i] is not None]
        if not sets:
            continue
        admits = {p[i] for p in sets}
        routes: set[str] = set()
        for p in sets:
            routes |= _pick(reading, table[p][2], table[p][3], None, "depends_routes")
        found.append(
            {
                "field": path,
                "admits_if": [r for r in readings_of(path) if r in admits],
                "routes": sorted(routes),
            }
        )
    return found


def monotone_violations(
    applicant: Mapping[str, Any],
    params: Mapping[str, Any] | None = None,
    *,
    least: Mapping[str, Any] | None = None,
    offsets: Iterable[int] = (0,),
    assume_work: bool = True,
) -> list[tuple[str, str]]:
    """Section 3's property, by enumeration: the pairs (route, condition) met in the least
    favourable completion but not in some completion, sorted.

    The condition is a name of ``route_conditions`` or the route's own ID (the route itself);
    ("EDU", "EDU") stands for the general requirement. With ``offsets`` the files are also
    judged at as_of + k (``forecast_applicant``: time and work go on, docs/planner.md rule 1, which
    is where ``mode`` matters). ``least`` overrides the table of least favourable readings (to
    show that the check can fail). An empty list means the property holds for this file.
    """
    p = merge_params(params)
    found: set[tuple[str, str]] = set()
    lf = least_favourable(applicant, least)
    others = [c for _, c in completions(applicant)]
    for k in offsets:
        lf_facts = _facts_at(lf, k, p, assume_work)
        for c in others:
            c_facts = _facts_at(c, k, p, assume_work)
            if edu(lf_facts) and not edu(c_facts):
                found.add(("EDU", "EDU"))
            for level in LEVELS:
                for rid, route in ROUTES[level].items():
                    if route(lf_facts) and not route(c_facts):
                        found.add((rid, rid))
                    lf_conditions = route_conditions(rid, lf_facts)
                    c_conditions = route_conditions(rid, c_facts)
                    for mine, theirs in zip(lf_conditions, c_conditions, strict=True):
                        if mine[1] and not theirs[1]:
                            found.add((rid, mine[0]))
    return sorted(found)


def _facts_at(applicant: dict[str, Any], k: int, p: dict[str, Any], assume_work: bool) -> Facts:
    if k == 0:
        return Facts(applicant, p)
    later = forecast_applicant(applicant, month_index(applicant["as_of"]) + k, assume_work)
    return Facts(later, p)


# --- section 3: path with unknowns ------------------------------------------------------------

DERIVED = ("complete_training", "graduate", "certificate")


def _steps(
    training_start: int | None,
    study: str | None,
    study_start: int | None,
    exams: Iterable[tuple[int, int]],
) -> list[dict[str, Any]]:
    """docs/output.md steps (the replayable ones), in month order, starts before exams."""
    steps: list[tuple[int, int, dict[str, Any]]] = []
    if training_start is not None:
        steps.append((training_start, 0, {"action": "start_training"}))
    if study is not None and study_start is not None:
        steps.append((study_start, 1, {"action": "start_study", "program": study}))
    for level, month in exams:
        steps.append((month, 2, {"action": "exam", "level": level}))
    steps.sort(key=lambda s: (s[0], s[1]))
    return [{"month": month_str(t), **step} for t, _, step in steps]


def plan_steps(plan: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The docs/output.md steps of a ``reference_plan`` result's ``plan`` (empty for None)."""
    if not plan:
        return []
    return _steps(
        None if plan["training_start"] is None else month_index(plan["training_start"]),
        plan["study"],
        None if plan["study_start"] is None else month_index(plan["study_start"]),
        [(int(level), month_index(month)) for level, month in plan["exams"]],
    )


def _replay(
    applicant: Mapping[str, Any],
    steps: Iterable[Mapping[str, Any]],
    target: int,
    params: Mapping[str, Any] | None,
    planner: Mapping[str, Any] | None,
    skip_of: frozenset[Any] | None,
) -> tuple[bool, str]:
    """Replay the plan's start and exam steps in one complete file.

    ``skip_of``: the levels blocked by the file in the least favourable completion; an exam of
    a level blocked here but not there is skipped (the exception of section 3). None: skip
    nothing.
    """
    P = _Planner(applicant, target, params, planner)
    skip = frozenset() if skip_of is None else P.file_blocked - skip_of
    catalog = {prog.id: prog for prog in P.catalog}
    training: int | None = None
    study: tuple[Any, int] | None = None
    exams: list[tuple[int, int]] = []
    for step in steps:
        action, month = step["action"], step["month"]
        t = month_index(month)
        if action == "start_training":
            if training is not None:
                return False, f"{month}: a second training"
            if not P.allow_training or not P.as_of <= t <= P.end:
                return False, f"{month}: training not allowed"
            training = t
        elif action == "start_study":
            prog = catalog.get(step.get("program"))
            if study is not None:
                return False, f"{month}: a second programme"
            if prog is None:
                return False, f"{month}: programme {step.get('program')!r} not in the catalogue"
            if t not in set(P.study_starts(prog)):
                return False, f"{month}: programme {prog.id} may not start then"
            study = (prog, t)
        elif action == "exam":
            level = int(step["level"])
            if level not in skip:
                exams.append((level, t))
        elif action not in DERIVED:
            return False, f"{month}: unknown action {action!r}"
    env = Env(
        programme=study[0] if study else None,
        study_start=study[1] if study else None,
        training_start=training,
    )
    sat: list[tuple[int, int]] = []
    for level, t in sorted(exams, key=lambda e: e[1]):
        month = month_str(t)
        if any(m == t for _, m in sat):
            return False, f"{month}: two exams in one month"
        if not P.as_of <= t <= P.end or level not in P.levels:
            return False, f"{month}: exam of level {level} outside the timeline or levels"
        if t % 12 + 1 not in P.exam_months[level]:
            return False, f"{month}: no exam of level {level} that month"
        if level in P.file_blocked or any(lv == level for lv, _ in sat):
            return False, f"{month}: level {level} is already held or awaited"
        if level not in P.eligible(t, env, tuple(sorted(sat))):
            return False, f"{month}: exam of level {level} not admitted"
        if level == target and t + P.delay > P.end:
            return False, f"{month}: the target certificate arrives after the horizon"
        sat.append((level, t))
    if target not in P.file_blocked and all(lv != target for lv, _ in sat):
        return False, f"no exam of the target level {target}"
    return True, ""


def plan_valid_in_all_completions(
    applicant: Mapping[str, Any],
    steps: Iterable[Mapping[str, Any]],
    target: int = 1,
    params: Mapping[str, Any] | None = None,
    planner: Mapping[str, Any] | None = None,
) -> tuple[bool, str]:
    """Whether the plan (docs/output.md steps; only start_training, start_study and exam are
    replayed) is admitted step by step in every completion, with section 3's exception: in a
    completion where a file certificate blocks a level only because of an unknown reading (the
    level is not blocked in the least favourable completion), the plan's exam of that level is
    skipped. Returns (True, "") or (False, the first failure and its completion).
    """
    steps = list(steps)
    lf = least_favourable(applicant)
    lf_blocked = _Planner(lf, target, params, planner).file_blocked
    for assignment, c in completions(applicant):
        ok, reason = _replay(c, steps, target, params, planner, lf_blocked)
        if not ok:
            return False, f"{reason} (completion {json.dumps(assignment, ensure_ascii=False)})"
    return True, ""


def _env_steps(env: Env, exams: Iterable[tuple[int, int]]) -> list[dict[str, Any]]:
    return _steps(
        env.training_start,
        env.programme.id if env.programme else None,
        env.study_start,
        exams,
    )


def reference_partial_plan(
    applicant: Mapping[str, Any],
    target: int = 1,
    params: Mapping[str, Any] | None = None,
    planner: Mapping[str, Any] | None = None,
    *,
    best_case: bool = True,
) -> dict[str, Any]:
    """The path document of docs/partial.md section 3 (its keys; see CONTRACT.md).

    The plan is the least favourable completion's optimal plan (``reference_plan``) when it
    is valid in every completion (``plan_valid_in_all_completions``); otherwise the first plan
    of that completion, in the order of docs/planner.md's objective, that is (exhaustive search:
    small horizons only). ``months``/``certified``/``objective`` are that plan's, measured in
    the least favourable completion. ``best_case`` (False: not computed, key absent) is the
    fastest ``reference_plan`` over all completions with the fewest assumed readings, or None
    when it is no faster than the plan.
    """
    p = dict(params) if params else None
    fields = unknown_fields(applicant)
    lf = least_favourable(applicant)
    base = reference_plan(lf, target, p, planner)
    doc: dict[str, Any] = {
        "unknowns": fields,
        "target": target,
        "reachable": False,
        "certified": None,
        "months": None,
        "objective": None,
        "steps": None,
        "lf_months": base["months"],
        "lf_plan_valid": None,
    }
    if base["reachable"]:
        steps = plan_steps(base["plan"])
        ok, _ = plan_valid_in_all_completions(applicant, steps, target, p, planner)
        doc["lf_plan_valid"] = ok
        chosen: tuple[list[int], list[dict[str, Any]]] | None = (base["objective"], steps)
        if not ok:
            chosen = fastest_valid_plan(applicant, lf, target, p, planner)
        if chosen is not None:
            objective, steps = chosen
            as_of = month_index(lf["as_of"])
            doc.update(
                reachable=True,
                certified=month_str(objective[0]),
                months=objective[0] - as_of,
                objective=list(objective),
                steps=steps,
            )
    if best_case:
        doc["best_case"] = _best_case(applicant, doc["months"], target, p, planner)
    return doc


def fastest_valid_plan(
    applicant: Mapping[str, Any],
    lf: dict[str, Any],
    target: int,
    params: Mapping[str, Any] | None,
    planner: Mapping[str, Any] | None,
) -> tuple[list[int], list[dict[str, Any]]] | None:
    """The best plan of the least favourable completion, in docs/planner.md's objective order, that
    is valid in every completion (a plan valid in every completion is one of its plans).

    Exhaustive over every study (programme, start), training start and exam schedule, with only
    two exact cuts that assume nothing of the rules: a target exam later than the best valid
    plan's cannot beat it (the certified month comes first), and a study or training starting
    after the target exam changes no exam and only adds to the objective. Small horizons only.
    """
    P = _Planner(lf, target, params, planner)
    studies: list[tuple[Any, int | None]] = [(None, None)]
    for prog in P.catalog:
        studies += [(prog, s) for s in P.study_starts(prog)]
    envs = [
        Env(programme=prog, study_start=s, training_start=tr)
        for prog, s in studies
        for tr in P.training_options(exhaustive=True)
    ]
    envs.sort(key=lambda env: (env.study_months, env.trainings))
    best: tuple[tuple[int, ...], list[dict[str, Any]]] | None = None

    def last_exam() -> int:
        return P.end - P.delay if best is None else best[0][0] - P.delay

    def visit(env: Env, t: int, exams: tuple[tuple[int, int], ...]) -> None:
        nonlocal best
        if t > last_exam():
            return
        for level in P.sittable(t, env, exams):
            new = tuple(sorted((*exams, (level, t))))
            if level != target:
                visit(env, t + 1, new)
                continue
            objective = P.objective(env, new)
            if best is not None and objective >= best[0]:
                continue
            steps = _env_steps(env, new)
            if plan_valid_in_all_completions(applicant, steps, target, params, planner)[0]:
                best = (objective, steps)
        visit(env, t + 1, exams)

    for env in envs:
        starts = [s for s in (env.study_start, env.training_start) if s is not None]
        if any(s > last_exam() for s in starts):
            continue
        visit(env, P.as_of, ())
    return None if best is None else (list(best[0]), best[1])


def _best_case(
    applicant: Mapping[str, Any],
    plan_months: int | None,
    target: int,
    params: Mapping[str, Any] | None,
    planner: Mapping[str, Any] | None,
) -> dict[str, Any] | None:
    """The fastest path over every completion; among those that reach it, the one with the
    fewest assumed readings (readings other than the least favourable one), then the first in
    ``completions`` order. None when not faster than ``plan_months`` (or nothing reachable)."""
    least = least_assignment(applicant)
    best: tuple[tuple[int, int, int], dict[str, Any], dict[str, Any]] | None = None
    for index, (assignment, c) in enumerate(completions(applicant)):
        r = reference_plan(c, target, params, planner)
        if not r["reachable"]:
            continue
        assumed = {f: v for f, v in assignment.items() if v != least[f]}
        key = (r["months"], len(assumed), index)
        if best is None or key < best[0]:
            best = (key, r, assumed)
    if best is None:
        return None
    _, r, assumed = best
    if plan_months is not None and r["months"] >= plan_months:
        return None
    return {"months": r["months"], "certified": r["certified"], "assumes": assumed}


# --- section 4: which unasked facts are relevant ----------------------------------------------

# The fields of a record that can be unasked (absent), in the schema's order. ``work[i].end``
# is never unasked: absent means a job still going on (a records answer for work may leave it
# out, docs/partial.md section 4).
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "diplomas": ("kind", "major", "skill_target", "graduation", "mode"),
    "work": ("start", "occupation"),
    "trainings": ("hours", "occupation", "certificate", "completed"),
    "certificates": ("level", "occupation", "obtained"),
}
MONTH_FIELDS = frozenset({"graduation", "start", "completed", "obtained"})
KINDS = (
    "technical_school", "secondary_vocational", "advanced_technical_school",
    "technician_college", "higher_vocational", "junior_college", "bachelor", "master",
    "doctorate",
)


def default_domains(as_of: str) -> dict[str, Any]:
    """The default answers of unasked facts that are not enumerations of the table.

    Months are relative to ``as_of`` (a = as_of): a-48, a-12, a+6. Sections: lists of at most
    ``max_records`` (2) records, drawn with repetition from a handful of representative records.
    """
    a = month_index(as_of)

    def m(k: int) -> str:
        return month_str(a + k)

    return {
        "months": [m(-48), m(-12), m(6)],
        "hours": [16, 48],
        "kind": list(KINDS),
        "level": [4, 3, 2, 1, "preparatory_technician"],
        "max_records": 2,
        "diplomas": [
            {"kind": "junior_college", "major": "related", "skill_target": "none",
             "graduation": m(-12), "mode": "full_time"},
            {"kind": "technician_college", "major": "unrelated", "skill_target": "advanced",
             "graduation": m(-12), "mode": "full_time"},
            {"kind": "higher_vocational", "major": "same", "skill_target": "advanced",
             "graduation": m(6), "mode": "part_time"},
        ],
        "work": [
            {"start": m(-48), "end": None, "occupation": "related"},
            {"start": m(-18), "end": m(-7), "occupation": "same"},
            {"start": m(-60), "end": m(-1), "occupation": "unrelated"},
        ],
        "trainings": [
            {"hours": 48, "occupation": "same", "certificate": True, "completed": m(-3)},
            {"hours": 16, "occupation": "related", "certificate": True, "completed": m(-3)},
        ],
        "certificates": [
            {"level": 4, "occupation": "same", "obtained": m(-30)},
            {"level": 3, "occupation": "related", "obtained": m(-40)},
            {"level": 2, "occupation": "same", "obtained": m(-50)},
        ],
    }


def _answers(path: str, domains: Mapping[str, Any]) -> list[Any]:
    """The possible answers of one unasked fact."""
    section, index, field = _split(path)
    if index is None and section != "education":  # a whole section
        records = domains[section]
        lists: list[Any] = []
        for size in range(domains["max_records"] + 1):
            for picks in itertools.combinations_with_replacement(range(len(records)), size):
                lists.append([dict(records[i]) for i in picks])
        return lists
    if path in domains:  # a domain given for this very path
        return list(domains[path])
    if path != "education" and field in domains:
        return list(domains[field])
    if path == "education" or f"{section}[i].{field}" in UNKNOWN_FIELDS:
        return [*readings_of(path), UNKNOWN]
    if field in MONTH_FIELDS:
        return list(domains["months"])
    return list(domains[field])  # hours, kind, level


def unasked_facts(partial: Mapping[str, Any]) -> list[str]:
    """The unasked facts of a partial applicant: education (absent), the absent sections, then
    each record's absent fields (sections in order, records by index, fields in schema order)."""
    found = [] if "education" in partial else ["education"]
    found += [s for s in SECTIONS if s not in partial]
    for section in SECTIONS:
        for i, record in enumerate(partial.get(section) or []):
            found += [f"{section}[{i}].{f}" for f in RECORD_FIELDS[section] if f not in record]
    return found


def _result(
    applicant: dict[str, Any],
    target: int | None,
    params: Mapping[str, Any] | None,
    planner: Mapping[str, Any] | None,
) -> tuple[Any, ...]:
    """What the interview settles: the four verdicts, and with a target reachable and months."""
    check = reference_partial_check(applicant, params)
    verdicts = tuple(level["verdict"] for level in check["levels"])
    if target is None:
        return verdicts
    path = reference_partial_plan(applicant, target, params, planner, best_case=False)
    return (*verdicts, path["reachable"], path["months"])


def relevant_fields(
    partial_applicant: Mapping[str, Any],
    target: int | None = None,
    params: Mapping[str, Any] | None = None,
    domains: Mapping[str, Any] | None = None,
    planner: Mapping[str, Any] | None = None,
) -> set[str]:
    """The unasked facts (``unasked_facts``) whose answers can change the result, by brute force.

    A fact f is relevant when some assignment X of answers to the other unasked facts and two
    answers a, b of f give different results (``_result``) for the file "partial + X + f=a" and
    "partial + X + f=b". Answers: ``_answers`` (the readings plus "unknown" for the table's
    fields, the domains otherwise). ``as_of`` is required (the default domains hang on it).
    """
    if not partial_applicant.get("as_of"):
        raise ValueError("relevant_fields needs as_of")
    doms = {**default_domains(partial_applicant["as_of"]), **(domains or {})}
    facts = unasked_facts(partial_applicant)
    answers = [_answers(f, doms) for f in facts]
    cache: dict[str, tuple[Any, ...]] = {}
    results: dict[tuple[int, ...], tuple[Any, ...]] = {}
    # Every combination of answers once (files that come out equal share one result).
    for combo in itertools.product(*(range(len(a)) for a in answers)):
        filled = _copy(partial_applicant)
        for f, options, k in zip(facts, answers, combo, strict=True):
            set_field(filled, f, options[k])
        key = json.dumps(filled, sort_keys=True, ensure_ascii=False)
        if key not in cache:
            cache[key] = _result(filled, target, params, planner)
        results[combo] = cache[key]
    relevant: set[str] = set()
    for i, f in enumerate(facts):
        seen: dict[tuple[int, ...], set[tuple[Any, ...]]] = {}
        for combo, result in results.items():
            seen.setdefault(combo[:i] + combo[i + 1 :], set()).add(result)
        if any(len(group) > 1 for group in seen.values()):
            relevant.add(f)
    return relevant
