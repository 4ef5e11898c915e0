"""The Starlette application: the page, the JSON API, its description (docs/service.md).

No route reads or writes a file named by a request: the page's template, script and style
are read from the package once, and questions travel as data to the worker processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..applicant import MAX_FILE_BYTES
from ..jsontext import json_bytes
from ..messages import InputError, Term, input_error, quote, say
from ..query import TRUE_WORDS, parse_as_of, parse_settings, planner_options
from . import page
from .jobs import Job
from .openapi import matches, openapi_document, query_parameters
from .pool import Busy, Gone, Timeout, WorkerPool, default_workers
from .words import error_body

LANGS = ("zh", "en")
RULE_PARAMS = {"lang", "as_of", "set"}
# no_study and no_training are taken by /api/check too, so that a client (the page) sends one
# set of options to both: they change nothing there, as `opens` never adds study or training
PLAN_FLAGS = ("no_study", "no_training", "no_assume_work")
CHECK_PARAMS = RULE_PARAMS | {*PLAN_FLAGS, "horizon", "no_explain"}
PATH_PARAMS = RULE_PARAMS | {"target", *PLAN_FLAGS, "horizon"}
ASK_PARAMS = {"lang", "target"}   # the interview (POST /api/ask): its path's target, if any
MAX_HORIZON = 480        # the default of --max-horizon: no client holds a planner longer
HORIZON_LIMIT = 1200     # the command line's bound, the most --max-horizon may be
BODY_SECONDS = 30.0      # the most a request body may take to arrive (then 408)
MAX_REQUESTS = 2048      # requests at once past their headers; /api/health is never refused
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


class TooSlow(Exception):
    """The body did not arrive within the time allowed."""


def error(status: int, field: str, message: str, headers: dict[str, str] | None = None,
          **words: str) -> JSON:
    """An error answer: ``field`` and ``message``, and for a person ``label`` and ``text``
    (the server's own errors have no field: ``text`` is ``message``)."""
    body = {"field": field, "message": message, "label": words.get("label", ""),
            "text": words.get("text", message)}
    return JSON({"error": body}, status_code=status,
                headers={**SECURITY_HEADERS, **(headers or {})})


def refused(exc: InputError, lang: str) -> JSON:
    return JSON({"error": error_body(exc, lang)}, status_code=422, headers=SECURITY_HEADERS)


def answer(document: Any) -> JSON:
    return JSON(document, headers=SECURITY_HEADERS)


async def read_body(request: Request, limit: int = MAX_FILE_BYTES,
                    seconds: float = BODY_SECONDS) -> bytes:
    """The body, read in chunks and refused as soon as it passes ``limit`` bytes, or when it
    takes longer than ``seconds`` to arrive."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(seconds):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise TooLarge
                chunks.append(chunk)
    except TimeoutError:
        raise TooSlow from None
    return b"".join(chunks)


def request_lang(request: Request) -> str:
    lang = request.query_params.get("lang", "en")
    return lang if lang in LANGS else "en"


def _flag(value: str, name: str, schema: dict[str, Any]) -> bool:
    if not matches(schema, value):
        raise input_error(name, "true_false", value)
    return value in ("",) + TRUE_WORDS


def _whole(value: str, name: str, schema: dict[str, Any]) -> int:
    """A whole number written in ASCII digits, in the schema's range."""
    low, high = schema["minimum"], schema["maximum"]
    if not matches(schema, value):
        if value.isascii() and value.isdigit() and len(value) <= 12:
            raise input_error(name, "whole_number_range", int(value), low=low, high=high)
        raise input_error(name, "whole_number_range", value, low=low, high=high)
    return int(value)


def _settings(values: list[str], schema: dict[str, Any]) -> dict[str, int | bool]:
    settings = parse_settings(values, "set")   # the command line's words for most mistakes
    for value in values:   # and the API's own bounds: no spaces, lower case, 0-1200
        if not matches(schema, value):
            raise input_error(f"set {quote(value) if not value.isascii() else value}",
                              "api_setting", value)
    return settings


def read_query(request: Request, allowed: set[str], max_horizon: int = MAX_HORIZON
               ) -> dict[str, Any]:
    """The query string's options, checked as the OpenAPI document describes them (the
    same schemas, :func:`~pyqualify.web.openapi.matches`) and read with the command line's
    parsers."""
    schemas = {name: p["schema"] for name, p in query_parameters(max_horizon).items()}
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
        query["params"] = _settings([v for name, v in items if name == "set"],
                                    schemas["set"])
    flags = {name: _flag(single[name], name, schemas[name]) if name in single else False
             for name in (*PLAN_FLAGS, "no_explain") if name in allowed}
    horizon = single.get("horizon")
    months = None if horizon is None else _whole(horizon, "horizon", schemas["horizon"])
    if "target" in allowed:
        query["target"] = _whole(single.get("target", "1"), "target", schemas["target"])
        query["options"] = planner_options(**flags, horizon=months)
    elif "no_explain" in allowed:
        query["explain"] = not flags["no_explain"]
        query["assume_work"] = not flags["no_assume_work"]
        if months is not None:
            query["horizon"] = months
    return query


async def read_text(request: Request, seconds: float = BODY_SECONDS) -> str:
    """The body as text (UTF-8), at most 1 MiB; refused in the command line's words."""
    raw = await read_body(request, seconds=seconds)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise input_error("", "not_utf8", offset=exc.start, name=Term("the_body")) from None


def is_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip() == "application/json"


class Service:
    """The endpoints, around two pools: one for checks and one for planning."""

    def __init__(self, workers: int | None = None, time_limit: float = 10.0,
                 max_horizon: int = MAX_HORIZON, body_seconds: float = BODY_SECONDS) -> None:
        size = workers or default_workers()
        self.time_limit = time_limit
        self.max_horizon = max_horizon
        self.body_seconds = body_seconds
        self.checks = WorkerPool(size, time_limit, warm="check")
        self.plans = WorkerPool(size, time_limit, warm="path")

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self.checks.start()
        self.plans.start()
        # serve (and report healthy) once every worker is warm (issue 19)
        await asyncio.gather(self.checks.warmed(), self.plans.warmed())
        try:
            yield
        finally:
            self.checks.close()
            self.plans.close()

    async def _ask(self, request: Request, kind: str) -> Response:
        lang = request_lang(request)
        allowed = {"path": PATH_PARAMS, "check": CHECK_PARAMS, "parse": {"lang"},
                   "ask": ASK_PARAMS}[kind]
        try:
            query = read_query(request, allowed, self.max_horizon)
            text = await read_text(request, self.body_seconds)
        except TooLarge:
            return error(413, "", _words(lang, "too_large"))
        except TooSlow:
            return error(408, "", _words(lang, "too_slow", seconds=f"{self.body_seconds:g}"),
                         {"Connection": "close"})
        except ClientDisconnect:   # the asker went away mid-body: nothing to answer
            return Response(status_code=499)
        except InputError as exc:
            return refused(exc, lang)
        if kind == "ask":   # a target only when given (an interview without one plans nothing)
            query["ask_target"] = query.pop("target") if "target" in request.query_params \
                else None
        job = Job(kind=kind, text=text, strict_json=is_json(request), **query)
        pool = self.plans if kind == "path" or job.ask_target is not None else self.checks

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

    # --- the interview (docs/partial.md, docs/service.md): one step, no state kept --------
    async def ask(self, request: Request) -> Response:
        """``{"applicant": PARTIAL}``: the next question of the interview, or done."""
        return await self._ask(request, "ask")

    async def health(self, request: Request) -> Response:
        return answer({"status": "ok", "version": __version__})

    async def openapi(self, request: Request) -> Response:
        return answer(openapi_document(self.max_horizon))

    async def docs(self, request: Request) -> Response:
        return HTMLResponse(page.docs_html(), headers=SECURITY_HEADERS)

    async def index(self, request: Request) -> Response:
        lang = request.query_params.get("lang", "zh")
        return HTMLResponse(page.index_html(lang if lang in LANGS else "zh", self.max_horizon),
                            headers=SECURITY_HEADERS)

    async def static(self, request: Request) -> Response:
        found = page.static_file(request.path_params["name"])
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
    headers = dict(getattr(exc, "headers", None) or {})   # 405: Allow, the methods it takes
    return error(status, "", _words(request_lang(request), key), headers)


# --- the guard in front of the routes: Host header, requests at once ----------------------

ASGIApp = Callable[[dict[str, Any], Callable[[], Awaitable[Any]],
                    Callable[[dict[str, Any]], Awaitable[None]]], Awaitable[None]]
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The Host names a server listening on ``host`` answers (DNS rebinding: a page of
    another site that renames itself to this machine's address still sends its own name):
    ``host`` itself and ``extra``; loopback names too when ``host`` is a loopback address.
    None (any IP address, and ``localhost``, and ``extra``) for a wildcard ``0.0.0.0``/``::``:
    a rebound name is never an IP address, so IP literals are safe to answer."""
    names = {h.lower().strip("[]") for h in (host, *extra) if h}
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if host in ("localhost",) or (address is not None and address.is_loopback):
        names.update(LOOPBACK_NAMES)
    if address is not None and address.is_unspecified:
        return None
    return frozenset(names)


def host_name(header: str) -> str:
    """The name of a Host header without its port (``[::1]:8000`` gives ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    if header.count(":") == 1:
        return header.partition(":")[0]
    return header


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class Guard:
    """Pure ASGI, before routing: a Host the server was not started for answers 421; past
    ``max_requests`` requests at once, any but ``/api/health`` answers 503 (busy)."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None | bool,
                 max_requests: int = MAX_REQUESTS, extra: Iterable[str] = ()) -> None:
        self.app = app
        self.hosts = hosts     # False: no check (a library or test client), None: wildcard
        self.extra = frozenset(h.lower() for h in extra)
        self.max_requests = max_requests
        self.active = 0

    def _host_ok(self, scope: dict[str, Any]) -> bool:
        if self.hosts is False:
            return True
        header = next((v for k, v in scope.get("headers", []) if k == b"host"), None)
        if header is None:   # HTTP/1.0 without a Host: no name to rebind
            return True
        name = host_name(header.decode("latin-1"))
        if self.hosts is None:
            return _is_ip(name) or name == "localhost" or name in self.extra
        return name in self.hosts   # type: ignore[operator]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lang = "zh" if b"lang=zh" in scope.get("query_string", b"") else "en"
        if not self._host_ok(scope):
            await error(421, "", _words(lang, "host"))(scope, receive, send)
            return
        if self.active >= self.max_requests and scope.get("path") != "/api/health":
            await error(503, "", _words(lang, "busy"))(scope, receive, send)
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1


def create_app(*, workers: int | None = None, time_limit: float = 10.0,
               max_horizon: int = MAX_HORIZON, body_seconds: float = BODY_SECONDS,
               hosts: frozenset[str] | None | bool = False,
               extra_hosts: Iterable[str] = (), max_requests: int = MAX_REQUESTS) -> Guard:
    """The application; its worker pools start and stop with the server (lifespan).

    ``hosts``: the Host names answered (:func:`allowed_hosts`); False checks none.
    """
    service = Service(workers, time_limit, max_horizon, body_seconds)
    routes = [
        Route("/", service.index, methods=["GET"]),
        Route("/static/{name}", service.static, methods=["GET"]),
        Route("/api/health", service.health, methods=["GET"]),
        Route("/api/check", service.check, methods=["POST"]),
        Route("/api/path", service.path, methods=["POST"]),
        Route("/api/parse", service.parse, methods=["POST"]),
        Route("/api/ask", service.ask, methods=["POST"]),
        Route("/openapi.json", service.openapi, methods=["GET"]),
        Route("/docs", service.docs, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=service.lifespan,
                    exception_handlers={HTTPException: _http_error})
    app.state.service = service
    guard = Guard(app, hosts, max_requests, extra_hosts)
    guard.state = app.state   # type: ignore[attr-defined]  # tests reach the pools here
    return guard
