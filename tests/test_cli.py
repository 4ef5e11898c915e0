"""The command line: JSON contract, human text, options, and refusals of bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pyqualify.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_json_matches_the_spec_examples(name: str) -> None:
    result = run("check", str(EXAMPLES / name), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    expected = EXPECTED[name]["check"]
    assert doc["id"] == name.removesuffix(".yaml")
    assert doc["as_of"] == "2026-11"
    assert doc["education_ok"] == expected["education_ok"]
    assert [{k: level[k] for k in ("level", "held", "eligible", "routes")}
            for level in doc["levels"]] == expected["levels"]


@pytest.mark.parametrize(("lang", "words"), [("zh", ["三级/高级工", "可报考", "✔ 是", "L3-2"]),
                                             ("en", ["Level 3, senior worker", "May apply",
                                                     "✔ yes", "closest L2-1"])])
def test_check_text_in_both_languages(lang: str, words: list[str]) -> None:
    result = run("check", str(EXAMPLES / "college-graduate.yaml"), "--lang", lang)
    assert result.exit_code == 0
    for word in words:
        assert word in result.stdout


def test_as_of_option_overrides_the_file() -> None:
    result = run("check", str(EXAMPLES / "newcomer-three-years.yaml"), "--format", "json",
                 "--as-of", "2026-08")
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2026-08"
    assert doc["levels"][0]["eligible"] is False  # 35 months of work by then
    assert doc["work_months"] == 35
    text = run("check", str(EXAMPLES / "newcomer-three-years.yaml"), "--as-of", "2026-08",
               "--lang", "en").stdout
    assert "enough months of relevant work (35/36 months)" in text


def test_set_threshold_and_switch_are_reported() -> None:
    result = run("check", str(EXAMPLES / "level2-holder.yaml"), "--format", "json",
                 "--set", "l1_1_work_months=60", "--set", "I1=false")
    doc = json.loads(result.stdout)
    assert doc["parameters"]["l1_1_work_months"] == 60
    assert doc["parameters"]["l3_1b_requires_l4"] is False
    assert doc["levels"][3]["eligible"] is False  # 50 months since level 2 < 60


def write(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BAD: list[tuple[str, str, str]] = [
    ("not YAML", "education: [high_school\n", "YAML or JSON"),
    ("not JSON", '{"education": "high_school",}', "a JSON document"),
    ("not a mapping", "- education: high_school\n", "an applicant"),
    ("unknown top-level key", "education: high_school\nname: x\n", "name:"),
    ("missing education", "as_of: 2026-11\n", "education:"),
    ("month 13", "education: high_school\nas_of: 2019-13\n", "as_of:"),
    ("month before year", "education: high_school\nas_of: 07/2019\n", "as_of:"),
    ("words month", "education: high_school\nas_of: July 2019\n", "as_of:"),
    ("year 1949", "education: high_school\nas_of: 1949-12\n", "as_of:"),
    ("year 2101", "education: high_school\nas_of: 2101-01\n", "as_of:"),
    ("number month", "education: high_school\nwork:\n  - start: 2019\n    occupation: same\n",
     "work[0].start:"),
    ("full date", "education: high_school\nas_of: 2019-07-01\n", "as_of:"),
    ("bad enum", "education: college\n", "education:"),
    ("level 5", "education: none\ncertificates:\n  - {level: 5, occupation: same, "
     "obtained: 2020-01}\n", "certificates[0].level:"),
    ("end before start", "education: none\nwork:\n  - {start: 2020-01, occupation: same}\n"
     "  - {start: 2020-05, end: 2020-04, occupation: same}\n", "work[1].end:"),
    ("negative hours", "education: none\ntrainings:\n  - {hours: -1, occupation: same, "
     "certificate: true, completed: 2020-01}\n", "trainings[0].hours:"),
    ("fractional hours", "education: none\ntrainings:\n  - {hours: 40.5, occupation: same, "
     "certificate: true, completed: 2020-01}\n", "trainings[0].hours:"),
    ("certificate not boolean", "education: none\ntrainings:\n  - {hours: 40, occupation: "
     "same, certificate: 'yes', completed: 2020-01}\n", "trainings[0].certificate:"),
    ("list for a mapping", "education: none\ndiplomas:\n  - [junior_college]\n",
     "diplomas[0]:"),
    ("mapping for a list", "education: none\nwork: {start: 2020-01}\n", "work:"),
    ("unknown nested key", "education: none\ndiplomas:\n  - {kind: bachelor, major: same, "
     "graduation: 2020-06, school: x}\n", "diplomas[0].school:"),
    ("id not text", "education: none\nid: [1]\n", "id:"),
    ("level 4.0", "education: none\ncertificates:\n  - {level: 4.0, occupation: same, "
     "obtained: 2020-01}\n", "certificates[0].level:"),
    ("lone surrogate in id", '{"id": "\\ud800", "education": "none"}', "id:"),
    ("month with a newline", '{"education": "none", "as_of": "2026-01\\n"}', "as_of:"),
    ("month in other digits", "education: none\nas_of: \"\u0662\u0660\u0662\u0666-\u0660\u0661\"\n",
     "as_of:"),
    ("key given twice", "education: none\neducation: high_school\n", "education:"),
    ("key given twice in JSON", '{"education": "none", "education": "high_school"}',
     "education:"),
    ("integer of 5000 digits", '{"education": "none", "trainings": [{"hours": '
     + "9" * 5000 + ', "occupation": "same", "certificate": true, "completed": "2020-01"}]}',
     "trainings[0].hours:"),
]


@pytest.mark.parametrize(("text", "field"), [case[1:] for case in BAD],
                         ids=[case[0] for case in BAD])
def test_bad_input_names_the_field_and_exits_2(tmp_path: Path, text: str, field: str) -> None:
    name = "a.json" if text.startswith("{") else "a.yaml"
    result = run("check", str(write(tmp_path, text, name)))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("pyqualify: error: ")
    assert field in result.stderr
    assert "expected" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_and_large_file_exit_2(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope.yaml")).exit_code == 2
    assert run("check", str(tmp_path)).exit_code == 2
    endless = run("check", "/dev/zero")  # a device is not read at all (issue 10, row 4)
    assert endless.exit_code == 2 and "a character device" in endless.stderr
    piped = CliRunner().invoke(main, ["check", "-"], input="#" * (2 * 1024 * 1024))
    assert piped.exit_code == 2 and "1 MiB" in piped.stderr
    big = write(tmp_path, "education: none\n" + "#" * (1024 * 1024) + "\n")
    result = run("check", str(big))
    assert result.exit_code == 2 and "1 MiB" in result.stderr


@pytest.mark.parametrize("option", [["--as-of", "2026-13"], ["--set", "l1_1_work_months=x"],
                                    ["--set", "nope=1"], ["--set", "I1=maybe"],
                                    ["--lang", "fr"], ["--format", "xml"]])
def test_bad_options_exit_2(option: list[str]) -> None:
    result = run("check", str(EXAMPLES / "college-graduate.yaml"), *option)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"education": "high_school", "as_of": "2026-11"}')
    assert run("check", str(path), "--format", "json").exit_code == 0


def test_program_text_in_the_id_is_only_data(tmp_path: Path) -> None:
    nasty = 'x). #false. a("'
    path = write(tmp_path, json.dumps({"id": nasty, "as_of": "2026-11",
                                       "education": "high_school",
                                       "work": [{"start": "2020-01", "occupation": "same"}]}),
                 "a.json")
    doc = json.loads(run("check", str(path), "--format", "json").stdout)
    assert doc["id"] == nasty
    assert doc["levels"][0]["routes"] == ["L4-1"]


def test_legal_oddities_are_answered(tmp_path: Path) -> None:
    data: dict[str, Any] = {
        "as_of": "2026-11", "education": "high_school",
        "work": [{"start": "2020-01", "end": "2023-12", "occupation": "same"},
                 {"start": "2022-01", "occupation": "related"}],
        "certificates": [{"level": 4, "occupation": "same", "obtained": "2024-01"},
                         {"level": 4, "occupation": "same", "obtained": "2022-01"},
                         {"level": 3, "occupation": "same", "obtained": "2027-01"}],
        "trainings": [{"hours": 40, "occupation": "same", "certificate": True,
                       "completed": "2027-03"}],
    }
    result = run("check", str(write(tmp_path, json.dumps(data), "a.json")), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert {w["code"] for w in doc["warnings"]} == {"certificate_awaited",
                                                    "training_not_completed"}
    assert doc["levels"][1]["routes"] == []  # no diploma: L3-2 needs one
    text = run("check", str(tmp_path / "a.json"), "--lang", "zh").stdout
    assert "尚不计入" in text


def test_batch_answers_every_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "as_of": "2026-11", "education": "high_school",
                         "work": [{"start": "2020-01", "occupation": "same"}]}),
             "{not json",
             json.dumps({"id": "c", "education": "college"}),
             json.dumps({"as_of": "2026-11", "education": "none"}),
             "",
             json.dumps({"education": "none", "certificates": [
                 {"level": 4.0, "occupation": "same", "obtained": "2020-01"}]})]
    path = write(tmp_path, "\n".join(lines) + "\n", "batch.jsonl")
    result = run("batch", str(path))
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5, 6]
    assert [o["ok"] for o in out] == [True, False, False, True, False, False]
    assert out[0]["check"]["levels"][0]["routes"] == ["L4-1"]
    assert out[2]["id"] == "c" and out[2]["error"].startswith("education:")


def test_batch_with_path(tmp_path: Path) -> None:
    line = json.dumps({"id": "l2", "as_of": "2026-11", "education": "high_school",
                       "work": [{"start": "2020-01", "occupation": "same"}],
                       "certificates": [{"level": 2, "occupation": "same",
                                         "obtained": "2022-09"}]})
    path = write(tmp_path, line + "\n", "batch.jsonl")
    out = json.loads(run("batch", str(path), "--path").stdout)
    assert out["ok"] and out["path"]["reachable"] and out["path"]["certified"] == "2027-02"


def test_the_chinese_table_lines_up_by_display_width() -> None:
    from pyqualify.render import display_width

    out = run("check", str(EXAMPLES / "technician-college.yaml"), "--lang", "zh").stdout
    rows = [line for line in out.splitlines() if line.startswith(("等级", "四级", "三级", "二级",
                                                                   "一级"))]
    assert len(rows) == 5
    starts = {display_width(row[:row.index(marker)]) for row in rows
              for marker in ("可报考", "✔", "✘") if marker in row[:row.find("L")]}
    assert len(starts) == 1, starts
    assert display_width("四级/中级工") == 11


def test_batch_lines_are_held_to_the_rules_of_a_single_file(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"id": "d", "education": "high_school", "education": "none"}\n'
                     + '{"id": "g", "education": "none", "x": "\u9ad8"}'.encode("gbk") + b"\n"
                     + b'{"id": "ok", "education": "none"}\n')
    out = [json.loads(line) for line in run("batch", str(path)).stdout.splitlines()]
    assert [o["ok"] for o in out] == [False, False, True]
    assert out[0]["error"].startswith("education: expected each key once")
    assert "not UTF-8" in out[1]["error"]


def test_batch_output_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path, '{"education": "none"}\n', "batch.jsonl")
    result = run("batch", str(path), "--output", str(tmp_path / "no" / "such" / "out.jsonl"))
    assert result.exit_code == 2 and "--output" in result.stderr


def test_chinese_aliases_give_the_same_answer(tmp_path: Path) -> None:
    zh = write(tmp_path, "id: college-graduate\nas_of: 2026-11\neducation: 高中\ndiplomas:\n"
                         "  - {kind: 大专, major: 相关, graduation: 2022-06}\nwork:\n"
                         "  - {start: 2022-07, occupation: 相关}\ncertificates:\n"
                         "  - {level: 4, occupation: 本职业, obtained: 2024-05}\n")
    ours = json.loads(run("check", str(zh), "--format", "json").stdout)
    english = json.loads(run("check", str(EXAMPLES / "college-graduate.yaml"),
                             "--format", "json").stdout)
    assert ours["levels"] == english["levels"]


def test_a_misspelt_value_gets_a_suggestion(tmp_path: Path) -> None:
    result = run("check", str(write(tmp_path, "education: high_scool\n")))
    assert result.exit_code == 2 and "did you mean high_school?" in result.stderr
