"""``python -m pyqualify``: the same as the ``pyqualify`` command."""

from .cli import main

main(prog_name="pyqualify")
