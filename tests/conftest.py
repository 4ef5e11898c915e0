"""Fixtures shared by test modules: the browser tests' server, browser and context."""

from tests.web_page import browser, context, server  # noqa: F401
