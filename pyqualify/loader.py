"""The one way input comes in: bytes, text, YAML and JSON, with bounds.

Every file the program reads (an applicant, a programme catalogue, a batch file,
a batch line, a spreadsheet row once parsed) passes through here, so that each
gets the same guarantees:

- only a regular file is read (``-`` is standard input): a FIFO or a device is
  refused at once instead of blocking; at most ``limit`` bytes are read;
- the text is UTF-8; YAML merge keys (``<<: *anchor``) work, a key given twice
  in one mapping is refused with its full path (``work[0].start``);
- the parsed document is inspected once (:func:`inspect`): at most
  :data:`MAX_DEPTH` levels, :data:`MAX_VALUES` values (aliases count each time
  they are used), numbers of at most :data:`MAX_NUMBER_DIGITS` digits, keys that
  are single values, and no lone surrogate in any text.

Every refusal is an :class:`~pyqualify.messages.InputError` naming the place.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from functools import cache
from typing import Any, BinaryIO

from .messages import (
    InputError,
    Raw,
    Term,
    TooLongNumber,
    input_error,
    join_path,
    quote,
    shorten,
)
from .months import MONTH_PATTERN

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_VALUES = 100_000
MAX_NUMBER_DIGITS = 40
NAME_CHARS = 60


def shown_name(name: str) -> Raw:
    """A file name as a message shows it: quoted, short, control characters escaped."""
    return Raw(quote(name, NAME_CHARS))


# --- bytes ---------------------------------------------------------------------------

def read_bytes(path: str | os.PathLike[str], *, limit: int = MAX_FILE_BYTES,
               limit_text: str = "1 MiB") -> bytes:
    """At most ``limit`` bytes of a regular file, or of standard input for ``-``.

    A FIFO, a device, a socket or a directory is refused without opening it for a
    blocking read; a larger file is refused naming the limit.
    """
    name = os.fspath(path)
    shown: Raw | Term = Term("standard_input") if name == "-" else shown_name(name)
    stream = open_input(name)
    try:
        raw = stream.read(limit + 1)
    except OSError as exc:
        raise _unreadable(name, shown, exc) from None
    finally:
        if name != "-":
            stream.close()
    if len(raw) > limit:
        raise input_error("", "file_too_large", limit=Raw(limit_text), name=shown)
    return raw


def open_input(path: str | os.PathLike[str]) -> BinaryIO:
    """A regular file opened for reading in binary, or standard input for ``-``: for
    input read as a stream (a batch of a million lines).  Anything else is refused at
    once, as by :func:`read_bytes`; the caller closes the file (not standard input)."""
    name = os.fspath(path)
    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise input_error("", "file_unreadable", name=Term("standard_input"),
                              reason=Term("ENOENT"))
        return stream
    shown = shown_name(name)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:
        raise _unreadable(name, shown, exc) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise input_error("", "not_regular_file", name=shown, kind=Term(_kind(mode)))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "directory"), (stat.S_ISFIFO, "fifo"),
                       (stat.S_ISCHR, "char_device"), (stat.S_ISBLK, "block_device"),
                       (stat.S_ISSOCK, "socket")):
        if test(mode):
            return kind
    return "special"


def _unreadable(name: str, shown: Raw, exc: Exception) -> InputError:
    if isinstance(exc, OSError) and exc.errno is not None:
        code = errno.errorcode.get(exc.errno, "")
        reason: Any = Term(code) if code in ("ENOENT", "EACCES", "EISDIR", "ENAMETOOLONG",
                                             "ENOTDIR", "EIO") else exc.strerror or code
    else:
        reason = "the name holds a NUL character"
    return input_error("", "file_unreadable", name=shown, reason=reason)


def decode(raw: bytes, name: Raw | Term, *, bom: bool = True) -> str:
    """UTF-8 text (a byte order mark is dropped when ``bom``); else an InputError."""
    try:
        return raw.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise input_error("", "not_utf8", offset=exc.start, name=name) from None


# --- documents --------------------------------------------------------------------------

def load_document(path: str | os.PathLike[str]) -> Any:
    """Read a YAML or JSON file (``-``: standard input) of at most 1 MiB into plain data."""
    name = os.fspath(path)
    raw = read_bytes(name)
    shown = Term("standard_input") if name == "-" else shown_name(name)
    return parse_text(decode(raw, shown), strict_json=name.lower().endswith(".json"))


def parse_text(text: str, *, strict_json: bool = False, path: str = "") -> Any:
    """Parse YAML or JSON text into plain data, inspected (:func:`inspect`).

    ``strict_json`` (a ``.json`` file, a batch line) accepts JSON only; otherwise
    YAML, which reads JSON too.  Errors name ``path`` and the place inside.
    """
    if strict_json or text.lstrip().startswith(("{", "[")):
        try:
            return inspect(_json_decoder().decode(text), path)
        except json.JSONDecodeError as exc:
            if strict_json:
                raise input_error(path, "json_syntax", problem=exc.msg, line=exc.lineno,
                                  column=exc.colno) from None
        except RecursionError:
            raise input_error(path, "too_deep", limit=MAX_DEPTH) from None
    return inspect(_parse_yaml(text, path), path)


@cache
def _json_decoder() -> json.JSONDecoder:
    """JSON with duplicate keys marked and long integers left unconverted (made once)."""
    return json.JSONDecoder(object_pairs_hook=_json_object, parse_int=_json_int,
                            parse_constant=_json_constant)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[Any, Any]:
    mapping: dict[Any, Any] = dict(pairs)
    if len(mapping) == len(pairs):  # the common case, at C speed
        return mapping
    mapping = {}
    for key, value in pairs:
        mapping[_Duplicate(key, None) if key in mapping else key] = value
    return mapping


def _json_int(text: str) -> int | TooLongNumber:
    digits = len(text.lstrip("-"))
    return TooLongNumber(len(text)) if digits > MAX_NUMBER_DIGITS else int(text)


def _json_constant(name: str) -> float:
    return float(name)  # NaN, Infinity: numbers no field accepts; the fields say so


def _parse_yaml(text: str, path: str) -> Any:
    import yaml  # imported here: ~10 ms that JSON input does not need

    try:
        return yaml.load(text, Loader=_yaml_loader())  # a SafeLoader subclass
    except InputError as exc:
        raise exc.within(path) if path else exc from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        problem = shorten(exc.problem or "syntax error")  # it may quote a tag at length
        if mark is not None:
            raise input_error(path, "yaml_syntax_at", problem=problem, line=mark.line + 1,
                              column=mark.column + 1) from None
        raise input_error(path, "yaml_syntax", problem=problem) from None
    except yaml.YAMLError as exc:  # e.g. a ReaderError: a character YAML does not allow
        raise input_error(path, "yaml_syntax", problem=shorten(str(exc).split("\n")[0])
                          ) from None
    except RecursionError:
        raise input_error(path, "too_deep", limit=MAX_DEPTH) from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a timestamp 2019-02-30
        raise input_error(path, "yaml_syntax",
                          problem=f"a value that cannot be read ({exc.__class__.__name__})"
                          ) from None


class WrittenInt(int):
    """A YAML integer that is written like a month (``201907``): YAML reads a number, the
    person wrote a month; ``written`` keeps the text for a month field (docs/input.md)."""

    def __new__(cls, value: int, written: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __getnewargs__(self) -> tuple[int, str]:  # type: ignore[override]
        return int(self), self.written


class WrittenFloat(float):
    """A YAML float written like a month (``2019.07``, ``2019.7``), as :class:`WrittenInt`."""

    def __new__(cls, value: float, written: str) -> WrittenFloat:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __getnewargs__(self) -> tuple[float, str]:  # type: ignore[override]
        return float(self), self.written


class _Duplicate:
    """A key given a second time: kept as a marker so that :func:`inspect` names its path."""

    __slots__ = ("key", "line")

    def __init__(self, key: Any, line: int | None):
        self.key = key
        self.line = line


class _BadKey:
    """A key that is a list, mapping or set (it cannot be a key of plain data)."""

    __slots__ = ("kind", "line")

    def __init__(self, kind: str, line: int):
        self.kind = kind
        self.line = line


@cache
def _yaml_loader() -> type:
    """A YAML safe loader (libyaml's when present) with the bounds of this module."""
    import yaml

    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    merge_tag = "tag:yaml.org,2002:merge"

    class BoundedLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            if not isinstance(node, yaml.MappingNode):
                return super().construct_mapping(node, deep=deep)
            own: list[tuple[Any, Any]] = []
            seen: set[Any] = set()
            for key_node, value_node in node.value:
                if key_node.tag == merge_tag:
                    continue
                key = self._key(key_node, deep)
                if not isinstance(key, _BadKey):
                    if key in seen:
                        key = _Duplicate(key, key_node.start_mark.line + 1)
                    else:
                        seen.add(key)
                own.append((key, value_node))
            merged: dict[Any, Any] = {}
            if len(own) != len(node.value):  # a merge key: its mappings come first
                self.flatten_mapping(node)
                own_nodes = {id(v) for _, v in own}
                for key_node, value_node in node.value:
                    if id(value_node) not in own_nodes:
                        key = self._key(key_node, deep)
                        if not isinstance(key, _BadKey):
                            merged[key] = self.construct_object(value_node, deep=deep)
            for key, value_node in own:
                merged.pop(key, None)
                merged[key] = self.construct_object(value_node, deep=deep)
            return merged

        def _key(self, key_node: Any, deep: bool) -> Any:
            if isinstance(key_node, yaml.ScalarNode):
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, list | dict | set):  # cannot happen from a scalar
                    return _BadKey("a_set", key_node.start_mark.line + 1)
                return key
            kind = "a_list" if isinstance(key_node, yaml.SequenceNode) else (
                "a_set" if key_node.tag == "tag:yaml.org,2002:set" else "a_mapping")
            return _BadKey(kind, key_node.start_mark.line + 1)

        def construct_yaml_int(self, node: Any) -> Any:
            text = self.construct_scalar(node)
            digits = len(text.replace("_", "").lstrip("+-"))
            if digits > MAX_NUMBER_DIGITS + 2:  # 0x, 0b, 0o and sexagesimal too
                return TooLongNumber(len(text))
            number = super().construct_yaml_int(node)
            return WrittenInt(number, text) if MONTH_PATTERN.fullmatch(text) else number

        def construct_yaml_float(self, node: Any) -> Any:
            text = self.construct_scalar(node)
            if ":" in text and len(text) > MAX_NUMBER_DIGITS:  # sexagesimal: slow when long
                return TooLongNumber(len(text))
            number = super().construct_yaml_float(node)
            return WrittenFloat(number, text) if MONTH_PATTERN.fullmatch(text) else number

    BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_yaml_int)
    BoundedLoader.add_constructor("tag:yaml.org,2002:float",
                                  BoundedLoader.construct_yaml_float)
    return BoundedLoader


# --- inspection ------------------------------------------------------------------------

def inspect(data: Any, path: str = "") -> Any:
    """Check parsed data against the bounds of this module; return it unchanged.

    Also for data that did not come from text here (an API body, a spreadsheet row).
    """
    if _fine(data, 0, [MAX_VALUES], set()):  # fast, without paths; on a problem, look again
        return data
    _inspect(data, path, 0, [MAX_VALUES], set())
    return data


_PLAIN = (int, float, bool, type(None))


def _fine(value: Any, depth: int, budget: list[int], seen: set[int]) -> bool:
    """True when nothing in ``value`` breaks a bound (no paths built: the common case).

    ``seen``: the ids of long non-ASCII texts already checked (an alias used 100,000
    times names one text, which is checked once).
    """
    budget[0] -= 1
    kind = type(value)
    if kind is str:
        if value.isascii():  # O(1) in CPython
            return True
        if len(value) > 64:
            if id(value) in seen:
                return True
            seen.add(id(value))
        return is_valid_text(value)
    if kind is dict:
        if depth >= MAX_DEPTH:
            return False
        for key, item in value.items():
            if type(key) is str:
                if not (key.isascii() or is_valid_text(key)):
                    return False
            elif not isinstance(key, _PLAIN):
                return False
            if not _fine(item, depth + 1, budget, seen):
                return False
        return budget[0] >= 0
    if kind is list:
        if depth >= MAX_DEPTH:
            return False
        return all(_fine(item, depth + 1, budget, seen) for item in value) and budget[0] >= 0
    return isinstance(value, _PLAIN) and budget[0] >= 0


def is_valid_text(text: str) -> bool:
    """True when the text can be written as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _inspect(value: Any, path: str, depth: int, budget: list[int], seen: set[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise input_error("", "too_many_values", limit=MAX_VALUES)
    if isinstance(value, str):
        if id(value) not in seen:
            _text(value, path)
            if len(value) > 64:
                seen.add(id(value))
    elif isinstance(value, dict):
        if depth >= MAX_DEPTH:
            raise input_error(path, "too_deep", limit=MAX_DEPTH)
        for key, item in value.items():
            if isinstance(key, _Duplicate):
                where = join_path(path, key.key)
                _key_text(key.key, path)
                if key.line is None:
                    raise input_error(where, "duplicate_key")
                raise input_error(where, "duplicate_key_at", line=key.line)
            if isinstance(key, _BadKey):
                raise input_error(path, "key_not_scalar", kind=Term(key.kind), line=key.line)
            _key_text(key, path)
            if isinstance(key, TooLongNumber):
                raise input_error(path, "number_too_long", key, limit=MAX_NUMBER_DIGITS)
            _inspect(item, join_path(path, key), depth + 1, budget, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        if depth >= MAX_DEPTH:
            raise input_error(path, "too_deep", limit=MAX_DEPTH)
        for index, item in enumerate(value):
            _inspect(item, f"{path}[{index}]", depth + 1, budget, seen)
    elif isinstance(value, TooLongNumber):
        raise input_error(path, "number_too_long", value, limit=MAX_NUMBER_DIGITS)


def _key_text(key: Any, path: str) -> None:
    if isinstance(key, str):
        _text(key, join_path(path, key))


def _text(text: str, path: str) -> None:
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise input_error(path, "lone_surrogate",
                              char=Raw(f"\\u{ord(text[exc.start]):04x}")) from None


# --- JSON Lines ----------------------------------------------------------------------------

def parse_json_line(raw: bytes, *, first: bool = False, path: str = "") -> Any:
    """One line of a JSON Lines file (bytes, without or with its newline) into plain data.

    ``first``: the first line may start with a byte order mark.
    """
    return inspect_line(read_json_line(raw, first=first, path=path), path)


_THE_LINE = Term("the_line")


def read_json_line(raw: bytes, *, first: bool = False, path: str = "") -> Any:
    """The first half of :func:`parse_json_line`: the line decoded and parsed, but not yet
    inspected.  The caller passes the data to :func:`inspect_line`, or checks it at least as
    strictly itself (an applicant line of the common shape, see ``pyqualify.applicant``).
    Duplicate keys and overlong numbers are marked here; :func:`inspect_line` refuses them.
    """
    text = decode(raw, _THE_LINE, bom=first)
    if not text.strip():
        raise input_error(path, "json_object_line")
    decoder = _json_decoder()
    try:
        if text[:1] == "{":  # the common line, one object alone: json's scanner at once
            try:
                data, end = decoder.scan_once(text, 0)
                if end == len(text):
                    return data
            except (ValueError, StopIteration):
                pass  # decode() below says what is wrong, as ever
        return decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise input_error(path, "json_syntax", problem=exc.msg, line=exc.lineno,
                          column=exc.colno) from None
    except RecursionError:
        raise input_error(path, "too_deep", limit=MAX_DEPTH) from None


def inspect_line(data: Any, path: str = "") -> Any:
    """The second half of :func:`parse_json_line`: :func:`inspect` (as ``parse_text``)."""
    try:
        return inspect(data, path)
    except RecursionError:
        raise input_error(path, "too_deep", limit=MAX_DEPTH) from None
