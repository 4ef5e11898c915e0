"""Many applicants at once (``pyqualify batch``, docs/batch.md).

Inputs are JSON Lines, CSV or XLSX (:mod:`.table`), streamed in chunks (:mod:`.inputs`);
each chunk is answered by the engine (:mod:`.work`) in this process, in worker processes or
on a Dask cluster (:mod:`.runner`, :mod:`.dask_engine`), and the answers are written in
input order as they come (:mod:`.outputs`).  Path questions that many applicants share are
solved once (:mod:`pyqualify.population`).  This package depends on the engine, never the
reverse.
"""

from __future__ import annotations

import os
from typing import Any

from ..params import RuleParams
from .records import Settings
from .work import answer_chunk

# Imported when first asked for: the path machinery (the planner), which `batch` without
# --path never needs (about 40 ms of start-up), and the runner, which a worker process
# (it imports this package to answer chunks) never needs.
_LAZY = {"Run": "runner", "execute": "runner"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run_batch(path: str | os.PathLike[str], *, as_of: int | None = None,
              params: RuleParams | dict[str, Any] | None = None,
              explain: bool = True, plan_target: int | None = None) -> list[dict[str, Any]]:
    """Answer every line of a JSON Lines (or CSV/XLSX) file in this process, as records;
    a bad line gets an error record and the batch goes on.  With ``plan_target`` each good
    line also gets the ``path`` document for that level."""
    from .inputs import chunks

    rules = RuleParams.of(params).as_dict() if params is not None else None
    settings = Settings(as_of=as_of, params=rules, explain=explain, target=plan_target,
                        output="records")
    size = 500 if plan_target is None else 64
    return [record for chunk in chunks(os.fspath(path), size)
            for record in answer_chunk(chunk, settings).records]


__all__ = ["Run", "Settings", "execute", "run_batch"]
