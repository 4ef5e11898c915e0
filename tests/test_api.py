"""The public names of the package resolve to what the README says."""

from __future__ import annotations

import importlib
import pkgutil

import pyqualify


def test_every_public_name_resolves_even_after_all_modules_are_imported() -> None:
    for module in pkgutil.iter_modules(pyqualify.__path__):
        if module.name != "__main__":  # that one runs the command line
            importlib.import_module(f"pyqualify.{module.name}")
    for name in pyqualify.__all__:
        value = getattr(pyqualify, name)
        assert not isinstance(value, type(pyqualify)), name
    assert callable(pyqualify.check) and callable(pyqualify.fastest_path)
    assert "fastest_path" in dir(pyqualify)


def test_describe_routes_and_conditions_in_both_languages() -> None:
    assert pyqualify.describe_route("L1-1", "zh", {"l1_1_work_months": 36}) == (
        "取得二级证书后工作满36个月")
    assert "48 months" in pyqualify.describe_route("L1-1")
    assert pyqualify.describe_condition("level3_certificate", "zh") == "三级证书"
