"""The one door to clingo: the programs of ``logic/``, facts as symbols, solving, reading.

* :class:`Program`: one Control over a named program of ``logic/`` (:mod:`.program`);
* :func:`add_applicant`: an applicant's records as facts (:mod:`.facts`);
* :func:`atom`, :func:`text`: symbols for externals, assumptions and string arguments
  (:mod:`.symbols`);
* :func:`constants`, :func:`written_facts`: what Python reads of the text of ``logic/``
  (:mod:`.logic`);
* the quick way through clingo's C API and its public twin (:mod:`.fast`).

No module of pyqualify outside this package imports clingo (``tests/test_layers.py``).
"""

from __future__ import annotations

from ..lazy import lazy_getattr

# Imported when first asked for, so that reading the defaults of logic/ (asp.logic) loads
# no clingo: a batch's parent process never grounds.
_WHERE = {"Model": "program", "Program": "program", "SolveTimeout": "program",
          "Solved": "program", "by_name": "program", "add_applicant": "facts", "add_file": "facts",
          "Part": "fast",
          "atom": "symbols", "text": "symbols", "constants": "logic", "logic_file": "logic",
          "written_facts": "logic"}
__all__ = sorted(_WHERE)


__getattr__ = lazy_getattr(__name__, _WHERE, globals())
