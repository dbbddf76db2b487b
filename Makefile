# Two commands a newcomer needs: `make demo` and `make test`. Each builds its own
# virtual environment in .venv from nothing but Python and the package index.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: demo test lint typecheck pytest docs bench fuzz explore mutate clean report-check

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The demo needs the core (attrs, cattrs, python-dateutil, the holiday data) and the excel
# extra, so the environment it builds also reads an office's .xlsx files.
$(VENV)/.core: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[excel]'
	touch $@

$(VENV)/.test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,dev,docs,notebook]'
	touch $@ $(VENV)/.core

demo: $(VENV)/.core
	$(BIN)/shequ demo

# ruff, and import-linter holding the layers of docs/explanation/architecture.md
# (contracts in pyproject.toml).
lint: $(VENV)/.test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports

typecheck: $(VENV)/.test
	$(BIN)/mypy

# Branch coverage of the whole suite, held to fail_under in pyproject.toml, and rules/
# and the calendar held to their own floor: 100, reached by example tests alone
# (docs/quality.md). Hypothesis runs under its `ci` profile (tests/conftest.py) whatever
# the environment says: derandomized, so a run that passed passes again. Tests marked
# `slow` are left to `make fuzz`; the 15 slowest of the rest are listed at the end. The
# tests run in parallel, one worker a core (WORKERS=0 runs them in this one process).
RULES_COVERAGE ?= 100
WORKERS ?= auto
pytest: $(VENV)/.test
	HYPOTHESIS_PROFILE=ci $(BIN)/pytest -m "not slow" -n $(WORKERS) --durations=15 \
		--cov --cov-report=term-missing:skip-covered
	$(BIN)/coverage report --fail-under=$(RULES_COVERAGE) \
		--include='src/shequ_core/rules/*,src/shequ_core/calendar/*'

# The long fuzz run (over 100,000 cases, counted at the end; the `fuzz` Hypothesis
# profile, fresh randomness) and the tests marked `slow`, such as the 100,000-resident
# round trip; not part of `make test`.
fuzz: $(VENV)/.test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -m "slow or fuzz" -p no:cacheprovider

# Looking for bugs on purpose: the property tests under the `explore` Hypothesis profile,
# 1,000 examples each with fresh randomness every run (a failure prints the blob that
# reproduces it). Not part of `make test`, whose `ci` profile is derandomized.
explore: $(VENV)/.test
	HYPOTHESIS_PROFILE=explore $(BIN)/pytest -q -m "hypothesis and not slow" -p no:cacheprovider

# Mutation testing of rules/ and the calendar with mutmut (slow: see docs/quality.md).
$(VENV)/.mutate: pyproject.toml $(VENV)/.test
	$(PY) -m pip install --quiet -e '.[mutate]'
	touch $@

mutate: $(VENV)/.mutate
	rm -rf mutants
	HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children 2 'shequ_core.calendar*'
	HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children 2 'shequ_core.rules*'
	$(PY) scripts/mutation_score.py --survivors

# The documentation site, built strictly: a broken reference or link fails it.
docs: $(VENV)/.test
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir site

test: lint typecheck docs pytest

# The report page in a real browser (tests/report/test_browser.py): Debian's chromium,
# installed here when missing (as root; otherwise the line to run is printed), with the
# Chinese fonts the screenshot needs, and Playwright to drive it (never its own
# browsers: the test launches /usr/bin/chromium). The screenshot goes to
# docs/images/report.png, which the docs and the README show.
$(VENV)/.report: pyproject.toml $(VENV)/.test
	$(PY) -m pip install --quiet -e '.[test,report]' playwright
	touch $@

report-check: $(VENV)/.report
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && apt-get install -y chromium fonts-noto-cjk; \
		else \
			echo "report-check needs Debian's chromium: sudo apt-get install -y chromium fonts-noto-cjk"; \
			exit 1; \
		fi; \
	fi
	SHEQU_REPORT_SCREENSHOT=docs/images/report.png SHEQU_REQUIRE_BROWSER=1 \
		HYPOTHESIS_PROFILE=ci $(BIN)/pytest -q -p no:cacheprovider -m browser \
		tests/report/test_browser.py

# Every benchmark in bench/, then docs/benchmarks.md rewritten (slow: about an hour; not
# part of `make test`). BENCH_ARGS=--quick runs small sizes to check the harness.
$(VENV)/.bench: pyproject.toml $(VENV)/.test
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.bench
	$(PY) bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis site
