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

from .facts import add_applicant, add_file
from .fast import Part
from .logic import constants, logic_file, written_facts
from .program import Model, Program, Solved, SolveTimeout, by_name
from .symbols import atom, text

__all__ = ["Model", "Part", "Program", "SolveTimeout", "Solved", "add_applicant", "add_file",
           "atom", "by_name", "constants", "logic_file", "text", "written_facts"]
