"""The notebooks of notebooks/ run from top to bottom (each in a fresh Jupyter kernel).

They are executed as a person would run them, with the notebook's folder as working
directory, but with a small synthetic population (PYQUALIFY_POPULATION) and the Agg
backend, so that a change of the package that breaks them fails the test suite.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ("tour.ipynb", "population.ipynb")
TEST_POPULATION = "40"


def execute(name: str) -> nbformat.NotebookNode:
    """Run every cell of a notebook; nbclient raises CellExecutionError on the first error."""
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    env = {**os.environ, "PYQUALIFY_POPULATION": TEST_POPULATION, "MPLBACKEND": "Agg"}
    client.execute(env=env, cwd=str(NOTEBOOKS))
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> list[dict]:
    return [out for cell in notebook.cells if cell.cell_type == "code"
            for out in cell.get("outputs", [])]


def images(notebook: nbformat.NotebookNode) -> int:
    return sum("image/png" in out.get("data", {}) for out in outputs(notebook))


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_saved_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{name}: clear the outputs before saving")


@pytest.mark.slow
def test_tour_runs_top_to_bottom() -> None:
    notebook = execute("tour.ipynb")
    assert images(notebook) >= 4, "the timelines of the tour"
    text = "".join(out.get("data", {}).get("text/markdown", "") for out in outputs(notebook))
    assert "college-graduate" in text and "I1 off" in text
    assert "level 3 opens in" in text and "bring:" in text, "the forecast and the materials"


@pytest.mark.slow
def test_population_runs_top_to_bottom() -> None:
    notebook = execute("population.ipynb")
    assert images(notebook) >= 1, "the population notebook should draw its plots"
    printed = "".join(out.get("text", "") for out in outputs(notebook))
    assert f"{TEST_POPULATION} fastest paths" in printed, "the small population was used"
