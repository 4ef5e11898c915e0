"""Hypothesis strategies: random valid applicants and rule parameters.

Applicants follow docs/input.md (its JSON Schema:
``pyqualify/web/static/applicant.schema.json``).  Dates are drawn relative to ``as_of`` and
biased towards the thresholds of docs/rules.md (12/24/36/48 months of work, the 12-month
graduating window, 40 training hours), so that boundary cases turn up often.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

try:
    from tests.reference.eligibility import RULE_DEFAULTS
except ImportError:  # tests/ itself on sys.path
    from reference.eligibility import RULE_DEFAULTS

MONTH_MIN = 1950 * 12  # 1950-01
MONTH_MAX = 2100 * 12 + 11  # 2100-12

EDUCATIONS = ("none", "junior_middle", "high_school", "equivalent")
KINDS = (
    "technical_school",
    "secondary_vocational",
    "advanced_technical_school",
    "technician_college",
    "higher_vocational",
    "junior_college",
    "bachelor",
    "master",
    "doctorate",
)
OCCUPATIONS = ("same", "related", "unrelated")
SKILL_TARGETS = ("none", "intermediate", "advanced")
MODES = ("full_time", "part_time")
CERT_LEVELS: tuple[int | str, ...] = (4, 3, 2, 1, "preparatory_technician")

NASTY_IDS = (
    "x). #false. a(",
    'x"). :- a. b("',
    "A-0001",
    "张三-全媒体运营师",
    "王小明 (应届)",
    "%% comment\n#show.",
    "tab\tand 'quotes' \"double\"",
    "\\n not a newline \\",
    "",
    " ",
    "#const x=1.",
    "emoji 🎬📈",
)

# Offsets (in months) that sit on or next to a threshold of docs/rules.md.
_THRESHOLD_OFFSETS = (0, 1, 11, 12, 13, 23, 24, 25, 35, 36, 37, 47, 48, 49)


def month_index(month: str) -> int:
    """Encode "YYYY-MM" as ``year * 12 + (month - 1)``."""
    year, mon = month.split("-")
    return int(year) * 12 + (int(mon) - 1)


def month_str(index: int) -> str:
    """Decode a month index to "YYYY-MM", clamped to the schema's 1950-01..2100-12."""
    index = max(MONTH_MIN, min(MONTH_MAX, index))
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _as_index(month: str | int) -> int:
    return month if isinstance(month, int) else month_index(month)


def months(lo: str | int = "1950-01", hi: str | int = "2100-12") -> st.SearchStrategy[str]:
    """Months "YYYY-MM" between ``lo`` and ``hi`` inclusive (strings or month indexes)."""
    lo_i = max(MONTH_MIN, _as_index(lo))
    hi_i = min(MONTH_MAX, _as_index(hi))
    return st.integers(lo_i, hi_i).map(month_str)


def _offset(lo: int, hi: int, near: tuple[int, ...] = ()) -> st.SearchStrategy[int]:
    """Month offsets in [lo, hi], with extra weight on the ``near`` values inside that range."""
    uniform = st.integers(lo, hi)
    special = [n for n in near if lo <= n <= hi]
    if not special:
        return uniform
    return st.one_of(uniform, st.sampled_from(special))


# Signed offsets relative to as_of that hit the thresholds from below (past facts).
_PAST_NEAR = tuple(-n for n in _THRESHOLD_OFFSETS)
# Graduation offsets: graduated / graduating / enrolled around the 12-month window.
_GRAD_NEAR = (-1, 0, 1, 11, 12, 13, 24, 25, -12, -24, -36)


def _maybe(draw: st.DrawFn, d: dict[str, Any], key: str, values: st.SearchStrategy[Any]) -> None:
    """Set ``d[key]`` from ``values`` or leave it out (to exercise the defaults)."""
    if draw(st.booleans()):
        d[key] = draw(values)


@st.composite
def _diploma(draw: st.DrawFn, as_of: int) -> dict[str, Any]:
    d: dict[str, Any] = {
        "kind": draw(st.sampled_from(KINDS)),
        "major": draw(st.sampled_from(OCCUPATIONS)),
        "graduation": month_str(as_of + draw(_offset(-180, 36, _GRAD_NEAR))),
    }
    _maybe(draw, d, "skill_target", st.sampled_from(SKILL_TARGETS))
    _maybe(draw, d, "mode", st.sampled_from(MODES))
    return d


@st.composite
def _work(draw: st.DrawFn, as_of: int) -> dict[str, Any]:
    start = as_of + draw(_offset(-144, 6, _PAST_NEAR))
    record: dict[str, Any] = {
        "start": month_str(start),
        "occupation": draw(st.sampled_from(OCCUPATIONS)),
    }
    ending = draw(st.sampled_from(("missing", "null", "end", "end")))
    if ending == "null":
        record["end"] = None
    elif ending == "end":
        length = draw(_offset(0, 120, _THRESHOLD_OFFSETS))
        end = max(month_index(record["start"]), start + length)
        record["end"] = month_str(end)
    return record


@st.composite
def _training(draw: st.DrawFn, as_of: int) -> dict[str, Any]:
    return {
        "hours": draw(_offset(0, 80, (39, 40, 41, 48))),
        "occupation": draw(st.sampled_from(OCCUPATIONS)),
        "certificate": draw(st.booleans()),
        "completed": month_str(as_of + draw(_offset(-60, 12, (-1, 0, 1)))),
    }


@st.composite
def _certificate(draw: st.DrawFn, as_of: int) -> dict[str, Any]:
    return {
        "level": draw(st.sampled_from(CERT_LEVELS)),
        "occupation": draw(st.sampled_from(OCCUPATIONS)),
        "obtained": month_str(as_of + draw(_offset(-120, 12, (*_PAST_NEAR, 1)))),
    }


def _ids() -> st.SearchStrategy[str]:
    text = st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        max_size=40,
    )
    return st.one_of(st.sampled_from(NASTY_IDS), text)


def _list_or_absent(
    draw: st.DrawFn, items: st.SearchStrategy[dict[str, Any]], max_size: int
) -> list[dict[str, Any]] | None:
    """A list of 0..max_size items, or None meaning "leave the key out"."""
    if draw(st.integers(0, 4)) == 0:
        return None
    return draw(st.lists(items, max_size=max_size))


def _relevant() -> st.SearchStrategy[str]:
    """Mostly same/related, now and then unrelated (so that a seeded route can still fail)."""
    return st.sampled_from(("same", "same", "related", "related", "unrelated"))


@st.composite
def _route_seed(draw: st.DrawFn, now: int) -> dict[str, list[dict[str, Any]]]:
    """Facts aimed at one route of docs/rules.md, placed near its thresholds.

    Purely random facts reach the rarer routes (L3-1b, L2-2a, L2-2b, ...) only seldom; a seed
    makes each route likely to hold or to miss by one month.
    """
    facts: dict[str, list[dict[str, Any]]] = {
        "diplomas": [],
        "work": [],
        "trainings": [],
        "certificates": [],
    }
    route = draw(
        st.sampled_from(("L4-2", "L3-1a", "L3-1b", "L3-2", "L2-1", "L2-2a", "L2-2b", "L1-1"))
    )
    near = _offset(-60, 0, _PAST_NEAR)

    def cert(level: int | str, at: int) -> None:
        facts["certificates"].append(
            {"level": level, "occupation": draw(_relevant()), "obtained": month_str(at)}
        )

    def diploma(kind: str, graduation: int, **extra: str) -> None:
        facts["diplomas"].append(
            {"kind": kind, "major": draw(_relevant()), "graduation": month_str(graduation), **extra}
        )

    # Ongoing relevant work since a month near a threshold before as_of.
    start = now + draw(_offset(-96, 0, _PAST_NEAR))
    facts["work"].append({"start": month_str(start), "occupation": draw(_relevant())})
    if route == "L4-2":
        facts["trainings"].append(
            {
                "hours": draw(st.sampled_from((39, 40, 41, 48))),
                "occupation": "same",
                "certificate": draw(st.booleans()),
                "completed": month_str(now + draw(_offset(-24, 1, (-1, 0, 1)))),
            }
        )
    elif route in ("L3-1a", "L3-1b", "L3-2"):
        cert(4, now + draw(near))
        kind = {
            "L3-1a": draw(st.sampled_from(("advanced_technical_school", "technician_college"))),
            "L3-1b": "higher_vocational",
            "L3-2": draw(st.sampled_from(("junior_college", "bachelor"))),
        }[route]
        diploma(
            kind,
            now + draw(_offset(-48, 14, _GRAD_NEAR)),
            skill_target=draw(st.sampled_from(("advanced", "advanced", "none"))),
        )
    elif route in ("L2-1", "L2-2a"):
        cert(3, now + draw(near))
        if route == "L2-2a":
            kind = draw(st.sampled_from(("advanced_technical_school", "technician_college")))
            diploma(kind, now + draw(_offset(-72, 2, (-1, 0, 1))))
    elif route == "L2-2b":
        cert("preparatory_technician", now + draw(_offset(-48, 1, (-1, 0, 1))))
        diploma("technician_college", now + draw(_offset(-48, 2, (-1, 0, 1))))
    else:  # L1-1
        cert(2, now + draw(near))
    return facts


@st.composite
def applicants(draw: st.DrawFn, as_of: str | st.SearchStrategy[str] = "2026-11") -> dict[str, Any]:
    """Valid applicant dicts (as loaded from YAML/JSON) with ``as_of`` always present.

    ``as_of`` is a "YYYY-MM" string or a strategy of them.
    """
    as_of_str = draw(as_of) if isinstance(as_of, st.SearchStrategy) else as_of
    now = month_index(as_of_str)
    applicant: dict[str, Any] = {}
    if draw(st.booleans()):
        applicant["id"] = draw(_ids())
    applicant["as_of"] = as_of_str
    applicant["education"] = draw(st.sampled_from(EDUCATIONS))
    for key, items, max_size in (
        ("diplomas", _diploma(now), 3),
        ("work", _work(now), 3),
        ("trainings", _training(now), 2),
        ("certificates", _certificate(now), 4),
    ):
        value = _list_or_absent(draw, items, max_size)
        if value is not None:
            applicant[key] = value
    if draw(st.integers(0, 2)) == 0:  # one applicant in three gets facts aimed at a route
        for key, extra in draw(_route_seed(now)).items():
            if extra:
                applicant[key] = applicant.get(key, []) + extra
    return applicant


# Per-parameter ranges and the values worth extra weight (the default and its neighbours).
_PARAM_RANGES: dict[str, tuple[int, int]] = {
    "l4_1_work_months": (0, 60),
    "l4_2_work_months": (0, 60),
    "l4_2_training_hours": (0, 80),
    "l3_2_work_months": (0, 60),
    "l2_1_work_months": (0, 60),
    "l2_2a_work_months": (0, 60),
    "l2_2b_work_months": (0, 60),
    "l1_1_work_months": (0, 60),
    "graduating_window_months": (0, 24),
}
_PARAM_DEFAULTS: dict[str, int] = {
    key: value for key, value in RULE_DEFAULTS.items() if not isinstance(value, bool)
}
SWITCHES = (
    "l3_1b_requires_l4",
    "higher_tier_counts_as_technical_school",
    "education_requirement",
)


@st.composite
def rule_params(draw: st.DrawFn, partial: bool = False) -> dict[str, Any]:
    """Rule parameter dicts: thresholds around the defaults, switches random.

    With ``partial=True`` some keys are left out (they then take their defaults).
    """
    params: dict[str, Any] = {}
    for key, (lo, hi) in _PARAM_RANGES.items():
        if partial and draw(st.booleans()):
            continue
        default = _PARAM_DEFAULTS[key]
        params[key] = draw(_offset(lo, hi, (default - 1, default, default + 1)))
    for key in SWITCHES:
        if partial and draw(st.booleans()):
            continue
        params[key] = draw(st.booleans())
    return params


# The eight fields that may be `unknown` (docs/partial.md), as (section, field); None: top.
UNKNOWABLE = ((None, "education"), ("diplomas", "major"), ("diplomas", "skill_target"),
              ("diplomas", "mode"), ("work", "occupation"), ("trainings", "occupation"),
              ("trainings", "certificate"), ("certificates", "occupation"))


@st.composite
def partial_applicants(draw: st.DrawFn, max_unknowns: int = 4,
                       as_of: str | st.SearchStrategy[str] = "2026-11") -> dict[str, Any]:
    """Applicants (as :func:`applicants`) with 0 to ``max_unknowns`` of their fields said
    to be unknown (as ``unknown``, 不确定 or 不知道)."""
    applicant = draw(applicants(as_of))
    places: list[tuple[str | None, int, str]] = [(None, 0, "education")]
    for section, name in UNKNOWABLE[1:]:
        places += [(section, i, name) for i in range(len(applicant.get(section, [])))]
    count = draw(st.integers(0, min(max_unknowns, len(places))))
    chosen = draw(st.lists(st.sampled_from(places), min_size=count, max_size=count,
                           unique=True)) if count else []
    for section, i, name in chosen:
        word = draw(st.sampled_from(("unknown", "unknown", "不确定", "不知道")))
        if section is None:
            applicant[name] = word
        else:
            applicant[section][i][name] = word
    return applicant
