"""Reports for people, in Chinese or English (``--lang``): the faces' view of the engine's
answers.  The engine never imports this package."""

from .check import explanation_lines, nearness, render_check, shortfall_text
from .layout import colon, display_width, parameter_summary
from .path import programme_name, render_path
from .rules import render_audit, render_routes

__all__ = ["colon", "display_width", "explanation_lines", "nearness", "parameter_summary",
           "programme_name", "render_audit", "render_check", "render_path", "render_routes",
           "shortfall_text"]
