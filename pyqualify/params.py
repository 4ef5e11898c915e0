"""Rule parameters: thresholds and interpretation switches (docs/rules.md).

Their defaults are read from ``logic/params.lp`` (the one place that writes
them); a caller overrides any of them, and every answer reports the values used.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any

from .asp.logic import constants

THRESHOLDS = (
    "l4_1_work_months", "l4_2_work_months", "l4_2_training_hours", "l3_2_work_months",
    "l2_1_work_months", "l2_2a_work_months", "l2_2b_work_months", "l1_1_work_months",
    "graduating_window_months",
)
SWITCHES = ("l3_1b_requires_l4", "higher_tier_counts_as_technical_school",
            "education_requirement")
SWITCH_IDS = {"I1": "l3_1b_requires_l4", "I2": "higher_tier_counts_as_technical_school",
              "I3": "education_requirement"}
MAX_THRESHOLD = 1200


@cache
def rule_defaults() -> dict[str, int | bool]:
    """The defaults written in ``logic/params.lp`` (its ``#const`` lines)."""
    values: dict[str, int | bool] = {}
    for name, value in constants("params").items():
        if name in THRESHOLDS + SWITCHES:
            values[name] = value == "true" if name in SWITCHES else value
    missing = set(THRESHOLDS + SWITCHES) - set(values)
    if missing:
        raise RuntimeError(f"logic/params.lp lacks {sorted(missing)}")
    return values


@dataclass(frozen=True)
class RuleParams:
    """Thresholds (months or hours) and interpretation switches I1-I3."""

    l4_1_work_months: int
    l4_2_work_months: int
    l4_2_training_hours: int
    l3_2_work_months: int
    l2_1_work_months: int
    l2_2a_work_months: int
    l2_2b_work_months: int
    l1_1_work_months: int
    graduating_window_months: int
    l3_1b_requires_l4: bool
    higher_tier_counts_as_technical_school: bool
    education_requirement: bool

    @classmethod
    def default(cls) -> RuleParams:
        return cls(**rule_defaults())

    @classmethod
    def of(cls, params: RuleParams | dict[str, Any] | None = None, **overrides: Any) -> RuleParams:
        """Defaults, updated from a dict or another RuleParams and keyword overrides."""
        base = params if isinstance(params, RuleParams) else cls.default()
        changes = dict(params) if isinstance(params, dict) else {}
        changes.update(overrides)
        return base.updated(**changes)

    def updated(self, **changes: Any) -> RuleParams:
        """A copy with some values changed; names and values are checked."""
        known = {f.name for f in fields(self)}
        for name, value in changes.items():
            name = SWITCH_IDS.get(name, name)
            if name not in known:
                raise ValueError(f"unknown rule parameter {name!r}; "
                                 f"known: {', '.join(sorted(known))}")
            if name in SWITCHES:
                if not isinstance(value, bool):
                    raise ValueError(f"{name}: expected true or false, got {value!r}")
            elif isinstance(value, bool) or not isinstance(value, int) or not (
                    0 <= value <= MAX_THRESHOLD):
                raise ValueError(f"{name}: expected a whole number from 0 to {MAX_THRESHOLD},"
                                 f" got {value!r}")
        return replace(self, **{SWITCH_IDS.get(k, k): v for k, v in changes.items()})

    def as_dict(self) -> dict[str, int | bool]:
        # Flat ints and booleans: a plain copy (dataclasses.asdict deep-copies, ~10x slower,
        # and every check document of a batch carries the parameters).
        return {name: getattr(self, name) for name in THRESHOLDS + SWITCHES}

    def max_work_threshold(self) -> int:
        """The largest number of work months any clause asks for."""
        return max(getattr(self, name) for name in THRESHOLDS
                   if name.endswith("_work_months"))
