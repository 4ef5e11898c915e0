"""The page's words in Chinese and English; the rules' words come from :mod:`pyqualify.texts`."""

from __future__ import annotations

from typing import Any

from .. import __version__, texts
from ..months import MONTH_SPELLINGS
from ..options import PlannerOptions
from ..params import SWITCH_IDS, THRESHOLDS, rule_defaults
from ..words import ENUMS, FIELD_ENUMS, FIELDS, RECORDS, UNKNOWN_WORDS, pick

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
    "education": ("学历（普通教育，高中及以下）",
                  "Schooling (general education, up to high school)"),
    "education_hint": ("大专、本科、研究生以及技工学校、中专、高职等学校的毕业证书（含在读），"
                       "请在下面的“毕业证书”中添加；这里只填高中及以下的普通教育。",
                       "Junior-college, bachelor's and higher degrees, and diplomas of technical, "
                       "vocational or higher-vocational schools (also in progress), go under "
                       "“Diplomas” below; here only general schooling up to high school."),
    "trainings_hint": ("本职业正规培训（如报考四级的 L4-2 条件）的学时与培训证书。",
                       "Formal training courses in this occupation (e.g. for route L4-2), "
                       "with their hours and training certificate."),
    "what_is": ("这是什么？", "What is this?"),
    "form": ("申请人信息", "The applicant"),
    "glossary": ("术语说明", "What the words mean"),
    "diplomas": ("毕业证书（含在读）", "Diplomas (also in progress)"),
    "work": ("工作经历", "Work"),
    "trainings": ("培训", "Trainings"),
    "certificates": ("职业技能等级证书", "Certificates"),
    "add_diplomas": ("添加毕业证书", "Add a diploma"),
    "add_work": ("添加工作经历", "Add a work record"),
    "add_trainings": ("添加培训", "Add a training"),
    "add_certificates": ("添加证书", "Add a certificate"),
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
    "month_hint": ("月份写作 2019-07，也可写 2019.7、2019/7、201907 或 2019年7月。",
                   "Months as 2019-07; 2019-7, 2019.7, 2019/7 and 201907 work too."),
    "check": ("查看结果", "Show the answer"),
    "levels": ("可以报考的等级", "Levels you may apply for"),
    "path": ("最快路径", "Fastest path"),
    "target": ("目标等级", "Target level"),
    "whatif": ("假设条件（规则参数）", "What if (rule parameters)"),
    "planning": ("规划选项（对“可以报考的等级”和“最快路径”都适用）",
                 "Planning options (for the levels and for the path alike)"),
    "switches": ("规则的解读", "Readings of the rules"),
    "thresholds": ("规则中的年限和学时", "Months and hours in the rules"),
    "horizon": ("规划期限（月）", "Planning horizon (months)"),
    "horizon_hint": ("从查询月份起，向后看多少个月（1 到 {max} 个月）。",
                     "How many months after the month asked about to look (1 to {max})."),
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
    "opens": ("预计 {month} 起可以报考（依据 {routes}）", "opens in {month} (by {routes})"),
    "never_opens": ("在 {horizon} 个月内，仅靠时间和工作不会满足报考条件",
                    "does not open within {horizon} months with time and work alone"),
    "assumes_work": ("假设：从 {as_of} 起每个月都从事本职业或相关职业的工作（全日制在读期间除外），"
                     "不再新增学历、培训或证书。",
                     "Assumes: relevant work every month from {as_of} on (except while in "
                     "full-time study), and no new diploma, training or certificate."),
    "assumes_records": ("假设：从 {as_of} 起只计文件中的工作记录（在职的工作照常继续），"
                        "不再新增学历、培训或证书。",
                        "Assumes: from {as_of} on only the recorded work counts (a job still "
                        "going on goes on), and no new diploma, training or certificate."),
    "held_note": ("已持有此等级的证书，无需再报考。", "You hold this level's certificate: "
                  "nothing to apply for."),
    "lacks": ("各条报考条件尚缺", "What each route lacks"),
    "materials": ("报考需准备的材料", "What to bring"),
    "computing": ("正在计算…", "Working…"),
    "error_title": ("输入有误", "Please check the input"),
    "reachable": ("{month} 取得{level}证书，距查询月份（{as_of}）{months} 个月",
                  "{level} certificate in {month}, {months} months after {as_of} (the month "
                  "asked about)"),
    "recommended": ("推荐", "Recommended"),
    "fastest": ("最快", "Fastest"),
    "recommend_advice": ("推荐不参加新的学习的方案：只比最快的方案（{fast}，需学习 {study} 个月）"
                         "晚 {n} 个月。学习只能节省 {n} 个月。",
                         "Recommended: the plan with no new study. The fastest plan ({fast}, "
                         "{study} months of study) saves only {n} months."),
    "chosen_advice": ("图中和步骤显示的是所选方案：{label}。", "The picture and the steps show the "
                      "chosen plan: {label}."),
    "rules_check": ("所依据的规则：{rules}；{params}；查询月份 {as_of}；{forecast}。",
                    "Rules applied: {rules}; {params}; as of {as_of}; {forecast}."),
    "rules_path": ("所依据的规则：{rules}；{params}；查询月份 {as_of}；{planner}。",
                   "Rules applied: {rules}; {params}; as of {as_of}; {planner}."),
    "rule_set": ("全媒体运营师报考条件 {n} 条（{first} 至 {last}）及学历要求 EDU，"
                 "pyqualify {version}",
                 "the application conditions of the 全媒体运营师 qualification, {n} routes "
                 "({first} to {last}) and the education requirement EDU, pyqualify {version}"),
    "params_default": ("全部参数为默认值（I1 是、I2 是、I3 是）", "every parameter at its default "
                       "(I1, I2, I3 on)"),
    "params_changed": ("改动的参数：{changes}", "parameters changed: {changes}"),
    "forecast_words": ("预计可报考的月份在 {horizon} 个月内推算，{work}",
                       "opening months looked for within {horizon} months, {work}"),
    "planner_words": ("规划期限 {horizon} 个月，{work}，{study}，{training}，考后 {delay} 个月取证",
                      "horizon {horizon} months, {work}, {study}, {training}, certificates "
                      "{delay} months after the exam"),
    "work_assumed": ("假设从事相关工作", "relevant work assumed"),
    "work_recorded": ("只计工作记录", "recorded work only"),
    "study_allowed": ("可以新的学习", "new study allowed"),
    "study_ruled_out": ("不考虑新的学习", "no new study"),
    "training_allowed": ("可以参加培训", "training allowed"),
    "training_ruled_out": ("不考虑培训", "no training"),
    "yes": ("是", "on"), "no": ("否", "off"),
    "stale": ("（正在更新）", "(updating)"),
    "file_too_large": ("文件“{name}”有 {size}，超过 1 MiB 的上限：申请人文件通常只有几 KB，"
                       "请检查是否选错了文件。", "The file “{name}” is {size}, over the 1 MiB "
                       "limit: an applicant file is a few KB; was it the right file?"),
    "paste_empty": ("粘贴框是空的：请先把申请人文件（YAML 或 JSON）的内容粘贴进来。",
                    "The paste box is empty: paste the text of an applicant file (YAML or "
                    "JSON) first."),
    "link_unreadable": ("这个链接中保存的表单无法读取，已打开空白表单。",
                        "The form kept in this link cannot be read; the page starts empty."),
    "restored": ("已从链接恢复表单", "Form restored from the link"),
    "check_box": ("准备好后打勾", "tick when ready"),
    "print_title": ("{id}查询月份 {as_of}", "{id}as of {as_of}"),
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


GLOSSARY: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "skill_target": (("培养目标", "skill target (培养目标)"), (
        "学校为这个专业定下的培养层次：中级技能或高级技能，写在学校的专业人才培养方案或招生简章里。"
        "毕业证书本身通常不写；不清楚时请向学校询问，或选“无”。",
        "The skill level the school's programme is designed to train, intermediate or "
        "advanced skills, as its training plan or prospectus states. The diploma itself "
        "usually does not say it: ask the school, or choose “none” when unsure.")),
    "assessed": (("经评估论证", "assessed (经评估论证)"), (
        "报考条件中的“经评估论证、以中级（高级）技能为培养目标”，指这个专业的培养目标经过人力资源"
        "社会保障部门（或教育主管部门）组织的评估论证；只有这样的专业，其毕业证书才按“中级技能”"
        "或“高级技能”的培养目标计算（L4-3b、L3-1b）。",
        "The conditions' “assessed as training intermediate (advanced) skills” means the "
        "programme's skill target was assessed and confirmed by the human-resources and "
        "social-security (or education) authorities; only then does its diploma count as "
        "training intermediate or advanced skills (routes L4-3b, L3-1b).")),
    "formal_training": (("正规培训", "formal training (正规培训)"), (
        "由有资质的培训机构按本职业的培训要求组织、达到规定标准学时（L4-2 要求不少于 40 标准学时）"
        "并发给培训证书（结业证书）的培训。",
        "A course in this occupation run by an approved training body to the occupation's "
        "training standard, with at least the standard hours asked for (40 for route L4-2) "
        "and a training certificate at the end.")),
    "related_occupation": (("相关职业", "related occupation (相关职业)"), (
        "与全媒体运营师工作内容相近的职业，例如新媒体运营、网络编辑、电子商务运营、市场营销、"
        "记者编辑等；是否算相关职业，以评价机构的认定为准。“本职业”即全媒体运营师本身。",
        "An occupation close to the work of an All-Media Operator, such as new-media "
        "operations, online editing, e-commerce operations, marketing or journalism; the "
        "evaluation body decides what counts. “This occupation” is All-Media Operator itself.")),
}


# --- the step-by-step mode (逐步问答, docs/partial.md section 4) ------------------------------

ASK_UI: dict[str, tuple[str, str]] = {
    "title": ("逐步问答", "Step by step"),
    "intro": ("一次回答一个问题，只问会改变结果的问题。随时可以改为填写完整表单，已回答的内容"
              "不会丢失。", "One question at a time, and only the questions whose answer can "
              "change the result. You can switch to the whole form at any time without losing "
              "your answers."),
    "to_form": ("改为填写完整表单", "Fill in the whole form instead"),
    "to_ask": ("改为逐步问答（一次一个问题）", "Answer step by step instead (one question at a "
               "time)"),
    "levels": ("根据目前的回答", "From your answers so far"),
    "yes": ("可以", "may apply"),
    "no": ("不可以", "may not apply"),
    "depends": ("待定", "not decided yet"),
    "held": ("已持证", "held"),
    "next": ("下一步", "Next"),
    "back": ("上一题", "Back"),
    "restart": ("重新开始", "Start again"),
    "none": ("没有", "None"),
    "add_record": ("再添加一条", "Add another"),
    "remove_record": ("删除", "Remove"),
    "still_going": ("仍在进行（没有结束）", "Still going on (no end)"),
    "why": ("为什么问：回答可能改变 {routes} 的结果", "Why this is asked: the answer can change "
            "{routes}"),
    "asked": ("已回答 {n} 个问题", "{n} questions answered"),
    "done": ("问答完成：其余的情况都不会改变结果。", "Done: nothing else you could tell would "
             "change the result."),
    "done_form": ("在完整表单中查看或修改", "See or change it in the whole form"),
    "save": ("保存为文件", "Save as a file"),
    "path_later": ("回答完问题后，这里显示最快路径。", "The fastest path is shown here once the "
                   "questions are answered."),
    "options_note": ("逐步问答按默认的规则参数计算；假设条件和规划选项只在完整表单中适用。",
                     "Step by step uses the rules' default parameters; the what-ifs and "
                     "planning options apply in the whole form only."),
    "records_hint": ("每条填写一行；一条也没有就点“没有”。", "One entry each; press “None” if "
                     "there are none."),
    "refused": ("这个回答没有被接受，请改正后再点“下一步”。", "This answer was not accepted: "
                "correct it and press “Next” again."),
    "unreadable": ("无法开始问答：", "The interview cannot start: "),
    "question": ("问题", "Question"),
    "what_is": ("这是什么意思？", "What does this mean?"),
    "choose": ("请选择…", "Choose…"),
    "unknowns": ("尚未问到或回答“不确定”的事项", "Facts not asked yet, or answered “not sure”"),
    "answers": ("你的回答", "Your answers"),
    "none_given": ("没有", "none"),
    "still_going_short": ("仍在进行", "still going on"),
    "depends_section": ("取决于尚未回答的{field}：可能凭 {routes} 报考",
                        "depends on your {field}, not asked yet: possibly by {routes}"),
}


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
        "shortfalls": {key: pick(pair, lang) for key, pair in texts.SHORTFALL_TEXTS.items()},
        "threshold_labels": {name: pick(pair, lang) for name, pair in THRESHOLD_LABELS.items()},
        "month_pattern": MONTH_SPELLINGS,
        "version": __version__,
        "catalog": {p.id: {"mode": p.mode, "months": p.months} for p in catalog},
        "thresholds": {name: defaults[name] for name in THRESHOLDS},
        "switches": {ident: defaults[name] for ident, name in SWITCH_IDS.items()},
        "switch_names": dict(SWITCH_IDS),
        # facts a person is not sure of: the words of a level that depends
        "unknown": pick(UNKNOWN_WORDS, lang),
        "records": {key: pick(pair, lang) for key, pair in RECORDS.items()},
        "fields": {key: pick(pair, lang) for key, pair in FIELDS.items()},
        "field_enums": FIELD_ENUMS,
        "partial": {key: pick(pair, lang) for key, pair in texts.PARTIAL_LABELS.items()},
        # the step-by-step mode: its words and the glossary's explanations of its questions
        "ask": {key: pick(pair, lang) for key, pair in ASK_UI.items()},
        "terms": {key: [pick(term, lang), pick(words, lang)]
                  for key, (term, words) in GLOSSARY.items()},
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
        "unknown_label": pick(UNKNOWN_WORDS, lang),
        "glossary": [(key, pick(term, lang), pick(words, lang))
                     for key, (term, words) in GLOSSARY.items()],
        "ask": {key: pick(pair, lang) for key, pair in ASK_UI.items()},
    }
