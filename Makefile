# make demo: set up and open the workstation on a fresh demo database.
# make demo-counter: counter 02 on the running demo (another terminal; nothing reseeded).
# make test: set up and run ruff, mypy and the whole test suite.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: demo demo-counter test setup bench clean

demo: $(STAMP)
	$(BIN)/workstation demo

demo-counter: $(STAMP)
	$(BIN)/workstation demo --join --counter 02

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,postgres]'
	touch $(STAMP)

bench: $(STAMP)
	$(BIN)/python benchmarks/startup.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache
