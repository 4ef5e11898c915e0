"""Independent pure-Python reference of the eligibility rules (docs/rules.md).

Written from ``docs/rules.md`` and ``tests/reference/CONTRACT.md`` alone, without looking
at ``logic/`` or ``pyqualify/``, so that the clingo engine can be checked against it.
Standard library only.

Every route is one small function named after its clause ID; the Chinese clause text is quoted
in its docstring.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

RULE_DEFAULTS: dict[str, Any] = {
    "l4_1_work_months": 36,
    "l4_2_work_months": 12,
    "l4_2_training_hours": 40,
    "l3_2_work_months": 24,
    "l2_1_work_months": 36,
    "l2_2a_work_months": 36,
    "l2_2b_work_months": 24,
    "l1_1_work_months": 48,
    "graduating_window_months": 12,
    "l3_1b_requires_l4": True,  # I1
    "higher_tier_counts_as_technical_school": True,  # I2
    "education_requirement": True,  # I3
}

# --- vocabulary -------------------------------------------------------------------------------

RELEVANT = frozenset({"same", "related"})  # 本职业或相关职业 / 本专业或相关专业
TECHNICAL_SCHOOL = "technical_school"  # 技工学校
# 高级技工学校、技师学院
ADVANCED_TECHNICAL = frozenset({"advanced_technical_school", "technician_college"})
TECHNICIAN_COLLEGE = "technician_college"  # 技师学院
HIGHER_VOCATIONAL = "higher_vocational"  # 高等职业学校
DAZHUAN_OR_ABOVE = frozenset(  # 大专及以上
    {"higher_vocational", "junior_college", "bachelor", "master", "doctorate"}
)
PREPARATORY = "preparatory_technician"  # 预备技师证书

LEVELS = (4, 3, 2, 1)


# --- months -----------------------------------------------------------------------------------


def month_index(month: str) -> int:
    """Encode "YYYY-MM" as ``year * 12 + (month - 1)`` (CONTRACT.md)."""
    year, mon = str(month).split("-")
    return int(year) * 12 + (int(mon) - 1)


def month_str(index: int) -> str:
    """Decode a month index back to "YYYY-MM"."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _current_month() -> str:
    today = datetime.date.today()
    return f"{today.year:04d}-{today.month:02d}"


# --- parameters -------------------------------------------------------------------------------


def merge_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """RULE_DEFAULTS overridden by ``params``; unknown keys are refused (they are typos)."""
    merged = dict(RULE_DEFAULTS)
    if params:
        unknown = set(params) - set(RULE_DEFAULTS)
        if unknown:
            raise ValueError(f"unknown rule parameter(s): {sorted(unknown)}")
        merged.update(params)
    return merged


# --- the applicant's facts, seen at as_of -----------------------------------------------------


@dataclass(frozen=True)
class Diploma:
    """One diploma with its graduation month as an index."""

    kind: str
    major: str
    skill_target: str
    graduation: int


def _level_key(level: Any) -> int | str:
    """Certificate level as int 4/3/2/1 or the string "preparatory_technician"."""
    if isinstance(level, str) and level.isdigit():
        return int(level)
    return level


class Facts:
    """The definitions of docs/rules.md ("Definitions that every route uses") for one applicant."""

    def __init__(self, applicant: Mapping[str, Any], params: Mapping[str, Any]) -> None:
        self.params = params
        self.as_of = month_index(applicant.get("as_of") or _current_month())
        self.education: str = applicant["education"]
        self.diplomas = [
            Diploma(
                kind=d["kind"],
                major=d["major"],
                skill_target=d.get("skill_target") or "none",
                graduation=month_index(d["graduation"]),
            )
            for d in applicant.get("diplomas") or []
        ]
        self.trainings = list(applicant.get("trainings") or [])
        self.certificates = list(applicant.get("certificates") or [])
        self.work_months = self._relevant_work_months(applicant.get("work") or [])

    # Relevant work month: some same/related record covers m (start <= m <= end, an ongoing
    # record has no end) and m < as_of. Overlaps count once (a set).
    def _relevant_work_months(self, records: list[Mapping[str, Any]]) -> frozenset[int]:
        months: set[int] = set()
        for record in records:
            if record["occupation"] not in RELEVANT:
                continue
            start = month_index(record["start"])
            end = record.get("end")
            last = self.as_of - 1 if end is None else min(month_index(end), self.as_of - 1)
            months.update(range(start, last + 1))
        return frozenset(months)

    def total_work(self) -> int:
        """累计从事本职业或相关职业工作: all relevant work months before as_of."""
        return len(self.work_months)

    def work_since(self, obtained: int) -> int:
        """ "取得…证书后, 累计…工作": relevant months m with obtained <= m < as_of."""
        return sum(1 for m in self.work_months if m >= obtained)

    # Holding a certificate: same/related and obtained <= as_of; the earliest of a level counts.
    def certificate(self, level: int | str) -> int | None:
        """Month of the earliest counting certificate of ``level``, or None."""
        months = [
            month_index(c["obtained"])
            for c in self.certificates
            if _level_key(c["level"]) == level
            and c["occupation"] in RELEVANT
            and month_index(c["obtained"]) <= self.as_of
        ]
        return min(months) if months else None

    def holds(self, level: int | str) -> bool:
        """True when a counting certificate of ``level`` is held at as_of."""
        return self.certificate(level) is not None

    # Diploma status: graduated G <= as_of; graduating as_of < G <= as_of + window.
    def graduated(self, d: Diploma) -> bool:
        """The diploma's graduation month is not after as_of."""
        return d.graduation <= self.as_of

    def graduating(self, d: Diploma) -> bool:
        """在校应届毕业生: graduation within the graduating window after as_of."""
        window = self.params["graduating_window_months"]
        return self.as_of < d.graduation <= self.as_of + window

    def graduated_or_graduating(self, d: Diploma) -> bool:
        """Clauses with 含尚未取得毕业证书的在校应届毕业生 accept both."""
        return self.graduated(d) or self.graduating(d)

    def any_diploma(self, accept: Callable[[Diploma], bool]) -> bool:
        """True when some diploma satisfies ``accept``."""
        return any(accept(d) for d in self.diplomas)


# --- EDU --------------------------------------------------------------------------------------


def edu(f: Facts) -> bool:
    """EDU: 全媒体运营师的普通受教育程度要求为高中毕业(或同等学力)。

    high_school/equivalent, or any diploma (every kind is at least upper-secondary) that is
    graduated or graduating.
    """
    if f.education in ("high_school", "equivalent"):
        return True
    return f.any_diploma(f.graduated_or_graduating)


# --- level 4 (四级/中级工) ----------------------------------------------------------------------


def l4_1(f: Facts) -> bool:
    """L4-1: 累计从事本职业或相关职业工作3年(含)以上。"""
    return f.total_work() >= f.params["l4_1_work_months"]


def l4_2(f: Facts) -> bool:
    """L4-2: 累计从事本职业或相关职业工作1年(含)以上,经本职业正规培训,完成不低于40标准学时,
    并取得培训证书。

    One training record (hours are not added up across records): occupation same (本职业 only),
    hours >= threshold, certificate true, completed <= as_of.
    """
    return f.total_work() >= f.params["l4_2_work_months"] and l4_2_training(f)


def l4_3a(f: Facts) -> bool:
    """L4-3a: 具有技工学校本专业或相关专业的毕业证书(含尚未取得毕业证书的在校应届毕业生)

    I2 on: technical_school, advanced_technical_school or technician_college; off: only
    technical_school.
    """
    kinds = {TECHNICAL_SCHOOL}
    if f.params["higher_tier_counts_as_technical_school"]:
        kinds |= ADVANCED_TECHNICAL
    return f.any_diploma(
        lambda d: d.kind in kinds and d.major in RELEVANT and f.graduated_or_graduating(d)
    )


def l4_3b(f: Facts) -> bool:
    """L4-3b: 或具有经评估论证、以中级技能为培养目标的中等及以上院校相关专业毕业证书

    Any kind (中等及以上 = every kind), skill_target intermediate, major same/related,
    graduated only (no 应届 clause).
    """
    return f.any_diploma(
        lambda d: d.skill_target == "intermediate" and d.major in RELEVANT and f.graduated(d)
    )


def l4_3c(f: Facts) -> bool:
    """L4-3c: 或具有大专及以上本专业或相关专业毕业证书(含尚未取得毕业证书的在校应届毕业生)。"""
    return f.any_diploma(
        lambda d: (
            d.kind in DAZHUAN_OR_ABOVE and d.major in RELEVANT and f.graduated_or_graduating(d)
        )
    )


# --- level 3 (三级/高级工) ----------------------------------------------------------------------


def l3_1a(f: Facts) -> bool:
    """L3-1a: 取得本职业或相关职业四级/中级工职业资格证书,并具有高级技工学校、技师学院毕业证书
    (含尚未取得毕业证书的在校应届毕业生)

    Any major.
    """
    return f.holds(4) and f.any_diploma(
        lambda d: d.kind in ADVANCED_TECHNICAL and f.graduated_or_graduating(d)
    )


def l3_1b(f: Facts) -> bool:
    """L3-1b: 或具有经评估论证、以高级技能为培养目标的高等职业学校本专业或相关专业毕业证书
    (含尚未取得毕业证书的在校应届毕业生)。

    Under I1 (l3_1b_requires_l4) the level-4 certificate is required as well.
    """
    if f.params["l3_1b_requires_l4"] and not f.holds(4):
        return False
    return f.any_diploma(
        lambda d: (
            d.kind == HIGHER_VOCATIONAL
            and d.skill_target == "advanced"
            and d.major in RELEVANT
            and f.graduated_or_graduating(d)
        )
    )


def l3_2(f: Facts) -> bool:
    """L3-2: 具有大专及以上本专业或相关专业毕业证书,并取得本职业或相关职业四级/中级工职业资格证书后,
    累计从事本职业或相关职业工作2年(含)以上。

    Diploma graduated only; work counted from the (earliest) level-4 certificate's month.
    """
    l4 = f.certificate(4)
    if l4 is None:
        return False
    has_diploma = f.any_diploma(
        lambda d: d.kind in DAZHUAN_OR_ABOVE and d.major in RELEVANT and f.graduated(d)
    )
    return has_diploma and f.work_since(l4) >= f.params["l3_2_work_months"]


# --- level 2 (二级/技师) ------------------------------------------------------------------------


def l2_1(f: Facts) -> bool:
    """L2-1: 在取得本职业或相关职业三级/高级工职业资格证书后,
    累计从事本职业或相关职业工作3年(含)以上。
    """
    l3 = f.certificate(3)
    return l3 is not None and f.work_since(l3) >= f.params["l2_1_work_months"]


def l2_2a(f: Facts) -> bool:
    """L2-2a: 取得本职业或相关职业三级/高级工职业资格证书的高级技工学校、技师学院毕业生,
    累计从事本职业或相关职业工作3年(含)以上

    Graduated only (毕业生), any major; work in total, not only after the certificate.
    """
    return (
        f.holds(3)
        and f.any_diploma(lambda d: d.kind in ADVANCED_TECHNICAL and f.graduated(d))
        and f.total_work() >= f.params["l2_2a_work_months"]
    )


def l2_2b(f: Facts) -> bool:
    """L2-2b: 或取得本职业或相关职业预备技师证书的技师学院毕业生,
    累计从事本职业或相关职业工作2年(含)以上。

    Graduated from a technician college, any major; preparatory technician certificate; work in
    total. No lower-level certificate needed.
    """
    return (
        f.holds(PREPARATORY)
        and f.any_diploma(lambda d: d.kind == TECHNICIAN_COLLEGE and f.graduated(d))
        and f.total_work() >= f.params["l2_2b_work_months"]
    )


# --- level 1 (一级/高级技师) --------------------------------------------------------------------


def l1_1(f: Facts) -> bool:
    """L1-1: 在取得本职业或相关职业二级/技师职业资格证书后,
    累计从事本职业或相关职业工作4年(含)以上。
    """
    l2 = f.certificate(2)
    return l2 is not None and f.work_since(l2) >= f.params["l1_1_work_months"]


ROUTES: dict[int, dict[str, Callable[[Facts], bool]]] = {
    4: {"L4-1": l4_1, "L4-2": l4_2, "L4-3a": l4_3a, "L4-3b": l4_3b, "L4-3c": l4_3c},
    3: {"L3-1a": l3_1a, "L3-1b": l3_1b, "L3-2": l3_2},
    2: {"L2-1": l2_1, "L2-2a": l2_2a, "L2-2b": l2_2b},
    1: {"L1-1": l1_1},
}


# --- the answer -------------------------------------------------------------------------------


def reference_check(applicant: dict, params: dict | None = None) -> dict:
    """Decide every level for ``applicant`` (a valid applicant dict) as CONTRACT.md specifies.

    ``routes`` lists every route that holds whether or not EDU holds; ``eligible`` is
    (EDU holds or education_requirement is off) and routes non-empty; ``held`` is a counting
    certificate of that level at as_of.
    """
    p = merge_params(params)
    f = Facts(applicant, p)
    education_ok = edu(f)
    edu_satisfied = education_ok or not p["education_requirement"]
    levels = []
    for level in LEVELS:
        routes = sorted(rid for rid, route in ROUTES[level].items() if route(f))
        levels.append(
            {
                "level": level,
                "held": f.holds(level),
                "eligible": edu_satisfied and bool(routes),
                "routes": routes,
            }
        )
    return {"as_of": month_str(f.as_of), "education_ok": education_ok, "levels": levels}


# --- explanations (docs/explanations.md) ----------------------------------------------------
# Written from docs/explanations.md, docs/planner.md rule 1 and docs/rules.md; the condition
# names are the contract names of ``condition/2`` (docs/explanations.md: "its name
# (condition/2 of logic/rules.lp)").

HORIZON = 240


def _counting_training_hours(f: Facts) -> int:
    """Hours of the best training that counts for L4-2 apart from its hours (0 if none)."""
    return max(
        (
            t["hours"]
            for t in f.trainings
            if t["occupation"] == "same"
            and t["certificate"] is True
            and month_index(t["completed"]) <= f.as_of
        ),
        default=0,
    )


def l4_2_training(f: Facts) -> bool:
    """The training part of L4-2 alone (see l4_2)."""
    return any(
        t["occupation"] == "same"
        and t["hours"] >= f.params["l4_2_training_hours"]
        and t["certificate"] is True
        and month_index(t["completed"]) <= f.as_of
        for t in f.trainings
    )


def _since(f: Facts, level: int) -> int:
    """Months of work since the (earliest counting) certificate of ``level``; 0 if none."""
    first = f.certificate(level)
    return 0 if first is None else f.work_since(first)


def route_conditions(route: str, f: Facts) -> list[tuple[str, bool, int | None, int | None]]:
    """Every condition of ``route``: (name, met, have, need); have/need for counting ones."""
    p = f.params
    work = f.total_work()

    def count(name: str, have: int, need: int) -> tuple[str, bool, int | None, int | None]:
        return (name, have >= need, have, need)

    def since(name: str, level: int, need: int) -> tuple[str, bool, int | None, int | None]:
        # Work "counted from the certificate's month" needs the certificate to count from.
        have = _since(f, level)
        return (name, f.holds(level) and have >= need, have, need)

    def flag(name: str, met: bool) -> tuple[str, bool, int | None, int | None]:
        return (name, met, None, None)

    table: dict[str, list[tuple[str, bool, int | None, int | None]]] = {
        "L4-1": [count("work", work, p["l4_1_work_months"])],
        "L4-2": [
            count("work", work, p["l4_2_work_months"]),
            # A training record is needed, whatever the hours asked for.
            (
                "training",
                l4_2_training(f),
                _counting_training_hours(f),
                p["l4_2_training_hours"],
            ),
        ],
        "L4-3a": [flag("technical_school_diploma", l4_3a(f))],
        "L4-3b": [flag("intermediate_skill_diploma", l4_3b(f))],
        "L4-3c": [flag("college_diploma", l4_3c(f))],
        "L3-1a": [
            flag("level4_certificate", f.holds(4)),
            flag(
                "technician_school_diploma",
                f.any_diploma(
                    lambda d: d.kind in ADVANCED_TECHNICAL and f.graduated_or_graduating(d)
                ),
            ),
        ],
        "L3-1b": [
            flag(
                "advanced_skill_diploma",
                f.any_diploma(
                    lambda d: d.kind == HIGHER_VOCATIONAL
                    and d.skill_target == "advanced"
                    and d.major in RELEVANT
                    and f.graduated_or_graduating(d)
                ),
            ),
        ]
        + ([flag("level4_certificate", f.holds(4))] if p["l3_1b_requires_l4"] else []),
        "L3-2": [
            flag(
                "college_graduate",
                f.any_diploma(
                    lambda d: d.kind in DAZHUAN_OR_ABOVE and d.major in RELEVANT and f.graduated(d)
                ),
            ),
            flag("level4_certificate", f.holds(4)),
            since("work_since_level4", 4, p["l3_2_work_months"]),
        ],
        "L2-1": [
            flag("level3_certificate", f.holds(3)),
            since("work_since_level3", 3, p["l2_1_work_months"]),
        ],
        "L2-2a": [
            flag(
                "technician_school_graduate",
                f.any_diploma(lambda d: d.kind in ADVANCED_TECHNICAL and f.graduated(d)),
            ),
            flag("level3_certificate", f.holds(3)),
            count("work", work, p["l2_2a_work_months"]),
        ],
        "L2-2b": [
            flag(
                "technician_college_graduate",
                f.any_diploma(lambda d: d.kind == TECHNICIAN_COLLEGE and f.graduated(d)),
            ),
            flag("preparatory_technician_certificate", f.holds(PREPARATORY)),
            count("work", work, p["l2_2b_work_months"]),
        ],
        "L1-1": [
            flag("level2_certificate", f.holds(2)),
            since("work_since_level2", 2, p["l1_1_work_months"]),
        ],
    }
    return table[route]


def reference_shortfall(applicant: dict, params: dict | None = None) -> dict[str, list[dict]]:
    """docs/explanations.md ``shortfall``: for each route that does not admit, its unmet conditions,
    sorted by name, with have/need when the condition counts months or hours."""
    p = merge_params(params)
    f = Facts(applicant, p)
    found: dict[str, list[dict]] = {}
    for level in LEVELS:
        for rid, route in ROUTES[level].items():
            if route(f):
                continue
            unmet = []
            for name, met, have, need in sorted(route_conditions(rid, f)):
                if not met:
                    item: dict[str, Any] = {"condition": name}
                    if need is not None:
                        item.update(have=have, need=need)
                    unmet.append(item)
            found[rid] = unmet
    return found


MATERIAL_ORDER = (
    "id_card",
    "education_proof",
    "enrolment_proof",
    "work_proof",
    "training_certificate",
    "certificate_level4",
    "certificate_level3",
    "certificate_level2",
    "preparatory_technician_certificate",
)
WORK_ROUTES = frozenset({"L4-1", "L4-2", "L3-2", "L2-1", "L2-2a", "L2-2b", "L1-1"})


def reference_materials(applicant: dict, params: dict | None = None) -> dict[int, dict]:
    """docs/explanations.md ``materials``: level -> route -> document IDs, for eligible levels."""
    p = merge_params(params)
    f = Facts(applicant, p)
    graduated_only = dict(applicant)
    graduated_only["diplomas"] = [
        d for d in applicant.get("diplomas") or [] if month_index(d["graduation"]) <= f.as_of
    ]
    g = Facts(graduated_only, p)
    answer = reference_check(applicant, params)
    found: dict[int, dict] = {}
    for level in answer["levels"]:
        if not level["eligible"]:
            continue
        docs: dict[str, list[str]] = {}
        for rid in level["routes"]:
            wanted = {"id_card"}
            if answer["education_ok"]:
                wanted.add("education_proof")
            if not ROUTES[level["level"]][rid](g):  # only a graduating diploma meets it
                wanted.add("enrolment_proof")
            if rid in WORK_ROUTES:
                wanted.add("work_proof")
            if rid == "L4-2":
                wanted.add("training_certificate")
            if rid in ("L3-1a", "L3-2") or (rid == "L3-1b" and p["l3_1b_requires_l4"]):
                wanted.add("certificate_level4")
            if rid in ("L2-1", "L2-2a"):
                wanted.add("certificate_level3")
            if rid == "L1-1":
                wanted.add("certificate_level2")
            if rid == "L2-2b":
                wanted.add("preparatory_technician_certificate")
            docs[rid] = [m for m in MATERIAL_ORDER if m in wanted]
        found[level["level"]] = docs
    return found


def forecast_applicant(
    applicant: dict, month: int, assume_work: bool = True
) -> dict:
    """The applicant at ``month`` (>= as_of) if nothing happens but time and work.

    Months before as_of: as recorded. A month t, as_of <= t < month, is relevant work when it
    is not in a full-time diploma of the file still in progress (as_of <= t < graduation) and
    either assume_work is on or a same/related record covers t. No new certificate, diploma or
    training; those of the file count from their own month (reference_check at as_of = month).
    """
    as_of = month_index(applicant["as_of"])
    school = [
        month_index(d["graduation"])
        for d in applicant.get("diplomas") or []
        if month_index(d["graduation"]) > as_of and d.get("mode", "full_time") == "full_time"
    ]
    records = applicant.get("work") or []

    def covered(t: int) -> bool:
        return any(
            w["occupation"] in RELEVANT
            and month_index(w["start"]) <= t
            and (w.get("end") is None or t <= month_index(w["end"]))
            for w in records
        )

    work: list[dict] = []
    for w in records:  # the recorded months before as_of, unchanged
        if month_index(w["start"]) < as_of:
            end = w.get("end")
            last = as_of - 1 if end is None else min(month_index(end), as_of - 1)
            work.append(
                {"start": w["start"], "end": month_str(last), "occupation": w["occupation"]}
            )
    worked = [
        t for t in range(as_of, month) if not any(t < g for g in school) and (
            assume_work or covered(t))
    ]
    runs: list[list[int]] = []  # consecutive forecast months as one record
    for t in worked:
        if runs and runs[-1][1] == t - 1:
            runs[-1][1] = t
        else:
            runs.append([t, t])
    work += [
        {"start": month_str(a), "end": month_str(b), "occupation": "same"} for a, b in runs
    ]
    later = dict(applicant)
    later["as_of"] = month_str(month)
    later["work"] = work
    return later


def reference_opens(
    applicant: dict,
    params: dict | None = None,
    assume_work: bool = True,
    horizon: int = HORIZON,
) -> dict[int, tuple[str | None, list[str]]]:
    """``opens``/``opens_by`` (docs/explanations.md) for every level, by trying every month
    in turn."""
    now = reference_check(applicant, params)
    as_of = month_index(applicant["as_of"])
    found: dict[int, tuple[str | None, list[str]]] = {}
    todo = []
    for level in now["levels"]:
        if level["held"]:
            found[level["level"]] = (None, [])
        elif level["eligible"]:
            found[level["level"]] = (now["as_of"], level["routes"])
        else:
            todo.append(level["level"])
    for month in range(as_of + 1, as_of + horizon + 1):
        if not todo:
            break
        later = reference_check(forecast_applicant(applicant, month, assume_work), params)
        for level in later["levels"]:
            if level["level"] in todo and level["eligible"]:
                found[level["level"]] = (month_str(month), level["routes"])
                todo.remove(level["level"])
    for level in todo:
        found[level] = (None, [])
    return found
