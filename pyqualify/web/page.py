"""The page and its files, read from the package once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape

from ..months import current_month, format_month
from .i18n import form_words, page_data

STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".json": "application/json", ".svg": "image/svg+xml"}


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("pyqualify.web", "templates"),
                       autoescape=select_autoescape(["html"]), auto_reload=False)


def index_html(lang: str, max_horizon: int = 480) -> str:
    """The page in ``lang`` ("zh" or "en"), with this month as the default ``as_of``."""
    month = format_month(current_month())
    return _index_html(lang, month, max_horizon)


@cache
def _index_html(lang: str, month: str, max_horizon: int) -> str:
    data = json.dumps({**page_data(lang), "month": month, "max_horizon": max_horizon},
                      ensure_ascii=False)
    data = data.replace("<", "\\u003c")   # the JSON sits in a <script> data block
    return _environment().get_template("index.html").render(
        lang=lang, month=month, data=data, max_horizon=max_horizon, **form_words(lang))


@cache
def docs_html() -> str:
    return _environment().get_template("docs.html").render()


@cache
def _static_files() -> dict[str, tuple[bytes, str]]:
    """Every file of ``static/`` by its name, read once: a request only looks a name up in
    this table (no file system call, nothing kept for names that are not there)."""
    files: dict[str, tuple[bytes, str]] = {}
    for entry in resources.files(__package__).joinpath("static").iterdir():
        suffix = entry.name[entry.name.rfind("."):] if "." in entry.name else ""
        if entry.is_file() and suffix in STATIC_TYPES and not entry.name.startswith("."):
            files[entry.name] = (entry.read_bytes(), STATIC_TYPES[suffix])
    return files


def static_file(name: str) -> tuple[bytes, str] | None:
    """A file of ``static/`` by its plain name, with its media type; None for any other."""
    return _static_files().get(name)
