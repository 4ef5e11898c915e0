"""The API described as OpenAPI 3.1 (served at ``/openapi.json``, shown at ``/docs``).

The query parameters' schemas are also how the server checks them (:func:`matches`), so
the document and the server cannot drift apart; the answers' schemas are the documents the
command line prints (docs/output.md, docs/explanations.md), and the tests validate every
answer with them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from .. import __version__
from ..months import month_schema_pattern
from ..params import MAX_THRESHOLD, SWITCH_IDS, SWITCHES, THRESHOLDS
from ..query import FALSE_WORDS, TRUE_WORDS
from ..texts import CONDITIONS, MATERIAL_NAMES, ROUTE_SUMMARIES

FLAG_VALUES = ["", *TRUE_WORDS, *FALSE_WORDS]
_NUMBER = "(?:[0-9]|[1-9][0-9]|[1-9][0-9][0-9]|1[01][0-9][0-9]|1200)"
assert MAX_THRESHOLD == 1200, "update _NUMBER"
SET_PATTERN = ("^(?:(?:" + "|".join([*SWITCHES, *SWITCH_IDS]) + ")=(?:"
               + "|".join(TRUE_WORDS + FALSE_WORDS) + ")|(?:" + "|".join(THRESHOLDS)
               + ")=" + _NUMBER + ")$")
ROUTE = {"type": "string", "enum": list(ROUTE_SUMMARIES)}
MONTH_OUT = {"type": "string", "pattern": "^[0-9]{4}-(?:0[1-9]|1[0-2])$", "example": "2026-11"}
LEVEL = {"type": "integer", "enum": [4, 3, 2, 1]}


def _query(name: str, description: str, schema: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema, **more}


def _flag(name: str, description: str) -> dict[str, Any]:
    return _query(name, description + " A flag: true, 1, yes, on or empty (`?" + name
                  + "`) for yes; false, 0, no, off for no (lower case).",
                  {"type": "string", "enum": FLAG_VALUES, "default": "false"},
                  allowEmptyValue=True)


def query_parameters(max_horizon: int) -> dict[str, dict[str, Any]]:
    """Every query parameter of the API, as the server checks it."""
    horizon = {"type": "integer", "minimum": 1, "maximum": max_horizon}
    return {
        "lang": _query("lang", "Language of error messages.",
                       {"type": "string", "enum": ["zh", "en"], "default": "en"}),
        "as_of": _query("as_of", "The month of the question (default: the file's, else this "
                        "month), written as in a file (2026-11, 2026.11, 202611, 2026年11月…).",
                        {"type": "string", "pattern": month_schema_pattern(),
                         "example": "2026-11"}),
        "set": _query("set", "Override a threshold (0-1200) or flip a switch "
                      "(true/false), NAME=VALUE; repeatable. Names: " + ", ".join(THRESHOLDS)
                      + ", " + ", ".join(f"{k} ({v})" for k, v in SWITCH_IDS.items()) + ".",
                      {"type": "array", "items": {"type": "string", "pattern": SET_PATTERN,
                                                  "example": "I1=false"}},
                      style="form", explode=True),
        "no_assume_work": _flag("no_assume_work", "Count future work only where a work "
                                "record covers it (for `opens` and for the plan)."),
        "no_study": _flag("no_study", "Rule out new study. /api/check takes it too and "
                          "nothing changes there: `opens` never adds study."),
        "no_training": _flag("no_training", "Rule out a training course. /api/check takes "
                             "it too and nothing changes there: `opens` never adds training."),
        "horizon": _query("horizon", f"Months from as_of within which to look (default 240; "
                          f"at most {max_horizon}, the server's --max-horizon).", horizon),
        "no_explain": _flag("no_explain", "Verdicts only: leave out opens, opens_by, "
                            "shortfall and materials (docs/explanations.md)."),
        "target": _query("target", "The level wanted (1 = 一级/高级技师).",
                         {"type": "integer", "minimum": 1, "maximum": 4, "default": 1}),
    }


CHECK_ORDER = ("lang", "as_of", "set", "no_assume_work", "no_study", "no_training",
               "horizon", "no_explain")
PATH_ORDER = ("lang", "as_of", "set", "target", "no_study", "no_training", "no_assume_work",
              "horizon")


def _python_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("$", r"\Z"))   # ECMA-262's $ is Python's \Z


def matches(schema: dict[str, Any], text: str) -> bool:
    """Whether a query value (text) is one the schema allows, read as OpenAPI reads a
    query string (an integer is written in decimal digits)."""
    if "enum" in schema and schema.get("type") == "string":
        return text in schema["enum"]
    if schema.get("type") == "integer":
        if not (text.isascii() and text.isdigit()) or len(text) > 12:
            return False
        return schema.get("minimum", 0) <= int(text) <= schema.get("maximum", 10**12)
    if "pattern" in schema:
        return bool(_python_pattern(schema["pattern"]).search(text))
    if schema.get("type") == "array":
        return matches(schema["items"], text)
    return True


# --- the answers ----------------------------------------------------------------------

def _object(properties: dict[str, Any], required: list[str] | tuple[str, ...] = (),
            closed: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "required": list(required)}
    if closed:
        schema["additionalProperties"] = False
    return schema


def _by_route(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "propertyNames": ROUTE, "additionalProperties": items}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


def _schemas() -> dict[str, Any]:
    ref = lambda name: {"$ref": f"#/components/schemas/{name}"}   # noqa: E731
    condition = {"type": "string", "enum": list(CONDITIONS)}
    routes = {"type": "array", "items": ROUTE}
    counted = {"type": "integer", "minimum": 0}
    parameters = _object({**{name: counted for name in THRESHOLDS},
                          **{name: {"type": "boolean"} for name in SWITCHES}},
                         [*THRESHOLDS, *SWITCHES])
    unknown_field = {"type": "string", "example": "work[0].occupation",
                     "description": "The path of a field the file says is unknown."}
    reading = {"oneOf": [{"type": "string"}, {"type": "boolean"}]}
    level = _object({
        "level": LEVEL, "held": {"type": "boolean"}, "eligible": {"type": "boolean"},
        "verdict": {"type": "string", "enum": ["yes", "no", "depends"], "description":
                    "yes: eligible whatever the unknown facts are; no: in no case; "
                    "depends: in some (eligible is then false)."},
        "routes": routes,
        "depends_on": {"type": "array", "description": "With verdict depends: the unknown "
                       "fields of the minimal sets that decide it.", "items": _object({
                           "field": unknown_field,
                           "admits_if": {"type": "array", "items": reading},
                           "routes": routes}, ["field", "admits_if", "routes"])},
        "possible_routes": routes,
        "unmet": _by_route({"type": "array", "items": condition}),
        "opens": _nullable(MONTH_OUT), "opens_by": routes,
        "shortfall": _by_route({"type": "array", "items": _object(
            {"condition": condition, "have": counted, "need": counted}, ["condition"])}),
        "materials": _by_route({"type": "array", "items": {
            "type": "string", "enum": list(MATERIAL_NAMES)}}),
    }, ["level", "held", "eligible", "verdict", "routes", "unmet"])
    check = _object({
        "id": _nullable({"type": "string"}), "as_of": MONTH_OUT,
        "unknowns": {"type": "array", "items": unknown_field},
        "education_ok": {"type": "boolean"},
        "levels": {"type": "array", "items": ref("Level"), "minItems": 4, "maxItems": 4},
        "work_months": counted,
        "work_months_since_certificate": {"type": "object", "propertyNames": {
            "enum": ["4", "3", "2", "1"]}, "additionalProperties": counted},
        "parameters": ref("Parameters"),
        "warnings": {"type": "array", "items": _object(
            {"code": {"type": "string"}, "field": {"type": "string"}, "month": MONTH_OUT},
            ["code", "field", "month"])},
        "forecast": _object({"assume_work": {"type": "boolean"}, "horizon": counted},
                            ["assume_work", "horizon"]),
        "unasked": {"type": "array", "items": {"type": "string"}, "description":
                    "/api/ask only: the questions not asked yet (a section, education, a "
                    "record's field), in the order they would be asked."},
    }, ["id", "as_of", "unknowns", "education_ok", "levels", "work_months", "parameters",
        "warnings"])
    step = _object({
        "month": MONTH_OUT,
        "action": {"type": "string", "enum": ["start_training", "start_study", "exam",
                                              "complete_training", "graduate", "certificate"]},
        "level": LEVEL, "routes": routes, "program": {"type": "string"},
        "certificate": {"type": "string"},
        "skip_if": {"type": "array", "items": unknown_field, "description": "An exam to "
                    "skip where one of these certificates (their occupation unknown) counts: "
                    "its level is then held or awaited."},
    }, ["month", "action"])
    steps = {"type": "array", "items": ref("Step")}
    path = _object({
        "id": _nullable({"type": "string"}), "as_of": MONTH_OUT, "target": LEVEL,
        "reachable": {"type": "boolean"}, "certified": _nullable(MONTH_OUT),
        "months": _nullable(counted),
        "plans": {"type": "array", "items": _object({"steps": steps}, ["steps"])},
        "tradeoffs": {"type": "array", "items": _object(
            {"study_months": counted, "certified": MONTH_OUT, "months": counted,
             "steps": steps}, ["study_months", "certified", "months", "steps"])},
        "reason": _object({
            "highest_reachable": _nullable(LEVEL), "blocked_level": _nullable(LEVEL),
            "blocked_at": _nullable(MONTH_OUT),
            "unmet": _by_route({"type": "array", "items": condition}),
            "education_ok": {"type": "boolean"},
            "would_open": {"type": "array", "items": _object(
                {"option": {"type": "string"}, "certified": MONTH_OUT, "months": counted},
                ["option", "certified", "months"])},
        }, closed=False),
        "unknowns": {"type": "array", "items": unknown_field},
        "best_case": _nullable(_object({
            "months": counted, "certified": MONTH_OUT,
            "assumes": {"type": "object", "description": "The readings (other than the least "
                        "favourable ones) of one completion that reaches it.",
                        "additionalProperties": reading}}, ["months", "certified", "assumes"])),
        "parameters": ref("Parameters"),
        "planner": _object({}, closed=False),
        "stats": _object({}, closed=False),
    }, ["id", "as_of", "target", "reachable", "certified", "months", "plans", "unknowns",
        "best_case", "parameters", "planner"])
    error = _object({"error": _object({
        "field": {"type": "string", "example": "work[1].end",
                  "description": "The field's path (empty: the whole body or the request)."},
        "message": {"type": "string", "description": "The command line's message."},
        "label": {"type": "string", "example": "end month of work record 2",
                  "description": "The field in words, rows counted from 1 (empty: none)."},
        "text": {"type": "string", "description": "The message in a person's words: the "
                 "field by its label, choices by their names (what the page shows)."},
    }, ["field", "message", "label", "text"]),
        "document": {"type": "object", "description": "/api/parse only: the file's raw "
                     "values (to fill a form and mark the field)."}}, ["error"])
    choice = _object({"value": {"description": "The value written at the field (a text, "
                                               "a level, true or false, or unknown)."},
                      "label": {"type": "string"}}, ["value", "label"])
    key = _object({"key": {"type": "string"}, "type": {"enum": ["choice", "month", "number"]},
                   "text": {"type": "string"}, "label": {"type": "string"},
                   "choices": {"type": "array", "items": choice},
                   "nullable": {"type": "boolean"}, "minimum": {"type": "integer"},
                   "maximum": {"type": "integer"}}, ["key", "type", "text"])
    question = _object({
        "field": {"type": "string", "example": "diplomas[0].major",
                  "description": "Where the answer is written in the partial applicant."},
        "type": {"enum": ["choice", "month", "number", "records"]},
        "choices": {"type": "array", "items": choice},
        "keys": {"type": "array", "items": {"type": "string"},
                 "description": "records: the fields each record of the answer has."},
        "fields": {"type": "array", "items": key,
                   "description": "records: how each key is asked."},
        "text": {"type": "string"},
        "why": {"type": "array", "items": {"type": "string"},
                "description": "The routes (or `path`) the answer can change."}},
        ["field", "type", "text", "why"])
    ask = _object({"done": {"type": "boolean"}, "question": _nullable(question),
                   "check": ref("Check"), "asked": counted,
                   "applicant": ref("Applicant"), "path": ref("Path")},
                  ["done", "question", "check", "asked"])
    return {"Check": check, "Level": level, "Path": path, "Step": step, "Ask": ask,
            "Parameters": parameters, "Error": error,
            "Parsed": _object({"applicant": ref("Applicant")}, ["applicant"]),
            "Health": _object({"status": {"const": "ok"}, "version": {"type": "string"}},
                              ["status", "version"])}


ERRORS = {400: "The request is not HTTP the server can read.",
          405: "This address does not take that method; the Allow header lists those it takes.",
          408: "The body did not arrive in time (the connection is closed).",
          413: "The body is larger than 1 MiB.",
          421: "The Host header names a host this server was not started for.",
          422: "Bad input: the field (its path), the command line's message and the same in "
               "a person's words.",
          503: "The question ran past the server's time limit, or no worker was free."}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(code): {"description": ERRORS[code], "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for code in codes}


def _ok(description: str, schema: str) -> dict[str, Any]:
    return {"200": {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema}"}}}}}


def _body() -> dict[str, Any]:
    return {"required": True, "description": "An applicant document (docs/input.md), JSON; "
            "YAML is read too (any other Content-Type).",
            "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Applicant"},
                "example": {"id": "A-0001", "as_of": "2026-11", "education": "high_school",
                            "diplomas": [{"kind": "junior_college", "major": "related",
                                          "graduation": "2022-06"}],
                            "work": [{"start": "2022-07", "occupation": "related"}]}},
                "application/yaml": {"schema": {"type": "string"}}}}


@cache
def openapi_document(max_horizon: int = 480) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the API of a server with ``--max-horizon``."""
    from importlib import resources

    text = resources.files(__package__).joinpath("static/applicant.schema.json").read_text(
        encoding="utf-8")
    applicant = json.loads(text.replace('"#/$defs/', '"#/components/schemas/'))
    for key in ("$schema", "$id"):
        applicant.pop(key, None)
    defs = applicant.pop("$defs", {})
    params = query_parameters(max_horizon)
    common = _errors(405, 408, 413, 421, 422, 503)
    return {
        "openapi": "3.1.0",
        "info": {"title": "pyqualify", "version": __version__,
                 "description": "Who may sit which level of the 全媒体运营师 qualification, and "
                                "the fastest path to a level: the same documents as the "
                                "command line's `--format json` (docs/output.md, "
                                "docs/explanations.md). A query parameter the operation "
                                "does not list answers 422."},
        "paths": {
            "/api/check": {"post": {
                "summary": "Which levels the applicant may sit now, and by which routes",
                "parameters": [params[n] for n in CHECK_ORDER], "requestBody": _body(),
                "responses": {**_ok("The check document (docs/output.md, "
                                     "docs/explanations.md).", "Check"),
                              **common}}},
            "/api/path": {"post": {
                "summary": "The fastest path to a certificate of the target level",
                "parameters": [params[n] for n in PATH_ORDER], "requestBody": _body(),
                "responses": {**_ok("The path document (docs/output.md).", "Path"), **common}}},
            "/api/parse": {"post": {
                "summary": "Read an applicant file (YAML or JSON) as the loader does",
                "parameters": [params["lang"]],
                "requestBody": {"required": True, "description": "The text of an applicant "
                                "file (UTF-8), YAML or JSON.", "content": {
                                    "application/yaml": {"schema": {"type": "string"}},
                                    "text/plain": {"schema": {"type": "string"}},
                                    "application/json": {"schema": {
                                        "$ref": "#/components/schemas/Applicant"}}}},
                "responses": {**_ok("The applicant as the loader reads it: every key, months "
                                    "as YYYY-MM. A 422 also has the file's raw `document`.",
                                    "Parsed"), **common}}},
            "/api/ask": {"post": {
                "summary": "The interview: the next question that can change the answer, "
                           "or done (docs/partial.md)",
                "description": "Stateless: the client writes each answer at the question's "
                               "`field` in its partial applicant and posts it again. A "
                               "section (diplomas, work, trainings, certificates) absent or "
                               "null, `education` absent, or a record's field absent has "
                               "not been asked yet; `unknown` is the answer \"not sure\".",
                "parameters": [params["lang"], {**params["target"], "description":
                               "The level of the path to settle too (none: the verdicts "
                               "only)."}],
                "requestBody": {"required": True, "description": "The partial applicant.",
                                "content": {"application/json": {
                                    "schema": _object({"applicant": {"type": "object"}},
                                                      ["applicant"]),
                                    "example": {"applicant": {
                                        "as_of": "2026-11", "education": "high_school",
                                        "diplomas": [{"kind": "junior_college",
                                                      "graduation": "2023-06"}]}}}}},
                "responses": {**_ok("The next question (`done` false), or the applicant "
                                    "document with its check and path (`done` true).",
                                    "Ask"), **common}}},
            "/api/health": {"get": {
                "summary": "The server is up",
                "responses": {**_ok("`{\"status\": \"ok\", \"version\": ...}`", "Health"),
                              **_errors(405, 421)}}},
        },
        "components": {"schemas": {**_schemas(), "Applicant": applicant, **defs}},
    }
