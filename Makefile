# Maximum likelihood for machine learning: every task of the course, for learners and authors.
# `make help` lists the targets. Each target sets up .venv first if needed, and only once.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
BUILT := _build/html/.built
JOBS ?= 2
CHAPTER ?=
NB ?= book/[0-9][0-9]-*.ipynb
DIR ?= my-work

BOOK_SOURCES := _config.yml _toc.yml \
	$(shell find book -type f ! -path '*/.ipynb_checkpoints/*' 2>/dev/null) \
	$(shell find mlcourse -name '*.py' 2>/dev/null)

PYTEST_NOTEBOOKS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: help setup book test lint unit notebooks lab my-notebooks check execute \
	browser-test bench lock clean distclean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 16

setup: $(INSTALLED)  ## create .venv with the pinned requirements (done once)

$(INSTALLED): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
		{ echo "mlcourse needs Python >= 3.10; set PYTHON=python3.11"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# pip works one package at a time: the pins go in by one pip per core, then one resolving
	@# pass (the same environment as a plain `pip install -r`, 91 s -> 65-78 s on 2 cores).
	$(BIN)/python scripts/install_requirements.py requirements.txt
	@# Build matplotlib's font cache now, so that no notebook prints the one-off message.
	$(BIN)/python -c "import matplotlib.pyplot"
	@touch $@

book: $(BUILT)  ## build the HTML book (execution off: it shows the verified outputs)
	@echo "The book is at file://$(abspath _build/html/index.html)"

$(BUILT): $(INSTALLED) $(BOOK_SOURCES)
	@# --all: a full build, so that a warning in an unchanged page cannot hide in the cache.
	$(BIN)/jupyter-book build . --all -W --keep-going --quiet
	@touch $@

test: $(INSTALLED)  ## everything CI checks: lint, unit, exercise, guard and nbval tests, book
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile -m "not browser" --doctest-modules \
		$(PYTEST_NOTEBOOKS) tests mlcourse book
	@$(MAKE) --no-print-directory book

lint: $(INSTALLED)  ## ruff on the package, the tests and the notebooks
	$(BIN)/ruff check .

unit: $(INSTALLED)  ## the unit tests only (fast)
	$(BIN)/python -m pytest -n $(JOBS) -m "not browser" --doctest-modules tests mlcourse

notebooks: $(INSTALLED)  ## nbval on the chapter notebooks only
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile $(PYTEST_NOTEBOOKS) book

browser-test: $(BUILT)  ## open the built book in Chromium: math, images, dropdowns, search
	@bash scripts/ensure_chromium.sh
	$(BIN)/python -m pytest -m browser -p no:xdist tests/browser

execute: $(INSTALLED)  ## re-run notebooks in place as CI expects: make execute NB=book/01-...ipynb
	$(BIN)/python scripts/execute_notebook.py $(NB)

my-notebooks: $(INSTALLED)  ## your own copies of the chapters in my-work/ (never overwritten)
	$(BIN)/python -m mlcourse copy --to $(DIR)

lab: my-notebooks  ## JupyterLab on your copies (DIR=book for the course's sources)
	$(BIN)/jupyter lab $(DIR)$(if $(filter 0,$(shell id -u)), --allow-root)

# A failed exercise is the learner's news, not make's error: the table says it, then one friendly
# line; `python -m mlcourse check` keeps the exit status (1 failed, 2 nothing to check).
check: $(INSTALLED)  ## self-check your exercises; CHAPTER=2 for one chapter
	@$(BIN)/python -m mlcourse check $(CHAPTER) --dir $(DIR); status=$$?; \
	if [ $$status -eq 1 ]; then echo "Some exercises need more work: see above."; \
	elif [ $$status -ne 0 ] && [ $$status -ne 2 ]; then exit $$status; fi

bench: $(INSTALLED)  ## time and accuracy against scipy, statsmodels, scikit-learn (not in test)
	$(BIN)/python benchmarks/bench_fitting.py

lock:  ## re-resolve requirements.txt from pyproject.toml in a fresh environment
	rm -rf /tmp/mlcourse-lock && $(PYTHON) -m venv /tmp/mlcourse-lock
	/tmp/mlcourse-lock/bin/python -m pip install --quiet -e '.[torch,test,book,dev,bench]'
	{ sed -n '1,/^-e \.$$/p' requirements.txt; \
	  /tmp/mlcourse-lock/bin/python -m pip freeze --exclude-editable \
	  | sed -E 's/^(torch==[0-9.]+)\+cpu$$/\1/'; } > requirements.txt.new
	mv requirements.txt.new requirements.txt

clean:  ## remove the built book and caches (keeps .venv and my-work)
	rm -rf _build .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +

distclean: clean  ## also remove .venv (your my-work/ is never removed)
	rm -rf $(VENV)
