"""The bundled examples are the spec's examples, unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC_EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"


@pytest.mark.skipif(not SPEC_EXAMPLES.is_dir(), reason="no ../shared/spec beside the repository")
def test_examples_equal_the_spec() -> None:
    for spec_file in sorted(SPEC_EXAMPLES.iterdir()):
        ours = ROOT / "examples" / spec_file.name
        assert ours.read_bytes() == spec_file.read_bytes(), spec_file.name
