"""The interview (docs/partial.md, "The interview"): one question at a time, and only the
questions whose answer can still change the result.

The state is a partial applicant document: a section (``diplomas``, ``work``,
``trainings``, ``certificates``) that is absent (or null) has not been asked yet, nor a field
of the eight of :data:`pyqualify.applicant.UNKNOWN_FIELDS` that is absent in a record, nor
``education`` when absent; ``unknown`` is an answer ("not sure").  :func:`next_step` says
what to ask next, or that the interview is done.

Which questions matter is asked of the rules (``logic/interview.lp``): the facts not asked
yet are unknown, a section not asked yet is one record every fact of which is unknown
(``logic/unasked.lp``), and a question matters when two of its answers give a different
verdict of some level for some reading of the rest (the brave consequences of one solve).
With a target, once no question can change a verdict, the path: the least favourable
plan (every fact not asked yet read least favourably, no record added) against the
fastest over every reading of them (``best_case.lp`` with the records of ``unasked.lp``);
when one is faster, each fact of the fewest readings that reach it matters, and the first
is asked.  Questions come in one fixed order: the sections, education, then the records'
facts record by record.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

from .applicant import (
    CERTIFICATE_LEVELS,
    DIPLOMA_KINDS,
    EDUCATIONS,
    MAX_HOURS,
    SECTIONS,
    UNKNOWN,
    Applicant,
    applicant_from_mapping,
)
from .asp import Program, add_file, atom
from .eligibility import resolve_as_of
from .levels import LEVELS, route_level
from .messages import InputError, input_error
from .months import FIRST_YEAR
from .options import PlannerOptions
from .params import RuleParams
from .partial import field_path, least_readings
from .words import choice_label, field_label, pick, record_label

# The sections in the order they are asked, the name of a record in logic/, and the keys a
# records answer gives (the other fields of its records are asked one by one later).
SECTION_ORDER = ("diplomas", "work", "trainings", "certificates")
RECORD_NAME = {"diplomas": "diploma", "work": "work", "trainings": "training",
               "certificates": "certificate"}
KEYS = {"diplomas": ("kind", "graduation"), "work": ("start", "end"),
        "trainings": ("hours", "completed"), "certificates": ("level", "obtained")}
# The fields of a record asked one by one (each may be answered unknown), in their order.
DETAILS = {section.key: tuple(f.key for f in section.fields if f.unsure)
           for section in SECTIONS}
# A field never asked takes its default of docs/input.md where it has one (skill_target,
# mode), else its least favourable reading (docs/partial.md), as the file writes it.
LEAST_AS_WRITTEN = {"major": "unrelated", "occupation": "unrelated", "certificate": False,
                    "skill_target": "none", "mode": "full_time"}

TEXTS: dict[str, tuple[str, str]] = {
    "diplomas": ("你有哪些毕业证书（含在校、即将毕业的）？没有就答“无”。",
                 "Which diplomas do you have (one you are about to receive too)? "
                 "None is an answer."),
    "work": ("你有哪些工作经历？没有就答“无”。", "Which jobs have you had? None is an answer."),
    "trainings": ("你参加过哪些职业培训？没有就答“无”。",
                  "Which training courses have you taken? None is an answer."),
    "certificates": ("你已取得哪些职业技能等级证书（职业资格证书）？没有就答“无”。",
                     "Which occupational skill certificates do you hold? None is an answer."),
    "education": ("你的普通教育程度是？", "What is your general schooling?"),
    "diplomas.major": ("{record}的专业与全媒体运营相关吗？",
                       "Is the major of {record} related to all-media operation?"),
    "diplomas.skill_target": ("{record}的专业是否经评估论证、以中级或高级技能为培养目标？",
                              "Did the programme of {record} train intermediate or advanced "
                              "skills (经评估论证)?"),
    "diplomas.mode": ("{record}是全日制还是非全日制？", "Was {record} full-time or part-time?"),
    "work.occupation": ("{record}属于本职业（全媒体运营师）或相关职业吗？",
                        "Was {record} in this occupation (all-media operator) or a related one?"),
    "trainings.occupation": ("{record}是本职业（全媒体运营师）的正规培训吗？",
                             "Was {record} a course of this occupation (all-media operator)?"),
    "trainings.certificate": ("{record}结业时取得了培训证书吗？",
                              "Did {record} end with a training certificate?"),
    "certificates.occupation": ("{record}是本职业或相关职业的证书吗？",
                                "Is {record} of this occupation or a related one?"),
}
KEY_TEXTS: dict[str, tuple[str, str]] = {
    "kind": ("学校类别", "kind of school"),
    "graduation": ("毕业月份（YYYY-MM）", "graduation month (YYYY-MM)"),
    "start": ("开始月份（YYYY-MM）", "start month (YYYY-MM)"),
    "end": ("结束月份（YYYY-MM；仍在职留空）", "end month (YYYY-MM; empty if still going on)"),
    "hours": ("学时", "hours"),
    "completed": ("结业月份（YYYY-MM）", "month completed (YYYY-MM)"),
    "level": ("等级", "level"),
    "obtained": ("取得月份（YYYY-MM）", "month obtained (YYYY-MM)"),
}


@dataclass(frozen=True)
class State:
    """A partial applicant read: the applicant with every fact not asked yet ``unknown``
    (an unasked section empty), and what was not asked."""

    applicant: Applicant
    as_of: int
    open_sections: tuple[str, ...]     # in SECTION_ORDER
    open_fields: tuple[str, ...]       # education and the records' fields, in their order
    asked_unknowns: tuple[str, ...]    # answered "not sure"
    asked: int                         # questions answered so far

    def questions(self) -> tuple[str, ...]:
        """Every question not asked yet, in the order they are asked."""
        return (*self.open_sections, *self.open_fields)


def read_state(data: Any, path: str = "applicant") -> State:
    """A partial applicant document read and checked by the one loader (an error names
    its field, under ``path``)."""
    if not isinstance(data, dict):
        return _refuse(data, path)
    filled = dict(data)
    open_sections = tuple(s for s in SECTION_ORDER if filled.get(s) is None)
    for section in open_sections:
        filled.pop(section, None)
    open_fields: list[str] = []
    asked = len(SECTION_ORDER) - len(open_sections)
    if filled.get("education") is None:
        filled["education"] = UNKNOWN
        open_fields.append("education")
    else:
        asked += 1
    for section in SECTION_ORDER:
        records = filled.get(section)
        if not isinstance(records, list):
            continue
        copies = []
        for i, record in enumerate(records):
            if isinstance(record, dict):
                record = dict(record)
                for name in DETAILS[section]:
                    if record.get(name) is None:
                        record[name] = UNKNOWN
                        open_fields.append(f"{section}[{i}].{name}")
                    else:
                        asked += 1
            copies.append(record)
        filled[section] = copies
    applicant = applicant_from_mapping(filled, path)
    shut = set(open_fields)
    return State(applicant, resolve_as_of(applicant, None), open_sections, tuple(open_fields),
                 tuple(f for f in applicant.unknowns() if f not in shut), asked)


def _refuse(data: Any, path: str) -> State:
    applicant_from_mapping(data, path)   # raises: the loader's words for "a mapping"
    raise input_error(path, "mapping", data)


# --- which questions matter ------------------------------------------------------------

FILE = "f"


def _term(question: str) -> Any:
    """A question as logic/ names it: a section as the ``given`` of its record."""
    if question == "education":
        return "education"
    if question in RECORD_NAME:
        return atom(RECORD_NAME[question], 0, "given")
    section, rest = question.split("[", 1)
    index, name = rest.split("].")
    return atom(RECORD_NAME[section], int(index), name)


def _question_of(path: str) -> str:
    """A field of logic/'s answers as the question that asks it (a field of a record not
    given yet: its section)."""
    section, _, name = path.partition("[")
    if name.endswith((".given", ".kind", ".level")) and section in RECORD_NAME:
        return section
    return path


def unasked_facts(state: State, key: str) -> tuple[tuple[Any, ...], ...]:
    """The facts of logic/unasked.lp for the sections not asked yet of file ``key``."""
    facts: list[tuple[Any, ...]] = [("unasked_section", key, s, 0) for s in state.open_sections]
    if facts:
        facts += [("long_ago", key, FIRST_YEAR * 12), ("most_hours", key, MAX_HOURS)]
    return tuple(facts)


@dataclass
class Relevance:
    """What the rules say of the questions not asked yet."""

    questions: dict[str, set[str]] = field(default_factory=dict)  # question -> routes (why)
    levels: dict[str, set[int]] = field(default_factory=dict)     # question -> levels


def check_relevance(state: State, params: RuleParams | None = None) -> Relevance:
    """The questions whose answer can change the verdict of some level (interview.lp)."""
    found = Relevance()
    questions = state.questions()
    if not questions:
        return found
    rules = RuleParams.of(params)
    program = Program("interview", rules.as_dict())
    add_file(program, FILE, state.applicant, state.as_of)
    program.fact("file", FILE)
    for name, *args in unasked_facts(state, FILE):
        program.fact(name, *args)
    for path in state.asked_unknowns:
        program.fact("asked_unknown", FILE, _term(path))
    for question in questions:
        program.fact("question", FILE, _term(question))
    program.ground()
    solved = program.solve(models=0, enum_mode="brave")
    for name, _, rest in solved.last or []:
        question = _question_of(field_path(rest[0]))
        if name == "probe":
            found.questions.setdefault(question, set())
        elif name == "why":
            found.questions.setdefault(question, set()).add(rest[1])
        elif name == "changes":
            found.levels.setdefault(question, set()).add(rest[1])
    return found


@dataclass(frozen=True)
class PathQuestion:
    """What the path says of the questions not asked yet: the first that can change it
    (None: none can), the routes of the faster plan, and the least favourable path."""

    question: str | None
    why: tuple[str, ...] = ()
    slowest: int | None = None   # the months of the least favourable plan (None: none)


def path_question(state: State, target: int, params: RuleParams | None = None,
                  options: PlannerOptions | None = None) -> PathQuestion:
    """The first question whose answer can change the path to ``target``.

    Planning is monotone in the answers (a better reading, a record more, never delays a
    plan), so the path is settled exactly when the least favourable plan (every fact not
    asked yet, and every "not sure", read least favourably, no record added) is as fast as
    the fastest over every answer not given yet: the most favourable readings
    (logic/verdicts.lp), each section not asked yet as the record of logic/unasked.lp that
    plans fastest (best_case.lp).  When it is faster, the questions are read least
    favourably one by one in their order; the first whose turn makes the plan slower can
    change the path (with the later ones read most favourably), and is found by bisection
    over that chain: a few plannings, none of them a search over readings."""
    least = least_readings()
    fixed = _read(state.applicant, set(state.asked_unknowns), least)   # "not sure": least
    planner = options or PlannerOptions.default()
    slowest, _ = _planned(_read(fixed, set(state.open_fields), least), target, state.as_of,
                          RuleParams.of(params), planner, ())
    questions = state.questions()
    if not questions or slowest == 0:
        return PathQuestion(None, (), slowest)
    delaying = _delaying(state, fixed, target, RuleParams.of(params), planner, slowest)
    first_delaying = next((q for q in questions if q in delaying), None)
    within = planner if slowest is None else planner.updated(horizon=max(1, slowest))
    best = _chain_months(state, fixed, 0, target, params, within)
    if best is None or (slowest is not None and best[0] >= slowest):
        return PathQuestion(first_delaying, ("path",) if first_delaying else (), slowest)
    fastest, routes = best
    faster = planner.updated(horizon=max(1, fastest))   # is a plan still this fast?
    low, high = 0, len(questions)   # turn 0: all read best (fast); turn len: all least (slow)
    while high - low > 1:
        middle = (low + high) // 2
        found = _chain_months(state, fixed, middle, target, params, faster)
        if found is not None and found[0] <= fastest:
            low, routes = middle, found[1]
        else:
            high = middle
    found = questions[high - 1]
    if first_delaying is not None and questions.index(first_delaying) < questions.index(found):
        return PathQuestion(first_delaying, ("path",), slowest)
    return PathQuestion(found, routes or ("path",), slowest)


def _delaying(state: State, fixed: Applicant, target: int, rules: RuleParams,
              options: PlannerOptions, slowest: int | None) -> set[str]:
    """The sections not asked yet whose records could also delay the plan, where they do:
    a full-time programme still running (it takes the months of work that planning
    assumes; docs/planner.md) and a certificate of the target awaited (its level is not
    sat again).  Each is planned as the record that delays most (a programme running past
    the horizon, graduating too late to count; the target's certificate awaited at the
    horizon's end), beside no record; a section whose record changes the months can change
    the path.  Records can only help the verdicts, so only the path asks this."""
    from .applicant import Certificate, Diploma
    from .months import LAST_YEAR

    least = least_readings()
    applicant = _read(fixed, set(state.open_fields), least)
    last = LAST_YEAR * 12 + 11
    found = set()
    for section in state.open_sections:
        if section == "diplomas":
            record: Any = Diploma("technical_school", "unrelated",
                                  min(last, state.as_of + options.horizon + 24))
            changed = replace(applicant, diplomas=(record,))
        elif section == "certificates":
            record = Certificate(target, "same", min(last, state.as_of + options.horizon - 1))
            changed = replace(applicant, certificates=(record,))
        else:
            continue
        months, _ = _planned(changed, target, state.as_of, rules, options, ())
        if months != slowest:
            found.add(section)
    return found


def _chain_months(state: State, fixed: Applicant, turn: int, target: int,
                  params: RuleParams | None, options: PlannerOptions
                  ) -> tuple[int, tuple[str, ...]] | None:
    """The months of the fastest plan (and its routes) when the first ``turn`` questions are
    read least favourably (a section: no record) and the others most favourably (a section:
    the record of logic/unasked.lp that plans fastest); None: no plan within the horizon."""
    from .partial import most_favourable

    questions = state.questions()
    lowered = set(questions[:turn])
    applicant = _read(fixed, lowered, least_readings())
    sections = tuple(s for s in state.open_sections if s not in lowered)
    facts = unasked_facts(replace(state, open_sections=sections), "file")
    found: tuple[int, tuple[str, ...]] | None = None
    for best in most_favourable(applicant):
        months, routes = _planned(best, target, state.as_of, RuleParams.of(params), options,
                                  facts)
        if months is not None and (found is None or months < found[0]):
            found = (months, routes)
    return found


# Plannings of an interview, kept: the chain of one step is mostly the chain of the step
# before (the same files, one answer apart).  A pure cache of answers, bounded; no state of
# any interview (the API stays stateless).
_PLANNED: OrderedDict[Any, tuple[int | None, tuple[str, ...]]] = OrderedDict()
PLANNED_MAX = 2048


def _planned(applicant: Applicant, target: int, as_of: int, rules: RuleParams,
             options: PlannerOptions, facts: tuple[tuple[Any, ...], ...]
             ) -> tuple[int | None, tuple[str, ...]]:
    """The months of the fastest plan of ``applicant`` (with the records not given yet of
    ``facts``: over every reading of them) and its routes; None: no plan."""
    from .planner import fastest_completion, fastest_path

    key = (applicant, target, as_of, rules, _options_key(options), facts)
    known = _PLANNED.get(key)
    if known is not None:
        _PLANNED.move_to_end(key)
        return known
    if facts:
        plan, _ = fastest_completion(applicant, target, as_of=as_of, params=rules,
                                     options=options, facts=facts, assumed=False)
        months = None if plan is None else plan.certified - as_of
        exams = () if plan is None else plan.exams
    else:
        result = fastest_path(applicant, target, as_of=as_of, params=rules, options=options,
                              tradeoffs=False, explain=False)
        months = result.months if result.reachable else None
        exams = result.plans[0].exams if result.plans else ()
    found = (months, tuple(sorted({r for _, _, rs in exams for r in rs})))
    _PLANNED[key] = found
    if len(_PLANNED) > PLANNED_MAX:
        _PLANNED.popitem(last=False)
    return found


def _options_key(options: PlannerOptions) -> tuple[Any, ...]:
    """The planner's options as a key (their exam months are a dict)."""
    return (options.horizon, options.certificate_delay, options.training_months,
            options.training_hours, options.assume_work,
            tuple(sorted(options.exam_months.items())), options.catalog, options.allow_study,
            options.allow_training, options.excluded_programmes)


def _read(applicant: Applicant, fields: set[str], readings: dict[str, Any]) -> Applicant:
    """The applicant with the unknown ``fields`` (paths) read as ``readings`` (kind ->)."""
    from .partial import FIELD_KIND

    def value(path: str, current: Any) -> Any:
        return readings[FIELD_KIND[path.rsplit(".", 1)[-1]]] \
            if path in fields and current == UNKNOWN else current

    return _with_fields(applicant, value)


def _with_fields(applicant: Applicant, value: Any) -> Applicant:
    """The applicant with each of the eight fields replaced by ``value(path, current)``."""
    def records(section: str) -> tuple[Any, ...]:
        return tuple(replace(record, **{name: value(f"{section}[{i}].{name}",
                                                    getattr(record, name))
                                        for name in DETAILS[section]})
                     for i, record in enumerate(getattr(applicant, section)))

    return replace(applicant, education=value("education", applicant.education),
                   diplomas=records("diplomas"), work=records("work"),
                   trainings=records("trainings"), certificates=records("certificates"))


# --- the step ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    """One question: the field it writes, its type, its choices or keys, its words."""

    field: str
    type: str                                  # choice | month | number | records
    text: str
    why: tuple[str, ...]
    choices: tuple[dict[str, Any], ...] = ()
    keys: tuple[str, ...] = ()
    fields: tuple[dict[str, Any], ...] = ()    # records: how each key is asked

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"field": self.field, "type": self.type}
        if self.type == "choice":
            doc["choices"] = list(self.choices)
        if self.type == "records":
            doc["keys"] = list(self.keys)
            doc["fields"] = list(self.fields)
        doc["text"] = self.text
        doc["why"] = list(self.why)
        return doc


@dataclass(frozen=True)
class Step:
    """The answer of one step: the next question, or done with the applicant document."""

    done: bool
    question: Question | None
    check: dict[str, Any]
    asked: int
    applicant: dict[str, Any] | None = None
    path: dict[str, Any] | None = None
    state: State | None = None

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"done": self.done,
                               "question": None if self.question is None
                               else self.question.to_json(),
                               "check": self.check, "asked": self.asked}
        if self.done:
            doc["applicant"] = self.applicant
            if self.path is not None:
                doc["path"] = self.path
        return doc

    def verdicts(self) -> dict[int, str]:
        """Level -> yes, no or depends, as the step's check says."""
        return {lv["level"]: lv["verdict"] for lv in self.check["levels"]}


def next_step(partial: Any, target: int | None = None, lang: str = "zh", *,
              params: RuleParams | dict[str, Any] | None = None,
              options: PlannerOptions | None = None, path: str = "applicant") -> Step:
    """The next question for a partial applicant document, or done (docs/partial.md)."""
    from .documents import check_document, path_document

    if target is not None and target not in LEVELS:
        raise InputError("target", "a level 1, 2, 3 or 4", target)
    rules = RuleParams.of(params)
    state = read_state(partial, path)
    relevance = check_relevance(state, rules)
    check = check_document(state.applicant, params=rules.as_dict())
    _pending(check, state, relevance)
    chosen = next((q for q in state.questions() if q in relevance.questions), None)
    why = sorted(relevance.questions.get(chosen, ())) if chosen else []
    if chosen is None and target is not None:
        found = path_question(state, target, rules, options)
        chosen, why = found.question, list(found.why)
    if chosen is not None:
        return Step(False, question(chosen, state, why, lang), check, state.asked,
                    state=state)
    document = done_document(state)
    applicant = applicant_from_mapping(document, path)
    final = check_document(applicant, params=rules.as_dict())
    planned = None if target is None else path_document(applicant, target,
                                                        params=rules.as_dict(),
                                                        options=options)
    return Step(True, None, final, state.asked, document, planned, state)


def _pending(check: dict[str, Any], state: State, relevance: Relevance) -> None:
    """The state's check read with the sections not asked yet unknown: a level that one of
    them could make eligible depends (on that section), and ``unasked`` lists every
    question not asked yet."""
    check["unasked"] = list(state.questions())
    for level in check["levels"]:
        lifts = [q for q in state.open_sections if level["level"] in relevance.levels.get(q, ())]
        if lifts and level["verdict"] == "no":
            routes = sorted({r for q in lifts for r in relevance.questions.get(q, ())
                             if route_level(r) == level["level"]})
            level.update(verdict="depends", eligible=False,
                         depends_on=[{"field": q, "admits_if": [], "routes": routes}
                                     for q in lifts],
                         possible_routes=routes)


def done_document(state: State) -> dict[str, Any]:
    """The applicant document of a finished interview: a field never asked takes its
    default (docs/input.md) where it has one, else its least favourable reading; a section
    never asked is empty; an education never asked is none."""
    shut = set(state.open_fields)
    least = least_readings()

    def value(path: str, current: Any) -> Any:
        if path not in shut:
            return current
        name = path.rsplit(".", 1)[-1]
        if path == "education":
            return least["education"]
        return LEAST_AS_WRITTEN[name]

    return _with_fields(state.applicant, value).to_dict()


# --- the words of a question ----------------------------------------------------------------

def _choices(values: tuple[Any, ...], path: str, lang: str,
             unknown: bool) -> tuple[dict[str, Any], ...]:
    found = [{"value": v, "label": choice_label(path, v, lang)} for v in values]
    if unknown:
        found.append({"value": UNKNOWN, "label": choice_label(path, UNKNOWN, lang)})
    return tuple(found)


def question(name: str, state: State, why: list[str], lang: str) -> Question:
    """The question that asks ``name`` (a section, education or a record's field)."""
    if name in SECTION_ORDER:
        return Question(name, "records", pick(TEXTS[name], lang), tuple(why),
                        keys=KEYS[name], fields=tuple(_key(name, k, lang) for k in KEYS[name]))
    if name == "education":
        return Question(name, "choice", pick(TEXTS[name], lang), tuple(why),
                        choices=_choices(EDUCATIONS, name, lang, True))
    section = name.split("[", 1)[0]
    key = name.rsplit(".", 1)[-1]
    spec = next(f for s in SECTIONS if s.key == section for f in s.fields if f.key == key)
    values: tuple[Any, ...] = (True, False) if spec.kind == "flag" else spec.allowed
    text = pick(TEXTS[f"{section}.{key}"], lang).format(record=record_label(name, lang))
    return Question(name, "choice", text, tuple(why), choices=_choices(values, name, lang, True))


def _key(section: str, key: str, lang: str) -> dict[str, Any]:
    """How one key of a records answer is asked."""
    doc: dict[str, Any] = {"key": key, "text": pick(KEY_TEXTS[key], lang)}
    path = f"{section}[0].{key}"
    if key == "kind":
        doc.update(type="choice", choices=list(_choices(DIPLOMA_KINDS, path, lang, False)))
    elif key == "level":
        doc.update(type="choice", choices=list(_choices(CERTIFICATE_LEVELS, path, lang, False)))
    elif key == "hours":
        doc.update(type="number", minimum=0, maximum=MAX_HOURS)
    else:
        doc.update(type="month", nullable=key == "end")
    doc["label"] = field_label(path, lang).split("的")[-1] if lang == "zh" else \
        field_label(path, lang).split(" of ")[0]
    return doc


# --- an answerer that knows the truth (tests, bench) ------------------------------------------

def answer_from(truth: Applicant, question: Question) -> Any:
    """The answer the person of file ``truth`` gives to ``question``: a section's records with
    their keys (as the file writes them), a field's value."""
    from .applicant import SECTION

    written = truth.to_dict()
    if question.type == "records":
        keys = question.keys
        return [{k: record[k] for k in keys if k in record}
                for record in written[question.field]]
    if question.field == "education":
        return written["education"]
    section, rest = question.field.split("[", 1)
    index, name = rest.split("].")
    assert section in SECTION
    return written[section][int(index)][name]


def put(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``document`` with ``value`` written at ``path`` (``work``, ``education``,
    ``work[0].occupation``): what a client does with an answer."""
    copy = {k: ([dict(r) if isinstance(r, dict) else r for r in v] if isinstance(v, list)
                else v) for k, v in document.items()}
    if "[" not in path:
        copy[path] = value
        return copy
    section, rest = path.split("[", 1)
    index, name = rest.split("].")
    copy[section][int(index)][name] = value
    return copy
