"""Files shipped with the package: the ASP rules and the planning defaults."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def logic_text(name: str) -> str:
    """The text of ``logic/<name>`` (package ``pyqualify.logic``)."""
    return resources.files("pyqualify.logic").joinpath(name).read_text(encoding="utf-8")


@cache
def data_text(name: str) -> str:
    """The text of ``pyqualify/data/<name>``."""
    return resources.files("pyqualify.data").joinpath(name).read_text(encoding="utf-8")
