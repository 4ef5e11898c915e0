"""The JSON documents of ``check`` and ``path`` for a question asked by its options, as the
HTTP API answers them (docs/output.md, docs/explanations.md; the command line prints the
same documents with ``--format json``)."""

from __future__ import annotations

from typing import Any

from . import forecast
from .applicant import Applicant
from .eligibility import check
from .options import PlannerOptions


def check_document(applicant: Applicant, *, as_of: int | None = None,
                   params: dict[str, int | bool] | None = None, explain: bool = True,
                   assume_work: bool = True, horizon: int | None = None) -> dict[str, Any]:
    """The JSON document of ``check`` (docs/output.md, docs/explanations.md);
    ``horizon`` None is the default of docs/explanations.md (240 months)."""
    return check(applicant, as_of=as_of, params=params, explain=explain,
                 assume_work=assume_work,
                 horizon=forecast.HORIZON if horizon is None else horizon).to_json()


def path_document(applicant: Applicant, target: int = 1, *, as_of: int | None = None,
                  params: dict[str, int | bool] | None = None,
                  options: PlannerOptions | None = None) -> dict[str, Any]:
    """The JSON document of ``path`` (docs/output.md) with the default plan choices."""
    from .planner import fastest_path  # here: a worker that only checks never needs it

    return fastest_path(applicant, target, as_of=as_of, params=params,
                        options=options).to_json()
