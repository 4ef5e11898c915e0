"""The one table of messages: every refusal of input, in English and Chinese.

A message is a code with parameters; :class:`InputError` keeps both, so that the
command line (``--lang``), the API and the web page render the same words.  The
field path (``work[1].end``) is never translated, and any piece of the input a
message quotes is short and shows control characters escaped (:func:`quote`).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from typing import Any

# English / Chinese text of every "expected ..." part; ``{name}`` are parameters.
EXPECTED: dict[str, tuple[str, str]] = {
    # files and documents
    "file_unreadable": ("an existing readable file, but {name} cannot be read ({reason})",
                        "一个存在且可读的文件，但无法读取 {name}（{reason}）"),
    "not_regular_file": ("a regular file (or - for standard input), but {name} is {kind}",
                         "普通文件（或用 - 表示标准输入），但 {name} 是{kind}"),
    "file_too_large": ("a file of at most {limit}, but {name} is larger",
                       "不超过 {limit} 的文件，但 {name} 更大"),
    "not_utf8": ("UTF-8 text, but byte {offset} of {name} is not UTF-8",
                 "UTF-8 文本，但 {name} 的第 {offset} 个字节不是 UTF-8"),
    "json_syntax": ("a JSON document: {problem} (line {line}, column {column})",
                    "JSON 文档：{problem}（第 {line} 行第 {column} 列）"),
    "yaml_syntax_at": ("a YAML or JSON document: {problem} (line {line}, column {column})",
                       "YAML 或 JSON 文档：{problem}（第 {line} 行第 {column} 列）"),
    "yaml_syntax": ("a YAML or JSON document: {problem}", "YAML 或 JSON 文档：{problem}"),
    "too_deep": ("a document nested at most {limit} levels deep",
                 "嵌套不超过 {limit} 层的文档"),
    "too_many_values": ("a document of at most {limit} values (each use of an alias counts)",
                        "值不超过 {limit} 个的文档（别名每用一次计一次）"),
    "number_too_long": ("a number of at most {limit} digits", "不超过 {limit} 位的数字"),
    "lone_surrogate": ("text of valid Unicode, but it holds a lone surrogate ({char})",
                       "有效的 Unicode 文本，但其中有孤立的代理码位（{char}）"),
    "key_not_scalar": ("a key that is a single value, not {kind} (line {line})",
                       "单个值作为键，而不是{kind}（第 {line} 行）"),
    "duplicate_key": ("each key once in a mapping, but it is given twice",
                      "同一映射中每个键只出现一次，但此键出现了两次"),
    "duplicate_key_at": ("each key once in a mapping, but it is given twice (line {line})",
                         "同一映射中每个键只出现一次，但此键出现了两次（第 {line} 行）"),
    "line_too_long": ("a line of at most {limit} bytes", "不超过 {limit} 字节的一行"),
    "json_object_line": ("a JSON object, got an empty line", "一个 JSON 对象，但这一行是空的"),
    # the applicant
    "mapping": ("{what} (a mapping of keys to values)", "{what}（键值映射）"),
    "unknown_key": ("no such key; the keys of {what} are {keys}",
                    "没有这个键；{what}的键有 {keys}"),
    "missing_key": ("this key, which {what} must have", "缺少这个键，{what}必须有它"),
    "id_text": ("a text of at most {max} characters of valid Unicode",
                "不超过 {max} 个字符的有效 Unicode 文本"),
    "list": ("a list", "列表"),
    "list_at_most": ("a list of at most {max} items, but it has {count}",
                     "至多 {max} 项的列表，但这里有 {count} 项"),
    "one_of": ("one of {allowed}", "以下之一：{allowed}"),
    "one_of_hint": ("one of {allowed} (did you mean {hint}?)",
                    "以下之一：{allowed}（是否想写 {hint}？）"),
    "month": ("a month written YYYY-MM in quotes or plain, like 2019-07 (2019-7, 2019.7, "
              "2019/7 and 201907 work too)",
              "写作 YYYY-MM 的月份（加不加引号都可以），如 2019-07（也可写 2019.7、2019/7、"
              "201907、2019年7月）"),
    "month_format": ("a month written YYYY-MM, like 2019-07 (2019-7, 2019.7, 2019/7 and "
                     "201907 work too)",
                     "写作 YYYY-MM 的月份，如 2019-07（也可写 2019.7、2019/7、201907、2019年7月）"),
    "month_number": ("a month written YYYY-MM with a month from 01 to 12",
                     "写作 YYYY-MM 的月份，月为 01 到 12"),
    "month_year": ("a month written YYYY-MM with a year from {first} to {last}",
                   "写作 YYYY-MM 的月份，年为 {first} 到 {last}"),
    "end_before_start": ("a month not before start ({start})", "不早于开始月份（{start}）的月份"),
    "hours": ("a whole number of hours from 0 to {max}", "0 到 {max} 的整数小时数"),
    "true_false": ("true or false", "true 或 false"),
    "true_false_unknown": ("true, false or unknown (not sure)",
                           "true、false 或 unknown（不确定）"),
    "certificate_level": ("one of 4, 3, 2, 1, preparatory_technician",
                          "以下之一：4、3、2、1、preparatory_technician"),
    "target_level": ("a level 1, 2, 3 or 4", "等级 1、2、3 或 4"),
    # the programme catalogue and planning options
    "catalog_key": ("no such key; a catalogue file has `catalog:` (and may keep the other "
                    "keys of planning.yaml)",
                    "没有这个键；目录文件要有 `catalog:`（可以保留 planning.yaml 的其他键）"),
    "programme_list": ("a non-empty list of programmes", "非空的培养项目列表"),
    "programme_id": ("a text of 1 to 100 characters", "1 到 100 个字符的文本"),
    "programme_id_unique": ("an id not used before in the catalogue",
                            "目录中尚未用过的 id"),
    "programme_months": ("a whole number of months from 1 to 240", "1 到 240 的整数月数"),
    "programme_certificate": ("preparatory_technician or nothing",
                              "preparatory_technician 或不填"),
    "whole_number": ("a whole number", "整数"),
    "whole_number_range": ("a whole number from {low} to {high}", "{low} 到 {high} 的整数"),
    "exam_months": ("a non-empty list of months 1-12", "由 1-12 月组成的非空列表"),
    "programme_of_catalog": ("the id of a programme of the catalogue ({ids})",
                             "目录中某个培养项目的 id（{ids}）"),
    "programme_month_budget": ("at most {limit} programme-months (the horizon times the {usable} "
                         "programmes that study may use); shorten --horizon, use a smaller "
                         "--catalog, --exclude programmes or --no-study",
                         "不超过 {limit} 个“项目·月”（规划期限乘以可选的 {usable} 个培养项目）；"
                         "请缩短 --horizon、使用更小的 --catalog、用 --exclude 排除项目"
                         "或加 --no-study"),
    # command-line options
    "name_value": ("NAME=VALUE", "NAME=VALUE 的形式"),
    "rule_parameter": ("the name of a rule parameter ({known})", "规则参数名（{known}）"),
    "exam_months_option": ("LEVEL=M,M,... with a level 1-4 and months 1-12",
                           "LEVEL=M,M,... 的形式，等级为 1-4，月份为 1-12"),
    "route_or_level": ("a route ID ({routes}) or a level 1-4",
                       "路线编号（{routes}）或等级 1-4"),
    # the HTTP API's query string and body
    "known_parameter": ("a known parameter ({known})", "已知的参数（{known}）"),
    "parameter_once": ("this parameter once", "此参数只出现一次"),
    "lang_choice": ("zh or en", "zh 或 en"),
    "api_setting": ("NAME=VALUE as the API takes it: no spaces, a switch true or false (lower "
                    "case), a threshold a whole number from 0 to 1200 without sign or leading "
                    "zeros",
                    "API 接受的 NAME=VALUE 形式：不含空格，开关为小写的 true 或 false，"
                    "阈值为 0 到 1200 的整数（不带正负号或前导零）"),
    "body_empty": ("an applicant document in the body, but it is empty",
                   "请求内容为申请人文档，但请求内容是空的"),
    "body_not_utf8": ("a UTF-8 text, but byte {offset} is not UTF-8",
                      "UTF-8 文本，但第 {offset} 个字节不是 UTF-8"),
}

# Chinese texts that read as a whole sentence without "应为" (expected) before them.
ZH_UNFRAMED = {"unknown_key", "missing_key", "catalog_key"}

_BY_ENGLISH = {english: code for code, (english, _) in EXPECTED.items() if "{" not in english}

# Words that messages put into parameters (``{what}``, ``{kind}``, ``{reason}``).
TERMS: dict[str, tuple[str, str]] = {
    "applicant": ("an applicant", "申请人"), "diploma": ("a diploma", "学历"),
    "work": ("a work record", "工作经历"), "training": ("a training record", "培训记录"),
    "certificate": ("a certificate", "证书"), "programme": ("a programme", "培养项目"),
    "directory": ("a directory", "目录"), "fifo": ("a named pipe (FIFO)", "命名管道（FIFO）"),
    "char_device": ("a character device", "字符设备"),
    "block_device": ("a block device", "块设备"), "socket": ("a socket", "套接字"),
    "special": ("not a regular file", "非普通文件"),
    "a_list": ("a list", "列表"), "a_mapping": ("a mapping", "映射"), "a_set": ("a set", "集合"),
    "the_line": ("the line", "这一行"), "the_body": ("the body", "请求内容"),
    "standard_input": ("standard input", "标准输入"),
    "ENOENT": ("no such file or directory", "文件或目录不存在"),
    "EACCES": ("permission denied", "没有权限"),
    "EISDIR": ("it is a directory", "它是目录"), "ENAMETOOLONG": ("name too long", "名称过长"),
    "ENOSPC": ("no space left on device", "设备上没有空间了"),
    "EDQUOT": ("disk quota exceeded", "超出磁盘配额"), "EFBIG": ("file too large", "文件过大"),
    "EIO": ("input/output error", "输入输出错误"), "EPIPE": ("broken pipe", "管道已断开"),
    "EROFS": ("read-only file system", "只读文件系统"),
    "ENOTDIR": ("a part of the path is not a directory", "路径中有一段不是目录"),
}

# Whole sentences that are not "expected ..." (the command line's own words).
SENTENCES: dict[str, tuple[str, str]] = {
    "time_limit": ("no answer within the time limit of {seconds} s; raise --time-limit or "
                   "shorten --horizon",
                   "在 {seconds} 秒的时间限制内未得出答案；请放宽 --time-limit 或缩短 --horizon"),
    "error_prefix": ("pyqualify: error: ", "pyqualify：错误："),
    "write_failed": ("cannot write the output: {reason}", "无法写出结果：{reason}"),
    "output_file": ("--output {name}: cannot write there ({reason})",
                    "--output {name}：无法写到那里（{reason}）"),
    "internal": ("internal error ({detail}); set PYQUALIFY_DEBUG=1 to see where",
                 "程序内部错误（{detail}）；设置 PYQUALIFY_DEBUG=1 可以看到出错的位置"),
    # click's usage errors (pyqualify/usage.py; English is click's own wording)
    "usage_line": ("Usage: {usage}", "用法：{usage}"),
    "usage_hint": ("Try '{command} --help' for help.", "运行 '{command} --help' 查看帮助。"),
    "usage_error": ("Error: {message}", "错误：{message}"),
    "no_such_option": ("No such option '{name}'.", "没有选项 {name}。"),
    "no_such_command": ("No such command '{name}'.", "没有命令 {name}。"),
    "did_you_mean": (" Did you mean {names}?", "是否想写 {names}？"),
    "missing_argument": ("Missing argument {name}.", "缺少参数 {name}。"),
    "missing_option": ("Missing option {name}.", "缺少选项 {name}。"),
    "option_needs_value": ("Option '{name}' requires an argument.", "选项 {name} 需要一个值。"),
    "option_takes_no_value": ("Option '{name}' does not take a value.",
                              "选项 {name} 不接受值。"),
    "extra_arguments": ("Got unexpected extra arguments ({args})", "多余的参数（{args}）"),
    "bad_value": ("Invalid value for {name}: {detail}", "{name} 的值无效：{detail}"),
    # the web server's own answers (pyqualify serve)
    "web_too_large": ("the body is larger than 1 MiB", "请求内容超过 1 MiB"),
    "web_timeout": ("the question took longer than the time limit of {seconds} s",
                    "计算超过 {seconds} 秒的时限，请放宽条件后重试"),
    "web_busy": ("the server is busy; please try again", "服务器繁忙，请稍后重试"),
    "web_fault": ("internal error ({detail})", "程序内部错误（{detail}）"),
    "web_not_found": ("no such address", "没有这个地址"),
    "web_method": ("this address does not take that method", "此地址不接受这种请求方法"),
    "web_too_slow": ("the body did not arrive within {seconds} s",
                     "请求内容未在 {seconds} 秒内传完"),
    "web_host": ("this server does not answer to that host name (Host header)",
                 "此服务器不接受这个主机名（Host 请求头）"),
}

QUOTE_CHARS = 40    # at most this much of a value is quoted in a message
NAME_CHARS = 60     # and of a file name or an option value
PATH_CHARS = 160    # a field path longer than this is shown elided in the middle
PARAM_CHARS = 400   # any other text put into a message


class Term(str):
    """A word of :data:`TERMS`, rendered in the message's language."""

    __slots__ = ()


class Raw(str):
    """A parameter shown as it is (already quoted or built by this module)."""

    __slots__ = ()


class InputError(ValueError):
    """Bad input: ``path`` names the field, ``expected`` says what was wanted.

    ``InputError(path, "free English text", got)`` still works; errors built with
    :func:`input_error` carry a ``code`` of :data:`EXPECTED` and render in Chinese too.
    """

    def __init__(self, path: str, expected: str, got: Any = None, *, has_got: bool = True,
                 code: str | None = None, params: dict[str, Any] | None = None):
        self.path = path
        self.code = code
        self.params = dict(params or {})
        self.got = got
        self.has_got = has_got
        self.expected = expected
        self.applicant_id: str | None = None  # set for a refused batch line that has an id
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("zh" or "en"); the field path is never translated.

        The CLI (``--lang``), the API (``lang``) and the web page all show this text.
        """
        zh = lang == "zh"
        path = self.path if len(self.path) <= PATH_CHARS else (
            self.path[:40] + "..." + self.path[-(PATH_CHARS - 43):])
        expected = self.expected
        code = self.code if self.code is not None else _BY_ENGLISH.get(expected)
        if code is not None:  # a free English text that is in the table is found too
            expected = _fill(EXPECTED[code][zh], self.params, zh)
        if zh:
            detail = expected if code in ZH_UNFRAMED else f"应为{expected}"
            if self.has_got:
                detail += f"，实际为{describe(self.got, 'zh')}"
            return f"{path}：{detail}" if path else detail
        detail = f"expected {expected}"
        if self.has_got:
            detail += f", got {describe(self.got)}"
        return f"{path}: {detail}" if path else detail

    def __reduce__(self) -> tuple[Any, ...]:
        """Picklable (a batch answers lines in worker processes)."""
        return (_rebuild, (self.path, self.expected, self.got, self.has_got, self.code,
                           self.params, self.applicant_id))

    def within(self, prefix: str) -> InputError:
        """The same error with its path put under ``prefix`` (``line 3`` or ``rows[2]``)."""
        path = prefix
        if self.path:
            path += self.path if self.path.startswith("[") else "." + self.path
        return InputError(path, self.expected, self.got, has_got=self.has_got, code=self.code,
                          params=self.params)


def _rebuild(path: str, expected: str, got: Any, has_got: bool, code: str | None,
             params: dict[str, Any], applicant_id: str | None) -> InputError:
    error = InputError(path, expected, got, has_got=has_got, code=code, params=params)
    error.applicant_id = applicant_id
    return error


_ABSENT: Any = object()


def input_error(path: str, code: str, got: Any = _ABSENT, **params: Any) -> InputError:
    """An :class:`InputError` from the table: ``input_error("work[0].end", "month", v)``."""
    return InputError(path, _fill(EXPECTED[code][0], params, False),
                      None if got is _ABSENT else got, has_got=got is not _ABSENT,
                      code=code, params=params)


def say(code: str, lang: str = "en", **params: Any) -> str:
    """A sentence of :data:`SENTENCES` in ``lang``."""
    return _fill(SENTENCES[code][lang == "zh"], params, lang == "zh")


def term(name: str, lang: str = "en") -> str:
    """A word of :data:`TERMS` in ``lang`` (the name itself when unknown)."""
    pair = TERMS.get(name)
    return pair[lang == "zh"] if pair else name


def _fill(template: str, params: dict[str, Any], zh: bool) -> str:
    shown = {name: term(value, "zh" if zh else "en") if isinstance(value, Term)
             else value if isinstance(value, Raw | int)
             else printable(elide(str(value), PARAM_CHARS))
             for name, value in params.items()}
    return template.format(**shown)


# --- quoting input safely ----------------------------------------------------------

_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def printable(text: str) -> str:
    """``text`` with control, format (bidi), surrogate and unassigned characters escaped
    as ``\\n``, ``\\u202e``: what a terminal shows is then what the text holds."""
    if text.isprintable() and text.isascii():
        return text
    out = []
    for char in text:
        if unicodedata.category(char) not in _HIDDEN:
            out.append(char)
        elif char in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[char])
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)


def elide(text: str, limit: int = QUOTE_CHARS) -> str:
    """At most ``limit`` characters: the start, ``...``, and the number left out."""
    if len(text) <= limit:
        return text
    keep = max(limit - 16, 8)
    return f"{text[:keep]}...({len(text) - keep} more)"


def shorten(message: str, limit: int = NAME_CHARS) -> str:
    """A message of another library (click, YAML) with every long run without spaces
    elided, and control characters escaped: it may quote input at length."""
    words = []
    for word in message.split(" "):
        core = word.rstrip("'\".,:;)")
        words.append(elide(core, limit) + word[len(core):] if len(core) > limit else word)
    return printable(" ".join(words))


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A short, safe, double-quoted piece of input for a message."""
    return json.dumps(printable(elide(text, limit)), ensure_ascii=False).replace("\\\\", "\\")


def describe(value: Any, lang: str = "en") -> str:
    """What a value is, in a few words (``the number 5``, ``"abc"``, ``a list``)."""
    zh = lang == "zh"
    if value is None:
        return "空值（null）" if zh else "nothing (null)"
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}" if zh else f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        shown = _number(value)
        return f"数字 {shown}" if zh else f"the number {shown}"
    if isinstance(value, float):
        return f"数字 {value}" if zh else f"the number {value}"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, TooLongNumber):
        return (f"{value.chars} 个字符长的数字" if zh
                else f"a number written with {value.chars} characters")
    if isinstance(value, list | tuple):
        return term("a_list", lang)
    if isinstance(value, dict):
        return term("a_mapping", lang)
    if isinstance(value, set | frozenset):
        return term("a_set", lang)
    if isinstance(value, _dt.date):
        return (f"日期 {value.isoformat()}" if zh
                else f"the date {elide(value.isoformat())}")
    return type(value).__name__


def _number(value: int) -> str:
    if -10**20 < value < 10**20:
        return str(value)
    digits = int(abs(value).bit_length() * 0.30103) + 1  # no str(): it may be huge
    return f"{'-' if value < 0 else ''}of about {digits} digits"


class TooLongNumber:
    """A number the loader refused to convert (too many digits); its length only."""

    __slots__ = ("chars",)

    def __init__(self, chars: int):
        self.chars = chars

    def __repr__(self) -> str:
        return f"TooLongNumber({self.chars})"


# --- field paths -----------------------------------------------------------------

_PLAIN_KEY = re.compile(r"[^\W\d]\w{0,39}", re.UNICODE)


def join_path(prefix: str, key: Any) -> str:
    """``prefix.key`` for a key of a mapping; odd keys are quoted and elided."""
    if isinstance(key, str):
        part = key if _PLAIN_KEY.fullmatch(key) else quote(key)
    elif key is None or isinstance(key, bool):
        part = json.dumps(key)
    elif isinstance(key, int | float):
        part = elide(_number(key) if isinstance(key, int) else str(key))
    elif isinstance(key, _dt.date):
        part = key.isoformat()
    else:
        part = describe(key)
    if not prefix:
        return part
    return f"{prefix}.{part}"
