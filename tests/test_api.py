"""The public names of the package resolve to what the README says."""

from __future__ import annotations

import importlib
import pkgutil

import pyqualify


def test_every_public_name_resolves_even_after_all_modules_are_imported() -> None:
    for module in pkgutil.iter_modules(pyqualify.__path__):
        importlib.import_module(f"pyqualify.{module.name}")
    for name in pyqualify.__all__:
        value = getattr(pyqualify, name)
        assert not isinstance(value, type(pyqualify)), name
    assert callable(pyqualify.check) and callable(pyqualify.fastest_path)
    assert "fastest_path" in dir(pyqualify)
