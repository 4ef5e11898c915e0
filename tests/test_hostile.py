"""Hostile and careless input (issue 10): each row of the issue as a regression case.

The corpus ``tests/corpus/hostile/`` holds one file per case and ``cases.json`` what each
must give; the tests below add what a file cannot hold (a FIFO, a full disk, a closed
pipe, option values).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pyqualify.cli import main

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus" / "hostile"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
EXAMPLE = str(HERE.parent / "examples" / "college-graduate.yaml")
ENV = {"PYQUALIFY_LANG": "en", "PYQUALIFY_DEBUG": ""}


def run(*args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(main, list(args), env={**ENV, "PYQUALIFY_LANG": lang})


def assert_plain(result: Result) -> None:
    """No traceback, no "internal error", and a message that quotes input only briefly."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert len(result.stderr) < 600, result.stderr
    assert all(len(line) < 400 for line in result.stderr.splitlines())


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_corpus_case(case: dict[str, object]) -> None:
    args = [EXAMPLE if arg == "EXAMPLE" else str(arg) for arg in case["args"]]  # type: ignore[attr-defined]
    result = run(*args, str(CORPUS / str(case["file"])))
    assert_plain(result)
    assert result.exit_code == case["exit"], result.output
    for words in case["stderr"]:  # type: ignore[attr-defined]
        assert words in result.stderr
    if case["exit"] == 2:
        assert result.stdout == ""
        assert result.stderr.startswith("pyqualify: error: ")


def test_row3_a_lone_surrogate_key_refuses_only_its_line() -> None:
    result = run("batch", str(CORPUS / "row3-lone-surrogate-key.jsonl"))
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["line"], o.get("id"), o["ok"]) for o in out] == [
        (1, "good", True), (2, None, False), (3, "after", True)]  # refused before its id
    assert out[1]["error"].startswith('"\\ud800": expected text of valid Unicode')
    other = run("batch", str(CORPUS / "row3-lone-surrogate-value.jsonl"))
    records = [json.loads(line) for line in other.stdout.splitlines()]
    assert [r["ok"] for r in records] == [False, True]
    assert records[0]["error"].startswith("work[0].occupation: expected text of valid")


def test_row6_control_characters_are_escaped_in_text_but_kept_in_json() -> None:
    file = str(CORPUS / "row6-forged-id.yaml")
    text = run("check", file, "--lang", "en").stdout
    assert not any(line.startswith("Level 1, senior technician  -") for line in
                   text.splitlines())
    assert text.splitlines()[0].startswith("a\\nLevel 1, senior technician")
    assert "\\u202e" in text and "\u202e" not in text
    doc = json.loads(run("check", file, "--format", "json").stdout)
    assert doc["id"] == "a\nLevel 1, senior technician  -  \u2714 yes  FORGED\u202e"


def test_row6_catalogue_ids_are_escaped_in_the_plan(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps([{"id": "evil\u001b[2J", "kind": "junior_college",
                                    "skill_target": "none", "mode": "full_time",
                                    "months": 36, "entry": "upper_secondary"}]))
    person = tmp_path / "a.yaml"
    person.write_text("education: high_school\nas_of: 2026-11\n")
    result = run("path", str(person), "--catalog", str(catalog), "--target", "4",
                 "--horizon", "60", "--no-training", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "\u001b" not in result.stdout


def test_row7_merge_keys_give_the_same_answer_as_written_out() -> None:
    merged = json.loads(run("check", str(CORPUS / "row7-merge-key.yaml"),
                            "--format", "json").stdout)
    assert merged["work_months"] == 82  # 2020-01..2026-10, the merged record overlaps it
    from pyqualify.loader import load_document

    work = load_document(CORPUS / "row7-merge-key.yaml")["work"]
    assert work[1] == {"start": "2022-01", "end": "2022-06", "occupation": "same"}


def fifo(tmp_path: Path) -> str:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return str(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("args", [["check", "FIFO"], ["path", "FIFO"], ["batch", "FIFO"],
                                  ["path", EXAMPLE, "--catalog", "FIFO"]])
def test_row4_a_fifo_is_refused_at_once(tmp_path: Path, args: list[str]) -> None:
    # a real process with a timeout: a regression must fail the test, not hang the suite
    name = fifo(tmp_path)
    argv = [sys.executable, "-m", "pyqualify", *[name if a == "FIFO" else a for a in args]]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                          env={**os.environ, **ENV})
    assert done.returncode == 2, done.stderr
    assert "is a named pipe (FIFO)" in done.stderr and "Traceback" not in done.stderr


def test_row4_standard_input_is_dash() -> None:
    person = "education: high_school\nas_of: 2026-11\n"
    result = CliRunner().invoke(main, ["check", "-", "--format", "json"], input=person,
                                env=ENV)
    assert result.exit_code == 0 and json.loads(result.stdout)["as_of"] == "2026-11"


@pytest.mark.parametrize("option", [
    ["--set", "l1_1_work_months=" + "9" * 5000], ["--set", "I1=" + "y" * 5000],
    ["--set", "x" * 5000 + "=1"], ["--as-of", "2" * 5000], ["--exam-months", "2=" + "3," * 3000],
    ["--horizon", "9" * 5000], ["--lang", "z" * 5000], ["--exclude", "p" * 5000],
    ["--target", "1" * 5000], ["--certificate-delay", "-" + "1" * 5000],
])
def test_row9_messages_quote_a_short_piece_of_an_option(option: list[str]) -> None:
    result = run("path", EXAMPLE, "--horizon", "12", *option)
    assert result.exit_code == 2
    assert_plain(result)
    assert "more)" in result.stderr


def test_row9_a_long_value_in_a_file_is_elided() -> None:
    result = run("check", str(CORPUS / "row9-long-value.yaml"))
    assert '"' + "x" * 24 + "...(4976 more)" in result.stderr


def python_cli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "pyqualify", *args], capture_output=True,
                          timeout=60, env={**os.environ, **ENV}, **kwargs)  # type: ignore


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_row10_a_full_disk_is_a_plain_message(lang: str) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "pyqualify", "check", EXAMPLE, "--lang",
                               lang], stdout=full, stderr=subprocess.PIPE, timeout=60,
                              env={**os.environ, **ENV})
    assert done.returncode == 2
    expected = ("pyqualify: error: cannot write the output: no space left on device\n"
                if lang == "en" else "pyqualify：错误：无法写出结果：设备上没有空间了\n")
    assert done.stderr.decode() == expected


def test_row10_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    lines = tmp_path / "many.jsonl"
    lines.write_text('{"education": "none"}\n' * 2000)
    process = subprocess.Popen([sys.executable, "-m", "pyqualify", "batch", str(lines)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, **ENV})
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away, like `| head -0`
    error = process.stderr.read()
    assert process.wait(timeout=60) == 2
    assert b"Traceback" not in error and error == b""


def test_an_alias_used_many_times_for_a_long_text_is_checked_once(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text('education: none\nx: &a "' + "中" * 150000 + '"\nwork: ['
                    + ",".join(["*a"] * 40000) + "]\n", encoding="utf-8")
    started = time.monotonic()
    result = run("check", str(path))
    assert result.exit_code == 2 and "x: expected no such key" in result.stderr
    assert time.monotonic() - started < 5


def test_lists_of_an_applicant_and_the_catalogue_are_bounded(tmp_path: Path) -> None:
    person = tmp_path / "many.yaml"
    person.write_text("education: none\nwork:\n  - &w {start: 2020-01, occupation: same}\n"
                      + "  - *w\n" * 100, encoding="utf-8")
    result = run("check", str(person))
    assert result.stderr == ("pyqualify: error: work: expected a list of at most 100 items, "
                             "but it has 101\n")
    programme = {"kind": "bachelor", "skill_target": "none", "mode": "full_time", "months": 48,
                 "entry": "upper_secondary"}
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps([{"id": f"p{i}", **programme} for i in range(101)]))
    result = run("path", EXAMPLE, "--catalog", str(catalog), "--lang", "zh")
    assert result.exit_code == 2
    assert "catalog：应为至多 100 项的列表，但这里有 101 项" in result.stderr


@pytest.mark.parametrize(("key", "path"), [("~", "null"), ("2019-07-01", "2019-07-01"),
                                           ("true", "true"), ("12", "12"), ("'a b'", '"a b"')])
def test_odd_keys_are_named_plainly(tmp_path: Path, key: str, path: str) -> None:
    file = tmp_path / "a.yaml"
    file.write_text(f"education: none\n{key}: 1\n", encoding="utf-8")
    result = run("check", str(file))
    assert result.stderr.startswith(f"pyqualify: error: {path}: expected no such key"), (
        result.stderr)


# --- issue 17: the server, variants of our own beside tests/test_web_hostile.py -------------

SEVEN = ("l4_1_work_months", "l4_2_work_months", "l3_2_work_months", "l2_1_work_months",
         "l2_2a_work_months", "l2_2b_work_months", "l1_1_work_months")
HEAVY = "&".join(f"set={name}=900" for name in SEVEN)
NEWCOMER = HERE.parent / "examples" / "newcomer-three-years.yaml"


def http(base: str, method: str, path: str, body: bytes | None = None,
         timeout: float = 60) -> tuple[int, dict[str, object]]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(base + path, data=body, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


@pytest.mark.slow
def test_issue17_the_heavy_planning_question_is_refused_at_once_or_answered_in_30_s() -> None:
    """All seven thresholds at 900 months, horizon 1,000: a server started with the default
    --max-horizon (480) refuses it at once naming horizon; one started with --max-horizon
    1000 answers it (or says it passed its 10 s time limit) well within 30 s."""
    from tests.web_server import running_server

    body = NEWCOMER.read_bytes()
    with running_server(workers=1) as server:
        started = time.monotonic()
        status, doc = http(server, "POST", f"/api/path?horizon=1000&{HEAVY}", body)
        assert status == 422 and "horizon" in json.dumps(doc)
        assert time.monotonic() - started < 2
    with running_server(workers=1, args=("--max-horizon", "1000")) as server:
        started = time.monotonic()
        status, doc = http(server, "POST", f"/api/path?horizon=1000&{HEAVY}", body)
        elapsed = time.monotonic() - started
        assert elapsed < 30, elapsed
        assert status in (200, 503), doc
        if status == 200:
            assert doc["reachable"] is False and doc["reason"]["highest_reachable"] == 2
        assert http(server, "GET", "/api/health")[0] == 200


def test_issue17_variant_the_heavy_question_on_the_command_line_stops_at_its_time_limit(
        ) -> None:
    settings = [arg for name in SEVEN for arg in ("--set", f"{name}=900")]
    started = time.monotonic()
    result = run("path", str(NEWCOMER), "--horizon", "1000", "--time-limit", "0.5",
                 *settings)
    assert_plain(result)
    assert result.exit_code == 2 and "time limit of 0.5 s" in result.stderr
    assert time.monotonic() - started < 10


@pytest.mark.slow
def test_issue17_variant_static_names_and_methods_never_answer_500() -> None:
    import socket as sockets

    from tests.web_server import running_server

    names = ["é" * 300 + ".js", "a" * 300 + ".js?x=1", "%2e%2e/" * 60 + "app.js",
             "a" * 4000, "%ff%fe.js", "app.js/" + "b" * 300]
    with running_server(workers=1) as server:
        for name in names:
            for method in ("GET", "HEAD"):
                with sockets.create_connection(("127.0.0.1", server.port), timeout=10) as s:
                    s.sendall(f"{method} /static/{name} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              f"Connection: close\r\n\r\n".encode())
                    reply = b""
                    while block := s.recv(65536):
                        reply += block
                assert reply[9:12] in (b"404", b"400", b"405"), (name, reply[:100])
        # a body that stops halfway through chunked transfer, then the client goes away
        for _ in range(3):
            with sockets.create_connection(("127.0.0.1", server.port), timeout=10) as s:
                s.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Transfer-Encoding: chunked\r\n\r\n10\r\n{\"education\": ")
                time.sleep(0.2)
        time.sleep(0.5)
        assert http(server, "GET", "/api/health")[0] == 200
        log = server.log_text()
    assert "Traceback" not in log and " 500 " not in log, log[-2000:]


@pytest.mark.slow
def test_issue17_variant_half_sent_requests_are_let_go_by_the_server() -> None:
    """The 1,100 half-sent requests of the issue held by tests/test_web_hostile.py never
    reach the application; here, a crowd of 300 is also closed by the server once the
    header deadline (1.5 s) has passed, so none of them holds a file descriptor."""
    from tests.web_server import running_server

    with running_server(workers=1, args=("--header-timeout", "1.5")) as server:
        import socket as sockets

        held = [sockets.create_connection(("127.0.0.1", server.port), timeout=10)
                for _ in range(300)]
        try:
            for s in held:
                s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            assert http(server, "GET", "/api/health", timeout=5)[0] == 200
            time.sleep(4)
            closed = 0
            for s in held:
                s.settimeout(2)
                try:
                    closed += s.recv(10) == b""
                except ConnectionResetError:
                    closed += 1
                except TimeoutError:   # still open: counted as not let go
                    pass
            assert closed == 300
            assert http(server, "GET", "/api/health", timeout=5)[0] == 200
        finally:
            for s in held:
                s.close()
