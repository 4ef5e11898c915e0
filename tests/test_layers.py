"""The layers of the package, read from its import statements (also those inside functions).

* The engine (every module outside the faces) imports no face: the command line
  (``pyqualify.cli``, and ``python -m pyqualify``), the reports (``pyqualify.render``, and
  ``pyqualify.texts``, their words), the web service (``pyqualify.web``) and batch runs
  (``pyqualify.batch``).
* Only ``pyqualify.asp`` imports clingo; the engine imports nothing of HTTP, spreadsheets,
  Dask or the terminal (of the outside world: clingo and PyYAML only).
* A face imports the engine; of the other faces, only the command line (which registers
  them) and the words of the reports.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pyqualify"
FACES = ("pyqualify.cli", "pyqualify.__main__", "pyqualify.render", "pyqualify.texts",
         "pyqualify.web", "pyqualify.batch")
WORDS = ("pyqualify.render", "pyqualify.texts")
ENGINE_OUTSIDE = {"clingo", "yaml"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The modules a file imports, by their full names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # submodules
    return found


MODULES = {module_name(path): imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def in_any(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def ours(found: set[str]) -> set[str]:
    return {m for m in found if m == "pyqualify" or m.startswith("pyqualify.")}


def test_the_package_was_read() -> None:
    assert {"pyqualify.eligibility", "pyqualify.asp.program", "pyqualify.cli",
            "pyqualify.web.app", "pyqualify.batch.work"} <= set(MODULES)
    assert "pyqualify.asp.fast" in MODULES["pyqualify.asp.program"]


@pytest.mark.parametrize("module", sorted(m for m in MODULES
                                          if not in_any(m, FACES) and m != "pyqualify"))
def test_the_engine_imports_no_face(module: str) -> None:
    faces = {m for m in ours(MODULES[module]) if in_any(m, FACES)}
    assert not faces, f"{module} imports {sorted(faces)}"
    outside = {m.split(".")[0] for m in MODULES[module] if not m.startswith("pyqualify")}
    allowed = ENGINE_OUTSIDE if module.startswith("pyqualify.asp") else {"yaml"}
    third_party = {m for m in outside if m in {"clingo", "yaml", "click", "starlette",
                                                "openpyxl", "distributed", "dask", "tqdm",
                                                "jinja2", "uvicorn", "httpx"}}
    assert third_party <= allowed, f"{module} imports {sorted(third_party - allowed)}"


def test_only_the_asp_package_imports_clingo() -> None:
    users = {m for m, found in MODULES.items()
             if any(f == "clingo" or f.startswith("clingo.") for f in found)}
    assert users and all(m.startswith("pyqualify.asp.") for m in users), sorted(users)


@pytest.mark.parametrize("face", ["pyqualify.render", "pyqualify.texts", "pyqualify.web",
                                  "pyqualify.batch"])
def test_a_face_imports_no_other_face_but_the_words(face: str) -> None:
    for module, found in MODULES.items():
        if not in_any(module, (face,)):
            continue
        others = {m for m in ours(found) if in_any(m, FACES) and not in_any(m, (face, *WORDS))}
        assert not others, f"{module} imports {sorted(others)}"


def test_reading_the_rule_parameters_loads_no_clingo() -> None:
    """A process that never grounds (a batch's parent, `pyqualify template`) checks --set
    without loading clingo."""
    code = ("import sys; from pyqualify.query import parse_settings; "
            "from pyqualify.params import RuleParams; parse_settings(['I1=false']); "
            "RuleParams.default(); import pyqualify.batch.runner; "
            "print('clingo' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "False"
