"""The applicant file (docs/input.md): reading, validating, and the data model.

Every refusal is an :class:`InputError` that names the field by its path
(``work[1].end``) and says what was expected.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, NamedTuple

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
        for section in SECTIONS:
            doc[section.key] = [section.written(r) for r in getattr(self, section.key)]
        return doc


# --- the records' fields: one description for reading, writing and the spreadsheet ---------

REQUIRED: Any = object()   # the default of a key that must be given


class Field(NamedTuple):
    """One key of a record of the file (docs/input.md): how its value is read."""

    key: str
    kind: str                        # choice | month | hours | flag | level
    allowed: tuple[str, ...] = ()    # the values of a choice
    default: Any = REQUIRED          # the value when the key is left out
    not_before: str | None = None    # a month not before this field's month (end, start)
    unsure: bool = False             # may be UNKNOWN (docs/partial.md)


class Section(NamedTuple):
    """One list of records of the file: its key, the word of its messages, its class, its
    fields in the order of the file (which is the order keys are checked in)."""

    key: str
    what: str
    record: type
    fields: tuple[Field, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def written(self, record: Any) -> dict[str, Any]:
        """A record as a file writes it (months as ``YYYY-MM``, no end as null)."""
        doc: dict[str, Any] = {}
        for f in self.fields:
            value = getattr(record, f.key)
            doc[f.key] = format_month(value) if f.kind == "month" and value is not None \
                else value
        return doc


SECTIONS = (
    Section("diplomas", "diploma", Diploma, (
        Field("kind", "choice", DIPLOMA_KINDS),
        Field("major", "choice", OCCUPATIONS, unsure=True),
        Field("skill_target", "choice", SKILL_TARGETS, default="none", unsure=True),
        Field("graduation", "month"),
        Field("mode", "choice", MODES, default="full_time", unsure=True))),
    Section("work", "work", Work, (
        Field("start", "month"), Field("end", "month", default=None, not_before="start"),
        Field("occupation", "choice", OCCUPATIONS, unsure=True))),
    Section("trainings", "training", Training, (
        Field("hours", "hours"), Field("occupation", "choice", OCCUPATIONS, unsure=True),
        Field("certificate", "flag", unsure=True), Field("completed", "month"))),
    Section("certificates", "certificate", Certificate, (
        Field("level", "level"), Field("occupation", "choice", OCCUPATIONS, unsure=True),
        Field("obtained", "month"))),
)
SECTION = {section.key: section for section in SECTIONS}


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
# as written in docs/input.md, months YYYY-MM, small whole hours.  _quick_applicant accepts
# only such a document, and then gives the applicant parse_applicant would give; anything
# else (an alias, a missing or unknown key, a duplicate key, a wrong type, a bad month, any
# surprise at all) gives None and the line goes the whole way (inspect, parse_applicant),
# which names the problem.  What it accepts passes inspect: plain values three levels deep,
# at most 4 lists of MAX_RECORDS small records, texts that are enumeration names, months or
# an id checked as parse_applicant checks it.  Both ways read the records by the one
# description above (SECTIONS): the quick way's readers are made from it, and build each
# record with its fields in order, not by keyword (half the cost); tests/test_quick_paths.py
# compares every applicant with parse_applicant's.

_TOP_KEYS = ("id", "as_of", "education", "diplomas", "work", "trainings", "certificates")
_TOP_SET = frozenset(_TOP_KEYS)
_EDUCATION_SET = frozenset(EDUCATIONS)
_MONTHS: dict[str, int] = {}   # month texts parsed so far (at most 1,812 valid ones)


def _quick_month(text: Any) -> int:
    """The month of a ``YYYY-MM`` text; raises (any exception) when it is not one."""
    month = _MONTHS.get(text)  # never 0: years start at 1950
    if month is None:
        if text.__class__ is not str:
            raise TypeError
        month = _MONTHS[text] = parse_month(text)  # MonthError: not a month
    return month


def _quick_field(f: Field) -> Any:
    """A reader of one field of a well-formed record: its value, or an exception."""
    key, default = f.key, f.default
    if f.kind == "choice":
        allowed = frozenset(f.allowed)

        def choice(item: dict[str, Any]) -> str:
            value = item[key] if default is REQUIRED else item.get(key, default)
            if value not in allowed or value.__class__ is not str:
                raise TypeError
            return value  # type: ignore[no-any-return]
        return choice
    if f.kind == "month" and f.not_before is not None:
        before = f.not_before

        def later_month(item: dict[str, Any]) -> int | None:
            value = item.get(key)
            if value is None:
                return None
            month = _quick_month(value)
            if month < _quick_month(item[before]):
                raise ValueError
            return month
        return later_month
    if f.kind == "month":
        return lambda item: _quick_month(item[key])
    if f.kind == "hours":
        def hours(item: dict[str, Any]) -> int:
            value = item[key]
            if value.__class__ is not int or not 0 <= value <= MAX_HOURS:
                raise TypeError
            return value  # type: ignore[no-any-return]
        return hours
    if f.kind == "flag":
        def flag(item: dict[str, Any]) -> bool:
            value = item[key]
            if value.__class__ is not bool:
                raise TypeError
            return value  # type: ignore[no-any-return]
        return flag

    def level(item: dict[str, Any]) -> int | str:
        value = item[key]
        if not (value.__class__ is int and value in LEVELS
                or value.__class__ is str and value == "preparatory_technician"):
            raise TypeError
        return value  # type: ignore[no-any-return]
    return level


def _quick_section(section: Section) -> Any:
    """A reader of a well-formed record of a section: the record, built with its fields in
    their order (half the cost of keywords), or an exception."""
    keys = frozenset(section.keys)
    by_key = {f.key: f for f in section.fields}
    readers = tuple(_quick_field(by_key[name]) for name in section.record.__dataclass_fields__)
    record = section.record
    build = (_BUILDERS[len(readers)](record, *readers) if len(readers) in _BUILDERS
             else lambda item: record(*[reader(item) for reader in readers]))

    def read(item: Any) -> Any:
        if item.__class__ is not dict or not keys.issuperset(item):
            raise TypeError
        return build(item)
    return read


# A record from its readers, one call each (a list and an unpacking per record cost a
# tenth of reading a batch line): by the number of fields.
_BUILDERS: dict[int, Any] = {
    3: lambda record, a, b, c: lambda item: record(a(item), b(item), c(item)),
    4: lambda record, a, b, c, d: lambda item: record(a(item), b(item), c(item), d(item)),
    5: lambda record, a, b, c, d, e: lambda item: record(a(item), b(item), c(item), d(item),
                                                         e(item)),
}


_QUICK = {section.key: _quick_section(section) for section in SECTIONS}
_QUICK_DIPLOMA, _QUICK_WORK = _QUICK["diplomas"], _QUICK["work"]
_QUICK_TRAINING, _QUICK_CERTIFICATE = _QUICK["trainings"], _QUICK["certificates"]


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
            tuple([_QUICK_DIPLOMA(d) for d in _quick_list(diplomas)]) if diplomas
            else _quick_empty(diplomas),
            tuple([_QUICK_WORK(w) for w in _quick_list(work)]) if work
            else _quick_empty(work),
            tuple([_QUICK_TRAINING(t) for t in _quick_list(trainings)])
            if trainings else _quick_empty(trainings),
            tuple([_QUICK_CERTIFICATE(c) for c in _quick_list(certificates)])
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
        diplomas=tuple(_items(data, path, "diplomas")),
        work=tuple(_items(data, path, "work")),
        trainings=tuple(_items(data, path, "trainings")),
        certificates=tuple(_items(data, path, "certificates")),
    )


def _items(data: dict[str, Any], prefix: str, key: str) -> list[Any]:
    value = data.get(key)
    path = join_path(prefix, key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise input_error(path, "list", value)
    if len(value) > MAX_RECORDS:  # no person has more; planning time grows with them
        raise input_error(path, "list_at_most", max=MAX_RECORDS, count=len(value))
    section = SECTION[key]
    return [_record(section, item, f"{path}[{i}]") for i, item in enumerate(value)]


def _record(section: Section, item: Any, path: str) -> Any:
    """One record, its keys checked in the order of its fields."""
    _mapping(item, path, section.keys,
             required=tuple(f.key for f in section.fields if f.default is REQUIRED),
             what=section.what)
    values: dict[str, Any] = {}
    for f in section.fields:
        raw = item[f.key] if f.default is REQUIRED else item.get(f.key)
        if raw is None and f.default is not REQUIRED:   # null is the key left out
            raw = f.default
        values[f.key] = _value(f, raw, f"{path}.{f.key}", values)
    return section.record(**values)


def _value(f: Field, raw: Any, path: str, values: dict[str, Any]) -> Any:
    """A field's value, or the error that names it."""
    if f.kind == "choice":
        return _enum(raw, path, f.allowed, unknown=f.unsure)
    if f.kind == "month":
        if raw is None and f.default is None:
            return None
        month = _month(raw, path)
        if f.not_before is not None and month < values[f.not_before]:
            raise input_error(path, "end_before_start", raw,
                              start=format_month(values[f.not_before]))
        return month
    if f.kind == "hours":
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= MAX_HOURS:
            raise input_error(path, "hours", raw, max=MAX_HOURS)
        return raw
    if f.kind == "flag":
        if f.unsure and _is_unknown(raw):
            return UNKNOWN
        if not isinstance(raw, bool):
            raise input_error(path, "true_false_unknown" if f.unsure else "true_false", raw)
        return raw
    level = "preparatory_technician" if raw == "预备技师" else raw
    if not (type(level) is int and level in CERTIFICATE_LEVELS
            or level == "preparatory_technician"):
        raise input_error(path, "certificate_level", level)
    return level


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


# Chinese aliases of the enumerations (docs/input.md: the CLI may accept them; the
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
