"""Words for people, in Chinese and English (the rules themselves live in logic/).

Summaries use the parameters in force, so "what if L1-1 said 36 months" reads right.
"""

from __future__ import annotations

from typing import Any

LANGS = ("zh", "en")

LEVEL_NAMES: dict[int, tuple[str, str]] = {
    4: ("四级/中级工", "Level 4, intermediate worker"),
    3: ("三级/高级工", "Level 3, senior worker"),
    2: ("二级/技师", "Level 2, technician"),
    1: ("一级/高级技师", "Level 1, senior technician"),
}

ROUTE_SUMMARIES: dict[str, tuple[str, str]] = {
    "L4-1": ("累计从事本职业或相关职业工作满{l4_1_work_months}个月",
             "{l4_1_work_months} months of relevant work"),
    "L4-2": ("工作满{l4_2_work_months}个月，并经本职业正规培训不少于{l4_2_training_hours}"
             "标准学时、取得培训证书",
             "{l4_2_work_months} months of relevant work and a certified training course of "
             "{l4_2_training_hours}+ hours in this occupation"),
    "L4-3a": ("技工学校本专业或相关专业毕业（含应届毕业生）",
              "technical-school diploma in a fitting major (graduated or graduating)"),
    "L4-3b": ("以中级技能为培养目标的中等及以上院校相关专业毕业",
              "diploma of a programme training intermediate skills, fitting major (graduated)"),
    "L4-3c": ("大专及以上本专业或相关专业毕业（含应届毕业生）",
              "junior-college-or-above diploma in a fitting major (graduated or graduating)"),
    "L3-1a": ("持四级证书，并为高级技工学校、技师学院毕业生（含应届）",
              "level-4 certificate and an advanced-technical-school or technician-college "
              "diploma (graduated or graduating)"),
    "L3-1b": ("以高级技能为培养目标的高等职业学校本专业或相关专业毕业（含应届）{l3_1b_extra_zh}",
              "higher-vocational diploma training advanced skills, fitting major (graduated or "
              "graduating){l3_1b_extra_en}"),
    "L3-2": ("大专及以上本专业或相关专业毕业，取得四级证书后工作满{l3_2_work_months}个月",
             "junior-college-or-above graduate in a fitting major, and {l3_2_work_months} months "
             "of relevant work since the level-4 certificate"),
    "L2-1": ("取得三级证书后工作满{l2_1_work_months}个月",
             "{l2_1_work_months} months of relevant work since the level-3 certificate"),
    "L2-2a": ("持三级证书的高级技工学校、技师学院毕业生，累计工作满{l2_2a_work_months}个月",
              "advanced-technical-school or technician-college graduate with the level-3 "
              "certificate and {l2_2a_work_months} months of relevant work"),
    "L2-2b": ("持预备技师证书的技师学院毕业生，累计工作满{l2_2b_work_months}个月",
              "technician-college graduate with the preparatory technician certificate and "
              "{l2_2b_work_months} months of relevant work"),
    "L1-1": ("取得二级证书后工作满{l1_1_work_months}个月",
             "{l1_1_work_months} months of relevant work since the level-2 certificate"),
}

CONDITIONS: dict[str, tuple[str, str]] = {
    "work": ("累计工作年限", "enough months of relevant work"),
    "training": ("本职业正规培训证书", "a certified training course in this occupation"),
    "technical_school_diploma": ("技工学校相关专业毕业证书", "a technical-school diploma"),
    "intermediate_skill_diploma": ("中级技能培养目标的毕业证书",
                                   "a diploma training intermediate skills"),
    "college_diploma": ("大专及以上相关专业毕业证书", "a junior-college-or-above diploma"),
    "college_graduate": ("大专及以上相关专业毕业（已毕业）",
                         "a junior-college-or-above diploma, graduated"),
    "technician_school_diploma": ("高级技工学校或技师学院毕业证书",
                                  "an advanced-technical-school or technician-college diploma"),
    "technician_school_graduate": ("高级技工学校或技师学院毕业（已毕业）",
                                   "graduated from an advanced technical school or technician "
                                   "college"),
    "technician_college_graduate": ("技师学院毕业（已毕业）",
                                    "graduated from a technician college"),
    "advanced_skill_diploma": ("高级技能培养目标的高职毕业证书",
                               "a higher-vocational diploma training advanced skills"),
    "level4_certificate": ("四级证书", "the level-4 certificate"),
    "level3_certificate": ("三级证书", "the level-3 certificate"),
    "level2_certificate": ("二级证书", "the level-2 certificate"),
    "preparatory_technician_certificate": ("预备技师证书",
                                           "the preparatory technician certificate"),
    "work_since_level4": ("取得四级证书后的工作年限", "enough work since the level-4 certificate"),
    "work_since_level3": ("取得三级证书后的工作年限", "enough work since the level-3 certificate"),
    "work_since_level2": ("取得二级证书后的工作年限", "enough work since the level-2 certificate"),
}

WARNINGS: dict[str, tuple[str, str]] = {
    "certificate_awaited": ("{field}： 证书日期 {month} 晚于查询月份，尚不计入",
                            "{field}: certificate dated {month}, after as_of: awaited, "
                            "not counted yet"),
    "training_not_completed": ("{field}： 培训 {month} 才结业，尚不计入",
                               "{field}: training completes {month}, after as_of: "
                               "not counted yet"),
    "work_not_started": ("{field}： 工作自 {month} 开始，尚不计入",
                         "{field}: work starts {month}, after as_of: not counted yet"),
}

LABELS: dict[str, tuple[str, str]] = {
    "as_of": ("查询月份", "as of"),
    "edu": ("学历要求（高中毕业或同等学力）", "Education requirement (high school or equivalent)"),
    "met": ("满足", "met"),
    "not_met": ("不满足", "not met"),
    "reported_only": ("（仅提示，不作为条件）", "(reported only, not enforced)"),
    "held": ("已持证", "Held"),
    "closest": ("最接近", "closest"),
    "level": ("等级", "Level"),
    "eligible_col": ("可报考", "May apply"),
    "routes_col": ("依据的报考条件（或尚缺什么）", "Routes that admit it (or what is missing)"),
    "yes": ("是", "yes"),
    "edu_short": ("学历不符", "education"),
    "missing": ("尚缺", "missing"),
    "warnings": ("提示", "Notes"),
    "readings": ("规则参数", "Rule parameters"),
    "defaults": ("全部为默认值", "all defaults"),
    "via": ("依据", "via"),
}


def text(table: dict[Any, tuple[str, str]], key: Any, lang: str, **values: Any) -> str:
    """The entry of a table in a language, with ``{placeholders}`` filled in."""
    zh, en = table[key]
    return (zh if lang == "zh" else en).format(**values)


def route_summary(route: str, lang: str, params: dict[str, Any]) -> str:
    """A one-line description of a route with the thresholds in force."""
    values = dict(params)
    needs_l4 = bool(params.get("l3_1b_requires_l4", True))
    values["l3_1b_extra_zh"] = "，并持四级证书" if needs_l4 else ""
    values["l3_1b_extra_en"] = ", with the level-4 certificate" if needs_l4 else ""
    return text(ROUTE_SUMMARIES, route, lang, **values)

PROGRAMMES: dict[str, tuple[str, str]] = {
    "technical_school": ("技工学校（全日制3年，中级技能）",
                         "technical school (3 years full-time, intermediate skills)"),
    "junior_college_part_time": ("业余大专（2.5年，在职）", "part-time junior college (2.5 years, "
                                 "while working)"),
    "higher_vocational": ("高职（全日制3年，高级技能）",
                          "higher vocational college (3 years full-time, advanced skills)"),
    "advanced_technical_school": ("高级技工学校（全日制3年）",
                                  "advanced technical school (3 years full-time)"),
    "technician_college_preparatory": ("技师学院预备技师班（全日制4年）",
                                       "technician college, preparatory technician class "
                                       "(4 years full-time)"),
    "higher_vocational_5yr": ("五年制高职（全日制）", "5-year higher vocational college "
                              "(full-time)"),
    "advanced_technical_school_5yr": ("五年制高级技工学校（全日制）",
                                      "5-year advanced technical school (full-time)"),
    "technician_college_preparatory_6yr": ("六年制技师学院预备技师班（全日制）",
                                           "6-year technician college, preparatory technician "
                                           "class (full-time)"),
}

ACTIONS: dict[str, tuple[str, str]] = {
    "start_training": ("参加本职业正规培训", "start a training course in this occupation"),
    "complete_training": ("培训结业，取得培训证书", "training completed, training certificate"),
    "start_study": ("入学：{program}", "start study: {program}"),
    "graduate": ("毕业：{program}", "graduate: {program}"),
    "exam": ("报考{level}", "exam: {level}"),
    "certificate": ("取得{level}证书", "certificate: {level}"),
}

PATH_LABELS: dict[str, tuple[str, str]] = {
    "headline": ("{level}：{month} 取得证书，距今 {months} 个月",
                 "{level} in {month}, {months} months from now"),
    "held": ("{level}：已持有该证书", "{level}: already held"),
    "unreachable": ("{level}：在 {end} 之前（{horizon} 个月内）无法取得",
                    "{level}: not reachable by {end} (within {horizon} months)"),
    "month": ("月份", "Month"),
    "todo": ("做什么", "What to do"),
    "via": ("依据", "via"),
    "plan": ("方案", "Plan"),
    "tradeoffs": ("时间与学习的取舍", "Trade-off between time and study"),
    "no_study": ("不参加新的学习", "no new study"),
    "study_months": ("学习 {n} 个月", "{n} months of study"),
    "months_later": ("{n} 个月", "{n} months"),
    "fastest": ("最快", "fastest"),
    "highest": ("最多能取得：{level}", "The furthest you get: {level}"),
    "nothing": ("任何等级都无法取得", "no level can be obtained"),
    "blocked": ("{level}的各条报考条件，到 {end} 仍缺：", "{level} stays closed; by {end} "
                "each route still lacks:"),
    "no_edu": ("学历要求（高中毕业或同等学力）不满足", "the education requirement (high school "
               "or equivalent) is not met"),
    "would_open": ("以下选项可以打开路径：", "What would open a path:"),
    "none_opens": ("放宽学习、培训、工作假设或延长期限都无法打开路径",
                   "no relaxation of study, training, work or horizon opens a path"),
    "option": ("{option} → {month}（{months} 个月）", "{option} → {month} ({months} months)"),
    "also": ("另一个同样最优的方案", "Another equally good plan"),
}

OPTIONS: dict[str, tuple[str, str]] = {
    "allow_study": ("允许学习", "allowing study"),
    "all_programmes": ("允许全部学习项目", "allowing every programme"),
    "allow_training": ("允许参加培训", "allowing training"),
    "assume_work": ("假设每月都从事相关工作", "assuming relevant work every month"),
}


def describe_route(route: str, lang: str = "en", params: Any = None) -> str:
    """A route in one line, with the thresholds in force (``params``: a RuleParams, a dict
    of overrides, or None for the defaults)."""
    from .params import RuleParams

    return route_summary(route, lang, RuleParams.of(params).as_dict())


def describe_condition(condition: str, lang: str = "en") -> str:
    """A condition name of ``unmet`` (e.g. ``work_since_level3``) in words."""
    return text(CONDITIONS, condition, lang)

# --- explanations (docs/explanations.md) -----------------------------------------------------

SHORT_LEVEL_NAMES: dict[int, tuple[str, str]] = {
    4: ("四级/中级工", "Level 4"), 3: ("三级/高级工", "Level 3"),
    2: ("二级/技师", "Level 2"), 1: ("一级/高级技师", "Level 1"),
}

MATERIAL_NAMES: dict[str, tuple[str, str]] = {
    "id_card": ("身份证", "ID card"),
    "education_proof": ("学历证明", "proof of education (the highest diploma, or the "
                        "high-school certificate)"),
    "enrolment_proof": ("在校证明（应届毕业生）", "proof of enrolment (graduating student)"),
    "work_proof": ("工作经验证明（单位出具）", "proof of work experience (from the employer)"),
    "training_certificate": ("培训证书（不少于{l4_2_training_hours}标准学时）",
                             "training certificate ({l4_2_training_hours}+ standard hours)"),
    "certificate_level4": ("四级/中级工证书", "level-4 (intermediate worker) certificate"),
    "certificate_level3": ("三级/高级工证书", "level-3 (senior worker) certificate"),
    "certificate_level2": ("二级/技师证书", "level-2 (technician) certificate"),
    "preparatory_technician_certificate": ("预备技师证书", "preparatory technician certificate"),
}

# How far a counting condition is: n = need - have.
SHORTFALL_TEXTS: dict[str, tuple[str, str]] = {
    "work": ("还差 {n} 个月（累计相关工作 {have}/{need} 个月）",
             "{n} more months of relevant work ({have}/{need})"),
    "work_since_level4": ("还差 {n} 个月（取得四级证书后的相关工作 {have}/{need} 个月）",
                          "{n} more months of relevant work since the level-4 certificate "
                          "({have}/{need})"),
    "work_since_level3": ("还差 {n} 个月（取得三级证书后的相关工作 {have}/{need} 个月）",
                          "{n} more months of relevant work since the level-3 certificate "
                          "({have}/{need})"),
    "work_since_level2": ("还差 {n} 个月（取得二级证书后的相关工作 {have}/{need} 个月）",
                          "{n} more months of relevant work since the level-2 certificate "
                          "({have}/{need})"),
    "training": ("培训还差 {n} 学时（{have}/{need} 学时）",
                 "{n} more hours of certified training ({have}/{need})"),
}

EXPLAIN_LABELS: dict[str, tuple[str, str]] = {
    "opens_title": ("何时可报考（只考虑时间和工作）", "When each level opens (with time and "
                    "work alone)"),
    "opens": ("{level}: {month} 起可报考 ({routes}), {condition}",
              "{level} opens in {month} ({routes}) {condition}"),
    "if_work": ("如继续从事相关工作", "if you keep working"),
    "if_records": ("如现有工作记录照常", "if your work goes on as recorded"),
    "never": ("{level}: {horizon} 个月内仅靠时间和工作无法报考（见 pyqualify path）",
              "{level} does not open with time and work alone within {horizon} months "
              "(see pyqualify path)"),
    "shortfall_title": ("还差什么（最接近的报考条件在前）",
                        "What is missing (nearest route first)"),
    "materials_title": ("报考材料（今天申请时需准备）", "What to bring to apply today"),
}

# Facts a person is not sure of (docs/partial.md): a level that depends, and on what.
PARTIAL_LABELS: dict[str, tuple[str, str]] = {
    "depends": ("取决于", "depends"),
    "possibly": ("可能依据 {routes}（见下）", "possibly {routes} (see below)"),
    "unknowns": ("不确定的事项", "Facts you are not sure of"),
    "depends_title": ("取决于不确定的事项", "What the answer depends on"),
    "depends_level": ("{level}取决于", "{level} depends on"),
    "admits_if": ("若{field}是{readings}，可凭 {routes} 报考",
                  "if the {field} is {readings}, you may apply by {routes}"),
    "admits_if_certificate": ("若{record}取得了培训证书，可凭 {routes} 报考",
                              "if {record} ended with a training certificate, you may apply "
                              "by {routes}"),
    "or": ("或", " or "),
    "and": ("且", " and "),
    "plan_holds": ("这个方案无论不确定的事项是怎样都可行（按最不利的情况安排）。",
                   "This plan works whatever the facts you are not sure of are (it is made "
                   "for the least favourable answers)."),
    "best_case": ("若{facts}，最快 {month} 取得，距今 {months} 个月。",
                  "If {facts}: {month}, {months} months from now."),
    "best_case_plain": ("按最不利的情况，但不必为不确定的证书等待时，最快 {month} 取得，"
                        "距今 {months} 个月。",
                        "With the least favourable answers, without waiting for the "
                        "certificate you are not sure of: {month}, {months} months from now."),
    "is": ("{field}是{value}", "the {field} is {value}"),
    "has_certificate": ("{record}取得了培训证书", "{record} ended with a training certificate"),
    "no_certificate": ("{record}没有取得培训证书", "{record} ended without a training "
                       "certificate"),
    "skip_if": ("若{records}属于本职业或相关职业，就不必参加这次考试（该等级已持证或待发证）",
                "skip this exam if {records} is of this or a related occupation: that level "
                "is then held or awaited"),
    "least_note": ("以下“何时可报考”“还差什么”和“报考材料”按最不利的情况计算：每件不确定的事"
                   "都按不利的一面算。",
                   "When each level opens, what is missing and what to bring (below) assume "
                   "the least favourable answer to each fact you are not sure of."),
}

AUDIT_LABELS: dict[str, tuple[str, str]] = {
    "title": ("规则自检（{as_of}）：每条报考条件的见证人（唯一满足该等级的报考条件）",
              "Audit of the rules ({as_of}): a witness per route (the only route of its level "
              "that admits)"),
    "witness": ("见证人：{records}", "witness: {records}"),
    "subsumed": ("无见证人：凡满足它者也满足 {by}", "no witness: {by} admits whenever it does"),
    "jointly": ("无见证人：凡满足它者也满足 {by} 之一", "no witness: one of {by} admits "
                "whenever it does"),
    "never": ("任何申请人都不满足", "admits no applicant at all"),
    "earliest_title": ("仅有高中学历者最快多久取得各级证书",
                       "Fewest months from high school alone to each certificate"),
    "earliest": ("{months} 个月（{month}）", "{months} months ({month})"),
    "unreachable": ("无法取得", "not reachable"),
}
