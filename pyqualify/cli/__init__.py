"""The ``pyqualify`` command line: a face of the engine, one module per group of commands.

``check`` and ``path`` (:mod:`.check`, :mod:`.path`), ``ask`` (:mod:`.ask`), ``rules``,
``explain`` and ``audit`` (:mod:`.rules`), ``batch``, ``template`` and ``synth``
(:mod:`.batch`), ``serve`` (:mod:`pyqualify.web.command`).  Exit status (docs/output.md):
0 answered, 2 bad input or options, 1 a fault of the program.
"""

from __future__ import annotations

import click

from ..web.command import serve  # click only; the server loads on use
from .ask import ask
from .batch import batch, synth, template
from .check import check
from .common import Group
from .path import path
from .rules import audit, explain, rules


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pyqualify")
def main() -> None:
    """Which level of 全媒体运营师 may I sit now, and what is my fastest path to level 1?"""


for command in (check, path, ask, batch, template, synth, serve, rules, explain, audit):
    main.add_command(command)
