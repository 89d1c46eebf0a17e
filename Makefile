# CME Portal: `make run` to use it, `make test` to check it. `make help` lists everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi

.PHONY: help install run migrate demo test test-sqlite test-postgres lint audit assets bench load clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the portal with its test tools

migrate: $(STAMP) ## Apply the database migrations (DATABASE_URL, default SQLite in instance/)
	$(BIN)/flask db upgrade

demo: migrate ## Seed the demo LA: schools, users, children and cases
	$(BIN)/flask demo

run: demo ## Set everything up and serve the portal with demo data on http://127.0.0.1:5000
	$(BIN)/flask run --host 127.0.0.1 --port 5000

lint: $(STAMP) ## ruff, mypy on the statutory rules, import-linter contracts, bandit, pip-audit
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/bandit -q -r portal -c pyproject.toml
	@$(MAKE) --no-print-directory -o $(STAMP) audit

# pip-audit asks PyPI's vulnerability service about every installed version (the portal itself excepted). Where
# that service does not answer (some networks serve PyPI's per-project JSON but not the per-version one, and pip-audit
# then skips every package), tools/audit_pypi.py judges the skipped packages on the per-project JSON, which lists the
# advisories of the latest release only: a package at its latest release is audited, any other is reported "not
# audited". A known vulnerability fails the build; a network that answers neither only warns ("NOT AUDITED").
PIP_AUDIT ?= $(BIN)/pip-audit
AUDIT_REPORT ?= $(VENV)/pip-audit.json
AUDIT_PYPI_URL ?= https://pypi.org/pypi/{name}/json

audit: $(STAMP) ## Known vulnerabilities in the installed packages: pip-audit, or PyPI's project JSON
	@rm -f $(AUDIT_REPORT); \
	$(PIP_AUDIT) --skip-editable --progress-spinner off --timeout 15 -f json -o $(AUDIT_REPORT) \
		>$(AUDIT_REPORT).log 2>&1; \
	$(BIN)/python tools/audit_pypi.py --pip-audit-report $(AUDIT_REPORT) --pip-audit-log $(AUDIT_REPORT).log \
		--url '$(AUDIT_PYPI_URL)'

# The suite runs in parallel (pytest-xdist), one worker per core; PYTEST_WORKERS=0 runs it in one process (for --pdb,
# say). Tests are handed out one at a time in collection order (--maxschedchunk 1): the long browser journeys come
# first, so the workers share them, and both end on short tests. (By default xdist hands out runs of consecutive
# tests, which put every browser test on one worker.)
PYTEST_WORKERS ?= auto
XDIST = -n $(PYTEST_WORKERS) --maxschedchunk 1

test: lint ## Run everything: lint, then the whole suite on SQLite (and PostgreSQL when TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest tests/rules -q --cov=portal/rules --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=100
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL: $$TEST_DATABASE_URL"; \
		TEST_STORE=postgres $(BIN)/python -m pytest $(XDIST) -m "not browser" tests/services tests/web tests/test_migrations.py $(PYTEST_ARGS); \
	else \
		echo "TEST_DATABASE_URL is not set: the PostgreSQL run was not done (.ci/run sets it)."; \
	fi

assets: ## Rebuild static/ from package.json (GOV.UK Frontend, htmx) with npm
	npm ci
	npm run build

bench: $(STAMP) ## Run the benchmarks in bench/
	$(BIN)/python bench/calendar_bench.py

# locust has its own environment: it pulls in gevent and a pytest plugin that would change the test suite.
LOAD_VENV := .venv-load
LOAD_STAMP := $(LOAD_VENV)/.installed
$(LOAD_STAMP): bench/requirements-load.txt
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install --quiet --upgrade pip
	$(LOAD_VENV)/bin/pip install --quiet -r bench/requirements-load.txt
	touch $(LOAD_STAMP)

load: $(STAMP) $(LOAD_STAMP) ## Load test: 50 users for 60 s on gunicorn, SQLite then PostgreSQL (LOAD_ARGS="--store sqlite")
	$(BIN)/python bench/load.py $(LOAD_ARGS)

clean: ## Remove the virtualenv and local database
	rm -rf $(VENV) instance
