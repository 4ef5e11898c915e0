"""Names of a package imported when first asked for (PEP 562), so that importing the
package loads nothing it does not need: ``pyqualify`` loads no clingo until a question is
asked, ``pyqualify.asp`` none to read the defaults of ``logic/``."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_getattr(package: str, where: dict[str, str],
                 namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``name`` from its submodule
    ``where[name]``, kept in ``namespace`` (the package's globals) once imported."""

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{where[name]}", package), name)
        namespace[name] = value
        return value

    return __getattr__
