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
# What `make lab` opens: OPEN=notebooks/zh/01_why_key_accounts.ipynb for 中文, trainer/… for trainers.
OPEN   ?= notebooks/01_why_key_accounts.ipynb
# No colour codes in stored tracebacks; the same profile for tests and `make notebooks`.
export IPYTHONDIR := $(CURDIR)/tests/ipython
export PYDEVD_DISABLE_FILE_VALIDATION := 1

NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb) $(wildcard notebooks/zh/*.ipynb) \
	$(wildcard notebooks/reports/*.ipynb) $(wildcard trainer/*.ipynb) $(wildcard trainer/zh/*.ipynb) \
	$(wildcard exercises/*.ipynb) $(wildcard exercises/zh/*.ipynb) \
	$(wildcard exercises/solutions/*.ipynb) $(wildcard exercises/solutions/zh/*.ipynb))

# JupyterLab refuses to run as root unless told; a machine with no display gets the URL printed.
LAB_FLAGS := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
LAB_FLAGS += $(if $(and $(filter Linux,$(shell uname -s 2>/dev/null)),$(if $(DISPLAY)$(WAYLAND_DISPLAY),,x)),--no-browser,)

.PHONY: help lab test lint unit nbval notebooks editions bench browser site clean venv

help:
	@echo "make lab        install (first time) and open JupyterLab on the course"
	@echo "make test       install (if needed) and run every test"
	@echo "make notebooks  re-execute every notebook in place (refresh committed outputs)"
	@echo "make editions   regenerate every edition (trainee/trainer, English/Chinese) from source/, execute the changed ones"
	@echo "make bench      run the benchmarks and print a table"
	@echo "make site       the course as static HTML in build/site, readable offline (open build/site/index.html)"
	@echo "make browser    the course in JupyterLab in headless Chromium (needs: apt-get install chromium fonts-noto-cjk)"

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
	$(VENV)/bin/jupyter lab $(LAB_FLAGS) --ServerApp.root_dir=$(CURDIR) $(OPEN)

lint: $(STAMP)
	$(VENV)/bin/ruff check kamlab tests tests_browser datasets

unit: $(STAMP)
	$(PY) -m pytest -n 2 tests kamlab --doctest-modules

nbval: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile -p no:randomly -p tests.nbval_ipc --nbval \
		--nbval-sanitize-with tests/nbval_sanitize.cfg $(NOTEBOOKS)

test: lint unit nbval

notebooks: $(STAMP)
	@if [ -z "$(FORCE)" ] && [ -n "$$(git status --porcelain -- notebooks trainer exercises 2>/dev/null)" ]; then \
		echo "Uncommitted notebook changes (maybe someone's exercise answers): commit them, or run 'make notebooks FORCE=1' to overwrite."; \
		exit 1; fi
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False $(NOTEBOOKS)
	@# widget models get random ids each run: rename them so a re-run rewrites only real changes
	$(PY) -m kamlab.editions --stable-ids $(NOTEBOOKS)

# Every course notebook and exercise is generated from its source in source/ (kamlab/editions.py,
# source/README.md): trainee and trainer editions, English and Chinese. Only the changed ones are
# written and then executed, two at a time. An edition with uncommitted changes (maybe
# someone's answers) is not overwritten unless FORCE=1.
editions: $(STAMP)
	@$(PY) -m kamlab.agendas
	@changed="$$($(PY) -m kamlab.editions $(if $(FORCE),--force,))" || exit 1; \
	if [ -z "$$changed" ]; then echo "editions up to date"; else \
		echo "$$changed"; \
		echo "$$changed" | xargs -P 2 -n 6 $(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False && \
		echo "$$changed" | xargs $(PY) -m kamlab.editions --stable-ids; fi

# The course in a real browser (tests_browser/): JupyterLab on a temporary copy, Debian's
# Chromium driven by Playwright. Chromium comes from the system (apt-get install chromium
# fonts-noto-cjk), never from `playwright install`; without it this target fails and says how
# to get it.
BROWSER_STAMP := $(VENV)/.kamlab-browser-installed
$(BROWSER_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,browser]'
	-@$(PY) -m pip uninstall --quiet -y rfc3987-syntax >/dev/null 2>&1
	@touch $(BROWSER_STAMP)

browser: $(BROWSER_STAMP)
	$(PY) -m pytest -p no:randomly -p no:playwright -p no:cacheprovider tests_browser

# Every notebook of every edition and the agendas as offline HTML pages with an index; no CDN,
# dashboards as their saved chart (kamlab/site.py). build/site is the site's own folder.
site: $(STAMP)
	$(PY) -m kamlab.site --out build/site

bench: $(STAMP)
	$(PY) tests/bench.py --make-test

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist
