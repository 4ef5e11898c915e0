"""``python -m pyqualify.cli``: the same as the ``pyqualify`` command."""

from . import main

main(prog_name="pyqualify")
