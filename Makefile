# CME Portal: `make run` to use it, `make test` to check it. `make help` lists everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi

.PHONY: help install run migrate demo test test-sqlite test-postgres lint assets bench clean

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

lint: $(STAMP) ## ruff, mypy on the statutory rules, import-linter contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint ## Run everything: lint, then the whole suite on SQLite (and PostgreSQL when TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL: $$TEST_DATABASE_URL"; \
		TEST_STORE=postgres $(BIN)/python -m pytest -m "not browser" tests/services tests/web tests/test_migrations.py $(PYTEST_ARGS); \
	else \
		echo "TEST_DATABASE_URL is not set: the PostgreSQL run was not done (.ci/run sets it)."; \
	fi

assets: ## Rebuild static/ from package.json (GOV.UK Frontend, htmx) with npm
	npm ci
	npm run build

bench: $(STAMP) ## Run the benchmarks in bench/
	$(BIN)/python bench/calendar_bench.py

clean: ## Remove the virtualenv and local database
	rm -rf $(VENV) instance
