"""The applicant file (APPLICANT.md): reading, validating, and the data model.

Every refusal is an :class:`InputError` that names the field by its path
(``work[1].end``) and says what was expected.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from typing import Any

from .months import format_month, parse_month

EDUCATIONS = ("none", "junior_middle", "high_school", "equivalent")
DIPLOMA_KINDS = (
    "technical_school", "secondary_vocational", "advanced_technical_school",
    "technician_college", "higher_vocational", "junior_college",
    "bachelor", "master", "doctorate",
)
OCCUPATIONS = ("same", "related", "unrelated")
SKILL_TARGETS = ("none", "intermediate", "advanced")
MODES = ("full_time", "part_time")
CERTIFICATE_LEVELS = (4, 3, 2, 1, "preparatory_technician")
MAX_FILE_BYTES = 1024 * 1024
MAX_ID_LENGTH = 200
MAX_HOURS = 10000


class InputError(ValueError):
    """Bad input: ``path`` names the field, ``expected`` says what was wanted."""

    def __init__(self, path: str, expected: str, got: Any = None, *, has_got: bool = True):
        self.path = path
        self.expected = expected
        detail = f"expected {expected}"
        if has_got:
            detail += f", got {_describe(got)}"
        super().__init__(f"{path}: {detail}" if path else detail)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("zh" or "en"); the field path is never translated.

        The CLI (``--lang``), the API (``lang``) and the web page all show this text.
        """
        return str(self)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(shown, ensure_ascii=not is_valid_text(shown))
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


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
    certificate: bool
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
    """Read and validate an applicant file (YAML or JSON)."""
    return parse_applicant(load_document(path))


def load_document(path: str | os.PathLike[str]) -> Any:
    """Read a YAML or JSON file of at most 1 MiB into plain Python data."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        raise InputError("", f"an existing readable file, but {name!r} cannot be read",
                         has_got=False) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError("", f"a file of at most 1 MiB, but {name!r} is larger", has_got=False)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("", f"a UTF-8 text file, but byte {exc.start} of {name!r} is not "
                             "UTF-8", has_got=False) from None
    return parse_text(text, strict_json=name.lower().endswith(".json"))


def parse_text(text: str, *, strict_json: bool = False) -> Any:
    """Parse YAML or JSON text; a syntax error becomes an :class:`InputError`.

    ``strict_json`` (a ``.json`` file) accepts JSON only; otherwise YAML, which
    reads JSON too.  A key given twice in one mapping is refused.
    """
    if strict_json or text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as exc:
            if strict_json:
                raise InputError("", f"a JSON document: {exc.msg} (line {exc.lineno}, "
                                     f"column {exc.colno})", has_got=False) from None
        except InputError:
            raise
        except (ValueError, RecursionError) as exc:  # e.g. an integer of 5000 digits
            raise InputError("", f"a JSON document ({exc.__class__.__name__}: "
                                 f"{str(exc)[:80]})", has_got=False) from None

    import yaml  # imported here: ~10 ms that JSON input does not need

    try:
        return yaml.load(text, Loader=_loader())  # a SafeLoader subclass
    except InputError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise InputError("", f"a YAML or JSON document: {problem}{where}",
                         has_got=False) from None
    except (ValueError, RecursionError) as exc:  # e.g. a bad timestamp or deep nesting
        raise InputError("", f"a YAML or JSON document: {exc.__class__.__name__}",
                         has_got=False) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise InputError(str(key), "each key once in a mapping, but it is given twice",
                             has_got=False)
        mapping[key] = value
    return mapping


@cache
def _loader() -> type:
    """A YAML SafeLoader that refuses a key given twice in one mapping."""
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, list | dict):
                    continue  # unhashable: SafeLoader reports it
                if key in seen:
                    line = key_node.start_mark.line + 1
                    raise InputError(str(key), f"each key once in a mapping, but it is given "
                                               f"twice (line {line})", has_got=False)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader


# --- validating ------------------------------------------------------------------

_TOP_KEYS = ("id", "as_of", "education", "diplomas", "work", "trainings", "certificates")


def parse_applicant(data: Any) -> Applicant:
    """Validate plain data (as loaded from YAML/JSON) into an :class:`Applicant`."""
    _mapping(data, "", _TOP_KEYS, required=("education",), what="an applicant")
    ident = data.get("id")
    if ident is not None and (not isinstance(ident, str) or len(ident) > MAX_ID_LENGTH
                              or not is_valid_text(ident)):
        raise InputError("id", f"a text of at most {MAX_ID_LENGTH} characters of valid Unicode",
                         ident)
    as_of = data.get("as_of")
    return Applicant(
        id=ident,
        as_of=None if as_of is None else _month(as_of, "as_of"),
        education=_enum(data["education"], "education", EDUCATIONS),
        diplomas=tuple(_items(data, "diplomas", _diploma)),
        work=tuple(_items(data, "work", _work)),
        trainings=tuple(_items(data, "trainings", _training)),
        certificates=tuple(_items(data, "certificates", _certificate)),
    )


def is_valid_text(text: str) -> bool:
    """True when the text can be written as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _items(data: dict[str, Any], key: str, parse: Any) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(key, "a list", value)
    return [parse(item, f"{key}[{i}]") for i, item in enumerate(value)]


def _diploma(item: Any, path: str) -> Diploma:
    keys = ("kind", "major", "skill_target", "graduation", "mode")
    _mapping(item, path, keys, required=("kind", "major", "graduation"), what="a diploma")
    return Diploma(
        kind=_enum(item["kind"], f"{path}.kind", DIPLOMA_KINDS),
        major=_enum(item["major"], f"{path}.major", OCCUPATIONS),
        skill_target=_enum(item.get("skill_target", "none"), f"{path}.skill_target",
                           SKILL_TARGETS),
        graduation=_month(item["graduation"], f"{path}.graduation"),
        mode=_enum(item.get("mode", "full_time"), f"{path}.mode", MODES),
    )


def _work(item: Any, path: str) -> Work:
    _mapping(item, path, ("start", "end", "occupation"), required=("start", "occupation"),
             what="a work record")
    start = _month(item["start"], f"{path}.start")
    end_value = item.get("end")
    end = None if end_value is None else _month(end_value, f"{path}.end")
    if end is not None and end < start:
        raise InputError(f"{path}.end", f"a month not before start ({format_month(start)})",
                         end_value)
    return Work(start=start, end=end,
                occupation=_enum(item["occupation"], f"{path}.occupation", OCCUPATIONS))


def _training(item: Any, path: str) -> Training:
    keys = ("hours", "occupation", "certificate", "completed")
    _mapping(item, path, keys, required=keys, what="a training record")
    hours = item["hours"]
    if isinstance(hours, bool) or not isinstance(hours, int) or not 0 <= hours <= MAX_HOURS:
        raise InputError(f"{path}.hours", f"a whole number of hours from 0 to {MAX_HOURS}",
                         hours)
    certificate = item["certificate"]
    if not isinstance(certificate, bool):
        raise InputError(f"{path}.certificate", "true or false", certificate)
    return Training(hours=hours,
                    occupation=_enum(item["occupation"], f"{path}.occupation", OCCUPATIONS),
                    certificate=certificate,
                    completed=_month(item["completed"], f"{path}.completed"))


def _certificate(item: Any, path: str) -> Certificate:
    keys = ("level", "occupation", "obtained")
    _mapping(item, path, keys, required=keys, what="a certificate")
    level = item["level"]
    if level == "预备技师":
        level = "preparatory_technician"
    if not (type(level) is int and level in CERTIFICATE_LEVELS
            or level == "preparatory_technician"):
        raise InputError(f"{path}.level", "one of 4, 3, 2, 1, preparatory_technician", level)
    return Certificate(level=level,
                       occupation=_enum(item["occupation"], f"{path}.occupation", OCCUPATIONS),
                       obtained=_month(item["obtained"], f"{path}.obtained"))


def _mapping(value: Any, path: str, keys: tuple[str, ...], *, required: tuple[str, ...],
             what: str) -> None:
    if not isinstance(value, dict):
        raise InputError(path, f"{what} (a mapping of keys to values)", value)
    for key in value:
        if key not in keys:
            where = f"{path}.{key}" if path else str(key)
            raise InputError(where, f"no such key; the keys of {what} are {', '.join(keys)}",
                             has_got=False)
    for key in required:
        if key not in value:
            where = f"{path}.{key}" if path else key
            raise InputError(where, f"this key, which {what} must have", has_got=False)


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


def _enum(value: Any, path: str, allowed: tuple[str, ...]) -> str:
    if isinstance(value, str) and ALIASES.get(value.strip()) in allowed:
        return ALIASES[value.strip()]
    if not isinstance(value, str) or value not in allowed:
        hint = ""
        if isinstance(value, str):
            import difflib

            close = difflib.get_close_matches(value.strip().lower(), allowed, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
        raise InputError(path, f"one of {', '.join(allowed)}{hint}", value)
    return value


def _month(value: Any, path: str) -> int:
    if not isinstance(value, str):
        raise InputError(path, "a month written YYYY-MM in quotes or plain, like 2019-07", value)
    try:
        return parse_month(value)
    except ValueError as exc:
        raise InputError(path, str(exc), value) from None
