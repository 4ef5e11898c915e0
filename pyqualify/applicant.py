"""The applicant file (APPLICANT.md): reading, validating, and the data model.

Every refusal is an :class:`InputError` that names the field by its path
(``work[1].end``) and says what was expected.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from .levels import LEVELS
from .loader import (
    MAX_FILE_BYTES,
    inspect,
    inspect_line,
    is_valid_text,
    load_document,
    parse_text,
    read_json_line,
)
from .messages import InputError, Term, input_error, join_path
from .months import MonthError, format_month, parse_month

__all__ = [  # parse_text, load_document and InputError (home: messages) re-exported for old callers
    "MAX_FILE_BYTES", "Applicant", "Certificate", "Diploma", "InputError", "Training", "Work",
    "applicant_from_line", "applicant_from_mapping", "is_valid_text", "load_applicant",
    "load_document", "parse_applicant", "parse_text",
]

EDUCATIONS = ("none", "junior_middle", "high_school", "equivalent")
DIPLOMA_KINDS = (
    "technical_school", "secondary_vocational", "advanced_technical_school",
    "technician_college", "higher_vocational", "junior_college",
    "bachelor", "master", "doctorate",
)
OCCUPATIONS = ("same", "related", "unrelated")
SKILL_TARGETS = ("none", "intermediate", "advanced")
MODES = ("full_time", "part_time")
CERTIFICATE_LEVELS = (*LEVELS, "preparatory_technician")
MAX_ID_LENGTH = 200
MAX_HOURS = 10000
MAX_RECORDS = 100  # diplomas, work records, trainings, certificates: each at most this many
# A person who is not sure (docs/partial.md) writes `unknown` (or 不确定, 不知道) for one of
# the eight fields of UNKNOWN_FIELDS; months, hours, levels and diploma kinds stay required.
UNKNOWN = "unknown"
UNKNOWN_WORDS = (UNKNOWN, "不确定", "不知道")
UNKNOWN_FIELDS = ("education", "diplomas[i].major", "diplomas[i].skill_target",
                  "diplomas[i].mode", "work[i].occupation", "trainings[i].occupation",
                  "trainings[i].certificate", "certificates[i].occupation")


@dataclass(frozen=True)
class Diploma:
    kind: str
    major: str
    graduation: int
    skill_target: str = "none"
    mode: str = "full_time"


@dataclass(frozen=True)
class Work:
    start: int
    end: int | None
    occupation: str


@dataclass(frozen=True)
class Training:
    hours: int
    occupation: str
    certificate: bool | str   # True, False or UNKNOWN
    completed: int


@dataclass(frozen=True)
class Certificate:
    level: int | str
    occupation: str
    obtained: int


@dataclass(frozen=True)
class Applicant:
    """One applicant; months are indexes (see :mod:`pyqualify.months`)."""

    education: str
    id: str | None = None
    as_of: int | None = None
    diplomas: tuple[Diploma, ...] = ()
    work: tuple[Work, ...] = ()
    trainings: tuple[Training, ...] = ()
    certificates: tuple[Certificate, ...] = ()

    def unknowns(self) -> tuple[str, ...]:
        """The paths of the fields the file says are unknown, in the order of
        UNKNOWN_FIELDS within each record: education, then the diplomas, work records,
        trainings and certificates by index."""
        found = ["education"] if self.education == UNKNOWN else []
        for i, d in enumerate(self.diplomas):
            found += [f"diplomas[{i}].{name}" for name, value in
                      (("major", d.major), ("skill_target", d.skill_target), ("mode", d.mode))
                      if value == UNKNOWN]
        found += [f"work[{i}].occupation" for i, w in enumerate(self.work)
                  if w.occupation == UNKNOWN]
        for i, t in enumerate(self.trainings):
            found += [f"trainings[{i}].{name}" for name, value in
                      (("occupation", t.occupation), ("certificate", t.certificate))
                      if value == UNKNOWN]
        found += [f"certificates[{i}].occupation" for i, c in enumerate(self.certificates)
                  if c.occupation == UNKNOWN]
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        """The applicant as a file would write it (months as ``YYYY-MM``)."""
        doc: dict[str, Any] = {}
        if self.id is not None:
            doc["id"] = self.id
        if self.as_of is not None:
            doc["as_of"] = format_month(self.as_of)
        doc["education"] = self.education
        doc["diplomas"] = [
            {"kind": d.kind, "major": d.major, "skill_target": d.skill_target,
             "graduation": format_month(d.graduation), "mode": d.mode} for d in self.diplomas]
        doc["work"] = [
            {"start": format_month(w.start),
             "end": None if w.end is None else format_month(w.end),
             "occupation": w.occupation} for w in self.work]
        doc["trainings"] = [
            {"hours": t.hours, "occupation": t.occupation, "certificate": t.certificate,
             "completed": format_month(t.completed)} for t in self.trainings]
        doc["certificates"] = [
            {"level": c.level, "occupation": c.occupation, "obtained": format_month(c.obtained)}
            for c in self.certificates]
        return doc


# --- reading -------------------------------------------------------------------

def load_applicant(path: str | os.PathLike[str]) -> Applicant:
    """Read and validate an applicant file (YAML or JSON; ``-``: standard input)."""
    return parse_applicant(load_document(path))


def applicant_from_mapping(data: Any, path: str = "") -> Applicant:
    """Validate data that did not come through :mod:`pyqualify.loader` (an API body, a
    spreadsheet row made into a mapping): the loader's bounds, then the applicant's
    rules; every error's path starts with ``path`` (``rows[4]`` gives ``rows[4].work``)."""
    return parse_applicant(inspect(data, path), path)


def applicant_from_line(raw: bytes, *, first: bool = False,
                        path: str = "") -> Applicant | InputError:
    """One JSON Lines line (bytes) into an :class:`Applicant`, or the error that refuses
    it (returned, not raised: a batch answers every line).  ``first``: a byte order mark
    is allowed.  A refused line that gave a valid ``id`` has it in ``error.applicant_id``."""
    data = None
    try:
        loaded = read_json_line(raw, first=first, path=path)
        quick = _quick_applicant(loaded)
        if quick is not None:
            return quick
        data = inspect_line(loaded, path)  # the loader's bounds, then the applicant's rules
        return parse_applicant(data, path)
    except InputError as exc:
        ident = data.get("id") if isinstance(data, dict) else None
        if isinstance(ident, str) and len(ident) <= MAX_ID_LENGTH:
            exc.applicant_id = ident  # the loader has refused any lone surrogate
        # Returned, not raised: its traceback and the exception it replaced (a MonthError,
        # a JSONDecodeError, with their tracebacks) would only keep the frames alive, in a
        # cycle through the caller's frame that holds this error (freed much later by the
        # cycle collector).
        exc.__traceback__ = exc.__context__ = exc.__cause__ = None
        return exc


# --- the common line, quickly ----------------------------------------------------------
# A batch line is nearly always a well-formed applicant: exact key names, enumeration values
# as written in APPLICANT.md, months YYYY-MM, small whole hours.  _quick_applicant accepts
# only such a document, and then gives the applicant parse_applicant would give; anything
# else (an alias, a missing or unknown key, a duplicate key, a wrong type, a bad month, any
# surprise at all) gives None and the line goes the whole way (inspect, parse_applicant),
# which names the problem.  What it accepts passes inspect: plain values three levels deep,
# at most 4 lists of MAX_RECORDS small records, texts that are enumeration names, months or
# an id checked as parse_applicant checks it.  The records are built with their fields in
# order, not by keyword (half the cost); tests/test_quick_paths.py compares every applicant
# with parse_applicant's.

_TOP_KEYS = ("id", "as_of", "education", "diplomas", "work", "trainings", "certificates")
_TOP_SET = frozenset(_TOP_KEYS)
_DIPLOMA_SET = frozenset(("kind", "major", "skill_target", "graduation", "mode"))
_WORK_SET = frozenset(("start", "end", "occupation"))
_TRAINING_SET = frozenset(("hours", "occupation", "certificate", "completed"))
_CERTIFICATE_SET = frozenset(("level", "occupation", "obtained"))
_EDUCATION_SET, _KIND_SET = frozenset(EDUCATIONS), frozenset(DIPLOMA_KINDS)
_OCCUPATION_SET, _SKILL_SET, _MODE_SET = (frozenset(OCCUPATIONS), frozenset(SKILL_TARGETS),
                                          frozenset(MODES))
_MONTHS: dict[str, int] = {}   # month texts parsed so far (at most 1,812 valid ones)


def _quick_month(text: Any) -> int:
    """The month of a ``YYYY-MM`` text; raises (any exception) when it is not one."""
    month = _MONTHS.get(text)  # never 0: years start at 1950
    if month is None:
        if text.__class__ is not str:
            raise TypeError
        month = _MONTHS[text] = parse_month(text)  # MonthError: not a month
    return month


def _quick_applicant(data: Any) -> Applicant | None:
    """The applicant of a well-formed document, or None (see above).  Every test raises
    when the document is not of the common shape (an unhashable value raises TypeError in
    a set's ``in``; a required key that is missing raises KeyError where it is read)."""
    try:
        if data.__class__ is not dict or not _TOP_SET.issuperset(data):
            return None
        education = data["education"]
        if education.__class__ is not str or education not in _EDUCATION_SET:
            return None
        ident = data.get("id")
        if ident is not None and (ident.__class__ is not str or len(ident) > MAX_ID_LENGTH
                                  or not (ident.isascii() or is_valid_text(ident))):
            return None
        as_of = data.get("as_of")
        diplomas, work = data.get("diplomas"), data.get("work")
        trainings, certificates = data.get("trainings"), data.get("certificates")
        return Applicant(  # the fields in their order (half the cost of keywords)
            education, ident, None if as_of is None else _quick_month(as_of),
            tuple([_quick_diploma(d) for d in _quick_list(diplomas)]) if diplomas
            else _quick_empty(diplomas),
            tuple([_quick_work(w) for w in _quick_list(work)]) if work
            else _quick_empty(work),
            tuple([_quick_training(t) for t in _quick_list(trainings)])
            if trainings else _quick_empty(trainings),
            tuple([_quick_certificate(c) for c in _quick_list(certificates)])
            if certificates else _quick_empty(certificates))
    except Exception:  # noqa: BLE001 - anything unusual: the whole way names it
        return None


def _quick_list(items: Any) -> list[Any]:
    if items.__class__ is not list or len(items) > MAX_RECORDS:
        raise TypeError
    return items  # type: ignore[no-any-return]


def _quick_empty(items: Any) -> tuple[()]:
    """No records: the key left out, null, or an empty list (not 0, "" or {})."""
    if items is None or items.__class__ is list:
        return ()
    raise TypeError


def _quick_enum(value: Any, allowed: frozenset[str]) -> str:
    if value not in allowed or value.__class__ is not str:
        raise TypeError
    return value  # type: ignore[no-any-return]


def _quick_diploma(item: Any) -> Diploma:
    if item.__class__ is not dict or not _DIPLOMA_SET.issuperset(item):
        raise TypeError
    return Diploma(_quick_enum(item["kind"], _KIND_SET),                 # kind
                   _quick_enum(item["major"], _OCCUPATION_SET),          # major
                   _quick_month(item["graduation"]),                     # graduation
                   _quick_enum(item.get("skill_target", "none"), _SKILL_SET),
                   _quick_enum(item.get("mode", "full_time"), _MODE_SET))


def _quick_work(item: Any) -> Work:
    if item.__class__ is not dict or not _WORK_SET.issuperset(item):
        raise TypeError
    start = _quick_month(item["start"])
    end = item.get("end")
    if end is not None:
        end = _quick_month(end)
        if end < start:
            raise ValueError
    occupation = item["occupation"]
    if occupation not in _OCCUPATION_SET or occupation.__class__ is not str:
        raise TypeError
    return Work(start, end, occupation)


def _quick_training(item: Any) -> Training:
    if item.__class__ is not dict or not _TRAINING_SET.issuperset(item):
        raise TypeError
    hours, certificate = item["hours"], item["certificate"]
    if hours.__class__ is not int or not 0 <= hours <= MAX_HOURS \
            or certificate.__class__ is not bool:
        raise TypeError
    return Training(hours, _quick_enum(item["occupation"], _OCCUPATION_SET), certificate,
                    _quick_month(item["completed"]))


def _quick_certificate(item: Any) -> Certificate:
    if item.__class__ is not dict or not _CERTIFICATE_SET.issuperset(item):
        raise TypeError
    level = item["level"]
    if not (level.__class__ is int and level in LEVELS
            or level.__class__ is str and level == "preparatory_technician"):
        raise TypeError
    return Certificate(level, _quick_enum(item["occupation"], _OCCUPATION_SET),
                       _quick_month(item["obtained"]))


# --- validating ------------------------------------------------------------------

def parse_applicant(data: Any, path: str = "") -> Applicant:
    """Validate plain data (as loaded from YAML/JSON) into an :class:`Applicant`.

    ``path`` is put before every field path of an error (a batch line, a row).
    """
    _mapping(data, path, _TOP_KEYS, required=("education",), what="applicant")
    ident = data.get("id")
    if ident is not None and (not isinstance(ident, str) or len(ident) > MAX_ID_LENGTH
                              or not is_valid_text(ident)):
        raise input_error(join_path(path, "id"), "id_text", ident, max=MAX_ID_LENGTH)
    as_of = data.get("as_of")
    return Applicant(
        id=ident,
        as_of=None if as_of is None else _month(as_of, join_path(path, "as_of")),
        education=_enum(data["education"], join_path(path, "education"), EDUCATIONS,
                        unknown=True),
        diplomas=tuple(_items(data, path, "diplomas", _diploma)),
        work=tuple(_items(data, path, "work", _work)),
        trainings=tuple(_items(data, path, "trainings", _training)),
        certificates=tuple(_items(data, path, "certificates", _certificate)),
    )


def _items(data: dict[str, Any], prefix: str, key: str, parse: Any) -> list[Any]:
    value = data.get(key)
    path = join_path(prefix, key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise input_error(path, "list", value)
    if len(value) > MAX_RECORDS:  # no person has more; planning time grows with them
        raise input_error(path, "list_at_most", max=MAX_RECORDS, count=len(value))
    return [parse(item, f"{path}[{i}]") for i, item in enumerate(value)]


def _diploma(item: Any, path: str) -> Diploma:
    keys = ("kind", "major", "skill_target", "graduation", "mode")
    _mapping(item, path, keys, required=("kind", "major", "graduation"), what="diploma")
    return Diploma(
        kind=_enum(item["kind"], f"{path}.kind", DIPLOMA_KINDS),
        major=_enum(item["major"], f"{path}.major", OCCUPATIONS, unknown=True),
        skill_target=_enum(_optional(item, "skill_target", "none"), f"{path}.skill_target",
                           SKILL_TARGETS, unknown=True),
        graduation=_month(item["graduation"], f"{path}.graduation"),
        mode=_enum(_optional(item, "mode", "full_time"), f"{path}.mode", MODES, unknown=True),
    )


def _optional(item: dict[str, Any], key: str, default: str) -> Any:
    """An optional key's value; null is the key left out (as for id, as_of, end, lists)."""
    value = item.get(key)
    return default if value is None else value


def _work(item: Any, path: str) -> Work:
    _mapping(item, path, ("start", "end", "occupation"), required=("start", "occupation"),
             what="work")
    start = _month(item["start"], f"{path}.start")
    end_value = item.get("end")
    end = None if end_value is None else _month(end_value, f"{path}.end")
    if end is not None and end < start:
        raise input_error(f"{path}.end", "end_before_start", end_value,
                          start=format_month(start))
    return Work(start=start, end=end,
                occupation=_enum(item["occupation"], f"{path}.occupation", OCCUPATIONS,
                                 unknown=True))


def _training(item: Any, path: str) -> Training:
    keys = ("hours", "occupation", "certificate", "completed")
    _mapping(item, path, keys, required=keys, what="training")
    hours = item["hours"]
    if isinstance(hours, bool) or not isinstance(hours, int) or not 0 <= hours <= MAX_HOURS:
        raise input_error(f"{path}.hours", "hours", hours, max=MAX_HOURS)
    certificate = item["certificate"]
    if _is_unknown(certificate):
        certificate = UNKNOWN
    elif not isinstance(certificate, bool):
        raise input_error(f"{path}.certificate", "true_false_unknown", certificate)
    return Training(hours=hours,
                    occupation=_enum(item["occupation"], f"{path}.occupation", OCCUPATIONS,
                                     unknown=True),
                    certificate=certificate,
                    completed=_month(item["completed"], f"{path}.completed"))


def _certificate(item: Any, path: str) -> Certificate:
    keys = ("level", "occupation", "obtained")
    _mapping(item, path, keys, required=keys, what="certificate")
    level = item["level"]
    if level == "预备技师":
        level = "preparatory_technician"
    if not (type(level) is int and level in CERTIFICATE_LEVELS
            or level == "preparatory_technician"):
        raise input_error(f"{path}.level", "certificate_level", level)
    return Certificate(level=level,
                       occupation=_enum(item["occupation"], f"{path}.occupation", OCCUPATIONS,
                                        unknown=True),
                       obtained=_month(item["obtained"], f"{path}.obtained"))


def _mapping(value: Any, path: str, keys: tuple[str, ...], *, required: tuple[str, ...],
             what: str) -> None:
    if not isinstance(value, dict):
        raise input_error(path, "mapping", value, what=Term(what))
    for key in value:
        if key not in keys:
            raise input_error(join_path(path, key), "unknown_key", what=Term(what),
                              keys=", ".join(keys))
    for key in required:
        if key not in value:
            raise input_error(join_path(path, key), "missing_key", what=Term(what))


# Chinese aliases of the enumerations (APPLICANT.md: the CLI may accept them; the
# English spellings always work).  An alias maps to exactly one value of its list.
ALIASES: dict[str, str] = {
    "无": "none", "初中": "junior_middle", "高中": "high_school", "高中毕业": "high_school",
    "同等学力": "equivalent",
    "技工学校": "technical_school", "技校": "technical_school",
    "中等职业学校": "secondary_vocational", "中专": "secondary_vocational",
    "职高": "secondary_vocational", "高级技工学校": "advanced_technical_school",
    "技师学院": "technician_college", "高等职业学校": "higher_vocational",
    "高职": "higher_vocational", "大专": "junior_college", "专科": "junior_college",
    "本科": "bachelor", "硕士": "master", "硕士研究生": "master", "博士": "doctorate",
    "博士研究生": "doctorate",
    "本专业": "same", "本职业": "same", "相关": "related", "相关专业": "related",
    "相关职业": "related", "无关": "unrelated", "不相关": "unrelated",
    "中级": "intermediate", "中级技能": "intermediate", "高级": "advanced",
    "高级技能": "advanced",
    "全日制": "full_time", "非全日制": "part_time", "业余": "part_time",
    "预备技师": "preparatory_technician",
}


def _is_unknown(value: Any) -> bool:
    """``unknown``, 不确定 or 不知道 (the person is not sure)."""
    return isinstance(value, str) and value.strip() in UNKNOWN_WORDS


def _enum(value: Any, path: str, allowed: tuple[str, ...], *, unknown: bool = False) -> str:
    """A value of ``allowed`` (or a Chinese alias of one); with ``unknown``, also
    :data:`UNKNOWN` for the words of a person who is not sure."""
    if value.__class__ is str and value in allowed:  # the common case (no alias is a value)
        return value
    if isinstance(value, str) and ALIASES.get(value.strip()) in allowed:
        return ALIASES[value.strip()]
    if unknown and _is_unknown(value):
        return UNKNOWN
    if unknown:
        allowed = (*allowed, UNKNOWN)
    if not isinstance(value, str) or value not in allowed:
        hint = ""
        if isinstance(value, str) and len(value) < 1000:
            import difflib

            close = difflib.get_close_matches(value.strip().lower()[:100], allowed, n=1)
            hint = close[0] if close else ""
        if hint:
            raise input_error(path, "one_of_hint", value, allowed=", ".join(allowed),
                              hint=hint)
        raise input_error(path, "one_of", value, allowed=", ".join(allowed))
    return value


def _month(value: Any, path: str) -> int:
    if not isinstance(value, str):
        # a YAML number written like a month (201907, 2019.07): the text as written
        value = getattr(value, "written", value)
    if not isinstance(value, str):
        raise input_error(path, "month", value)
    try:
        return parse_month(value)
    except MonthError as exc:
        raise input_error(path, exc.code, value, **exc.params) from None
