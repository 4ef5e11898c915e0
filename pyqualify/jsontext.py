"""JSON text of the answers: the characters as they are (Chinese stays Chinese), and, should
a text not be valid Unicode (a lone surrogate echoed from an input), ``\\u`` escapes instead,
never a failure.  Every JSON that leaves the program through a batch line or an HTTP body
is written here."""

from __future__ import annotations

import json
from typing import Any

from .loader import is_valid_text

# One encoder per layout (json.dumps builds a new one per call when ensure_ascii=False).
encode = json.JSONEncoder(ensure_ascii=False).encode
_COMPACT = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


def json_text(document: Any) -> str:
    """The document as JSON text, default separators (a batch line)."""
    text = encode(document)
    return text if is_valid_text(text) else json.dumps(document)


def json_bytes(document: Any) -> bytes:
    """The document as compact UTF-8 JSON (an HTTP body; no NaN)."""
    try:
        return _COMPACT(document).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(document, ensure_ascii=True, allow_nan=False,
                          separators=(",", ":")).encode("ascii")
