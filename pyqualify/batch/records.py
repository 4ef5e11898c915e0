"""The record of one input item (docs/output.md's batch record) and how it is written.

A record holds its keys in the order they are written (``line``, ``row``, ``sheet``,
``id``, ``column``, ``ok``, ``error``, ``check``, ``path``), and beside them, never among
them, what is only needed on the way: a check result not yet made JSON (a JSON line of
verdicts is written from the result's cached pieces, the same characters as its document)
and the digest of its path question (for the summary).  Also here: what every item is asked
and how the answers are written (:class:`Settings`), the CSV/XLSX row of a record, and the
summary entry of a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from ..jsontext import encode, json_text
from ..levels import LEVELS
from ..loader import is_valid_text

if TYPE_CHECKING:
    from ..eligibility import CheckResult

Entry = tuple[Any, ...]   # a summary entry: (ok, eligible levels, routes, path or None, question)


@dataclass(frozen=True)
class Settings:
    """What every item is asked, and how the answers are written."""

    as_of: int | None = None
    params: dict[str, Any] | None = None
    explain: bool = True
    target: int | None = None          # --path: the level wanted
    time_limit: float | None = None    # --time-limit: seconds per path question
    output: str = "jsonl"              # jsonl | csv | xlsx | records
    lang: str = "en"
    opens: bool = False                # the check document has levels[i].opens

    def columns(self) -> list[str]:
        """The columns of a CSV/XLSX output row."""
        names = ["line", "id", "ok", "error", "as_of", "education_ok", "unknowns"]
        for level in LEVELS:
            names += [f"L{level}_held", f"L{level}_eligible", f"L{level}_verdict",
                      f"L{level}_routes", f"L{level}_depends"]
            if self.opens:
                names.append(f"L{level}_opens")
        if self.target is not None:
            names += ["target", "reachable", "certified", "months", "best_months",
                      "best_certified", "best_assumes"]
        return names


@dataclass
class Answer:
    """The output of a chunk, its summary entries, and how many paths were solved."""

    text: str = ""
    rows: list[list[Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    solved: int = 0


class Record:
    """One item's record: its keys (``keys``), and a check result kept unwritten."""

    __slots__ = ("keys", "question", "result")

    def __init__(self, keys: dict[str, Any]):
        self.keys = keys
        self.result: CheckResult | None = None   # the check, where "check" goes, not yet JSON
        self.question: str | None = None         # the digest of the path question

    def failed(self, message: str) -> None:
        """The item is answered by an error (a check or path document it had is dropped)."""
        self.keys.pop("check", None)
        self.result = None
        self.keys.update(ok=False, error=message)

    def checked(self, result: CheckResult, keep: bool) -> None:
        """The item's check; ``keep``: written later from the result itself."""
        if keep:
            self.keys["ok"], self.result = True, result
        else:
            self.keys.update(ok=True, check=result.to_json())

    def document(self) -> dict[str, Any]:
        """The record as docs/output.md writes it."""
        if self.result is None:
            return self.keys
        return {**self.keys, "check": self.result.to_json()}

    def json_line(self) -> str:
        """The record as a JSON line (``json_text(self.document())``, made quicker)."""
        result = self.result
        if result is None:
            return json_text(self.keys)
        keys = self.keys
        if len(keys) <= 3 and keys.keys() <= _PLAIN:   # a JSON line's record: written at once
            ident = keys.get("id")
            if ident is None:
                return f'{{"line": {keys["line"]}, "ok": true, "check": {result.json_text()}}}'
            if ident.isascii() or is_valid_text(ident):  # the id is the only text of its own
                return (f'{{"line": {keys["line"]}, "id": {encode_basestring(ident)}, '
                        f'"ok": true, "check": {result.json_text()}}}')
        text = "{" + ", ".join([*(f"{encode_basestring(key)}: {_value_text(value)}"
                                  for key, value in keys.items()),
                                '"check": ' + result.json_text()]) + "}"
        return text if is_valid_text(text) else json_text(self.document())

    def entry(self) -> Entry:
        """The record's summary entry."""
        if self.result is not None:
            return _verdict_entry(self.result.levels)
        return entry_of(self.keys, self.question)


_PLAIN = frozenset(("line", "id", "ok"))


def _value_text(value: Any) -> str:
    cls = value.__class__
    if cls is int:
        return str(value)
    if cls is str:
        return encode_basestring(value)
    return encode(value)


def entry_of(document: dict[str, Any], question: str | None = None) -> Entry:
    """The summary entry of a record's document (also one read back by ``--resume``)."""
    if not document.get("ok"):
        return (False, (), (), None, None)
    levels = document["check"]["levels"]
    eligible = tuple(level["level"] for level in levels if level["eligible"])
    routes = tuple(route for level in levels if level["eligible"] for route in level["routes"])
    path = document.get("path")
    reached = None if path is None else (bool(path["reachable"]), path["months"])
    return (True, eligible, routes, reached, question)


def _verdict_entry(levels: tuple[Any, ...]) -> Entry:
    """The entry of a check result kept in its record (no path)."""
    key = tuple(map(id, levels))
    known = _ENTRIES.get(key)
    if known is None:
        if len(_ENTRIES) >= 4096:
            _ENTRIES.clear()
        eligible = tuple(level.level for level in levels if level.eligible)
        routes = tuple(route for level in levels if level.eligible for route in level.routes)
        known = _ENTRIES[key] = (levels, (True, eligible, routes, None, None))
    return known[1]


# Entries of verdicts by the ids of their level answers (kept beside, so that the ids stay
# theirs): a batch has a few dozen distinct ones.
_ENTRIES: dict[tuple[int, ...], tuple[tuple[Any, ...], Entry]] = {}


def flat_row(document: dict[str, Any], settings: Settings) -> list[Any]:
    """The CSV/XLSX row of a record's document (columns of :meth:`Settings.columns`)."""
    row: dict[str, Any] = {"line": document["line"], "id": document.get("id", ""),
                           "ok": document.get("ok", False), "error": document.get("error", "")}
    check = document.get("check")
    if check is not None:
        row.update(as_of=check["as_of"], education_ok=check["education_ok"],
                   unknowns=" ".join(check.get("unknowns", ())))
        for level in check["levels"]:
            name = f"L{level['level']}_"
            row[name + "held"] = level["held"]
            row[name + "eligible"] = level["eligible"]
            row[name + "verdict"] = level.get("verdict", "")
            row[name + "routes"] = " ".join(level["routes"])
            row[name + "depends"] = depends_text(level.get("depends_on", ()))
            row[name + "opens"] = level.get("opens") or ""
    path = document.get("path")
    if path is not None:
        row.update(target=path["target"], reachable=path["reachable"],
                   certified=path["certified"] or "",
                   months="" if path["months"] is None else path["months"])
        best = path.get("best_case")
        if best:
            row.update(best_months=best["months"], best_certified=best["certified"] or "",
                       best_assumes="; ".join(f"{field}={_reading(reading)}" for field, reading
                                              in best["assumes"].items()))
    safe = settings.output == "csv"
    return [_cell(row.get(name, ""), safe) for name in settings.columns()]


def depends_text(depends_on: Any) -> str:
    """A level's ``depends_on`` in one cell: ``work[0].occupation=same,related (L4-1);
    diplomas[0].major=same,related (L4-3c)`` (the field, the readings that admit, the
    routes they open)."""
    return "; ".join(f"{d['field']}={','.join(map(_reading, d['admits_if']))} "
                     f"({' '.join(d['routes'])})" for d in depends_on)


def _reading(value: Any) -> str:
    """A reading as a cell says it (a course's certificate: true, false)."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


# A text cell a spreadsheet would read as a formula (or as a command of another program:
# =HYPERLINK(...), +cmd, -1+1, @SUM(...), a tab or CR before one, and their full-width forms)
# is written to CSV with a single quote before it, which the spreadsheet shows as text.
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def neutral(value: str) -> str:
    """``value`` as CSV text no spreadsheet reads as a formula."""
    if value[:1] in FORMULA_START or value.lstrip(" \t\r\n\u3000")[:1] in FORMULA_START:
        return "'" + value
    return value


def _cell(value: Any, safe: bool = False) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        value = value.replace("\r", " ").replace("\n", " ")
        if not is_valid_text(value):
            value = value.encode("utf-8", "replace").decode()
        return neutral(value) if safe and value else value
    return value
