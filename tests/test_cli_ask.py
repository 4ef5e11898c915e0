"""``pyqualify ask`` (docs/partial.md, "The interview"): answers piped on standard input,
month spellings, numbered and written choices, the state after each answer, the reports and
the file at the end; end of input and Ctrl-C exit 2 without a traceback (real processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml
from click.testing import CliRunner

from pyqualify.cli import main

START = {"as_of": "2026-11"}
# diplomas: 1 record, 大专, 2022-06; work: 1 record from 2022.7, still going on;
# certificates: 1 record, level 4, 2024年5月; then 1 (本专业, 本职业) to each fact asked
ANSWERS = "1\n6\n2022-06\n1\n2022.7\n\n1\n1\n2024年5月\n1\n1\n1\n1\n"


def start_file(tmp_path: Path, document: dict | None = None) -> str:
    path = tmp_path / "start.json"
    path.write_text(json.dumps(document or START), encoding="utf-8")
    return str(path)


def run(args: list[str], answers: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["ask", *args], input=answers)
    return result.exit_code, result.stdout, result.stderr


def test_a_whole_interview_in_chinese_with_a_target(tmp_path: Path) -> None:
    out = tmp_path / "me.yaml"
    code, stdout, stderr = run([start_file(tmp_path), "--target", "3", "--lang", "zh",
                                "--output", str(out)], ANSWERS)
    assert code == 0, stdout + stderr
    assert "你有哪些毕业证书" in stdout and "  6. 大专（专科）" in stdout
    assert "  4. 不确定" in stdout   # the major offers 不确定
    assert "四级/中级工：可以 (L4-3c)" in stdout     # a state line after an answer
    assert "三级/高级工：待定" in stdout or "三级/高级工：可以" in stdout
    assert "学历要求" in stdout                      # the check report
    assert "三级/高级工：" in stdout and "取得证书" in stdout   # the path report
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["diplomas"][0]["kind"] == "junior_college"
    assert written["work"][0] == {"start": "2022-07", "end": None,
                                  "occupation": written["work"][0]["occupation"]}
    assert written["certificates"][0]["obtained"] == "2024-05"
    assert "已写入" in stdout


def test_choices_by_their_values_and_months_in_every_spelling(tmp_path: Path) -> None:
    out = tmp_path / "me.json"
    answers = "1\njunior_college\n2022年6月\n1\n202207\n2023/1\n0\n0\n相关专业\n"
    code, stdout, _ = run([start_file(tmp_path), "--lang", "en", "--output", str(out)],
                          answers)
    assert code == 0, stdout
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["diplomas"][0]["graduation"] == "2022-06"
    assert written["work"][0]["start"] == "2022-07" and written["work"][0]["end"] == "2023-01"
    assert written["diplomas"][0]["major"] == "related"
    assert "Level 4: yes (L4-3c)" in stdout


def test_not_sure_is_an_answer(tmp_path: Path) -> None:
    document = {**START, "education": "high_school", "work": [], "trainings": [],
                "certificates": [], "diplomas": [{"kind": "junior_college",
                                                  "graduation": "2020-06"}]}
    out = tmp_path / "me.json"
    code, stdout, _ = run([start_file(tmp_path, document), "--lang", "zh",
                           "--output", str(out)], "不确定\n")
    assert code == 0, stdout
    assert "四级/中级工：待定" in stdout
    assert json.loads(out.read_text(encoding="utf-8"))["diplomas"][0]["major"] == "unknown"


def test_a_bad_answer_is_asked_again(tmp_path: Path) -> None:
    document = {**START, "education": "high_school", "diplomas": [], "trainings": [],
                "certificates": []}
    # 13 is no month; an end before its start is refused (the section asked again); 7 is no
    # choice of three and 不确定
    answers = "1\n2022-13\n2022-07\n2021-01\n1\n2022-07\n\n7\n1\n"
    code, stdout, _ = run([start_file(tmp_path, document), "--lang", "en"], answers)
    assert code == 0, stdout
    assert stdout.count("is not an answer") == 2
    assert "That answer cannot be taken" in stdout and "work[0].end" in stdout
    assert "Level 4: yes (L4-1)" in stdout


def test_the_end_of_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pyqualify", "ask", start_file(tmp_path),
                           "--lang", "zh"], input="1\n6\n", capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert "输入已结束" in done.stderr and "Traceback" not in done.stderr + done.stdout


def test_empty_input_exits_2_in_english(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pyqualify", "ask", "--lang", "en"],
                          input="", capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "the input ended" in done.stderr and "Traceback" not in done.stderr


def test_ctrl_c_exits_2_without_a_traceback(tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "pyqualify", "ask", "--lang", "en"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    waited = time.monotonic()
    first = process.stdout.readline()   # the first line of the first question
    while "Which diplomas" not in first and time.monotonic() - waited < 60:
        first = process.stdout.readline()
    time.sleep(0.3)   # at the prompt, reading
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "interrupted" in stderr and "Traceback" not in stderr + stdout


def test_a_bad_file_exits_2_naming_the_field(tmp_path: Path) -> None:
    code, _, stderr = run([start_file(tmp_path, {"as_of": "2026-11", "education": "college"}),
                           "--lang", "en"], "")
    assert code == 2 and "applicant.education" in stderr


def test_an_output_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    document = {**START, "education": "high_school", "work": [], "trainings": [],
                "certificates": [], "diplomas": []}
    code, _, stderr = run([start_file(tmp_path, document), "--lang", "en", "--output",
                           os.fspath(tmp_path / "missing" / "me.yaml")], "")
    assert code == 2 and stderr


def test_ask_is_a_command_of_the_group() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "ask" in result.output
    assert "number of records" in CliRunner().invoke(main, ["ask", "--help"]).output
