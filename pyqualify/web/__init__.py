"""The web page and the HTTP API of ``pyqualify serve`` (docs/service.md).

Everything the page needs (template, script, style) ships in this package; the server
makes no request to any other machine. Needs the ``web`` extra: ``pip install pyqualify[web]``.
"""
