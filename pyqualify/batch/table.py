"""The spreadsheet layout: one row per applicant, repeated groups of columns.

Row 1 names the columns; every further non-empty row is one applicant.  The columns are
``id``, ``as_of``, ``education`` and numbered groups, one per record of a list:

* ``diploma1_kind  diploma1_major  diploma1_skill_target  diploma1_graduation  diploma1_mode``
* ``work1_start  work1_end  work1_occupation``  (an empty end: still working there)
* ``training1_hours  training1_occupation  training1_certificate  training1_completed``
* ``certificate1_level  certificate1_occupation  certificate1_obtained``

A group counts when one of its cells is filled; groups may be added (``work6_...``) or left
out.  Values are those of an applicant file (docs/input.md, Chinese spellings included);
months are read by :mod:`pyqualify.months` (``YYYY-MM``, ``2019.7``, ``2019年7月``, ...), and
a date of the spreadsheet (a date cell, or a date written as text: 2019-07-01, 2019/7/1) is
its month.  The row is then checked by the engine's loader, so a bad cell gets the same
message as a file, prefixed with its sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..applicant import CERTIFICATE_LEVELS, EDUCATIONS, SECTION, SECTIONS
from ..messages import InputError
from ..months import MonthError, format_month, parse_month

TOP = ("id", "as_of", "education")
# prefix: (key of the applicant file, groups in the template); the fields of a group are those
# of the file's records (pyqualify.applicant.SECTIONS), in their order
TEMPLATE_GROUPS = {"diploma": ("diplomas", 3), "work": ("work", 5), "training": ("trainings", 2),
                   "certificate": ("certificates", 5)}
GROUPS: dict[str, tuple[str, tuple[str, ...], int]] = {
    prefix: (key, SECTION[key].keys, count) for prefix, (key, count) in TEMPLATE_GROUPS.items()}
LIST_PREFIX = {key: prefix for prefix, (key, _, _) in GROUPS.items()}
_KINDS = {f.key: f for section in SECTIONS for f in section.fields}
MONTH_FIELDS = {"as_of", *(key for key, f in _KINDS.items() if f.kind == "month")}
INT_FIELDS = {key for key, f in _KINDS.items() if f.kind in ("hours", "level")}
BOOL_FIELDS = {key for key, f in _KINDS.items() if f.kind == "flag"}
TRUE_WORDS = {"true", "yes", "y", "1", "是", "有", "对"}
FALSE_WORDS = {"false", "no", "n", "0", "否", "无", "没有"}
ONGOING_WORDS = {"ongoing", "now", "至今", "在职", "目前"}
COLUMN = re.compile(r"(diploma|work|training|certificate)([1-9][0-9]*)_([a-z_]+)")
MAX_GROUP_DIGITS = 4   # work9999_start at most: a header cell is no place for a huge number
UNSURE_WORD = "不确定"  # what the template's drop-downs offer for a fact one is not sure of
UNSURE = {"education", *(key for key, f in _KINDS.items() if f.unsure)}

HELP = {  # column: (English, Chinese, allowed values)
    "id": ("applicant's reference", "申请人编号", "any text"),
    "as_of": ("month of the question", "评估月份", "YYYY-MM (empty: the current month)"),
    "education": ("general education", "学历(普通教育)",
                  "none 无, junior_middle 初中, high_school 高中, equivalent 同等学力, "
                  "unknown 不确定"),
    "kind": ("diploma kind", "毕业证书类别",
             "technical_school 技工学校, secondary_vocational 中专, advanced_technical_school "
             "高级技工学校, technician_college 技师学院, higher_vocational 高职, junior_college "
             "大专, bachelor 本科, master 硕士, doctorate 博士"),
    "major": ("major", "专业", "same 本专业, related 相关, unrelated 无关, unknown 不确定"),
    "skill_target": ("skill the programme trains", "培养目标",
                     "none, intermediate 中级技能, advanced 高级技能, unknown 不确定 "
                     "(empty: none)"),
    "graduation": ("graduation month", "毕业年月", "YYYY-MM"),
    "mode": ("mode of study", "学习形式",
             "full_time 全日制, part_time 非全日制, unknown 不确定 (empty: full_time)"),
    "start": ("first month of the job", "开始年月", "YYYY-MM"),
    "end": ("last month of the job", "结束年月", "YYYY-MM (empty: still working there)"),
    "occupation": ("occupation", "职业",
                   "same 本职业, related 相关职业, unrelated 无关, unknown 不确定"),
    "hours": ("hours of the course", "培训学时", "a whole number"),
    "certificate": ("training certificate obtained", "取得培训证书",
                    "true 是 / false 否 / unknown 不确定"),
    "completed": ("month the course ended", "结业年月", "YYYY-MM"),
    "level": ("certificate level", "证书等级", "4, 3, 2, 1 or preparatory_technician 预备技师"),
    "obtained": ("month the certificate was obtained", "取证年月", "YYYY-MM"),
}


# The help sheet's line on facts one is not sure of (docs/partial.md).
NOT_SURE = [f"{UNSURE_WORD} / unknown",
            "not sure: education, a diploma's major, skill_target and mode, the occupation of "
            "a job, course or certificate, and a course's certificate may be unknown "
            "(不确定, 不知道); the answers then say yes, no or depends on it",
            "不确定：学历、专业、培养目标、学习形式、工作/培训/证书的职业、是否取得培训证书可填"
            "“不确定”（或 unknown、不知道），结果为可以、不能或取决于该项",
            "unknown, 不确定, 不知道 (other columns: must be known)"]


def template_columns() -> list[str]:
    """The columns of an empty template, in order."""
    columns = list(TOP)
    for prefix, (_, fields, count) in GROUPS.items():
        for number in range(1, count + 1):
            columns += [f"{prefix}{number}_{name}" for name in fields]
    return columns


def column_letter(index: int) -> str:
    """Spreadsheet letters of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Place:
    """Where a row sits: the sheet (None for CSV), its row number and its header."""

    sheet: str | None
    row: int
    header: tuple[str, ...]

    def cell(self, column: str | None) -> str:
        """``sheet S, row R, column C (name)`` for an error message."""
        parts = [f"sheet {self.sheet}"] if self.sheet else []
        parts.append(f"row {self.row}")
        if column is not None and column in self.header:
            parts.append(f"column {column_letter(self.header.index(column))} ({column})")
        return ", ".join(parts)

    def column_of(self, path: str, numbers: dict[str, list[int]]) -> str | None:
        """The column of a loader path: ``work[1].end`` -> ``work2_end`` (``numbers``: the
        group numbers the row filled, per list)."""
        match = re.fullmatch(r"(\w+)\[([0-9]+)\](?:\.(\w+))?", path)
        if match and match.group(1) in LIST_PREFIX:
            index = int(match.group(2))
            filled = numbers.get(match.group(1), [])
            number = filled[index] if index < len(filled) else index + 1
            prefix = f"{LIST_PREFIX[match.group(1)]}{number}_"
            if match.group(3):
                return prefix + match.group(3)
            return next((c for c in self.header if c.startswith(prefix)), None)
        return path if path in self.header else None


def check_header(cells: Sequence[Any], sheet: str | None) -> tuple[str, ...]:
    """The column names of row 1; an unknown or repeated name is refused where it stands."""
    header: list[str] = []
    for index, cell in enumerate(cells):
        name = "" if cell is None else str(cell).strip()
        where = Place(sheet, 1, ()).cell(None) + f", column {column_letter(index)}"
        if not name:
            header.append("")
            continue
        match = COLUMN.fullmatch(name)
        if match is not None and len(match.group(2)) > MAX_GROUP_DIGITS:
            raise InputError(where, f"a group number of at most {MAX_GROUP_DIGITS} digits "
                                    "(work1_start, work12_start, ...)", name)
        known = name in TOP or (match is not None and match.group(3) in GROUPS[match.group(1)][1])
        if not known:
            raise InputError(where, "a column of the template (id, as_of, education, "
                                    "diploma1_kind, work1_start, ...; see pyqualify template)",
                             name)
        if name in header:
            raise InputError(where, "each column once", name)
        header.append(name)
    if "education" not in header:
        raise InputError(Place(sheet, 1, ()).cell(None),
                         "a column named education (see pyqualify template)", has_got=False)
    return tuple(header)


def row_document(cells: Sequence[Any], header: Sequence[str]
                 ) -> tuple[dict[str, Any], dict[str, list[int]]] | None:
    """The applicant data of one row, for the engine's loader, and the group numbers it
    filled per list (None for an empty row)."""
    doc: dict[str, Any] = {}
    groups: dict[tuple[str, int], dict[str, Any]] = {}
    for index, cell in enumerate(cells):
        name = header[index] if index < len(header) else ""
        value = _blank(cell)
        if not name:
            if value is None:
                continue
            raise InputError(f"column {column_letter(index)}",
                             "no value in a column without a name in row 1", value)
        if value is None:
            continue
        match = COLUMN.fullmatch(name)
        field = match.group(3) if match else name
        value = _convert(field, value)
        if match:
            groups.setdefault((match.group(1), int(match.group(2))), {})[field] = value
        else:
            doc[name] = value
    if not doc and not groups:
        return None
    filled: dict[str, list[int]] = {}
    for prefix, (key, _, _) in GROUPS.items():
        numbers = sorted(n for p, n in groups if p == prefix)
        if numbers:
            doc[key] = [groups[(prefix, n)] for n in numbers]
            filled[key] = numbers
    return doc, filled


def _blank(cell: Any) -> Any:
    if cell is None:
        return None
    if isinstance(cell, str):
        cell = cell.strip()
        return cell or None
    return cell


def _convert(field: str, value: Any) -> Any:
    """A spreadsheet cell as the value an applicant file would have."""
    if field in MONTH_FIELDS:
        if isinstance(value, dt.datetime | dt.date):
            return f"{value.year:04d}-{value.month:02d}"
        if isinstance(value, str):
            if field == "end" and value.lower() in ONGOING_WORDS:
                return None
            try:  # the one parser of months; a date written as text is its month
                return format_month(parse_month(value, day=True))
            except MonthError:
                return value  # the applicant's loader refuses it, naming the cell
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # a number cell typed 201907: the month YYYYMM, as written
        if isinstance(value, float) and len(repr(value).partition(".")[2]) == 2:
            return repr(value)  # a number cell typed 2019.07 (2019.1 may have been 2019.10:
        return value            # a number with one decimal stays refused)
    if field in INT_FIELDS:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.isdigit() and value.isascii():
            return int(value)
        return value
    if field in BOOL_FIELDS and isinstance(value, str):
        word = value.lower()
        return True if word in TRUE_WORDS else False if word in FALSE_WORDS else value
    if field == "id" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    return value


def write_template(path: str) -> None:
    """An empty template: ``.xlsx`` (a sheet to fill in and a help sheet) or ``.csv``."""
    columns = template_columns()
    if path.lower().endswith(".csv"):
        import csv

        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerow(columns)
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "applicants"
    sheet.append(columns)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(columns):
        letter = column_letter(index)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(12, len(name) + 2)
        field = COLUMN.fullmatch(name).group(3) if COLUMN.fullmatch(name) else name
        if field in MONTH_FIELDS or field == "id":
            # a text column: a spreadsheet keeps 2019-07 as typed, not as a date
            sheet.column_dimensions[letter].number_format = "@"
        choices = _choices(field)
        if choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                  allow_blank=True, showErrorMessage=False)
            rule.add(f"{letter}2:{letter}1001")
            sheet.add_data_validation(rule)
    notes = book.create_sheet("help 说明")
    notes.append(["column 列", "meaning", "含义", "values 取值"])
    for name in columns:
        match = COLUMN.fullmatch(name)
        field = match.group(3) if match else name
        english, chinese, values = HELP[field]
        notes.append([name, english, chinese, values])
    notes.append([])
    notes.append(NOT_SURE)
    for letter, width in zip("ABCD", (26, 34, 18, 90), strict=True):
        notes.column_dimensions[letter].width = width
    book.save(path)


def _choices(field: str) -> tuple[str, ...]:
    """The values a drop-down list of the template offers for a column."""
    unsure = (UNSURE_WORD,) if field in UNSURE else ()
    if field == "education":
        return (*EDUCATIONS, *unsure)
    f = _KINDS.get(field)
    if f is None:
        return ()
    return (*{"choice": f.allowed, "flag": ("true", "false"),
              "level": tuple(str(level) for level in CERTIFICATE_LEVELS)}.get(f.kind, ()),
            *unsure)

