"""Fuzzing every command through the command line, in process (issue 10).

Hypothesis makes documents near the schema (valid applicants, then mutated: wrong types,
odd keys, deep nesting, huge numbers, odd strings with control characters, surrogates and
bidi marks, hostile YAML), arbitrary bytes, and arbitrary option values.  Every run must
exit 0 or 2, print no traceback, never say "internal error", and finish within
:data:`TIME_BOUND` seconds.

A command added later joins by appending a :class:`Command` to :data:`COMMANDS` (its
positional arguments, the input it reads, and a strategy of its options).  The runs are
deterministic (``derandomize``, no example database); ``PYQUALIFY_FUZZ_SCALE=10`` runs ten
times more examples.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pyqualify.cli import main

try:
    from tests.strategies import applicants, months
except ImportError:  # tests/ itself on sys.path
    from strategies import applicants, months  # type: ignore[no-redef]

SCALE = float(os.environ.get("PYQUALIFY_FUZZ_SCALE", "1"))
TIME_BOUND = 20.0  # seconds per run, generous: the machine may be shared
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "college-graduate.yaml"
WORK = Path(tempfile.mkdtemp(prefix="pyqualify-fuzz-"))
atexit.register(shutil.rmtree, WORK, True)


def fuzz_settings(examples: int) -> Callable[[Any], Any]:
    return settings(max_examples=max(1, int(examples * SCALE)), derandomize=True,
                    database=None, deadline=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# --- odd values ----------------------------------------------------------------------------

ODD_CHARS = ["\ud800", "\udfff", "\udc80", "\u202e", "\u2066", "\x00", "\x1b", "\x07", "\n",
             "\r", "\t", "\u2028", "\ufeff", "\u200b", "高中", "本职业", "\U0001f3ac", "\\", '"',
             "'", ":", "#", "&", "*", "!", "{", "[", "-", "%", "@", "`", "|", ">"]
odd_text = st.one_of(
    st.text(max_size=20),
    st.lists(st.one_of(st.sampled_from(ODD_CHARS), st.characters()), max_size=20).map("".join),
    st.sampled_from(["", " ", "null", "~", "yes", "no", "on", "0x1f", "0o17", "017", "1:30",
                     "2019-07", "2019-13", "2019-07-01", ".inf", ".nan", "1e999", "-0",
                     "high_school\n", "2019-07\u202e"]),
    st.sampled_from("x9\n").map(lambda char: char * 5000),
)
huge_numbers = st.one_of(st.integers(-(10**60), 10**60),
                         st.integers(4200, 5000).map(lambda digits: 10**digits - 1))
scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 10**4), huge_numbers,
                    st.floats(allow_nan=True, allow_infinity=True), odd_text)
odd_values = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                     st.dictionaries(odd_text, inner, max_size=3)),
    max_leaves=8)


def nested(depth: int, leaf: Any) -> Any:
    for index in range(depth):
        leaf = [leaf] if index % 2 else {"k": leaf}
    return leaf


def default_catalog() -> list[dict[str, Any]]:
    """A fresh copy of the shipped programme catalogue (a list of mappings)."""
    import yaml

    from pyqualify.resources import data_text

    return yaml.safe_load(data_text("planning.yaml"))["catalog"]


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[Any] | None = None) -> Any:
    """A valid document (an applicant by default) with up to four mutations in its tree."""
    doc: Any = draw(base if base is not None else applicants(as_of=months("2000-01",
                                                                          "2040-12")))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 3, 4]))):  # a valid one now and then
        places: list[tuple[Any, Any]] = [(None, None)]
        stack = [doc]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                places += [(node, key) for key in node]
                stack += list(node.values())
            elif isinstance(node, list):
                places += [(node, index) for index in range(len(node))]
                stack += node
        parent, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["replace", "delete", "add", "wrap", "deep"]))
        if parent is None:
            doc = draw(odd_values) if action == "replace" else nested(
                draw(st.integers(1, 80)), doc)
        elif action == "replace":
            parent[key] = draw(odd_values)
        elif action == "delete" and isinstance(parent, dict):
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(odd_text)] = draw(odd_values)
        elif action == "wrap":
            parent[key] = [parent[key]] if draw(st.booleans()) else {"value": parent[key]}
        else:
            parent[key] = nested(draw(st.integers(1, 80)), parent[key])
    return doc


SNIPPETS = ["? !!set {}\n: 1\n", "? [a, b]\n: 1\n", "<<: *job\n", "job: &job {start: 2020-01}\n",
            "education: 0x" + "f" * 4500 + "\n", "work:\n  - start: 2020-01\n    start: 2020-02\n",
            "x: 1" + ":59" * 2000 + "\n", "x: !!binary aGk=\n", "x: !!python/name:os.system\n",
            "x: !!omap [a: 1]\n", "x: 2019-02-30\n", "x: &a [*a]\n", "%YAML 1.1\n---\n",
            "---\n---\n", "\t", "\x00", "\xa0", "education: " + "[" * 500 + "\n",
            "id: \"\\ud800\"\n", "\"\\ud800\": 1\n", "x: 0b" + "1" * 20000 + "\n"]


HUGE = "9" * 5000


def _mark_huge(doc: Any) -> Any:
    if isinstance(doc, int) and abs(doc) > 10**4000:
        return "HUGEMARKER"
    if isinstance(doc, list):
        return [_mark_huge(item) for item in doc]
    if isinstance(doc, dict):
        return {key: _mark_huge(value) for key, value in doc.items()}
    return doc


def serialise(draw: st.DrawFn, doc: Any) -> tuple[bytes, str]:
    """A document as JSON or YAML bytes, maybe with a hostile snippet put in."""
    import yaml

    as_json = draw(st.booleans())
    doc = _mark_huge(doc)  # integers too long for json and yaml to write: put in afterwards
    try:
        if as_json:
            text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
        else:
            text = yaml.safe_dump(doc, allow_unicode=draw(st.booleans()))
    except (ValueError, yaml.YAMLError):
        text, as_json = repr(doc)[:10000], False
    text = text.replace('"HUGEMARKER"', HUGE).replace("HUGEMARKER", HUGE)
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + SNIPPETS[draw(st.integers(0, len(SNIPPETS) - 1))] + text[at:]
    return text.encode("utf-8", "surrogatepass"), ".json" if as_json else ".yaml"


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, str]:
    return serialise(draw, draw(st.one_of(mutated(), mutated(), mutated(), odd_values)))


@st.composite
def catalogues(draw: st.DrawFn) -> tuple[bytes, str]:
    catalog = st.builds(default_catalog)
    return serialise(draw, draw(st.one_of(mutated(catalog), mutated(catalog.map(
        lambda programmes: {"catalog": programmes})), odd_values)))


@st.composite
def jsonl_files(draw: st.DrawFn) -> tuple[bytes, str]:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["doc", "doc", "bytes", "empty"]))
        if kind == "doc":
            doc = _mark_huge(draw(st.one_of(mutated(), odd_values)))
            try:
                line = json.dumps(doc, ensure_ascii=draw(st.booleans()))
                lines.append(line.replace('"HUGEMARKER"', HUGE).encode("utf-8", "surrogatepass"))
            except ValueError:
                lines.append(b"9" * 5000)
        elif kind == "bytes":
            lines.append(draw(st.binary(max_size=200)).replace(b"\n", b" "))
        else:
            lines.append(b"")
    return b"\n".join(lines) + b"\n", ".jsonl"


@st.composite
def arbitrary_bytes(draw: st.DrawFn) -> tuple[bytes, str]:
    return draw(st.binary(max_size=3000)), draw(st.sampled_from([".yaml", ".json", ".jsonl"]))


# --- options ------------------------------------------------------------------------------------

NAMES = ["l4_1_work_months", "l4_2_work_months", "l4_2_training_hours", "l3_2_work_months",
         "l2_1_work_months", "l2_2a_work_months", "l2_2b_work_months", "l1_1_work_months",
         "graduating_window_months", "l3_1b_requires_l4", "higher_tier_counts_as_technical_school",
         "education_requirement", "I1", "I2", "I3"]
odd_option = st.one_of(odd_text, st.integers(-(10**40), 10**40).map(str))
settings_values = st.one_of(
    st.builds(lambda n, v: f"{n}={v}", st.sampled_from(NAMES),
              st.one_of(st.integers(0, 1200).map(str), st.sampled_from(["true", "off", "1"]))),
    odd_option)


def small_or_odd(low: int, high: int) -> st.SearchStrategy[str]:
    """A value in a small legal range, or one that must be refused (never a large legal one:
    heavy planning is bounded elsewhere, this suite tests input handling)."""
    return st.one_of(st.integers(low, high).map(str), st.integers(-(10**30), -1).map(str),
                     st.integers(1201, 10**30).map(str), odd_text.filter(
                         lambda t: not t.strip().lstrip("+").isdigit()))


def opt(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return values.map(lambda value: [name, value])


def flag(name: str) -> st.SearchStrategy[list[str]]:
    return st.just([name])


RULE_OPTIONS = [opt("--set", settings_values), opt("--as-of", st.one_of(months(), odd_option)),
                opt("--lang", st.one_of(st.sampled_from(["zh", "en"]), odd_option)),
                opt("--format", st.one_of(st.sampled_from(["text", "json"]), odd_option))]
PATH_OPTIONS = [*RULE_OPTIONS, opt("--target", small_or_odd(1, 4)), flag("--no-study"),
                opt("--time-limit", st.one_of(st.sampled_from(["0.001", "0.5", "30"]),
                                              odd_option)),
                flag("--no-training"), flag("--no-assume-work"), flag("--all"),
                flag("--no-tradeoffs"), opt("--horizon", small_or_odd(1, 30)),
                opt("--certificate-delay", small_or_odd(0, 6)),
                opt("--training-months", small_or_odd(0, 6)),
                opt("--training-hours", small_or_odd(0, 100)),
                opt("--max-plans", small_or_odd(1, 5)),
                opt("--exam-months", st.one_of(st.builds(
                    lambda level, ms: f"{level}={','.join(map(str, ms))}", st.integers(0, 5),
                    st.lists(st.integers(0, 13), max_size=4)), odd_option)),
                opt("--exclude", st.one_of(st.sampled_from(["junior_college_part_time",
                                                            "technical_school"]), odd_option)),
                opt("--catalog", st.sampled_from(["/nonexistent", "/dev/null", "/", "-",
                                                  str(EXAMPLE)]))]


def mostly(valid: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A legal value three times in four, else an odd one (so that most runs get past the
    options and reach the command's own work)."""
    return st.integers(0, 3).flatmap(lambda pick: valid if pick else odd_option)


good_settings = st.builds(lambda n, v: f"{n}={v}", st.sampled_from(NAMES), st.one_of(
    st.integers(0, 1200).map(str), st.sampled_from(["true", "false", "off", "1"])))
CATALOGUE_OPTIONS = [opt("--set", mostly(good_settings)),
                     opt("--lang", mostly(st.sampled_from(["zh", "en"]))),
                     opt("--format", mostly(st.sampled_from(["text", "json"])))]
CHECK_OPTIONS = [*CATALOGUE_OPTIONS, opt("--as-of", mostly(months())),
                 flag("--no-assume-work"), flag("--no-explain"), flag("--explain"),
                 opt("--horizon", mostly(st.integers(1, 1200).map(str)))]
AUDIT_OPTIONS = [*CATALOGUE_OPTIONS, opt("--as-of", mostly(months()))]
ROUTE_IDS = ["L4-1", "L4-2", "L4-3a", "L4-3b", "L4-3c", "L3-1a", "L3-1b", "L3-2", "L2-1",
             "L2-2a", "L2-2b", "L1-1", "1", "2", "3", "4", "l3", "L3", " 2 ", "l3-2", "0", "5"]
route_or_level = mostly(st.sampled_from(ROUTE_IDS))
BATCH_OPTIONS = [opt("--set", settings_values), opt("--as-of", st.one_of(months(), odd_option)),
                 flag("--no-explain"), flag("--explain"),
                 opt("--format", st.one_of(st.just("json"), odd_option)),
                 opt("--target", small_or_odd(1, 4)),
                 opt("--output", st.sampled_from(["/nonexistent/dir/out.jsonl", "/"])),
                 opt("--jobs", small_or_odd(0, 2)), flag("--quiet"), flag("--path"),
                 flag("--resume"), opt("--lang", st.one_of(st.sampled_from(["zh", "en"]),
                                                           odd_option)),
                 opt("--engine", st.one_of(st.just("local"), odd_option)),
                 opt("--scheduler", odd_option),
                 opt("--time-limit", st.one_of(st.sampled_from(["0.001", "30"]), odd_option)),
                 opt("--summary", st.sampled_from(["/nonexistent/dir/s.json", "/"]))]
SYNTH_OPTIONS = [opt("--seed", st.one_of(st.integers(-5, 5).map(str), odd_option)),
                 opt("--as-of", mostly(months())),
                 opt("--output", st.sampled_from(["/nonexistent/dir/p.jsonl", "/"]))]


def options(choices: list[st.SearchStrategy[list[str]]], always: tuple[str, ...] = (),
            max_size: int = 5) -> st.SearchStrategy[list[str]]:
    return st.lists(st.one_of(choices), max_size=max_size).map(
        lambda parts: [*always, *(word for part in parts for word in part)])


@dataclass(frozen=True)
class Command:
    """One command under fuzzing: its name, the input file it reads, its options.

    ``argv`` makes the command line from the input file's name (default: ``name FILE``);
    ``label`` tells two entries of one command apart.
    """

    name: str
    options: st.SearchStrategy[list[str]]
    inputs: Callable[[], st.SearchStrategy[tuple[bytes, str]]] = documents
    examples: int = 100               # for each of the three tests below
    good_input: tuple[bytes, str] = field(
        default_factory=lambda: (EXAMPLE.read_bytes(), ".yaml"))
    argv: Callable[[str, str], list[str]] = lambda name, file: [name, file]
    label: str = ""
    reads_file: bool = True           # False: only its options are fuzzed


def st_suffix(file: str) -> str:
    """template writes FILE.csv or FILE.xlsx beside the fuzzed input (in a temporary
    folder), or is refused for any other suffix."""
    return (".csv", ".xlsx", ".txt")[len(file) % 3]


# `path` always gets a small --horizon first (a later odd --horizon replaces it).
COMMANDS: list[Command] = [
    Command("check", options(RULE_OPTIONS), examples=400),
    Command("path", options(PATH_OPTIONS, ("--horizon", "12")), examples=40),
    Command("batch", options(BATCH_OPTIONS), inputs=jsonl_files, examples=120,
            good_input=(b'{"education": "none"}\n{"education": "high_school", '
                        b'"as_of": "2026-11"}\n', ".jsonl")),
    Command("path", options(PATH_OPTIONS[:4], ("--horizon", "12")), inputs=catalogues,
            examples=25, good_input=(json.dumps(default_catalog()).encode(), ".json"),
            argv=lambda name, file: [name, str(EXAMPLE), "--catalog", file],
            label="path --catalog"),
    # check's explanation options (--no-assume-work, --horizon, --no-explain)
    Command("check", options(CHECK_OPTIONS, max_size=4), examples=80, label="check --horizon"),
    Command("rules", options(CATALOGUE_OPTIONS, max_size=3), examples=60, reads_file=False,
            argv=lambda name, file: [name]),
    # the ROUTE|LEVEL argument first, or after `--` at the end (then it may start with -)
    Command("explain", st.one_of(
        st.builds(lambda what, rest: [what, *rest], route_or_level,
                  options(CATALOGUE_OPTIONS, max_size=3)),
        st.builds(lambda what, rest: [*rest, "--", what], route_or_level,
                  options(CATALOGUE_OPTIONS, max_size=3)),
        options(CATALOGUE_OPTIONS, max_size=2)), examples=150, reads_file=False,
        argv=lambda name, file: [name]),
    # the batch's spreadsheet input: arbitrary bytes as a .csv
    Command("batch", options(BATCH_OPTIONS[:4], ("--quiet",), max_size=3),
            inputs=lambda: st.tuples(st.binary(max_size=2000), st.just(".csv")), examples=40,
            good_input=(b"id,education\na,high_school\n", ".csv"), label="batch csv"),
    Command("template", st.just([]), examples=5, reads_file=False,
            argv=lambda name, file: [name, file + st_suffix(file)]),
    Command("synth", st.builds(lambda n, rest: [n, *rest], small_or_odd(0, 20),
                               options(SYNTH_OPTIONS, max_size=3)), examples=60,
            reads_file=False, argv=lambda name, file: [name]),
    # one audit is a few solves: few examples, and never the planner (--no-earliest)
    Command("audit", options(AUDIT_OPTIONS, ("--no-earliest",), max_size=3), examples=20,
            reads_file=False, argv=lambda name, file: [name]),
]
FILE_COMMANDS = [command for command in COMMANDS if command.reads_file]


def run_once(command: Command, content: bytes, suffix: str, args: list[str]) -> None:
    path = WORK / f"input{suffix}"
    path.write_bytes(content)
    lang = "zh" if (len(content) + len(args)) % 2 else "en"   # both languages' messages
    started = time.monotonic()
    result = CliRunner().invoke(main, [*command.argv(command.name, str(path)), *args],
                                input=content,
                                env={"PYQUALIFY_DEBUG": "", "PYQUALIFY_LANG": lang})
    elapsed = time.monotonic() - started
    event(f"exit {result.exit_code}")
    if os.environ.get("PYQUALIFY_FUZZ_SLOW") and elapsed > 1:
        print(f"slow: {elapsed:.1f} s {command.name} {args} {content[:300]!r}")
    shown = f"{command.name} {repr(args)[:300]}: exit {result.exit_code}\n{result.output[-600:]}"
    assert result.exit_code in (0, 2), shown
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}\n{result.exception!r}")
    assert "Traceback" not in result.output, shown
    assert "internal error" not in result.output, shown
    assert elapsed < TIME_BOUND, f"{shown}\ntook {elapsed:.1f} s"
    if result.exit_code == 2:
        assert result.stderr.strip(), shown
        assert len(result.stderr) < 2000, shown


@pytest.mark.parametrize("command", FILE_COMMANDS,
                         ids=[c.label or c.name for c in FILE_COMMANDS])
def test_documents_near_and_far_from_the_schema(command: Command) -> None:
    @fuzz_settings(command.examples)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        content, suffix = data.draw(command.inputs(), label="input")
        mixed = data.draw(st.integers(0, 3)) == 0  # now and then, odd options as well
        args = data.draw(command.options, label="options") if mixed else _fixed(command)
        run_once(command, content, suffix, args)

    run()


@pytest.mark.parametrize("command", FILE_COMMANDS,
                         ids=[c.label or c.name for c in FILE_COMMANDS])
def test_arbitrary_bytes(command: Command) -> None:
    @fuzz_settings(command.examples)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        content, suffix = data.draw(arbitrary_bytes(), label="input")
        run_once(command, content, suffix, _fixed(command))

    run()


@pytest.mark.parametrize("command", COMMANDS, ids=[c.label or c.name for c in COMMANDS])
def test_arbitrary_options(command: Command) -> None:
    @fuzz_settings(command.examples)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        content, suffix = command.good_input
        run_once(command, content, suffix, data.draw(command.options, label="options"))

    run()


def _fixed(command: Command) -> list[str]:
    """The options a run with fuzzed input gets: cheap ones."""
    if command.label == "check --horizon":
        return ["--no-assume-work", "--horizon", "36"]
    return ["--horizon", "12", "--no-tradeoffs"] if command.name == "path" else []
