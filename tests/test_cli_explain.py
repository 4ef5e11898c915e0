"""``check`` with explanations on the command line: the keys, the options, the report."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from pyqualify.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "applicant.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


APPLICANT = {"id": "demo", "as_of": "2026-11", "education": "high_school",
             "diplomas": [{"kind": "junior_college", "major": "related",
                           "graduation": "2022-06"}],
             "work": [{"start": "2022-07", "end": "2026-12", "occupation": "related"}],
             "certificates": [{"level": 4, "occupation": "same", "obtained": "2026-01"}]}


def test_check_json_has_the_explain_keys(tmp_path: Path) -> None:
    result = run("check", write(tmp_path, APPLICANT), "--format", "json")
    assert result.exit_code == 0, result.output
    level3 = json.loads(result.stdout)["levels"][1]
    assert (level3["opens"], level3["opens_by"]) == ("2028-01", ["L3-2"])
    assert level3["shortfall"]["L3-2"] == [
        {"condition": "work_since_level4", "have": 10, "need": 24}]
    assert level3["materials"] == {}
    assert json.loads(result.stdout)["forecast"] == {"assume_work": True, "horizon": 240}


def test_no_assume_work_counts_only_the_records(tmp_path: Path) -> None:
    result = run("check", write(tmp_path, APPLICANT), "--format", "json", "--no-assume-work")
    doc = json.loads(result.stdout)
    assert doc["levels"][1]["opens"] is None          # the record ends in 2026-12
    assert doc["forecast"]["assume_work"] is False
    ongoing = {**APPLICANT, "work": [{"start": "2022-07", "occupation": "related"}]}
    doc = json.loads(run("check", write(tmp_path, ongoing), "--format", "json",
                         "--no-assume-work").stdout)
    assert doc["levels"][1]["opens"] == "2028-01"


def test_horizon_and_no_explain(tmp_path: Path) -> None:
    path = write(tmp_path, APPLICANT)
    doc = json.loads(run("check", path, "--format", "json", "--horizon", "13").stdout)
    assert doc["levels"][1]["opens"] is None
    doc = json.loads(run("check", path, "--format", "json", "--horizon", "14").stdout)
    assert doc["levels"][1]["opens"] == "2028-01"
    doc = json.loads(run("check", path, "--format", "json", "--no-explain").stdout)
    assert "opens" not in doc["levels"][1] and "forecast" not in doc
    assert run("check", path, "--horizon", "0").exit_code == 2


def test_report_in_chinese_and_english(tmp_path: Path) -> None:
    path = write(tmp_path, APPLICANT)
    zh = run("check", path, "--lang", "zh").stdout
    assert "三级/高级工: 2028-01 起可报考 (L3-2), 如继续从事相关工作" in zh
    assert "还差 14 个月" in zh
    assert "四级/中级工" in zh
    en = run("check", path, "--lang", "en").stdout
    assert "Level 3 opens in 2028-01 (L3-2) if you keep working" in en
    assert "14 more months of relevant work since the level-4 certificate (10/24)" in en
    assert "Level 2 does not open with time and work alone within 240 months" in en


def test_report_lists_materials_and_nearest_route_first() -> None:
    en = run("check", str(EXAMPLES / "graduating-student.yaml"), "--lang", "en").stdout
    assert "What to bring to apply today" in en
    assert "proof of enrolment (graduating student)" in en
    zh = run("check", str(EXAMPLES / "graduating-student.yaml"), "--lang", "zh").stdout
    assert "在校证明（应届毕业生）" in zh and "身份证" in zh
    newcomer = run("check", str(EXAMPLES / "newcomer-three-years.yaml"), "--lang", "en",
                   "--as-of", "2025-12").stdout
    missing = newcomer[newcomer.index("What is missing"):]
    lines = [line.strip() for line in missing.splitlines()[2:7]]
    assert lines[0].startswith("L4-1") and "9 more months of relevant work (27/36)" in lines[0]
    assert lines[1].startswith("L4-2")


def test_batch_lines_carry_the_same_keys(tmp_path: Path) -> None:
    lines = tmp_path / "people.jsonl"
    lines.write_text(json.dumps(APPLICANT) + "\n" + json.dumps({"education": "none"}) + "\n",
                     encoding="utf-8")
    result = run("batch", str(lines))
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    single = json.loads(run("check", write(tmp_path, APPLICANT), "--format", "json").stdout)
    assert first["check"]["levels"] == single["levels"]
    assert second["ok"] and "opens" in second["check"]["levels"][0]
    plain = run("batch", str(lines), "--no-explain")
    assert all("opens" not in json.loads(line)["check"]["levels"][0]
               for line in plain.stdout.splitlines())
