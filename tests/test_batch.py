"""`pyqualify batch` at scale: formats, order whatever --jobs, resume after a kill, summary.

Runs go through the real command (a subprocess where processes or a kill are involved).
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pyqualify.cli import main
from pyqualify.synthetic import synthetic_applicants, synthetic_lines

CLI = [sys.executable, "-m", "pyqualify"]


def run(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=input)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600,
                          check=False)


def lines_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def population(tmp_path: Path, n: int, seed: int = 5, bad: bool = True) -> Path:
    """n synthetic lines, with a few bad ones among them."""
    lines = list(synthetic_lines(n, seed=seed))
    if bad and n >= 14:
        lines[3] = "{not json"
        lines[7] = json.dumps({"id": "x", "education": "college"})
        lines[11] = ""
        lines[13] = '{"id": "s", "education": "none", "\\udc80": 1}'   # a lone surrogate key
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_line_gets_one_record_in_order_and_the_summary_counts_them(tmp_path: Path):
    source = population(tmp_path, 40)
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    result = run("batch", str(source), "--output", str(out), "--summary", str(summary),
                 "--jobs", "1")
    assert result.exit_code == 0, result.output
    records = lines_of(out)
    assert [r["line"] for r in records] == list(range(1, 41))
    bad = [r["line"] for r in records if not r["ok"]]
    assert bad == [4, 8, 12, 14]
    assert records[7]["id"] == "x" and records[7]["error"].startswith("education:")
    assert "\\udc80" in (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    doc = json.loads(summary.read_text(encoding="utf-8"))
    assert (doc["lines"], doc["answered"], doc["bad"]) == (40, 36, 4)
    for level in (4, 3, 2, 1):
        assert doc["may_apply"][str(level)] == sum(
            1 for r in records if r["ok"] and r["check"]["levels"][4 - level]["eligible"])
    assert sum(doc["routes"].values()) == sum(
        len(lv["routes"]) for r in records if r["ok"] for lv in r["check"]["levels"]
        if lv["eligible"])
    assert "40 lines: 36 answered, 4 bad" in result.stderr


def test_the_output_is_the_same_whatever_the_number_of_jobs(tmp_path: Path):
    source = population(tmp_path, 1200)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert cli("batch", str(source), "--output", str(one), "--jobs", "1",
               "--no-explain").returncode == 0
    done = cli("batch", str(source), "--output", str(two), "--jobs", "2", "--no-explain",
               "--quiet")
    assert done.returncode == 0 and done.stderr == ""
    assert one.read_bytes() == two.read_bytes()


def test_stdin_and_the_old_api_give_the_same_records(tmp_path: Path):
    from pyqualify.batch import run_batch

    source = population(tmp_path, 30)
    result = run("batch", "-", "--quiet", input=source.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert [json.loads(line) for line in result.stdout.splitlines()] == run_batch(source)


def test_a_killed_run_resumed_equals_an_uninterrupted_run(tmp_path: Path):
    source = population(tmp_path, 12000, bad=False)
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    assert cli("batch", str(source), "--output", str(whole), "--no-explain", "--jobs", "1",
               "--quiet").returncode == 0
    process = subprocess.Popen([*CLI, "batch", str(source), "--output", str(cut),
                                "--no-explain", "--jobs", "1", "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if cut.exists() and cut.stat().st_size > 0:
                break
            time.sleep(0.02)
        workers = children(process.pid)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert workers, "worker processes answer, even with --jobs 1"
    deadline = time.monotonic() + 10
    while workers and time.monotonic() < deadline:
        workers = [pid for pid in workers if os.path.exists(f"/proc/{pid}")]
        time.sleep(0.1)
    assert not workers, "the workers of a killed run exit too"
    partial = cut.read_bytes()
    assert 0 < partial.count(b"\n") < 12000, "the run was killed midway"
    with cut.open("ab") as handle:   # as if killed in the middle of a line
        handle.write(b'{"line": 999999, "id": "torn')
    resumed = cli("batch", str(source), "--output", str(cut), "--no-explain", "--jobs", "2",
                  "--resume", "--summary", str(tmp_path / "s.json"))
    assert resumed.returncode == 0, resumed.stderr
    assert cut.read_bytes() == whole.read_bytes()
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert summary["lines"] == 12000 and 0 < summary["resumed_after"] < 12000


def children(pid: int) -> list[int]:
    """The child processes of a process (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return found


def test_resume_refuses_an_output_of_another_batch(tmp_path: Path):
    source = population(tmp_path, 10)
    out = tmp_path / "out.jsonl"
    out.write_text('{"line": 2}\n', encoding="utf-8")
    result = run("batch", str(source), "--output", str(out), "--resume")
    assert result.exit_code == 2 and "--resume" in result.stderr


def write_sheet(path: Path, rows: list[list[Any]]) -> None:
    from openpyxl import load_workbook

    assert run("template", str(path)).exit_code == 0
    book = load_workbook(path)
    sheet = book["applicants"]
    header = [cell.value for cell in sheet[1]]
    for row in rows:
        cells = [None] * len(header)
        for name, value in row:
            cells[header.index(name)] = value
        sheet.append(cells)
    book.save(path)


def test_a_spreadsheet_gives_the_answers_of_the_same_applicants_in_json(tmp_path: Path):
    import datetime as dt

    people = synthetic_applicants(25, seed=9)
    rows = []
    for person in people:
        doc = person.to_dict()
        row: list[Any] = [("id", doc["id"]), ("as_of", doc["as_of"]),
                          ("education", doc["education"])]
        for key, prefix in (("diplomas", "diploma"), ("work", "work"),
                            ("trainings", "training"), ("certificates", "certificate")):
            for number, item in enumerate(doc[key], start=1):
                row += [(f"{prefix}{number}_{name}", value) for name, value in item.items()
                        if value is not None]
        rows.append(row)
    rows[0] = [(name, dt.datetime(int(value[:4]), int(value[5:]), 1)
                if name.endswith(("graduation", "start", "obtained")) else value)
               for name, value in rows[0]]        # months typed in as dates
    sheet = tmp_path / "people.xlsx"
    write_sheet(sheet, rows)
    jsonl = tmp_path / "people.jsonl"
    jsonl.write_text("".join(json.dumps(p.to_dict()) + "\n" for p in people), encoding="utf-8")
    from_sheet = json.loads("[" + ",".join(run("batch", str(sheet), "--quiet").stdout
                                           .splitlines()) + "]")
    from_json = json.loads("[" + ",".join(run("batch", str(jsonl), "--quiet").stdout
                                          .splitlines()) + "]")
    assert [r["check"] for r in from_sheet] == [r["check"] for r in from_json]
    assert [r["row"] for r in from_sheet] == list(range(2, 27))
    # and the same through CSV
    path = tmp_path / "people.csv"
    from openpyxl import load_workbook

    book = load_workbook(sheet)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for values in book["applicants"].iter_rows(values_only=True):
            writer.writerow(["" if v is None else v.strftime("%Y-%m") if isinstance(
                v, dt.datetime) else v for v in values])
    from_csv = [json.loads(line) for line in run("batch", str(path), "--quiet")
                .stdout.splitlines()]
    assert [r["check"] for r in from_csv] == [r["check"] for r in from_json]


def test_a_bad_cell_is_named_by_sheet_row_and_column(tmp_path: Path):
    sheet = tmp_path / "bad.xlsx"
    write_sheet(sheet, [
        [("id", "ok"), ("education", "高中")],
        [("id", "late"), ("education", "high_school"), ("work1_start", "2020-05"),
         ("work1_occupation", "same"), ("work2_start", "2021-01"), ("work2_end", "2020-04"),
         ("work2_occupation", "same")],
        [("id", "kind"), ("education", "none"), ("diploma2_kind", "college"),
         ("diploma2_major", "same"), ("diploma2_graduation", "2020-07")],
    ])
    records = [json.loads(line) for line in run("batch", str(sheet), "--quiet")
               .stdout.splitlines()]
    assert [r["ok"] for r in records] == [True, False, False]
    assert records[1]["error"].startswith("sheet applicants, row 3, column ")
    assert "(work2_end): work[1].end: expected a month not before start" in records[1]["error"]
    assert records[2]["column"] == "diploma2_kind" and "row 4" in records[2]["error"]


def test_an_unknown_column_stops_the_batch_naming_it(tmp_path: Path):
    path = tmp_path / "x.csv"
    path.write_text("id,education,colour\na,none,red\n", encoding="utf-8")
    result = run("batch", str(path))
    assert result.exit_code == 2 and "row 1, column C" in result.stderr
    assert "colour" in result.stderr


def test_csv_and_xlsx_outputs_have_one_row_per_applicant(tmp_path: Path):
    from openpyxl import load_workbook

    source = population(tmp_path, 12)
    out_csv, out_xlsx = tmp_path / "out.csv", tmp_path / "out.xlsx"
    assert run("batch", str(source), "--output", str(out_csv), "--quiet").exit_code == 0
    assert run("batch", str(source), "--output", str(out_xlsx), "--quiet").exit_code == 0
    records = run_records(source)
    with out_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sheet = [list(r) for r in load_workbook(out_xlsx)["answers"].iter_rows(values_only=True)]
    assert len(rows) == 12 and len(sheet) == 13
    for row, record in zip(rows, records, strict=True):
        assert row["ok"] == ("true" if record["ok"] else "false")
        if record["ok"]:
            levels = record["check"]["levels"]
            assert row["L4_routes"].split() == levels[0]["routes"]
            assert row["L2_eligible"] == str(levels[2]["eligible"]).lower()
        else:
            assert row["error"] == record["error"].replace("\n", " ")
    assert [str(v) for v in sheet[1][:3]] == [rows[0]["line"], rows[0]["id"], rows[0]["ok"]]


def run_records(source: Path) -> list[dict[str, Any]]:
    from pyqualify.batch import run_batch

    return run_batch(source)


def test_the_template_lists_the_layout_and_a_csv_template_is_a_header(tmp_path: Path):
    from openpyxl import load_workbook

    from pyqualify.batch.table import template_columns

    assert run("template", str(tmp_path / "t.csv")).exit_code == 0
    header = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").strip().split(",")
    assert header == template_columns() and "work5_end" in header
    assert run("template", str(tmp_path / "t.xlsx")).exit_code == 0
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["applicants", "help 说明"]
    assert run("template", str(tmp_path / "t.txt")).exit_code == 2


def test_synth_writes_the_notebooks_population(tmp_path: Path):
    out = tmp_path / "s.jsonl"
    assert run("synth", "7", "--seed", "4", "--output", str(out)).exit_code == 0
    assert lines_of(out) == [p.to_dict() for p in synthetic_applicants(7, seed=4)]
    assert run("synth", "3", "--seed", "4").stdout.splitlines() == \
        out.read_text(encoding="utf-8").splitlines()[:3]


def test_path_records_are_the_same_with_two_jobs_and_report_distinct_questions(
        tmp_path: Path):
    lines = list(synthetic_lines(6, seed=2))
    twin = json.loads(lines[0])   # the same facts a year later: the same question
    shifted = {**twin, "id": "twin", "as_of": "2027-11"}
    for key, fields in (("diplomas", ("graduation",)), ("work", ("start", "end")),
                        ("trainings", ("completed",)), ("certificates", ("obtained",))):
        for item in shifted.get(key, []):
            for name in fields:
                if item.get(name):
                    item[name] = f"{int(item[name][:4]) + 1}{item[name][4:]}"
    source = tmp_path / "p.jsonl"
    source.write_text("\n".join([*lines, json.dumps(shifted)]) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    summary = tmp_path / "s.json"
    assert cli("batch", str(source), "--path", "--output", str(one), "--jobs", "1",
               "--summary", str(summary)).returncode == 0
    assert cli("batch", str(source), "--path", "--output", str(two), "--jobs", "2",
               "--quiet").returncode == 0
    assert one.read_bytes() == two.read_bytes()
    records = lines_of(one)
    first, last = records[0]["path"], records[-1]["path"]
    assert last["id"] == "twin" and last["months"] == first["months"]
    if first["certified"]:
        assert int(last["certified"][:4]) == int(first["certified"][:4]) + 1
    doc = json.loads(summary.read_text(encoding="utf-8"))["path"]
    assert doc["distinct_questions"] == 6 and doc["solved"] == 6
    assert doc["reachable"] + doc["unreachable"] == 7


@pytest.mark.slow
def test_the_dask_engine_gives_the_local_engines_output(tmp_path: Path):
    pytest.importorskip("distributed")
    source = population(tmp_path, 900)
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert cli("batch", str(source), "--output", str(local), "--jobs", "1",
               "--quiet").returncode == 0
    done = cli("batch", str(source), "--output", str(dask), "--engine", "dask", "--jobs",
               "2", "--quiet")
    assert done.returncode == 0, done.stderr
    assert dask.read_bytes() == local.read_bytes()


def test_bad_options_exit_2(tmp_path: Path):
    source = population(tmp_path, 3)
    assert run("batch", str(source), "--scheduler", "tcp://x:1").exit_code == 2
    assert run("batch", str(source), "--resume").exit_code == 2
    assert run("batch", str(tmp_path / "none.jsonl")).exit_code == 2
    assert os.path.exists(source)


def test_a_line_over_1_mib_gets_an_error_and_the_next_line_its_answer(tmp_path: Path):
    source = tmp_path / "long.jsonl"
    source.write_text('{"id": "' + "x" * (1 << 20) + '"}\n{"education": "none"}\n',
                      encoding="utf-8")
    records = [json.loads(line) for line in run("batch", str(source), "--quiet")
               .stdout.splitlines()]
    assert [r["ok"] for r in records] == [False, True]
    assert "at most 1048576 bytes" in records[0]["error"] and records[1]["line"] == 2


def test_a_terminal_gets_a_progress_bar_with_rate_and_time_left(tmp_path: Path):
    import fcntl
    import pty
    import struct
    import termios

    source = population(tmp_path, 2500, bad=False)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 110, 0, 0))
    process = subprocess.Popen([*CLI, "batch", str(source), "--no-explain", "--jobs", "1",
                                "--output", str(tmp_path / "out.jsonl")],
                               stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    try:
        while True:
            try:
                block = os.read(master, 4096)
            except OSError:   # the terminal closed
                break
            if not block:
                break
            seen += block
    finally:
        process.wait(timeout=300)
        os.close(master)
    text = seen.decode("utf-8", "replace")
    assert process.returncode == 0
    assert "100%" in text and "2.50k/2.50k" in text and "applicants/s" in text
    assert "<00:" in text, "time left"
    assert "2500 lines: 2500 answered, 0 bad" in text


def test_a_torn_csv_output_resumed_equals_the_whole_one(tmp_path: Path):
    source = population(tmp_path, 40)
    whole, torn = tmp_path / "whole.csv", tmp_path / "torn.csv"
    assert run("batch", str(source), "--output", str(whole), "--quiet").exit_code == 0
    data = whole.read_bytes()
    torn.write_bytes(data[:len(data) // 2])   # cut in the middle of a row
    summary = tmp_path / "s.json"
    result = run("batch", str(source), "--output", str(torn), "--resume", "--quiet",
                 "--summary", str(summary))
    assert result.exit_code == 0, result.output
    assert torn.read_bytes() == data
    doc = json.loads(summary.read_text(encoding="utf-8"))
    assert (doc["lines"], doc["bad"]) == (40, 4) and 0 < doc["resumed_after"] < 40
    assert run("batch", str(source), "--output", str(tmp_path / "o.xlsx"),
               "--resume").exit_code == 2


def test_control_characters_do_not_break_an_xlsx_output(tmp_path: Path):
    from openpyxl import load_workbook

    source = tmp_path / "c.jsonl"
    source.write_text('{"id": "a\\u0001b", "education": "none"}\n'
                      '{"id": "=1+1", "education": "none"}\n', encoding="utf-8")
    out = tmp_path / "c.xlsx"
    assert run("batch", str(source), "--output", str(out), "--quiet").exit_code == 0
    sheet = load_workbook(out)["answers"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "a\ufffdb" and rows[1][2] == "true"
    assert rows[2][1] == "=1+1" and sheet["B3"].data_type == "s", "text, not a formula"


def test_a_path_past_the_time_limit_is_that_lines_error_and_the_batch_goes_on(tmp_path: Path):
    people = tmp_path / "people.jsonl"
    people.write_text('{"id": "a", "education": "high_school", "as_of": "2026-11"}\n'
                      '{"id": "b", "education": "high_school", "as_of": "2026-11"}\n')
    quick = run("batch", str(people), "--path", "--quiet", "--jobs", "1",
                "--time-limit", "0.001")
    assert quick.exit_code == 0, quick.output
    records = [json.loads(line) for line in quick.output.splitlines()]
    assert [r["line"] for r in records] == [1, 2]
    assert all(not r["ok"] and "time limit of 0.001 s" in r["error"] for r in records)
    patient = run("batch", str(people), "--path", "--quiet", "--jobs", "1",
                  "--time-limit", "60")
    answered = [json.loads(line) for line in patient.output.splitlines()]
    assert [r["ok"] and r["path"]["reachable"] for r in answered] == [True, True]
    assert run("batch", str(people), "--path", "--time-limit", "-1").exit_code == 2


def test_synth_refuses_a_population_past_its_bound_at_once():
    result = run("synth", "100000000000")
    assert result.exit_code == 2
    assert "N: expected a whole number from 0 to 10000000" in result.output
