"""The API described as OpenAPI 3 (served at ``/openapi.json``, shown at ``/docs``)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from .. import __version__
from ..params import SWITCH_IDS, THRESHOLDS


def _query(name: str, description: str, schema: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema, **more}


LANG = _query("lang", "Language of error messages.", {"type": "string", "enum": ["zh", "en"],
                                                       "default": "en"})
AS_OF = _query("as_of", "The month of the question (default: the file's, else this month).",
               {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "example": "2026-11"})
SET = _query("set", "Override a threshold or flip a switch, NAME=VALUE; repeatable. Names: "
             + ", ".join(THRESHOLDS) + ", " + ", ".join(
                 f"{k} ({v})" for k, v in SWITCH_IDS.items()) + ".",
             {"type": "array", "items": {"type": "string", "example": "I1=false"}},
             style="form", explode=True)
NO_ASSUME_WORK = _query("no_assume_work", "Count future work only where a work record "
                        "covers it.", {"type": "boolean", "default": False})
HORIZON = _query("horizon", "Months from as_of within which to look (default 240).",
                 {"type": "integer", "minimum": 1, "maximum": 1200})
EXPLAINING = [
    _query("no_assume_work", "For `opens`: count future work only where a work record "
           "covers it.", {"type": "boolean", "default": False}),
    _query("horizon", "For `opens`: months from as_of within which to look (default 240).",
           {"type": "integer", "minimum": 1, "maximum": 1200}),
    _query("no_explain", "Verdicts only: leave out opens, opens_by, shortfall and materials "
           "(EXPLAIN.md).", {"type": "boolean", "default": False}),
]
PLANNING = [
    _query("target", "The level wanted (1 = 一级/高级技师).",
           {"type": "integer", "minimum": 1, "maximum": 4, "default": 1}),
    _query("no_study", "Rule out new study.", {"type": "boolean", "default": False}),
    _query("no_training", "Rule out a training course.", {"type": "boolean", "default": False}),
    NO_ASSUME_WORK, HORIZON,
]
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["field", "message"],
    "properties": {"field": {"type": "string", "example": "work[1].end"},
                   "message": {"type": "string"}}}}}


def _errors(*codes: int) -> dict[str, Any]:
    words = {413: "The body is larger than 1 MiB.",
             422: "Bad input: the field (its path) and what was expected.",
             503: "The question ran past the server's time limit, or no worker was free."}
    return {str(code): {"description": words[code], "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for code in codes}


def _body() -> dict[str, Any]:
    return {"required": True, "description": "An applicant document (APPLICANT.md).",
            "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Applicant"},
                "example": {"id": "A-0001", "as_of": "2026-11", "education": "high_school",
                            "diplomas": [{"kind": "junior_college", "major": "related",
                                          "graduation": "2022-06"}],
                            "work": [{"start": "2022-07", "occupation": "related"}]}}}}


@cache
def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the API."""
    from importlib import resources

    text = resources.files(__package__).joinpath("static/applicant.schema.json").read_text(
        encoding="utf-8")
    applicant = json.loads(text.replace('"#/$defs/', '"#/components/schemas/'))
    for key in ("$schema", "$id"):
        applicant.pop(key, None)
    defs = applicant.pop("$defs", {})
    return {
        "openapi": "3.1.0",
        "info": {"title": "pyqualify", "version": __version__,
                 "description": "Who may sit which level of the 全媒体运营师 qualification, and "
                                "the fastest path to a level: the same documents as the "
                                "command line's `--format json` (OUTPUT.md, EXPLAIN.md)."},
        "paths": {
            "/api/check": {"post": {
                "summary": "Which levels the applicant may sit now, and by which routes",
                "parameters": [LANG, AS_OF, SET, *EXPLAINING], "requestBody": _body(),
                "responses": {"200": {"description": "The check document (OUTPUT.md, "
                                                     "EXPLAIN.md).",
                                      "content": {"application/json": {"schema": {
                                          "type": "object"}}}},
                              **_errors(413, 422, 503)}}},
            "/api/path": {"post": {
                "summary": "The fastest path to a certificate of the target level",
                "parameters": [LANG, AS_OF, SET, *PLANNING], "requestBody": _body(),
                "responses": {"200": {"description": "The path document (OUTPUT.md).",
                                      "content": {"application/json": {"schema": {
                                          "type": "object"}}}},
                              **_errors(413, 422, 503)}}},
            "/api/parse": {"post": {
                "summary": "Read an applicant file (YAML or JSON) as the loader does",
                "parameters": [LANG],
                "requestBody": {"required": True, "content": {
                    "application/yaml": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "object"}}}},
                "responses": {"200": {"description": "`{\"applicant\": {...}}`, normalised.",
                                      "content": {"application/json": {"schema": {
                                          "type": "object"}}}},
                              **_errors(413, 422, 503)}}},
            "/api/health": {"get": {
                "summary": "The server is up",
                "responses": {"200": {"description": "`{\"status\": \"ok\", \"version\": ...}`",
                                      "content": {"application/json": {"schema": {
                                          "type": "object", "properties": {
                                              "status": {"type": "string"},
                                              "version": {"type": "string"}}}}}}}}},
        },
        "components": {"schemas": {"Error": ERROR, "Applicant": applicant, **defs}},
    }
