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

# pip-audit asks the PyPI vulnerability service about every installed package (the portal itself excepted). The
# verdict below fails the build on a known vulnerability, and only warns when the service could not be reached,
# because pip-audit alone then says "No known vulnerabilities found" having audited nothing.
PIP_AUDIT ?= $(BIN)/pip-audit
AUDIT_REPORT ?= $(VENV)/pip-audit.json
define AUDIT_VERDICT
import json, sys
report, status = sys.argv[1], sys.argv[2]
try:
    with open(report, encoding="utf-8") as handle:
        dependencies = json.load(handle)["dependencies"]
except (OSError, ValueError, KeyError):
    print(f"pip-audit: NOT AUDITED. It could not reach its vulnerability service (exit {status}; see {report}.log).")
    print("pip-audit: run `make audit` on a machine that reaches pypi.org to check for known vulnerabilities.")
    sys.exit(0)
found = [(d["name"], d.get("version", "?"), v) for d in dependencies for v in d.get("vulns") or []]
for name, version, vuln in found:
    fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
    print(f"pip-audit: {name} {version}: {vuln['id']} (fixed in: {fixes})")
if found:
    print(f"pip-audit: {len(found)} known vulnerabilities: bump the pins in pyproject.toml")
    sys.exit(1)
skipped = [d for d in dependencies if d.get("skip_reason") and "editable" not in d["skip_reason"]]
audited = [d for d in dependencies if not d.get("skip_reason")]
if skipped and not audited:
    print(f"pip-audit: NOT AUDITED. None of the {len(skipped)} packages could be looked up in the vulnerability")
    print(f"pip-audit: service ({skipped[0]['skip_reason']}). Run `make audit` where pypi.org answers.")
elif skipped:
    print(f"pip-audit: {len(audited)} packages audited, no known vulnerability; {len(skipped)} could not be:")
    for dependency in skipped:
        print(f"pip-audit:   {dependency['skip_reason']}")
else:
    print(f"pip-audit: {len(audited)} packages audited, no known vulnerability")
endef
export AUDIT_VERDICT

audit: $(STAMP) ## pip-audit: known vulnerabilities in the installed packages (needs pypi.org)
	@rm -f $(AUDIT_REPORT); \
	$(PIP_AUDIT) --skip-editable --progress-spinner off --timeout 15 -f json -o $(AUDIT_REPORT) \
		>$(AUDIT_REPORT).log 2>&1; status=$$?; \
	$(BIN)/python -c "$$AUDIT_VERDICT" $(AUDIT_REPORT) $$status

test: lint ## Run everything: lint, then the whole suite on SQLite (and PostgreSQL when TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest tests/rules -q --cov=portal/rules --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=100
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
