"""Benchmark of the interview (a script, not a test): ``python bench/bench_ask.py
[--people 40] [--target-people 12] [--api-people 6]``.

A synthetic population (pyqualify.synthetic, as the notebooks draw it) is interviewed by an
answerer that answers every question from the person's true file, from nothing (``{}``
with the population's as_of) to done:

* seconds per answer in process (``next_step``, what one ``/api/ask`` answer computes),
  median and 90th percentile, without a target and with target 1, beside the baseline of
  the same run: one plain ``check`` of the same true file (and one ``path`` to level 1);
* seconds per ``POST /api/ask`` answer through Starlette's test client and one worker
  process (JSON both ways, the pool's pipe), for a few of them;
* questions asked per person, against the fields of the whole form for the same person
  (education and every field of every record: what the form asks), and the fields an
  interview fills in (the keys of its records answers and each fact asked).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pyqualify import check, fastest_path  # noqa: E402
from pyqualify.applicant import SECTIONS, Applicant  # noqa: E402
from pyqualify.interview import answer_from, next_step, put  # noqa: E402
from pyqualify.synthetic import synthetic_applicants  # noqa: E402

AS_OF = "2026-11"
SEED = 20261203


def form_fields(person: Applicant) -> int:
    """The fields of the whole form for this person: education and every record's."""
    return 1 + sum(len(section.fields) * len(getattr(person, section.key))
                   for section in SECTIONS)


def interview(person: Applicant, target: int | None) -> tuple[list[float], int, int, Any]:
    """Seconds per step, questions asked, fields filled in, and the last step."""
    document: dict[str, Any] = {"as_of": AS_OF}
    times, asked, filled = [], 0, 0
    while True:
        started = time.perf_counter()
        step = next_step(document, target)
        times.append(time.perf_counter() - started)
        if step.done:
            return times, asked, filled, step
        answer = answer_from(person, step.question)
        asked += 1
        filled += len(step.question.keys) * len(answer) if step.question.type == "records" \
            else 1
        document = put(document, step.question.field, answer)


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def population(people: list[Applicant], target: int | None) -> dict[str, Any]:
    steps: list[float] = []
    baseline: list[float] = []
    asked, filled, form = [], [], []
    wrong = 0
    for person in people:
        times, n, fields, done = interview(person, target)
        steps += times
        asked.append(n)
        filled.append(fields)
        form.append(form_fields(person))
        started = time.perf_counter()
        truth = check(person)
        if target is not None:
            planned = fastest_path(person, target)
        baseline.append(time.perf_counter() - started)
        verdicts = {lv.level: lv.verdict for lv in truth.levels}
        wrong += verdicts != done.verdicts() or (
            target is not None and planned.months != done.path["months"])
    return {"steps": steps, "baseline": baseline, "asked": asked, "filled": filled,
            "form": form, "wrong": wrong}


def api(people: list[Applicant], target: int | None) -> list[float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from pyqualify.web.app import create_app

    query = "lang=zh" + ("" if target is None else f"&target={target}")
    times = []
    with TestClient(create_app(workers=1, time_limit=60)) as client:
        client.post(f"/api/ask?{query}", json={"applicant": {"as_of": AS_OF}})   # warm
        for person in people:
            document: dict[str, Any] = {"as_of": AS_OF}
            while True:
                started = time.perf_counter()
                body = client.post(f"/api/ask?{query}", json={"applicant": document}).json()
                times.append(time.perf_counter() - started)
                if body["done"]:
                    break
                step = next_step(document, target)   # the same question, as an object
                document = put(document, step.question.field,
                               answer_from(person, step.question))
    return times


def report(name: str, found: dict[str, Any], base_name: str) -> None:
    steps, base = found["steps"], found["baseline"]
    median, base_median = statistics.median(steps), statistics.median(base)
    print(f"{name}: {len(steps)} answers, median {median:.3f} s, p90 "
          f"{quantile(steps, 0.9):.3f} s, max {max(steps):.3f} s; baseline ({base_name}, "
          f"same files) median {base_median:.3f} s; ratio {median / base_median:.1f}x; "
          f"verdicts/path differing from the true file's: {found['wrong']}")
    asked, filled, form = found["asked"], found["filled"], found["form"]
    print(f"  questions asked per person: mean {statistics.mean(asked):.2f} "
          f"(min {min(asked)}, max {max(asked)}); fields filled in: mean "
          f"{statistics.mean(filled):.2f}; fields of the whole form: mean "
          f"{statistics.mean(form):.2f}; questions / form fields "
          f"{statistics.mean(asked) / statistics.mean(form):.2f}, fields filled / form "
          f"fields {statistics.mean(filled) / statistics.mean(form):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument("--target-people", type=int, default=12)
    parser.add_argument("--api-people", type=int, default=6)
    args = parser.parse_args()
    people = synthetic_applicants(max(args.people, args.target_people), seed=SEED, as_of=AS_OF)
    next_step({"as_of": AS_OF})   # warm: imports, the first grounding
    check(people[0])
    report("no target", population(people[:args.people], None), "one check")
    report("target 1", population(people[:args.target_people], 1), "one check + one path")
    if args.api_people:
        times = api(people[:args.api_people], None)
        print(f"POST /api/ask (test client, 1 worker), no target: {len(times)} answers, "
              f"median {statistics.median(times):.3f} s, p90 {quantile(times, 0.9):.3f} s")


if __name__ == "__main__":
    main()
