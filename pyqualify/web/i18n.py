"""The page's words in Chinese and English; the rules' words come from :mod:`pyqualify.texts`."""

from __future__ import annotations

from typing import Any

from .. import texts
from ..applicant import DIPLOMA_KINDS, EDUCATIONS, MODES, OCCUPATIONS, SKILL_TARGETS
from ..options import PlannerOptions
from ..params import SWITCH_IDS, THRESHOLDS, rule_defaults

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
assert tuple(ENUMS["education"]) == EDUCATIONS and tuple(ENUMS["kind"]) == DIPLOMA_KINDS
assert tuple(ENUMS["major"]) == OCCUPATIONS and tuple(ENUMS["skill_target"]) == SKILL_TARGETS
assert tuple(ENUMS["mode"]) == MODES

THRESHOLD_LABELS: dict[str, tuple[str, str]] = {
    "l4_1_work_months": ("L4-1 工作月数", "L4-1 months of work"),
    "l4_2_work_months": ("L4-2 工作月数", "L4-2 months of work"),
    "l4_2_training_hours": ("L4-2 培训学时", "L4-2 training hours"),
    "l3_2_work_months": ("L3-2 取得四级后工作月数", "L3-2 months of work since level 4"),
    "l2_1_work_months": ("L2-1 取得三级后工作月数", "L2-1 months of work since level 3"),
    "l2_2a_work_months": ("L2-2a 工作月数", "L2-2a months of work"),
    "l2_2b_work_months": ("L2-2b 工作月数", "L2-2b months of work"),
    "l1_1_work_months": ("L1-1 取得二级后工作月数", "L1-1 months of work since level 2"),
    "graduating_window_months": ("应届毕业生的月数范围", "months before graduation that count "
                                 "as graduating"),
}
assert tuple(THRESHOLD_LABELS) == THRESHOLDS

SWITCH_LABELS: dict[str, tuple[str, str]] = {
    "I1": ("I1：高职路线（L3-1b）也须持四级证书", "I1: the higher-vocational route (L3-1b) "
           "also needs the level-4 certificate"),
    "I2": ("I2：高级技工学校、技师学院毕业视同技工学校（L4-3a）", "I2: advanced-technical-school "
           "and technician-college diplomas count as technical school (L4-3a)"),
    "I3": ("I3：学历要求（高中毕业或同等学力）作为报考条件", "I3: enforce the education "
           "requirement (high school or equivalent)"),
}

UI: dict[str, tuple[str, str]] = {
    "title": ("全媒体运营师 报考条件自查", "All-Media Operator (全媒体运营师): may I apply?"),
    "intro": ("填写或载入您的学历、工作、培训和证书，即可看到现在可以报考的等级、所需材料，"
              "以及取得目标等级的最快路径。所有计算都在本服务器完成，不会发送到其他网站。",
              "Fill in or load your education, work, trainings and certificates to see the "
              "levels you may apply for now, what to bring, and your fastest path to the level "
              "you want. Everything is computed on this server; nothing goes to other sites."),
    "switch_lang": ("English", "中文"),
    "nav": ("导航", "Navigation"),
    "to_answers": ("跳到结果", "Jump to the answer"),
    "file": ("申请人文件", "Applicant file"),
    "load_file": ("载入 YAML/JSON 文件", "Load a YAML/JSON file"),
    "paste": ("粘贴文件内容", "Paste the file's text"),
    "paste_load": ("载入粘贴的内容", "Load the pasted text"),
    "save": ("保存为文件", "Save as a file"),
    "new": ("清空表单", "Clear the form"),
    "basics": ("基本情况", "Basics"),
    "id": ("编号或姓名（可选）", "ID or name (optional)"),
    "as_of": ("查询月份", "As of (month)"),
    "education": ("学历（高中及以下）", "Schooling (high school or below)"),
    "diplomas": ("毕业证书（含在读）", "Diplomas (also in progress)"),
    "work": ("工作经历", "Work"),
    "trainings": ("培训", "Trainings"),
    "certificates": ("职业技能等级证书", "Certificates"),
    "add_diploma": ("添加毕业证书", "Add a diploma"),
    "add_work": ("添加工作经历", "Add a work record"),
    "add_training": ("添加培训", "Add a training"),
    "add_certificate": ("添加证书", "Add a certificate"),
    "remove": ("删除", "Remove"),
    "kind": ("学校类别", "Kind of school"),
    "major": ("专业", "Major"),
    "skill_target": ("培养目标", "Skill target"),
    "graduation": ("毕业月份", "Graduation"),
    "mode": ("学习形式", "Mode"),
    "start": ("开始", "Start"),
    "end": ("结束（在职可空）", "End (empty: still working)"),
    "occupation": ("职业", "Occupation"),
    "hours": ("学时", "Hours"),
    "certificate": ("取得培训证书", "Training certificate"),
    "completed": ("结业月份", "Completed"),
    "level": ("等级", "Level"),
    "obtained": ("取得月份", "Obtained"),
    "month_hint": ("格式 YYYY-MM，如 2019-07", "as YYYY-MM, e.g. 2019-07"),
    "check": ("查看结果", "Show the answer"),
    "levels": ("可以报考的等级", "Levels you may apply for"),
    "path": ("最快路径", "Fastest path"),
    "target": ("目标等级", "Target level"),
    "whatif": ("假设条件（规则参数）", "What if (rule parameters)"),
    "planning": ("规划选项", "Planning options"),
    "no_study": ("不考虑新的学习", "no new study"),
    "no_training": ("不考虑培训", "no training course"),
    "no_assume_work": ("只计文件中的工作记录", "count only recorded work"),
    "reset": ("恢复默认", "Reset to defaults"),
    "held": ("已持证", "held"),
    "eligible": ("现在可以报考", "you may apply now"),
    "not_eligible": ("现在还不能报考", "not yet"),
    "edu_short": ("报考条件满足，但学历要求不满足", "a route admits, but the education "
                  "requirement is not met"),
    "routes": ("依据", "by"),
    "opens": ("无需新的学习或考试，预计 {month} 起可以报考（依据 {routes}）",
              "opens in {month} with nothing new but time (by {routes})"),
    "never_opens": ("仅靠时间推移，期限内不会满足", "does not open with time alone"),
    "lacks": ("各条报考条件尚缺", "What each route lacks"),
    "materials": ("报考需准备的材料", "What to bring"),
    "computing": ("正在计算…", "Working…"),
    "error_title": ("输入有误", "Please check the input"),
    "reachable": ("{month} 取得{level}证书，距查询月份 {months} 个月",
                  "{level} certificate in {month}, {months} months from as of"),
    "already": ("已持有{level}证书", "{level} certificate already held"),
    "unreachable": ("在规划期限内无法取得{level}证书", "{level} is not reachable within the "
                    "planning horizon"),
    "steps": ("步骤", "Steps"),
    "tradeoffs": ("时间与学习的取舍", "Time against study"),
    "study_months": ("学习 {n} 个月", "{n} months of study"),
    "no_new_study": ("不参加新的学习", "no new study"),
    "shown": ("（图中所示）", "(shown)"),
    "lane_study": ("学习", "Study"),
    "lane_training": ("培训", "Training"),
    "lane_work": ("工作", "Work"),
    "lane_exams": ("考试", "Exams"),
    "lane_certificates": ("证书", "Certificates"),
    "lane_certificates_short": ("证书", "Certif."),
    "lane_training_short": ("培训", "Training"),
    "months": ("{n} 个月", "{n} months"),
    "choose_file": ("选择文件…", "Choose a file…"),
    "timeline": ("时间线", "Timeline"),
    "no_edu": ("学历要求（高中毕业或同等学力）不满足：各等级都不能报考",
               "The education requirement (high school or equivalent) is not met: no level "
               "can be applied for"),
    "longer_horizon": ("把规划期限延长到 {n} 个月", "looking {n} months ahead"),
    "would_open": ("这些选项可以打开路径：", "What would open a path:"),
    "blocked": ("{level}到 {month} 仍缺：", "{level} still lacks by {month}:"),
    "notes": ("提示", "Notes"),
    "education_ok": ("学历要求", "Education requirement"),
    "met": ("满足", "met"),
    "not_met": ("不满足", "not met"),
    "api": ("API 文档", "API docs"),
    "footer": ("依据《全媒体运营师国家职业技能标准》申报条件；结果仅供参考，以评价机构为准。",
               "Based on the application conditions of the national standard; for guidance "
               "only: the evaluation body decides."),
    "loaded": ("已载入文件", "File loaded"),
    "server_error": ("服务器未能回答：", "The server could not answer: "),
    "have_need": ("已有 {have}，需要 {need}", "{have} of {need}"),
    "empty_section": ("（无）", "(none)"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def page_data(lang: str) -> dict[str, Any]:
    """Everything the page's script needs to show answers in ``lang``."""
    defaults = rule_defaults()
    catalog = PlannerOptions.default().catalog
    return {
        "lang": lang,
        "ui": {key: pick(pair, lang) for key, pair in UI.items()},
        "enums": {name: {value: pick(pair, lang) for value, pair in table.items()}
                  for name, table in ENUMS.items()},
        "routes": {route: pick(pair, lang) for route, pair in texts.ROUTE_SUMMARIES.items()},
        "l3_1b_extra": pick(("，并持四级证书", ", with the level-4 certificate"), lang),
        "conditions": {key: pick(pair, lang) for key, pair in texts.CONDITIONS.items()},
        "actions": {key: pick(pair, lang) for key, pair in texts.ACTIONS.items()},
        "programmes": {key: pick(pair, lang) for key, pair in texts.PROGRAMMES.items()},
        "options": {key: pick(pair, lang) for key, pair in texts.OPTIONS.items()},
        "warnings": {key: pick(pair, lang) for key, pair in texts.WARNINGS.items()},
        "materials": {key: pick(pair, lang) for key, pair in texts.MATERIAL_NAMES.items()},
        "catalog": {p.id: {"mode": p.mode, "months": p.months} for p in catalog},
        "thresholds": {name: defaults[name] for name in THRESHOLDS},
        "switches": {ident: defaults[name] for ident, name in SWITCH_IDS.items()},
    }


def form_words(lang: str) -> dict[str, Any]:
    """The template's words and choices."""
    defaults = rule_defaults()
    return {
        "ui": {key: pick(pair, lang) for key, pair in UI.items()},
        "enums": {name: [(value, pick(pair, lang)) for value, pair in table.items()]
                  for name, table in ENUMS.items()},
        "thresholds": [(name, defaults[name], pick(THRESHOLD_LABELS[name], lang))
                       for name in THRESHOLDS],
        "switches": [(ident, defaults[name], pick(SWITCH_LABELS[ident], lang))
                     for ident, name in SWITCH_IDS.items()],
        "level_names": {level: pick(texts.LEVEL_NAMES[level], lang) for level in (4, 3, 2, 1)},
    }
