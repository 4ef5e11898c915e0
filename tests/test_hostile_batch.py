"""Batches that never lose a line (issue 17, the batch's items), each with a variant of ours.

Targets that are the input or each other, ``--resume`` on files that are not this batch's
output (foreign, forged, damaged, another run's, one being written), outputs that are
pipes, devices and FIFOs, a worker killed, Dask addresses that lead nowhere, and a default
batch of 30,000 lines.  Real processes, real FIFOs and real sockets throughout.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pyqualify.cli import main
from pyqualify.synthetic import synthetic_lines

CLI = [sys.executable, "-m", "pyqualify"]
ENV = {**os.environ, "PYQUALIFY_LANG": "en", "PYQUALIFY_DEBUG": ""}


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=input,
                              env={"PYQUALIFY_LANG": "en", "PYQUALIFY_DEBUG": ""})


def cli(*args: str | Path, timeout: float = 120, **kwargs: Any
        ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, timeout=timeout,
                          env=ENV, check=False, **kwargs)


def plain(result: Result) -> None:
    """Exit 2, one line naming the problem, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.stderr.startswith("pyqualify: error: ")
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 600, result.stderr


def people(path: Path, n: int, seed: int = 7) -> Path:
    path.write_text("".join(line + "\n" for line in synthetic_lines(n, seed=seed)),
                    encoding="utf-8")
    return path


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    return people(tmp_path / "in.jsonl", 12)


@pytest.fixture()
def whole(tmp_path: Path, source: Path) -> Path:
    """An uninterrupted run's output of ``source``."""
    out = tmp_path / "whole.jsonl"
    assert run("batch", source, "--output", out, "--quiet").exit_code == 0
    return out


# --- 1. no target is the input or another target ------------------------------------------

def names_of(tmp_path: Path, target: Path, how: str) -> Path:
    """Another name of ``target``: the same name, a hard link, a symbolic link, a path
    through the parent folder."""
    if how == "same":
        return target
    if how == "hard":
        os.link(target, tmp_path / "hard.jsonl")
        return tmp_path / "hard.jsonl"
    if how == "symbolic":
        os.symlink(target, tmp_path / "sym.jsonl")
        return tmp_path / "sym.jsonl"
    return target.parent / ".." / target.parent.name / target.name


HOWS = ["same", "hard", "symbolic", "dotted"]


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_an_output_onto_the_input_is_refused_and_the_input_kept(
        tmp_path: Path, how: str, suffix: str) -> None:
    source = tmp_path / f"p{suffix}"
    if suffix == ".csv":
        source.write_text("id,as_of,education\na,2026-11,high_school\nb,2026-11,none\n",
                          encoding="utf-8")
    else:
        people(source, 5)
    before = source.read_bytes()
    for extra in ([], ["--resume"]):
        result = run("batch", source, "--output", names_of(tmp_path, source, how)
                     if not extra else source, *extra)
        plain(result)
        assert "--output: expected a file other than the input FILE" in result.stderr
        assert source.read_bytes() == before


@pytest.mark.parametrize("how", ["same", "symbolic"])
def test_variant_an_xlsx_output_onto_its_xlsx_input_is_refused(tmp_path: Path,
                                                               how: str) -> None:
    source = tmp_path / "p.xlsx"
    assert run("template", source).exit_code == 0
    before = source.read_bytes()
    target = source if how == "same" else tmp_path / "link.xlsx"
    if how == "symbolic":
        os.symlink(source, target)
    result = run("batch", source, "--output", target)
    plain(result)
    assert source.read_bytes() == before


@pytest.mark.parametrize("how", HOWS)
def test_a_summary_onto_the_input_or_the_output_is_refused_before_anything_is_written(
        tmp_path: Path, source: Path, whole: Path, how: str) -> None:
    inputs, outputs = source.read_bytes(), whole.read_bytes()
    result = run("batch", source, "--summary", names_of(tmp_path, source, how))
    plain(result)
    assert "--summary: expected a file other than the input FILE" in result.stderr
    other = tmp_path / "fresh"
    other.mkdir()
    result = run("batch", source, "--output", whole, "--summary",
                 names_of(other, whole, how))
    plain(result)
    assert "--summary: expected a file other than --output" in result.stderr
    assert source.read_bytes() == inputs and whole.read_bytes() == outputs


def test_variant_standard_input_that_is_the_output_file_is_refused(
        tmp_path: Path, source: Path) -> None:
    before = source.read_bytes()
    with source.open("rb") as handle:
        done = cli("batch", "-", "--output", source, stdin=handle)
    assert done.returncode == 2 and b"other than the input" in done.stderr
    assert source.read_bytes() == before


def test_variant_a_device_may_take_both_the_output_and_the_summary(source: Path) -> None:
    assert run("batch", source, "--output", "/dev/null", "--summary",
               "/dev/null").exit_code == 0


def test_variant_a_new_output_and_summary_of_one_name_are_refused(
        tmp_path: Path, source: Path) -> None:
    result = run("batch", source, "--output", tmp_path / "new.jsonl", "--summary",
                 tmp_path / "." / "new.jsonl")
    plain(result)
    assert not (tmp_path / "new.jsonl").exists()


# --- 2. --resume: nothing written until the file is known to be this batch's ----------------

def refused_untouched(path: Path, *args: str | Path, words: str = "") -> None:
    before = path.read_bytes()
    result = run("batch", *args, "--output", path, "--resume", "--quiet")
    plain(result)
    assert "--resume: expected an --output written by this batch" in result.stderr
    assert words in result.stderr
    assert path.read_bytes() == before, "the file is left as it was"


def test_an_applicant_file_given_as_output_keeps_its_last_record(
        tmp_path: Path, source: Path) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text(source.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    refused_untouched(mine, source, words="line 1 is not numbered 1")


@pytest.mark.parametrize("text", ['{"id": "only", "education": "none"}', "education: none",
                                  '{"li', '{"line": 1, "ok": tr'])
def test_variant_a_one_line_file_without_newline_is_cut_only_when_it_may_be_ours(
        tmp_path: Path, source: Path, whole: Path, text: str) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text(text, encoding="utf-8")
    if text.startswith('{"li'):   # the torn start of this batch's first line: cut, resumed
        assert run("batch", source, "--output", mine, "--resume", "--quiet").exit_code == 0
        assert mine.read_bytes() == whole.read_bytes()
    else:
        refused_untouched(mine, source, words="without a newline")


def test_variant_an_applicant_file_given_as_csv_output_is_untouched(
        tmp_path: Path, source: Path) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text("id,as_of,education\na,2026-11,high_school\nb,2026-11,no", encoding="utf-8")
    refused_untouched(mine, source, words="header")
    mine.write_text("id,as_of,education", encoding="utf-8")   # a header alone, no newline
    refused_untouched(mine, source, words="without a newline")


@pytest.mark.parametrize("options", [["--no-explain"], ["--set", "l4_1_work_months=12"],
                                     ["--path"], ["--as-of", "2027-01"]])
def test_an_output_of_other_options_is_refused(
        tmp_path: Path, whole: Path, source: Path, options: list[str]) -> None:
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"".join(whole.read_bytes().splitlines(keepends=True)[:4]) + b'{"li')
    refused_untouched(cut, source, *options)
    # the same options as the run: accepted, and the torn line cut
    result = run("batch", source, "--output", cut, "--resume", "--quiet")
    assert result.exit_code == 0, result.output
    assert cut.read_bytes() == whole.read_bytes()


def test_variant_an_output_of_another_input_is_refused(tmp_path: Path, whole: Path) -> None:
    other = people(tmp_path / "other.jsonl", 12, seed=8)
    refused_untouched(whole, other, words="line 1")
    shorter = people(tmp_path / "short.jsonl", 5)
    refused_untouched(whole, shorter, words="holds 12 records and the input fewer")


def test_variant_a_csv_output_of_other_options_is_refused(tmp_path: Path, source: Path) -> None:
    out = tmp_path / "o.csv"
    assert run("batch", source, "--output", out, "--no-explain", "--quiet").exit_code == 0
    refused_untouched(out, source, words="header")                  # columns of --explain
    refused_untouched(out, source, "--no-explain", "--set", "l4_1_work_months=6",
                      words="line 1")


FORGED = {
    "line true": lambda r: {**r, "line": True},
    "line 1.0": lambda r: {**r, "line": float(r["line"])},
    "line text": lambda r: {**r, "line": str(r["line"])},
    "ok text": lambda r: {**r, "ok": "true"},
    "no check": lambda r: {k: v for k, v in r.items() if k != "check"},
    "levels text": lambda r: {**r, "check": {**r["check"], "levels": "4 3 2 1"}},
    "three levels": lambda r: {**r, "check": {**r["check"], "levels": r["check"]["levels"][:3]}},
    "eligible 1": lambda r: {**r, "check": {**r["check"], "levels": [
        {**lv, "eligible": 1} for lv in r["check"]["levels"]]}},
    "routes text": lambda r: {**r, "check": {**r["check"], "levels": [
        {**lv, "routes": "L4-1"} for lv in r["check"]["levels"]]}},
    "id number": lambda r: {**r, "id": 5},
    "a list": lambda r: [r],
    "error number": lambda r: {"line": r["line"], "ok": False, "error": 3},
    "another verdict": lambda r: {**r, "check": {**r["check"], "levels": [
        {**lv, "eligible": not lv["eligible"]} for lv in r["check"]["levels"]]}},
}


@pytest.mark.parametrize("name", list(FORGED))
@pytest.mark.parametrize("where", [0, 2])
def test_forged_records_are_refused(tmp_path: Path, whole: Path, source: Path, name: str,
                                    where: int) -> None:
    records = [json.loads(line) for line in whole.read_text(encoding="utf-8").splitlines()[:3]]
    records[where] = FORGED[name](records[where])
    forged = tmp_path / "forged.jsonl"
    forged.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    refused_untouched(forged, source)


def test_variant_more_records_than_the_input_and_a_gap_are_refused(
        tmp_path: Path, whole: Path, source: Path) -> None:
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    longer = tmp_path / "longer.jsonl"
    extra = json.loads(lines[-1])
    extra["line"] = 13
    longer.write_text("".join(lines) + json.dumps(extra) + "\n", encoding="utf-8")
    refused_untouched(longer, source, words="holds 13 records and the input fewer")
    gap = tmp_path / "gap.jsonl"
    gap.write_text(lines[0] + lines[2], encoding="utf-8")
    refused_untouched(gap, source, words="line 2 is not numbered 2")


DAMAGED = {
    "not utf-8": b'{"line": 1, "ok": true, "id": "\xff\xfe"}\n',
    "binary": b"\x00\x01\x02\x03\n",
    "deep": b"[" * 200_000 + b"]" * 200_000 + b"\n",
    "deep object": b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"\n",
    "empty object": b"{}\n",
    "null": b"null\n",
    "blank line": b"\n",
    "no ok": b'{"line": 1}\n',
    "huge number": b'{"line": 1' + b"0" * 5000 + b', "ok": true}\n',
}


@pytest.mark.parametrize("name", list(DAMAGED))
def test_a_damaged_or_foreign_jsonl_output_exits_2_and_is_kept(
        tmp_path: Path, source: Path, name: str) -> None:
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_bytes(DAMAGED[name])
    refused_untouched(damaged, source)


def csv_output(tmp_path: Path, source: Path) -> list[str]:
    out = tmp_path / "w.csv"
    assert run("batch", source, "--output", out, "--quiet").exit_code == 0
    return out.read_text(encoding="utf-8").splitlines(keepends=True)


CSV_DAMAGE = {
    "short row": lambda rows: rows[:2] + ["1,2,3\n"],
    "long row": lambda rows: rows[:2] + [rows[2].rstrip("\n") + ",x,y\n"],
    "odd quotes": lambda rows: rows[:2] + ['2,"S-7,true\n'],
    "ok maybe": lambda rows: rows[:2] + [rows[2].replace(",true,", ",maybe,", 1)],
    "line zero": lambda rows: rows[:1] + ["0" + rows[1][1:]],
    "other header": lambda rows: [rows[0].replace("L4_opens", "L4_open")] + rows[1:3],
    "no header": lambda rows: rows[1:3],
    "not utf-8": lambda rows: rows[:2] + ["2,\udcff,true\n"],
}


@pytest.mark.parametrize("name", list(CSV_DAMAGE))
def test_a_damaged_csv_output_exits_2_and_is_kept(tmp_path: Path, source: Path,
                                                  name: str) -> None:
    damaged = tmp_path / "damaged.csv"
    damaged.write_bytes("".join(CSV_DAMAGE[name](csv_output(tmp_path, source))).encode(
        "utf-8", "surrogateescape"))
    refused_untouched(damaged, source)


def test_variant_a_csv_output_with_only_its_header_resumes_whole(tmp_path: Path,
                                                                 source: Path) -> None:
    rows = csv_output(tmp_path, source)
    cut = tmp_path / "cut.csv"
    cut.write_text(rows[0] + rows[1][:7], encoding="utf-8")
    assert run("batch", source, "--output", cut, "--resume", "--quiet").exit_code == 0
    assert cut.read_text(encoding="utf-8") == "".join(rows)


def test_a_second_run_on_an_output_being_written_refuses_at_once(tmp_path: Path) -> None:
    source = people(tmp_path / "many.jsonl", 6000)
    out, alone = tmp_path / "out.jsonl", tmp_path / "alone.jsonl"
    first = subprocess.Popen([*CLI, "batch", source, "--output", out, "--no-explain",
                              "--jobs", "1", "--quiet"], env=ENV, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.02)
        for extra in (["--resume"], []):
            started = time.monotonic()
            second = cli("batch", source, "--output", out, "--no-explain", "--jobs", "1",
                         "--quiet", *extra)
            assert second.returncode == 2, second.stderr
            assert b"another pyqualify batch holds" in second.stderr
            assert time.monotonic() - started < 20
            assert first.poll() is None, "the second was refused while the first ran"
    finally:
        assert first.wait(timeout=300) == 0
    assert cli("batch", source, "--output", alone, "--no-explain", "--quiet").returncode == 0
    assert out.read_bytes() == alone.read_bytes(), "no line twice, none lost"


# --- 3. pipes, devices and FIFOs as --output ----------------------------------------------

@pytest.mark.parametrize("name", ["/dev/stdout", "/proc/self/fd/1"])
def test_an_output_that_is_the_pipe_of_standard_output(name: str, source: Path,
                                                       whole: Path) -> None:
    if not os.path.exists(name):
        pytest.skip(f"no {name}")
    done = cli("batch", source, "--output", name, "--quiet")
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    assert done.stdout == whole.read_bytes()


def test_variant_a_csv_output_through_a_pipe_and_into_dev_null(source: Path,
                                                              tmp_path: Path) -> None:
    done = cli("batch", source, "--output", "/dev/stdout", "--quiet")   # no .csv: JSON Lines
    assert done.returncode == 0
    assert cli("batch", source, "--output", "/dev/null").returncode == 0
    assert cli("batch", source, "--output", "/dev/null", "--summary",
               "/dev/stdout", "--quiet").stdout.startswith(b"{\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("option", ["--output", "--summary"])
def test_a_full_device_is_a_disk_full_message(option: str, source: Path) -> None:
    done = cli("batch", source, option, "/dev/full", "--quiet")
    assert done.returncode == 2
    assert done.stderr == b"pyqualify: error: cannot write the output: no space left on device\n"


@pytest.fixture()
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    path = tmp_path / "answers.jsonl"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("extra", [[], ["--resume"], ["--output-csv"]])
def test_a_fifo_without_reader_is_refused_at_once(fifo: Path, source: Path,
                                                  extra: list[str]) -> None:
    if extra == ["--output-csv"]:
        os.rename(fifo, fifo.with_suffix(".csv"))
        fifo, extra = fifo.with_suffix(".csv"), []
    started = time.monotonic()
    done = cli("batch", source, "--output", fifo, *extra, timeout=30)
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    words = b"regular file" if extra else b"a FIFO or pipe with a reader"
    assert words in done.stderr, done.stderr
    assert time.monotonic() - started < 15
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_with_a_reader_gets_the_answers(fifo: Path, source: Path, whole: Path) -> None:
    reading = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)   # a reader is there first
    got = b""
    try:
        process = subprocess.Popen([*CLI, "batch", str(source), "--output", str(fifo),
                                    "--quiet"], env=ENV, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                block = os.read(reading, 1 << 16)
            except BlockingIOError:   # a writer, nothing written yet
                time.sleep(0.01)
                continue
            got += block
            if not block:
                if process.poll() is not None:
                    break
                time.sleep(0.01)   # no writer yet, or it has gone
    finally:
        os.close(reading)
    assert process.wait(timeout=30) == 0, process.stderr.read()  # type: ignore[union-attr]
    assert got == whole.read_bytes()


def test_variant_an_xlsx_output_onto_a_fifo_is_refused(tmp_path: Path, source: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    os.mkfifo(tmp_path / "o.xlsx")
    done = cli("batch", source, "--output", tmp_path / "o.xlsx", timeout=30)
    assert done.returncode == 2 and b"a regular file for an .xlsx output" in done.stderr


def test_variant_a_summary_fifo_without_reader_is_refused_without_waiting(
        fifo: Path, source: Path, tmp_path: Path) -> None:
    done = cli("batch", source, "--output", tmp_path / "o.jsonl", "--summary", fifo,
               "--quiet", timeout=60)
    assert done.returncode == 2 and b"--summary: expected a FIFO or pipe with a reader" in (
        done.stderr)


# --- 4. --summary '' and a killed worker --------------------------------------------------

@pytest.mark.parametrize("option", ["--output", "--summary"])
def test_an_empty_file_name_exits_2_for_output_and_summary(source: Path, option: str) -> None:
    result = run("batch", source, option, "")
    plain(result)
    assert result.stderr == (f'pyqualify: error: {option}: expected a file that can be '
                             f'written (No such file or directory), got ""\n')


def workers_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = handle.read()
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid and b"spawn_main" in command:
            found.append(int(entry))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
@pytest.mark.parametrize("output", [True, False])
def test_a_worker_killed_says_to_resume(tmp_path: Path, output: bool) -> None:
    source = people(tmp_path / "many.jsonl", 8000)
    out = tmp_path / "out.jsonl"
    args = [*CLI, "batch", str(source), "--jobs", "1", "--quiet"]
    if output:
        args += ["--output", str(out)]
    process = subprocess.Popen(args, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:
        workers = workers_of(process.pid)
        time.sleep(0.05)
    time.sleep(0.5)
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    assert process.wait(timeout=60) == 1
    error = process.stderr.read().decode()  # type: ignore[union-attr]
    assert "Traceback" not in error and "internal error" not in error
    assert error.startswith("pyqualify: error: a worker process ended without its answer")
    assert ("run the same command with --resume" if output else "--output FILE") in error
    if output:
        done = cli("batch", source, "--output", out, "--resume", "--quiet")
        assert done.returncode == 0, done.stderr
        lines = out.read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["line"] for line in lines] == list(range(1, 8001))


# --- 5. Dask addresses that lead nowhere ---------------------------------------------------

BAD_ADDRESSES = ["garbage", "tcp://", "inproc://x", "tls://127.0.0.1:8786", "/tmp/x.sock",
                 "tcp://" + "a" * 300 + ":8786", "file:///etc/passwd", "tcp://127.0.0.1:0",
                 "tcp://127.0.0.1:99999", "tcp://[::1:8786", "tcp://host:port",
                 "ws://127.0.0.1:8786", "tcp://a..b:8786", "tcp://127.0.0.1:8786/x"]


@pytest.mark.parametrize("address", BAD_ADDRESSES)
def test_a_malformed_scheduler_address_exits_2_at_once(address: str, source: Path,
                                                       tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "kept.jsonl"
    out.write_bytes(b"an earlier answer\n")
    started = time.monotonic()
    result = run("batch", source, "--engine", "dask", "--scheduler", address,
                 "--output", out)
    plain(result)
    assert result.stderr.startswith("pyqualify: error: --scheduler: expected ")
    assert time.monotonic() - started < 10
    assert out.read_bytes() == b"an earlier answer\n", "nothing written"


@contextlib.contextmanager
def listener(behaviour: str) -> Iterator[int]:
    """A real TCP listener on a free loopback port: ``silent`` accepts and never speaks,
    ``http`` answers HTTP, ``huge`` sends a length prefix of exabytes, ``close`` hangs up."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            if behaviour == "http":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
            elif behaviour == "huge":
                conn.sendall(b"\xff" * 8 + b"x" * 100)
            elif behaviour == "close":
                conn.close()
                continue
            held.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        server.close()


@pytest.mark.parametrize(("behaviour", "words", "within"), [
    ("silent", "said nothing within 10 s", 25), ("http", "does not speak Dask", 10),
    ("huge", "does not speak Dask", 10), ("close", "does not speak Dask", 10)])
def test_a_port_that_is_no_scheduler_exits_2_in_bounded_time(
        behaviour: str, words: str, within: float, source: Path) -> None:
    pytest.importorskip("distributed")
    with listener(behaviour) as port:
        started = time.monotonic()
        result = run("batch", source, "--engine", "dask", "--scheduler",
                     f"tcp://127.0.0.1:{port}")
        elapsed = time.monotonic() - started
    plain(result)
    assert words in result.stderr
    assert elapsed < within


def test_variant_a_closed_port_exits_2_at_once(source: Path) -> None:
    pytest.importorskip("distributed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run("batch", source, "--engine", "dask", "--scheduler", f"127.0.0.1:{port}")
    plain(result)
    assert "Connection refused" in result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_a_scheduler_without_workers_exits_2_and_with_one_answers(
        source: Path, whole: Path, tmp_path: Path) -> None:
    """A real Dask scheduler: with no worker the batch gives up after 10 s (exit 2); once a
    worker joins, the same command answers as the local engine does."""
    pytest.importorskip("distributed")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    bin_dir = Path(sys.executable).parent
    scheduler = subprocess.Popen([str(bin_dir / "dask"), "scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = None
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        started = time.monotonic()
        result = run("batch", source, "--engine", "dask", "--scheduler", address)
        plain(result)
        assert "a Dask scheduler with workers, but none is there after 10 s" in result.stderr
        assert time.monotonic() - started < 25
        worker = subprocess.Popen([str(bin_dir / "dask"), "worker", address, "--nthreads",
                                   "1", "--nworkers", "1", "--no-dashboard"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = tmp_path / "dask.jsonl"
        done = cli("batch", source, "--engine", "dask", "--scheduler", address, "--output",
                   out, "--quiet", timeout=120)
        assert done.returncode == 0, done.stderr
        assert out.read_bytes() == whole.read_bytes()
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


# --- 8. a default batch past the size of the old cache fault ---------------------------------

@pytest.mark.slow
def test_a_default_batch_of_30000_lines_answers_every_line(tmp_path: Path) -> None:
    """Explanations on, one worker: the cache of shown atoms (cleared at 100,000 entries)
    made a worker stop with KeyError after about 13,000 applicants (issue 17)."""
    source = tmp_path / "people.jsonl"
    assert cli("synth", "30000", "--seed", "11", "--output", source).returncode == 0
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    started = time.monotonic()
    done = cli("batch", source, "--output", out, "--summary", summary, "--jobs", "1",
               "--quiet", timeout=900)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    doc = json.loads(summary.read_text(encoding="utf-8"))
    assert (doc["lines"], doc["answered"], doc["bad"]) == (30000, 30000, 0)
    seen = 0
    with out.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = json.loads(line)
            assert record["line"] == number and record["ok"], record
            assert "unmet" in record["check"]["levels"][0]   # the explanations are there
            seen = number
    assert seen == 30000
    # the last lines are the answers the same applicants get alone
    tail = tmp_path / "tail.jsonl"
    tail.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)
                            [-20:]), encoding="utf-8")
    alone = [json.loads(line)["check"] for line in run("batch", tail, "--quiet")
             .stdout.splitlines()]
    kept = [json.loads(line)["check"] for line in
            out.read_text(encoding="utf-8").splitlines()[-20:]]
    assert alone == kept
    print(f"30,000 lines with explanations, one worker: {elapsed:.1f} s")
