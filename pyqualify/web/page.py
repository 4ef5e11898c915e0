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


def index_html(lang: str) -> str:
    """The page in ``lang`` ("zh" or "en"), with this month as the default ``as_of``."""
    month = format_month(current_month())
    return _index_html(lang, month)


@cache
def _index_html(lang: str, month: str) -> str:
    data = json.dumps({**page_data(lang), "month": month}, ensure_ascii=False)
    data = data.replace("<", "\\u003c")   # the JSON sits in a <script> data block
    return _environment().get_template("index.html").render(
        lang=lang, month=month, data=data, **form_words(lang))


@cache
def docs_html() -> str:
    return _environment().get_template("docs.html").render()


@cache
def static_file(name: str) -> tuple[bytes, str] | None:
    """A file of ``static/`` by its plain name (no paths), with its media type."""
    suffix = name[name.rfind("."):] if "." in name else ""
    if "/" in name or "\\" in name or name.startswith(".") or suffix not in STATIC_TYPES:
        return None
    entry = resources.files(__package__).joinpath("static", name)
    if not entry.is_file():
        return None
    return entry.read_bytes(), STATIC_TYPES[suffix]
