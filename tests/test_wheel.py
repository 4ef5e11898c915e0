"""The built wheel carries the rules and works from any directory."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installed_wheel_works_outside_the_source_tree(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(dist), str(ROOT)], check=True)
    (wheel,) = dist.glob("pyqualify-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for lp in ("params.lp", "rules.lp", "state.lp", "check.lp", "probes.lp", "explain.lp",
               "forecast.lp", "audit.lp", "planner.lp", "partial.lp", "verdicts.lp", "deciding.lp",
               "as_of.lp", "depends.lp", "best_case.lp"):
        assert f"pyqualify/logic/{lp}" in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    str(wheel)], check=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(ROOT / "examples" / "level2-holder.yaml", work / "me.yaml")
    result = subprocess.run([str(env_dir / "bin" / "pyqualify"), "check", "me.yaml",
                             "--format", "json"], cwd=work, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [level["eligible"] for level in doc["levels"]] == [True, False, True, True]
