# make demo: set up and open the workstation on a fresh demo database.
# make demo LANG=en: in English (any other LANG, such as a locale, leaves it Chinese);
#   DEMO_ARGS=--fresh also deletes the printouts of earlier runs.
# make demo-counter: counter 02 on the running demo (another terminal; nothing reseeded).
# make test: set up and run ruff, mypy and the whole test suite on two workers
#   (TEST_WORKERS=auto: one per core; TEST_WORKERS=0: in this process). worksteal: a worker
#   that runs out of tests takes some of the other one's, so a slow test at the end idles no core.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3
TEST_WORKERS ?= 2
DEMO_LANG = $(if $(filter en,$(LANG)),en,zh)

.PHONY: demo demo-counter test setup bench clean

# PYTHONUTF8: LANG=en names no locale, and Python would then write ASCII only.
demo: $(STAMP)
	PYTHONUTF8=1 $(BIN)/workstation demo --lang $(DEMO_LANG) $(DEMO_ARGS)

demo-counter: $(STAMP)
	PYTHONUTF8=1 $(BIN)/workstation demo --lang $(DEMO_LANG) --join --counter 02

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,postgres]'
	touch $(STAMP)

bench: $(STAMP)
	$(BIN)/python benchmarks/startup.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache
