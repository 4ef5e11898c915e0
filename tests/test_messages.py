"""The message catalogue (English and Chinese) and the loader's functions for other inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import pyqualify
from pyqualify.applicant import Applicant, applicant_from_line, applicant_from_mapping
from pyqualify.cli import main
from pyqualify.loader import MAX_DEPTH, inspect, parse_json_line, parse_text
from pyqualify.messages import EXPECTED, SENTENCES, TERMS, InputError, printable, quote

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "college-graduate.yaml")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("code", sorted(EXPECTED) + sorted(SENTENCES))
def test_every_message_has_both_languages_with_the_same_parameters(code: str) -> None:
    english, chinese = EXPECTED.get(code) or SENTENCES[code]
    fields = re.compile(r"\{(\w+)\}")
    assert set(fields.findall(english)) == set(fields.findall(chinese))
    assert HAN.search(chinese) or code in ("json_syntax", "yaml_syntax"), chinese
    assert not HAN.search(english)


def test_terms_are_translated() -> None:
    assert all(HAN.search(zh) and not HAN.search(en) for en, zh in TERMS.values())


def bad_file(tmp_path: Path) -> str:
    path = tmp_path / "a.yaml"
    path.write_text("education: none\nwork:\n  - {start: 2020-05, end: 2020-04, "
                    "occupation: same}\n", encoding="utf-8")
    return str(path)


def test_the_field_path_is_never_translated(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        pyqualify.load_applicant(bad_file(tmp_path))
    error = caught.value
    assert error.path == "work[0].end"
    assert error.text("en") == str(error) == (
        'work[0].end: expected a month not before start (2020-05), got "2020-04"')
    assert error.text("zh") == 'work[0].end：应为不早于开始月份（2020-05）的月份，实际为"2020-04"'


@pytest.mark.parametrize(("env", "args", "chinese"), [
    ({"PYQUALIFY_LANG": "zh"}, [], True),
    ({"PYQUALIFY_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}, [], True),
    ({"PYQUALIFY_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"}, [], False),
    ({"PYQUALIFY_LANG": "zh"}, ["--lang", "en"], False),
    ({"PYQUALIFY_LANG": "en"}, ["--lang", "zh"], True),
])
def test_cli_errors_follow_lang_and_the_locale(tmp_path: Path, env: dict[str, str],
                                               args: list[str], chinese: bool) -> None:
    result = CliRunner().invoke(main, ["check", bad_file(tmp_path), *args], env=env)
    assert result.exit_code == 2
    if chinese:
        assert result.stderr.startswith("pyqualify：错误：work[0].end：应为不早于开始月份")
    else:
        assert result.stderr.startswith("pyqualify: error: work[0].end: expected a month")


@pytest.mark.parametrize("args", [
    ["check", EXAMPLE, "--set", "l1_1_work_months=x"], ["check", EXAMPLE, "--as-of", "2026-13"],
    ["path", EXAMPLE, "--exam-months", "5=1"], ["path", EXAMPLE, "--horizon", "0"],
    ["path", EXAMPLE, "--exclude", "nope"], ["check", "/nonexistent/a.yaml"],
    ["check", "/dev/null"],
])
def test_option_and_file_errors_are_in_chinese_too(args: list[str]) -> None:
    result = CliRunner().invoke(main, [*args, "--lang", "zh"])
    assert result.exit_code == 2
    assert result.stderr.startswith("pyqualify：错误：")
    message = result.stderr.removeprefix("pyqualify：错误：")
    assert HAN.search(message), message
    assert not re.search(r"\b(expected|got)\b", message), message


def test_option_errors_name_the_option() -> None:
    result = CliRunner().invoke(main, ["path", EXAMPLE, "--horizon", "0", "--lang", "en"])
    assert result.stderr == ("pyqualify: error: --horizon: expected a whole number from 1 to "
                             "1200, got the number 0\n")


def test_quote_elides_and_escapes() -> None:
    assert quote("x" * 100) == '"' + "x" * 24 + '...(76 more)"'
    assert printable("a\nb\u202ec\x1b\ud800 中文\u3000") == "a\\nb\\u202ec\\u001b\\ud800 中文\u3000"
    assert InputError("id", "a text", "\x1b[2J" * 50).text().count("\x1b") == 0


def test_a_mapping_is_validated_under_a_path_prefix() -> None:
    good = applicant_from_mapping({"education": "none", "as_of": "2026-11"}, "rows[3]")
    assert good == Applicant(education="none", as_of=2026 * 12 + 10)
    with pytest.raises(InputError) as caught:
        applicant_from_mapping({"education": "none", "work": [{"start": "2020-01"}]}, "rows[3]")
    assert caught.value.path == "rows[3].work[0].occupation"
    with pytest.raises(InputError) as caught:
        applicant_from_mapping({"education": "none", "id": 10**5000}, "rows[3]")
    assert caught.value.path == "rows[3].id" and "of about 5001 digits" in str(caught.value)
    with pytest.raises(InputError) as caught:
        applicant_from_mapping({"education": "none", "\ud800": 1}, "rows[3]")
    assert caught.value.path == 'rows[3]."\\ud800"'


def test_a_json_lines_line_gives_an_applicant_or_an_error() -> None:
    assert isinstance(applicant_from_line(b'{"education": "none"}\n'), Applicant)
    assert isinstance(applicant_from_line(b'\xef\xbb\xbf{"education": "none"}', first=True),
                      Applicant)
    bom = applicant_from_line(b'\xef\xbb\xbf{"education": "none"}')
    assert isinstance(bom, InputError)
    bad = applicant_from_line(b'{"id": "x", "education": "college"}', path="line 7")
    assert isinstance(bad, InputError) and bad.path == "line 7.education"
    assert bad.applicant_id == "x"
    assert bad.text("zh").startswith("line 7.education：应为以下之一：")
    for raw in (b"", b"  ", b"\xff", b"[1", b'{"a": 1, "a": 2}', b'{"education": 1e999}',
                b"[" * 10000, b'"\\udc80"', b'{"education": "none", "x": NaN}'):
        assert isinstance(applicant_from_line(raw), InputError), raw


def test_the_loader_bounds() -> None:
    deep: object = "x"
    for _ in range(MAX_DEPTH + 1):
        deep = [deep]
    with pytest.raises(InputError, match="nested at most"):
        inspect({"a": deep})
    assert parse_text("a: [1, 2]\nb: {c: 0x10}") == {"a": [1, 2], "b": {"c": 16}}
    assert parse_json_line(b'{"a": -12}') == {"a": -12}
    with pytest.raises(InputError, match="digits"):
        parse_text("a: 1" + "0" * 60)
    with pytest.raises(InputError, match=r"^a\[1\]: expected a number of at most"):
        parse_text("a: [1, 0b" + "1" * 200 + "]")


def test_an_input_error_survives_pickling() -> None:
    import pickle

    error = applicant_from_line(b'{"id": "x", "education": "college"}', path="line 2")
    assert isinstance(error, InputError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.code, copy.applicant_id, str(copy), copy.text("zh")) == (
        error.path, error.code, "x", str(error), error.text("zh"))


def test_a_long_path_is_elided_in_the_middle() -> None:
    error = InputError("a." * 200 + "end", "something", has_got=False)
    assert len(error.text()) < 200 and error.text().startswith("a.a.")
    assert "...a." in str(error) and str(error).endswith("a.end: expected something")


def test_a_free_english_text_of_the_catalogue_is_translated() -> None:
    with pytest.raises(InputError) as caught:
        pyqualify.fastest_path(Applicant(education="none"), 7)
    assert caught.value.text("zh") == "target：应为等级 1、2、3 或 4，实际为数字 7"


def test_unknown_and_missing_keys_read_as_sentences_in_chinese() -> None:
    with pytest.raises(InputError) as caught:
        applicant_from_mapping({"education": "none", "name": "x"})
    assert caught.value.text("zh") == (
        "name：没有这个键；申请人的键有 id, as_of, education, diplomas, work, trainings, "
        "certificates")
    with pytest.raises(InputError) as caught:
        applicant_from_mapping({"work": []}, "rows[0]")
    assert caught.value.text("zh") == "rows[0].education：缺少这个键，申请人必须有它"
    assert str(caught.value) == (
        "rows[0].education: expected this key, which an applicant must have")


def test_open_input_streams_a_regular_file_and_refuses_a_fifo(tmp_path: Path) -> None:
    import os

    from pyqualify.loader import open_input

    lines = tmp_path / "a.jsonl"
    lines.write_bytes(b'{"education": "none"}\n' * 3)
    with open_input(lines) as stream:
        assert [isinstance(applicant_from_line(line), Applicant) for line in stream] == [
            True] * 3
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(InputError, match="is a named pipe"):
        open_input(tmp_path / "pipe")
    with pytest.raises(InputError, match="no such file"):
        open_input(tmp_path / "nope")


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["check", "--flag"], "错误：没有选项 --flag。", "No such option '--flag'"),
    (["chek"], "错误：没有命令 chek。是否想写 check？", "No such command 'chek'"),
    (["check"], "错误：缺少参数 FILE。", "Missing argument 'FILE'."),
    (["check", EXAMPLE, "--format", "xml"], "错误：--format：应为以下之一：text, json",
     "Invalid value for '--format'"),
    (["path", EXAMPLE, "--target", "9"], "错误：--target：应为1 到 4 的整数",
     "Invalid value for '--target'"),
    (["check", EXAMPLE, "--horizon", "x"], "错误：--horizon：应为1 到 1200 的整数",
     "Invalid value for '--horizon'"),
    (["check", EXAMPLE, "extra"], "错误：多余的参数（extra）", "unexpected extra argument"),
    (["check", EXAMPLE, "--explain=1"], "错误：选项 --explain 不接受值。",
     "does not take a value"),
    (["check", "/"], '错误：FILE：应为普通文件（或用 - 表示标准输入），但 "/" 是目录',
     "is a directory"),
])
def test_click_usage_errors_follow_lang_and_the_locale(args: list[str], zh: str,
                                                       en: str) -> None:
    for extra, env in (([], {"PYQUALIFY_LANG": "zh"}), (["--lang", "zh"], {"PYQUALIFY_LANG": "en"}),
                       (["--lang=zh"], {"PYQUALIFY_LANG": "en"})):
        said = CliRunner().invoke(main, [*args, *extra], env=env)
        assert said.exit_code == 2 and zh in said.stderr, said.stderr
        assert "Error" not in said.stderr and "Usage" not in said.stderr
    english = CliRunner().invoke(main, [*args, "--lang", "en"], env={"PYQUALIFY_LANG": "zh"})
    assert english.exit_code == 2 and en in english.stderr and not HAN.search(english.stderr)


def test_a_long_unknown_option_is_elided_in_chinese_too() -> None:
    said = CliRunner().invoke(main, ["check", "--" + "\x1b" * 5000, "--lang", "zh"])
    assert said.exit_code == 2 and "\x1b" not in said.stderr and len(said.stderr) < 400
