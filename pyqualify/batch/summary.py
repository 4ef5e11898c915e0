"""The summary of a batch: lines read, answered, bad; who may apply; months to the target."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from ..levels import LEVELS


class Summary:
    """Counts built from the summary entries of :mod:`.records` (bounded memory,
    except one 12-byte digest per distinct path question)."""

    def __init__(self, target: int | None = None):
        self.target = target
        self.read = self.answered = self.bad = 0
        self.levels: Counter[int] = Counter()
        self.routes: Counter[str] = Counter()
        self.months: Counter[int] = Counter()
        self.unreachable = 0
        self.questions: set[str] = set()
        self.solved = 0
        self.seconds = 0.0
        self.resumed = 0

    def add(self, entry: tuple[Any, ...]) -> None:
        ok, eligible, routes, path, question = entry
        self.read += 1
        if not ok:
            self.bad += 1
            return
        self.answered += 1
        levels, counted = self.levels, self.routes  # (Counter.update checks its argument's
        for level in eligible:                      # type each call: 3 us a line)
            levels[level] += 1
        for route in routes:
            counted[route] += 1
        if path is not None:
            reachable, months = path
            if reachable and months is not None:
                self.months[months] += 1
            else:
                self.unreachable += 1
        if question is not None:
            self.questions.add(question)

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "lines": self.read, "answered": self.answered, "bad": self.bad,
            "may_apply": {str(level): self.levels[level] for level in LEVELS},
            "routes": dict(sorted(self.routes.items())),
            "seconds": round(self.seconds, 3),
            "per_second": round((self.read - self.resumed) / self.seconds, 1)
            if self.seconds > 0 else None,
        }
        if self.resumed:
            doc["resumed_after"] = self.resumed
        if self.target is not None:
            values = sorted(self.months.elements())
            doc["path"] = {
                "target": self.target, "reachable": len(values),
                "unreachable": self.unreachable,
                "months": {str(m): n for m, n in sorted(self.months.items())},
                "median_months": statistics.median(values) if values else None,
                "quartiles": _quartiles(values),
                "distinct_questions": len(self.questions),
                "solved": self.solved,
            }
        return doc

    def text(self) -> str:
        """A few lines for a person (standard error)."""
        doc = self.to_json()
        rate = f", {doc['per_second']:,.0f}/s" if doc["per_second"] else ""
        lines = [f"{doc['lines']} lines: {doc['answered']} answered, {doc['bad']} bad "
                 f"({doc['seconds']:.1f} s{rate})",
                 "may apply: " + ", ".join(f"level {k} {v}" for k, v in doc["may_apply"].items()),
                 "routes: " + (", ".join(f"{k} {v}" for k, v in doc["routes"].items()) or "-")]
        path = doc.get("path")
        if path is not None:
            lines.append(
                f"level {path['target']}: {path['reachable']} reachable, "
                f"{path['unreachable']} not; months median {path['median_months']}, "
                f"quartiles {path['quartiles']}; {path['distinct_questions']} distinct "
                f"questions, {path['solved']} solved")
        return "\n".join(lines)


def _quartiles(values: list[int]) -> list[float] | None:
    if not values:
        return None
    if len(values) == 1:
        return [values[0]] * 3
    return [round(q, 1) for q in statistics.quantiles(values, n=4, method="inclusive")]
