"""Files shipped with the package: the planning defaults (the rules of ``logic/`` are read
by clingo, :mod:`pyqualify.asp`)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def data_text(name: str) -> str:
    """The text of ``pyqualify/data/<name>``."""
    return resources.files("pyqualify.data").joinpath(name).read_text(encoding="utf-8")
