"""What every report shares: colons, column widths, the parameters in force."""

from __future__ import annotations

import unicodedata

from ..params import RuleParams
from ..texts import LABELS, text


def colon(lang: str) -> str:
    """A colon and its spacing: full-width in Chinese."""
    return "：" if lang == "zh" else ": "


def display_width(cell: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in cell)


def table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell + " " * (width - display_width(cell))
                 for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines


def parameter_summary(params: RuleParams, lang: str) -> str:
    """``all defaults``, or the values that differ from them."""
    default = RuleParams.default().as_dict()
    changed = {k: v for k, v in params.as_dict().items() if default[k] != v}
    if not changed:
        return text(LABELS, "defaults", lang)
    return ", ".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}"
                     for k, v in changed.items())
