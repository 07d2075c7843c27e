# kamlab — two commands on a fresh machine:
#   make lab    create .venv, install everything, open JupyterLab on the course
#   make test   create .venv if needed, install, run every test (lint, unit, doctests, nbval)
#
# Nothing is needed beyond Python >= 3.10 with venv and access to PyPI. The Chinese font
# for charts comes from PyPI (noto-cjk, one OFL-licensed file), so no system package is installed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.kamlab-installed
# No colour codes in stored tracebacks; the same profile for tests and `make notebooks`.
export IPYTHONDIR := $(CURDIR)/tests/ipython
export PYDEVD_DISABLE_FILE_VALIDATION := 1

NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb) $(wildcard notebooks/reports/*.ipynb) \
	$(wildcard exercises/*.ipynb) \
	$(wildcard exercises/solutions/*.ipynb))

# JupyterLab refuses to run as root unless told; a machine with no display gets the URL printed.
LAB_FLAGS := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
LAB_FLAGS += $(if $(and $(filter Linux,$(shell uname -s 2>/dev/null)),$(if $(DISPLAY)$(WAYLAND_DISPLAY),,x)),--no-browser,)

.PHONY: help lab test lint unit nbval notebooks editions bench clean venv

help:
	@echo "make lab        install (first time) and open JupyterLab on the course"
	@echo "make test       install (if needed) and run every test"
	@echo "make notebooks  re-execute every notebook in place (refresh committed outputs)"
	@echo "make editions   regenerate the trainee exercises from their solutions, execute the changed ones"
	@echo "make bench      run the benchmarks and print a table"

venv: $(STAMP)

# Re-runs only when pyproject.toml changes (or the venv is gone).
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
		{ echo "kamlab needs Python >= 3.10; set PYTHON=/path/to/python3.11"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@# rfc3987-syntax is an unused indirect dependency that costs ~2 s in every Jupyter process.
	-@$(PY) -m pip uninstall --quiet -y rfc3987-syntax >/dev/null 2>&1
	@touch $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(LAB_FLAGS) --ServerApp.root_dir=$(CURDIR) notebooks/01_why_key_accounts.ipynb

lint: $(STAMP)
	$(VENV)/bin/ruff check kamlab tests datasets

unit: $(STAMP)
	$(PY) -m pytest -n 2 tests kamlab --doctest-modules

nbval: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile -p no:randomly --nbval \
		--nbval-sanitize-with tests/nbval_sanitize.cfg $(NOTEBOOKS)

test: lint unit nbval

notebooks: $(STAMP)
	@if [ -z "$(FORCE)" ] && [ -n "$$(git status --porcelain -- notebooks exercises 2>/dev/null)" ]; then \
		echo "Uncommitted notebook changes (maybe someone's exercise answers): commit them, or run 'make notebooks FORCE=1' to overwrite."; \
		exit 1; fi
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False $(NOTEBOOKS)

# Trainee exercises are generated from exercises/solutions/ (kamlab/editions.py); only the
# changed ones are written and executed. Refuses to overwrite uncommitted changes like `notebooks`.
editions: $(STAMP)
	@if [ -z "$(FORCE)" ] && [ -n "$$(git status --porcelain -- exercises/*.ipynb 2>/dev/null)" ]; then \
		echo "Uncommitted trainee notebook changes (maybe someone's exercise answers): commit them, or run 'make editions FORCE=1' to overwrite."; \
		exit 1; fi
	@changed="$$($(PY) -m kamlab.editions)" || exit 1; \
	if [ -z "$$changed" ]; then echo "trainee exercises up to date"; else \
		echo "$$changed"; \
		$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False $$changed; fi

bench: $(STAMP)
	$(PY) tests/bench.py --make-test

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist
