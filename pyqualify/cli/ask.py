"""``pyqualify ask [FILE]``: the interview on a terminal (docs/partial.md, "The interview").

One question at a time, only those whose answer can still change the result
(:mod:`pyqualify.interview`); after each answer one line per level (可以 / 不可以 / 待定);
at the end the check report, with ``--target`` the path report, and with ``--output`` the
file.  Answers may be piped on standard input, one a line:

* a choice: its number, or the value itself (``related``, 相关专业, ``不确定``);
* a month: ``YYYY-MM``, or any spelling the loader reads (``2019.7``, ``2019/7``,
  ``2019年7月``, ``201907``); the end of a job still going on: an empty line;
* hours: a whole number;
* a section (its records): first the number of records (``0``: none), then, record by
  record, one line for each of its keys in the order the question lists them
  (diplomas: kind, graduation; work: start, end; trainings: hours, completed;
  certificates: level, obtained).

An answer that is not one of these is said so and asked again.  The end of the input or
Ctrl-C before the interview is done: a message, exit 2.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .common import answers_errors, default_lang, fail, os_reason

WORDS: dict[str, tuple[str, str]] = {
    "eof": ("输入已结束，问答尚未完成（可用 FILE 从已答部分继续）。",
            "the input ended before the interview was done (FILE can start from the answers "
            "so far)."),
    "interrupted": ("已中断，问答尚未完成。", "interrupted before the interview was done."),
    "again": ("无法识别“{answer}”：{expected}，请重新输入。",
              "“{answer}” is not an answer: {expected}; please answer again."),
    "a_number": ("请输入 1 到 {n} 的编号，或选项本身",
                 "a number from 1 to {n}, or the choice itself"),
    "a_month": ("请输入月份，如 2019-07、2019.7、2019/7 或 2019年7月",
                "a month such as 2019-07, 2019.7, 2019/7 or 2019年7月"),
    "a_month_or_empty": ("请输入月份，如 2019-07；仍在进行则直接回车",
                         "a month such as 2019-07, or an empty line if still going on"),
    "a_count": ("请输入记录条数（0 表示没有）", "a number of records (0: none)"),
    "a_whole": ("请输入 0 到 {max} 的整数", "a whole number from 0 to {max}"),
    "count": ("有几条？（0 表示没有）", "How many? (0: none)"),
    "record": ("第 {n} 条：", "Record {n}:"),
    "refused": ("这个回答不行：{message}", "That answer cannot be taken: {message}"),
    "done": ("问答完成，共回答 {asked} 个问题。", "Done: {asked} questions answered."),
    "written": ("已写入 {file}。", "Written to {file}."),
    "yes": ("可以", "yes"), "no": ("不可以", "no"), "depends": ("待定", "pending"),
    "why": ("（这个回答会影响：{routes}）", "(this answer can change: {routes})"),
}
LEVEL_NAMES = {4: ("四级/中级工", "Level 4"), 3: ("三级/高级工", "Level 3"),
               2: ("二级/技师", "Level 2"), 1: ("一级/高级技师", "Level 1")}
MAX_COUNT = 100   # the most records a section may have (docs/input.md)


def say(key: str, lang: str, **values: Any) -> str:
    zh, en = WORDS[key]
    return (zh if lang == "zh" else en).format(**values)


class EndOfInput(Exception):
    """Standard input ended before the interview was done."""


class Terminal:
    """Questions out, answers in, one line each (echoed when piped, so that a transcript
    reads as a dialogue)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.echo = not sys.stdin.isatty()

    def read(self, prompt: str = "> ") -> str:
        click.echo(prompt, nl=False)
        line = sys.stdin.readline()
        if not line:
            click.echo()
            raise EndOfInput
        answer = line.rstrip("\r\n").strip()
        if self.echo:
            click.echo(answer)
        return answer

    def again(self, answer: str, expected: str) -> None:
        click.echo(say("again", self.lang, answer=answer, expected=expected))

    # --- the kinds of answers --------------------------------------------------------------

    def choice(self, choices: list[dict[str, Any]]) -> Any:
        for n, choice in enumerate(choices, 1):
            click.echo(f"  {n}. {choice['label']}")
        while True:
            answer = self.read()
            if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(choices):
                return choices[int(answer) - 1]["value"]
            for choice in choices:
                if answer and answer.lower() in (str(choice["value"]).lower(), choice["label"]):
                    return choice["value"]
            value = _alias(answer, choices)
            if value is not None:
                return value
            self.again(answer, say("a_number", self.lang, n=len(choices)))

    def month(self, nullable: bool = False) -> str | None:
        from ..months import MonthError, format_month, parse_month

        while True:
            answer = self.read()
            if nullable and answer in ("", "null", "-", "无", "至今", "now"):
                return None
            try:
                return format_month(parse_month(answer))
            except MonthError:
                self.again(answer, say("a_month_or_empty" if nullable else "a_month", self.lang))

    def whole(self, low: int, high: int, key: str = "a_whole") -> int:
        while True:
            answer = self.read()
            if answer.isascii() and answer.isdigit() and low <= int(answer) <= high:
                return int(answer)
            self.again(answer, say(key, self.lang, max=high))

    def records(self, question: dict[str, Any]) -> list[dict[str, Any]]:
        click.echo(say("count", self.lang))
        count = self.whole(0, MAX_COUNT, "a_count")
        records = []
        for n in range(1, count + 1):
            click.echo(say("record", self.lang, n=n))
            record: dict[str, Any] = {}
            for spec in question["fields"]:
                click.echo(f" {spec['text']}")
                if spec["type"] == "choice":
                    record[spec["key"]] = self.choice(spec["choices"])
                elif spec["type"] == "number":
                    record[spec["key"]] = self.whole(spec["minimum"], spec["maximum"])
                else:
                    record[spec["key"]] = self.month(spec.get("nullable", False))
            records.append(record)
        return records

    def answer(self, question: dict[str, Any]) -> Any:
        click.echo()
        click.echo(question["text"])
        if question["why"]:
            click.echo(say("why", self.lang, routes=", ".join(question["why"])))
        if question["type"] == "records":
            return self.records(question)
        if question["type"] == "month":
            return self.month()
        if question["type"] == "number":
            return self.whole(0, 10000)
        return self.choice(question["choices"])


def _alias(answer: str, choices: list[dict[str, Any]]) -> Any:
    """A choice written as the loader reads it (相关专业, 不确定, 是/否, yes/no)."""
    from ..applicant import ALIASES, UNKNOWN_WORDS

    values = [c["value"] for c in choices]
    if answer in UNKNOWN_WORDS and "unknown" in values:
        return "unknown"
    if True in values:
        flag = {"是": True, "有": True, "yes": True, "y": True, "true": True,
                "否": False, "没有": False, "no": False, "n": False, "false": False}
        return flag.get(answer.lower())
    alias = ALIASES.get(answer)
    return alias if alias in values else None


def state_lines(check: dict[str, Any], lang: str) -> list[str]:
    """One line per level: 可以 (by its routes) / 不可以 / 待定."""
    lines = []
    for level in check["levels"]:
        name = LEVEL_NAMES[level["level"]][0 if lang == "zh" else 1]
        verdict = say(level["verdict"], lang)
        routes = level["routes"] if level["verdict"] == "yes" else ()
        shown = f"{name}：{verdict}" if lang == "zh" else f"{name}: {verdict}"
        if routes:
            shown += f" ({', '.join(routes)})"
        lines.append(shown)
    return lines


@click.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--target", type=click.IntRange(1, 4), default=None,
              help="Also settle the fastest path to this level (1 = 一级/高级技师).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the questions and reports (default: from the locale).")
@click.option("--output", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Write the finished applicant file here (JSON for .json, else YAML).")
@answers_errors
def ask(file: str | None, target: int | None, lang: str | None, output: str | None) -> None:
    """Answer questions one at a time, only those that can still change the answer
    (FILE: the answers so far, a partial applicant file).  Answers may be piped on
    standard input, one a line; a section is answered with its number of records, then
    one line per key of each record."""
    from ..loader import load_document

    lang = lang or default_lang()
    document: Any = {} if file is None else load_document(file)
    terminal = Terminal(lang)
    try:
        step = _interview(document, target, lang, terminal)
    except EndOfInput:
        fail(say("eof", lang), lang=lang)
    except KeyboardInterrupt:
        click.echo()
        fail(say("interrupted", lang), lang=lang)
    _finish(step, target, lang, output)


def _interview(document: Any, target: int | None, lang: str, terminal: Terminal) -> Any:
    """Ask until done; the last step."""
    from ..interview import next_step, put
    from ..messages import InputError

    step = next_step(document, target, lang)   # a bad FILE: its error, exit 2
    while not step.done:
        question = step.question.to_json()
        answer = terminal.answer(question)
        trial = put(document, question["field"], answer)
        try:
            step = next_step(trial, target, lang)
        except InputError as exc:   # end before start, say: asked again
            click.echo(say("refused", lang, message=exc.text(lang)))
            continue
        document = trial
        for line in state_lines(step.check, lang):
            click.echo(line)
    return step


def _finish(step: Any, target: int | None, lang: str, output: str | None) -> None:
    from ..applicant import applicant_from_mapping
    from ..eligibility import check
    from ..render import render_check, render_path

    click.echo()
    click.echo(say("done", lang, asked=step.asked))
    applicant = applicant_from_mapping(step.applicant)
    click.echo(render_check(check(applicant), lang))
    if target is not None:
        from ..planner import fastest_path

        click.echo()
        click.echo(render_path(fastest_path(applicant, target), lang))
    if output is not None:
        from ..messages import say as message

        try:
            _write(output, step.applicant)
        except OSError as exc:
            fail(message("write_failed", lang, reason=os_reason(exc)), lang=lang)
        click.echo(say("written", lang, file=output))


def _write(path: str, document: dict[str, Any]) -> None:
    import json

    if path.lower().endswith(".json"):
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        import yaml

        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
