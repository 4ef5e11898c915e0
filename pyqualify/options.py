"""Planning options and the programme catalogue (defaults: ``data/planning.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from .applicant import DIPLOMA_KINDS, MODES, SKILL_TARGETS, is_valid_text
from .levels import LEVELS
from .messages import InputError, Term, input_error, join_path
from .resources import data_text

ENTRIES = ("not_none", "upper_secondary")
PROGRAMME_CERTIFICATES = ("preparatory_technician",)
MAX_HORIZON = 1200
MAX_PROGRAMMES = 100
# The study choices grow with horizon x programmes; past this many programme-months a
# question is refused at once (README, "Planning limits"): 1200 months with 20 programmes.
MAX_PROGRAMME_MONTHS = 24000
# Seconds a path question may take unless told otherwise: on the command line (`path`,
# `batch --path`) as in the server (`pyqualify serve --time-limit`, web/command.py).
DEFAULT_TIME_LIMIT = 10.0
PLANNING_KEYS = {"horizon", "certificate_delay", "training", "assume_work", "exam_months",
                 "catalog"}


@dataclass(frozen=True)
class Programme:
    """One study programme of the catalogue (docs/planner.md)."""

    id: str
    kind: str
    skill_target: str
    mode: str
    months: int
    entry: str
    certificate: str | None = None


@dataclass(frozen=True)
class PlannerOptions:
    """Everything a plan may do, and when (docs/planner.md, "Defaults")."""

    horizon: int
    certificate_delay: int
    training_months: int
    training_hours: int
    assume_work: bool
    exam_months: dict[int, tuple[int, ...]]
    catalog: tuple[Programme, ...]
    allow_study: bool = True
    allow_training: bool = True
    excluded_programmes: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def default(cls) -> PlannerOptions:
        return _defaults()

    def updated(self, **changes: Any) -> PlannerOptions:
        """A copy with some options changed; values are checked."""
        updated = replace(self, **changes)
        updated.validate()
        return updated

    def validate(self) -> None:
        for name, low in (("horizon", 1), ("certificate_delay", 0), ("training_months", 0),
                          ("training_hours", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not (
                    low <= value <= MAX_HORIZON):
                raise input_error(name, "whole_number_range", value, low=low,
                                  high=MAX_HORIZON)
        for level in LEVELS:
            months = self.exam_months.get(level, ())
            if not months or any(m not in range(1, 13) for m in months):
                raise input_error(f"exam_months.{level}", "exam_months", list(months))
        unknown = self.excluded_programmes - {p.id for p in self.catalog}
        if unknown:
            raise input_error("exclude", "programme_of_catalog", sorted(unknown)[0],
                              ids=", ".join(p.id for p in self.catalog))
        usable = len(self.catalog) - len(self.excluded_programmes) if self.allow_study else 0
        if self.horizon * usable > MAX_PROGRAMME_MONTHS:
            raise input_error("horizon", "programme_month_budget", self.horizon,
                              limit=MAX_PROGRAMME_MONTHS, usable=usable)

    def as_dict(self) -> dict[str, Any]:
        return {
            "horizon": self.horizon, "certificate_delay": self.certificate_delay,
            "training": {"months": self.training_months, "hours": self.training_hours},
            "assume_work": self.assume_work, "allow_study": self.allow_study,
            "allow_training": self.allow_training,
            "exam_months": {str(k): list(v) for k, v in sorted(self.exam_months.items())},
            "excluded_programmes": sorted(self.excluded_programmes),
            "catalog": [p.id for p in self.catalog],
        }


@cache
def _defaults() -> PlannerOptions:
    import yaml

    data = yaml.safe_load(data_text("planning.yaml"))
    return PlannerOptions(
        horizon=data["horizon"], certificate_delay=data["certificate_delay"],
        training_months=data["training"]["months"], training_hours=data["training"]["hours"],
        assume_work=data["assume_work"],
        exam_months={int(k): tuple(v) for k, v in data["exam_months"].items()},
        catalog=parse_catalog(data["catalog"]),
    )


def parse_catalog(data: Any, path: str = "catalog") -> tuple[Programme, ...]:
    """Validate a catalogue: a list of programmes, or a mapping with ``catalog:`` (a copy
    of ``planning.yaml`` is accepted; only its catalogue is used)."""
    if isinstance(data, dict) and "catalog" in data:   # e.g. a copy of planning.yaml
        unknown = set(data) - PLANNING_KEYS
        if unknown:
            raise input_error(join_path("", sorted(unknown, key=str)[0]), "catalog_key")
        data = data["catalog"]
    if not isinstance(data, list) or not data:
        raise input_error(path, "programme_list", data)
    if len(data) > MAX_PROGRAMMES:  # planning time grows with the catalogue
        raise input_error(path, "list_at_most", max=MAX_PROGRAMMES, count=len(data))
    programmes: list[Programme] = []
    keys = ("id", "kind", "skill_target", "mode", "months", "entry", "certificate")
    for i, item in enumerate(data):
        where = f"{path}[{i}]"
        if not isinstance(item, dict):
            raise input_error(where, "mapping", item, what=Term("programme"))
        for key in item:
            if key not in keys:
                raise input_error(join_path(where, key), "unknown_key", what=Term("programme"),
                                  keys=", ".join(keys))
        for key in keys[:-1]:
            if key not in item:
                raise input_error(f"{where}.{key}", "missing_key", what=Term("programme"))
        ident = item["id"]
        if not isinstance(ident, str) or not ident.strip() or len(ident) > 100 or (
                not is_valid_text(ident)):
            raise input_error(f"{where}.id", "programme_id", ident)
        if ident in {p.id for p in programmes}:
            raise input_error(f"{where}.id", "programme_id_unique", ident)
        months = item["months"]
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 240:
            raise input_error(f"{where}.months", "programme_months", months)
        certificate = item.get("certificate")
        if certificate is not None and certificate not in PROGRAMME_CERTIFICATES:
            raise input_error(f"{where}.certificate", "programme_certificate", certificate)
        programmes.append(Programme(
            id=ident, kind=_choice(item["kind"], f"{where}.kind", DIPLOMA_KINDS),
            skill_target=_choice(item["skill_target"], f"{where}.skill_target", SKILL_TARGETS),
            mode=_choice(item["mode"], f"{where}.mode", MODES), months=months,
            entry=_choice(item["entry"], f"{where}.entry", ENTRIES), certificate=certificate))
    return tuple(programmes)


def load_catalog(path: str) -> tuple[Programme, ...]:
    """A catalogue file of the user's own (YAML or JSON, same format as the default;
    read through :mod:`pyqualify.loader`, with its bounds)."""
    from .loader import load_document

    try:
        data = load_document(path)
    except InputError as exc:  # a list of programmes: name its items catalog[0], as below
        raise exc.within("catalog") if exc.path.startswith("[") else exc from None
    return parse_catalog(data)


def _choice(value: Any, path: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise input_error(path, "one_of", value, allowed=", ".join(allowed))
    return value
