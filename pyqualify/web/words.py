"""Errors in the person's words (docs/service.md, "A page a person can trust").

The command line and the API's ``message`` name a field by its path (``work[0].end``) and
list choices by their codes (``same, related, unrelated``).  For a person the page says the
same in words: the field named as the form names it, rows counted from 1 (第 1 条工作经历的结束
月份 / end month of work record 1), choices by their labels (本职业、相关职业、不相关职业),
and no parser's English inside a Chinese page.  :func:`explain` gives both parts; the API
adds them to every error as ``label`` and ``text`` beside ``field`` and ``message``.
"""

from __future__ import annotations

import re
from typing import Any

from ..messages import InputError, describe
from ..params import SWITCH_IDS
from ..words import ENUMS, FIELD_ENUMS, FIELDS, STEP, field_label, pick
from .i18n import SWITCH_LABELS, THRESHOLD_LABELS

_SETTING = re.compile(r"set (?:\"(?P<quoted>[^\"=]*)|(?P<plain>[^=\s]*))")


def label(path: str, lang: str) -> str:
    """The field of ``path`` in words, as the page's form names it ("" for the whole file):
    a what-if by its parameter's name, anything else as :func:`pyqualify.words.field_label`."""
    setting = _SETTING.match(path)
    if setting:
        name = (setting.group("quoted") or setting.group("plain") or "").strip()
        name = SWITCH_IDS.get(name, name)
        ident = {v: k for k, v in SWITCH_IDS.items()}.get(name)
        words = THRESHOLD_LABELS.get(name) or SWITCH_LABELS.get(ident or "")
        what = pick(FIELDS["set"], lang)
        if words is None:
            return what
        return f"{what}“{pick(words, lang)}”" if lang == "zh" else f"{what} “{pick(words, lang)}”"
    return field_label(path, lang)


def _choices(field: str, lang: str) -> str | None:
    table = ENUMS.get(FIELD_ENUMS.get(field, ""))
    if table is None:
        return None
    return ("、" if lang == "zh" else ", ").join(pick(words, lang) for words in table.values())


def _last_key(path: str) -> str:
    keys = [m.group(1) for m in STEP.finditer(path) if m.group(1)]
    return keys[-1] if keys else ""


def _got(exc: InputError, lang: str) -> str:
    if not exc.has_got:
        return ""
    value: Any = exc.got
    field = _last_key(exc.path)
    table = ENUMS.get(FIELD_ENUMS.get(field, ""))
    if table and isinstance(value, bool) and str(value).lower() in table:
        shown = pick(table[str(value).lower()], lang)
    else:
        shown = describe(value, lang)
    return f"，实际为{shown}" if lang == "zh" else f", got {shown}"


def detail(exc: InputError, lang: str) -> str:
    """What is wrong, without the field (the label says it), in the person's words."""
    zh = lang == "zh"
    code, params = exc.code, exc.params
    field = _last_key(exc.path)
    choices = _choices(field, lang)
    if code in ("one_of", "one_of_hint", "certificate_level") and choices:
        text = f"应为以下之一：{choices}" if zh else f"expected one of: {choices}"
        hint = params.get("hint")
        table = ENUMS.get(FIELD_ENUMS.get(field, ""), {})
        if hint in table:
            text += f"（是否想选“{pick(table[hint], lang)}”？）" if zh else (
                f" (did you mean “{pick(table[hint], lang)}”?)")
        return text + _got(exc, lang)
    if code == "true_false" and field == "certificate":
        return ("应为“是”或“否”" if zh else "expected yes or no") + _got(exc, lang)
    if code == "true_false_unknown" and field == "certificate":
        return ("应为“是”“否”或“不确定”" if zh else "expected yes, no or not sure") + _got(
            exc, lang)
    if code in ("yaml_syntax", "yaml_syntax_at", "json_syntax"):
        where = ""
        if "line" in params:
            where = (f"（第 {params['line']} 行第 {params['column']} 列附近）" if zh
                     else f" near line {params['line']}, column {params['column']}")
        if "character" in str(params.get("problem", "")):
            return (f"文件中有 YAML 不允许的字符{where}：它可能不是文本文件，"
                    "请选择 YAML 或 JSON 文件" if zh
                    else f"the file holds a character YAML does not allow{where}: it may "
                    "not be a text file; choose a YAML or JSON file")
        if zh:   # the parser's own words are English: not in a Chinese page
            return f"文件不是有效的 YAML 或 JSON{where}，请检查冒号、缩进和括号"
        return f"the file is not valid YAML or JSON{where}: {params.get('problem', '')}"
    if code in ("not_utf8", "body_not_utf8"):
        return (f"文件不是 UTF-8 文本（第 {params.get('offset')} 个字节）：它可能是二进制文件，"
                "或用了其他编码（如 GBK）；请另存为 UTF-8 编码的 YAML 或 JSON 文件"
                if zh else f"the file is not UTF-8 text (byte {params.get('offset')}): it may "
                "be a binary file or use another encoding; save it as UTF-8 YAML or JSON")
    if code == "mapping" and not exc.path:
        if exc.has_got and exc.got is None:
            return ("文件是空的，里面没有申请人的信息" if zh
                    else "the file is empty: it holds no applicant")
        return ("文件应为一份申请人信息（键值映射）" if zh
                else "the file should hold one applicant (keys and values)") + _got(exc, lang)
    if code == "unknown_key":
        what = exc.text(lang).split("；" if zh else "; ", 1)[-1]
        return (f"不是可以填写的内容（{what}）" if zh
                else f"is not a key that can be filled in ({what})")
    if code == "file_too_large":
        return ("文件超过 1 MiB，太大了：申请人文件通常只有几 KB" if zh
                else "the file is larger than 1 MiB: an applicant file is a few KB")
    bare = InputError("", exc.expected, exc.got, has_got=exc.has_got, code=code, params=params)
    return bare.text(lang)


def explain(exc: InputError, lang: str) -> dict[str, str]:
    """``{"label", "text"}``: the field in words, and the whole sentence for the page."""
    words = label(exc.path, lang)
    what = detail(exc, lang)
    if not words:
        return {"label": "", "text": what}
    return {"label": words, "text": f"{words}：{what}" if lang == "zh" else f"{words}: {what}"}


def error_body(exc: InputError, lang: str) -> dict[str, str]:
    """The API's error object: ``field`` and ``message`` (the command line's words), and
    ``label`` and ``text`` (the person's words)."""
    return {"field": exc.path, "message": exc.text(lang), **explain(exc, lang)}
