# Two commands on a fresh machine with Python 3.11 (see README):
#   make example   set up .venv and run pyqualify check and path on a bundled example
#   make test      set up .venv and run ruff and the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE ?= examples/college-graduate.yaml

.PHONY: example test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

example: $(STAMP)
	$(BIN)/pyqualify check $(EXAMPLE)
	@echo
	$(BIN)/pyqualify path $(EXAMPLE)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_path.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .ruff_cache
