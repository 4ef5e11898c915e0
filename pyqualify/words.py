"""The applicant's facts in a person's words, in Chinese and English.

The command line, the API and the page name a field by its path (``work[0].end``) and a
choice by its code (``related``) in machine output; for a person they say the same in words:
the field as the form names it, rows counted from 1 (第 1 条工作经历的结束月份 / end month of
work record 1), and each choice by its label (相关职业 / a related occupation).  Here, once,
for every face (:mod:`pyqualify.render`, the page, the interview).
"""

from __future__ import annotations

import re

from .applicant import DIPLOMA_KINDS, EDUCATIONS, MODES, OCCUPATIONS, SKILL_TARGETS


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or the English of a pair."""
    return pair[0] if lang == "zh" else pair[1]


ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    "education": {
        "none": ("未达初中", "below junior middle school"),
        "junior_middle": ("初中", "junior middle school"),
        "high_school": ("高中毕业", "high school"),
        "equivalent": ("同等学力", "equivalent (同等学力)"),
    },
    "kind": {
        "technical_school": ("技工学校", "technical school"),
        "secondary_vocational": ("中等职业学校（中专/职高）", "secondary vocational school"),
        "advanced_technical_school": ("高级技工学校", "advanced technical school"),
        "technician_college": ("技师学院", "technician college"),
        "higher_vocational": ("高等职业学校（高职）", "higher vocational college"),
        "junior_college": ("大专（专科）", "junior college"),
        "bachelor": ("本科", "bachelor"),
        "master": ("硕士研究生", "master"),
        "doctorate": ("博士研究生", "doctorate"),
    },
    "major": {
        "same": ("本专业", "the same major"),
        "related": ("相关专业", "a related major"),
        "unrelated": ("不相关专业", "an unrelated major"),
    },
    "occupation": {
        "same": ("本职业（全媒体运营师）", "this occupation"),
        "related": ("相关职业", "a related occupation"),
        "unrelated": ("不相关职业", "an unrelated occupation"),
    },
    "skill_target": {
        "none": ("无", "none"),
        "intermediate": ("中级技能", "intermediate skills"),
        "advanced": ("高级技能", "advanced skills"),
    },
    "mode": {
        "full_time": ("全日制", "full-time"),
        "part_time": ("非全日制（业余）", "part-time"),
    },
    "level": {
        "4": ("四级/中级工", "level 4 (intermediate worker)"),
        "3": ("三级/高级工", "level 3 (senior worker)"),
        "2": ("二级/技师", "level 2 (technician)"),
        "1": ("一级/高级技师", "level 1 (senior technician)"),
        "preparatory_technician": ("预备技师", "preparatory technician"),
    },
    "bool": {"true": ("是", "yes"), "false": ("否", "no")},
}
# What a person who is not sure answers (docs/partial.md): unknown, also 不确定 and 不知道.
UNKNOWN_WORDS = ("不确定", "not sure")
assert tuple(ENUMS["education"]) == EDUCATIONS and tuple(ENUMS["kind"]) == DIPLOMA_KINDS
assert tuple(ENUMS["major"]) == OCCUPATIONS and tuple(ENUMS["skill_target"]) == SKILL_TARGETS
assert tuple(ENUMS["mode"]) == MODES

# a record of a list: (zh with {n}, en with {n})
RECORDS: dict[str, tuple[str, str]] = {
    "diplomas": ("第 {n} 份毕业证书", "diploma {n}"),
    "work": ("第 {n} 条工作经历", "work record {n}"),
    "trainings": ("第 {n} 条培训记录", "training {n}"),
    "certificates": ("第 {n} 张职业技能等级证书", "certificate {n}"),
}
FIELDS: dict[str, tuple[str, str]] = {
    "id": ("编号或姓名", "ID or name"),
    "as_of": ("查询月份", "month asked about (as of)"),
    "education": ("学历（普通教育）", "schooling"),
    "diplomas": ("毕业证书", "diplomas"),
    "work": ("工作经历", "work records"),
    "trainings": ("培训", "trainings"),
    "certificates": ("职业技能等级证书", "certificates"),
    "kind": ("学校类别", "kind of school"),
    "major": ("专业", "major"),
    "skill_target": ("培养目标", "skill target"),
    "graduation": ("毕业月份", "graduation month"),
    "mode": ("学习形式", "mode of study"),
    "start": ("开始月份", "start month"),
    "end": ("结束月份", "end month"),
    "occupation": ("职业", "occupation"),
    "hours": ("学时", "hours"),
    "certificate": ("培训证书", "training certificate"),
    "completed": ("结业月份", "month completed"),
    "level": ("等级", "level"),
    "obtained": ("取得月份", "month obtained"),
    # the options of a question (the page's planning options and what-ifs)
    "horizon": ("规划期限（月）", "planning horizon (months)"),
    "target": ("目标等级", "target level"),
    "no_study": ("不考虑新的学习", "no new study"),
    "no_training": ("不考虑培训", "no training course"),
    "no_assume_work": ("只计文件中的工作记录", "count only recorded work"),
    "no_explain": ("不要解释", "no explanations"),
    "lang": ("语言", "language"),
    "set": ("假设条件", "what-if"),
}
# the enumeration a field chooses from (i18n.ENUMS), for choices by their labels
FIELD_ENUMS = {"education": "education", "kind": "kind", "major": "major",
               "occupation": "occupation", "skill_target": "skill_target", "mode": "mode",
               "level": "level", "certificate": "bool"}
WHOLE_FILE = ("文件", "the file")
STEP = re.compile(r"\.?([^.\[\]]+)|\[([0-9]+)\]")


def split_path(path: str) -> list[str | int]:
    """``work[0].end`` as ``["work", 0, "end"]``."""
    return [m.group(1) if m.group(1) is not None else int(m.group(2))
            for m in STEP.finditer(path)]


def field_label(path: str, lang: str) -> str:
    """The field of ``path`` in words, as the page's form names it ("" for the whole
    file): 第 1 条工作经历的职业 / occupation of work record 1."""
    if not path:
        return ""
    zh = lang == "zh"
    parts = split_path(path)
    record = ""
    field = ""
    for i, part in enumerate(parts):
        if isinstance(part, int) and i > 0 and parts[i - 1] in RECORDS:
            record = pick(RECORDS[str(parts[i - 1])], lang).format(n=part + 1)
            field = ""
        elif isinstance(part, str):
            known = FIELDS.get(part)
            field = pick(known, lang) if known else f"“{part}”"
    if record and field and parts and isinstance(parts[-1], str) and parts[-1] not in RECORDS:
        return f"{record}的{field}" if zh else f"{field} of {record}"
    return record or field or path


def record_label(path: str, lang: str) -> str:
    """The record of a field's path in words: 第 1 张职业技能等级证书 / certificate 1."""
    section, index = split_path(path)[:2]
    return pick(RECORDS[str(section)], lang).format(n=int(index) + 1)


def choice_label(path: str, value: object, lang: str) -> str:
    """A value of the field of ``path`` by its label (相关职业; 是 for true; 不确定 for
    unknown); a value it does not know as itself."""
    if value == "unknown":
        return pick(UNKNOWN_WORDS, lang)
    name = next((p for p in reversed(split_path(path)) if isinstance(p, str)), "")
    table = ENUMS.get(FIELD_ENUMS.get(name, ""), {})
    key = str(value).lower() if isinstance(value, bool) else str(value)
    return pick(table[key], lang) if key in table else str(value)
