# Two commands on a fresh machine with Python 3.11 (see README):
#   make example   set up .venv and run pyqualify check and path on a bundled example
#   make test      set up .venv (and Chromium for the browser tests) and run ruff and the
#                  whole test suite
#   make serve     the web page and the API on http://127.0.0.1:8000 (pyqualify serve)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check
EXAMPLE ?= examples/college-graduate.yaml

.PHONY: example test bench notebooks serve clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(PIP) -e '.[test]'
	touch $@

$(VENV)/.web: $(VENV)/.base
	$(PIP) -e '.[web]'
	touch $@

$(VENV)/.notebooks: $(VENV)/.test
	$(PIP) -e '.[test,notebooks]'
	touch $@

example: $(VENV)/.base
	$(BIN)/pyqualify check $(EXAMPLE)
	@echo
	$(BIN)/pyqualify path $(EXAMPLE)

test: $(VENV)/.test
	scripts/ensure-browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(VENV)/.test
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_path.py
	$(BIN)/python bench/bench_planning.py
	$(BIN)/python bench/bench_serve.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_population.py

serve: $(VENV)/.web
	$(BIN)/pyqualify serve $(SERVE_ARGS)

notebooks: $(VENV)/.notebooks
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .ruff_cache
