"""The Starlette application: the page, the JSON API, its description (SERVICE.md).

No route reads or writes a file named by a request: the page's template, script and style
are read from the package once, and questions travel as data to the worker processes.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..applicant import MAX_FILE_BYTES
from ..jsontext import json_bytes
from ..messages import InputError, input_error, say
from ..query import FALSE_WORDS, TRUE_WORDS, parse_as_of, parse_settings, planner_options
from . import page
from .jobs import Job
from .openapi import openapi_document
from .pool import Busy, Gone, Timeout, WorkerPool, default_workers

LANGS = ("zh", "en")
RULE_PARAMS = {"lang", "as_of", "set"}
CHECK_PARAMS = RULE_PARAMS | {"no_assume_work", "horizon", "no_explain"}
PATH_PARAMS = RULE_PARAMS | {"target", "no_study", "no_training", "no_assume_work", "horizon"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "style-src 'self'; script-src 'self'; connect-src 'self'; "
                               "form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class JSON(JSONResponse):
    """JSON as UTF-8; text that cannot be UTF-8 (a lone surrogate echoed from the input)
    is written as ``\\u`` escapes instead, never a failure."""

    def render(self, content: Any) -> bytes:
        return json_bytes(content)


class TooLarge(Exception):
    """The body is over 1 MiB."""


def error(status: int, field: str, message: str) -> JSON:
    return JSON({"error": {"field": field, "message": message}}, status_code=status,
                headers=SECURITY_HEADERS)


def answer(document: Any) -> JSON:
    return JSON(document, headers=SECURITY_HEADERS)


async def read_body(request: Request, limit: int = MAX_FILE_BYTES) -> bytes:
    """The body, read in chunks and refused as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def request_lang(request: Request) -> str:
    lang = request.query_params.get("lang", "en")
    return lang if lang in LANGS else "en"


def _flag(value: str, name: str) -> bool:
    value = value.strip().lower()
    if value in ("",) + TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise input_error(name, "true_false", value)


def _whole(value: str, name: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise input_error(name, "whole_number_range", value, low=low, high=high) from None
    if not low <= number <= high:
        raise input_error(name, "whole_number_range", number, low=low, high=high)
    return number


def read_query(request: Request, allowed: set[str]) -> dict[str, Any]:
    """The query string's options, checked with the command line's parsers."""
    items = request.query_params.multi_items()
    single: dict[str, str] = {}
    for name, value in items:
        if name not in allowed:
            raise input_error(name, "known_parameter", known=", ".join(sorted(allowed)))
        if name != "set":
            if name in single:
                raise input_error(name, "parameter_once")
            single[name] = value
    lang = single.get("lang", "en")
    if lang not in LANGS:
        raise input_error("lang", "lang_choice", lang)
    query: dict[str, Any] = {"lang": lang}
    if "as_of" in allowed:
        query["as_of"] = parse_as_of(single.get("as_of"), "as_of")
        query["params"] = parse_settings([v for name, v in items if name == "set"], "set")
    flags = {name: _flag(single[name], name) if name in single else False
             for name in ("no_study", "no_training", "no_assume_work", "no_explain")
             if name in allowed}
    horizon = single.get("horizon")
    months = None if horizon is None else _whole(horizon, "horizon", 1, 1200)
    if "target" in allowed:
        query["target"] = _whole(single.get("target", "1"), "target", 1, 4)
        query["options"] = planner_options(**flags, horizon=months)
    elif "no_explain" in allowed:
        query["explain"] = not flags["no_explain"]
        query["assume_work"] = not flags["no_assume_work"]
        if months is not None:
            query["horizon"] = months
    return query


async def read_text(request: Request) -> str:
    """The body as text (UTF-8), at most 1 MiB."""
    raw = await read_body(request)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise input_error("", "body_not_utf8", offset=exc.start) from None


def is_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip() == "application/json"


class Service:
    """The endpoints, around two pools: one for checks and one for planning."""

    def __init__(self, workers: int | None = None, time_limit: float = 10.0) -> None:
        size = workers or default_workers()
        self.time_limit = time_limit
        self.checks = WorkerPool(size, time_limit, warm="check")
        self.plans = WorkerPool(size, time_limit, warm="path")

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self.checks.start()
        self.plans.start()
        try:
            yield
        finally:
            self.checks.close()
            self.plans.close()

    async def _ask(self, request: Request, kind: str) -> Response:
        lang = request_lang(request)
        allowed = {"path": PATH_PARAMS, "check": CHECK_PARAMS, "parse": {"lang"}}[kind]
        try:
            query = read_query(request, allowed)
            text = await read_text(request)
        except TooLarge:
            return error(413, "", _words(lang, "too_large"))
        except InputError as exc:
            return error(422, exc.path, exc.text(lang))
        job = Job(kind=kind, text=text, strict_json=is_json(request), **query)
        pool = self.plans if kind == "path" else self.checks

        async def still_wanted() -> bool:
            return not await request.is_disconnected()

        try:
            reply = await pool.run(job, still_wanted)
        except Gone:   # nobody is listening any more
            return Response(status_code=499)
        except Timeout:
            return error(503, "", _words(lang, "timeout", seconds=f"{self.time_limit:g}"))
        except Busy:
            return error(503, "", _words(lang, "busy"))
        if "ok" in reply:
            return Response(reply["ok"], media_type="application/json",
                            headers=SECURITY_HEADERS)
        if "error" in reply:
            return JSON(reply, status_code=422, headers=SECURITY_HEADERS)
        return error(503, "", _words(lang, "fault", detail=reply["fault"]))

    async def check(self, request: Request) -> Response:
        return await self._ask(request, "check")

    async def path(self, request: Request) -> Response:
        return await self._ask(request, "path")

    async def parse(self, request: Request) -> Response:
        """An applicant file (YAML or JSON text) read by the loader, for the page's form.

        A file that parses but breaks a rule answers 422 with its raw ``document`` too, so
        that the form can show what was in the file and mark the field.
        """
        return await self._ask(request, "parse")

    async def health(self, request: Request) -> Response:
        return answer({"status": "ok", "version": __version__})

    async def openapi(self, request: Request) -> Response:
        return answer(openapi_document())

    async def docs(self, request: Request) -> Response:
        return HTMLResponse(page.docs_html(), headers=SECURITY_HEADERS)

    async def index(self, request: Request) -> Response:
        lang = request.query_params.get("lang", "zh")
        return HTMLResponse(page.index_html(lang if lang in LANGS else "zh"),
                            headers=SECURITY_HEADERS)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        found = page.static_file(name)
        if found is None:
            return error(404, "", _words(request_lang(request), "not_found"))
        body, media_type = found
        return Response(body, media_type=media_type,
                        headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"})


def _words(lang: str, key: str, **values: str) -> str:
    """A sentence of the message catalogue (``web_<key>``) in ``lang``."""
    return say(f"web_{key}", lang, **values)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 404)
    key = "method" if status == 405 else "not_found"
    return error(status, "", _words(request_lang(request), key))


def create_app(*, workers: int | None = None, time_limit: float = 10.0) -> Starlette:
    """The application; its worker pools start and stop with the server (lifespan)."""
    service = Service(workers, time_limit)
    routes = [
        Route("/", service.index, methods=["GET"]),
        Route("/static/{name}", service.static, methods=["GET"]),
        Route("/api/health", service.health, methods=["GET"]),
        Route("/api/check", service.check, methods=["POST"]),
        Route("/api/path", service.path, methods=["POST"]),
        Route("/api/parse", service.parse, methods=["POST"]),
        Route("/openapi.json", service.openapi, methods=["GET"]),
        Route("/docs", service.docs, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=service.lifespan,
                    exception_handlers={HTTPException: _http_error})
    app.state.service = service
    return app
