# Inclusion Portal: `make run` serves the portal with demo data; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# The portal refuses to start without INCLUSION_ENV unless production's settings are complete;
# these targets are the local demo, so they say development explicitly.
FLASK := INCLUSION_ENV=development $(BIN)/flask --app inclusion
INSTALLED := $(VENV)/.installed
ASSETS := inclusion/static/dist/app.css
FRONTEND_SOURCES := $(shell find frontend -type f 2>/dev/null) package.json package-lock.json

.DEFAULT_GOAL := help
.PHONY: help install assets db seed run lint format test bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(INSTALLED) ## Create .venv and install the pinned Python packages

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

$(ASSETS): node_modules/.package-lock.json $(FRONTEND_SOURCES)
	npm run build

assets: $(ASSETS) ## Build GOV.UK Frontend CSS, JS and images into inclusion/static/dist

db: $(INSTALLED) ## Migrate the embedded SQLite database in instance/
	mkdir -p instance
	$(FLASK) db upgrade

seed: db ## Load reference data and demo users (idempotent)
	$(FLASK) seed --demo

run: install assets seed ## Serve the portal with demo data on http://127.0.0.1:5000
	$(FLASK) run --host 127.0.0.1 --port 5000

lint: $(INSTALLED) ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED) ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install assets lint ## Lint, then the whole suite on SQLite and on PostgreSQL
	scripts/run-tests

BENCH_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/bench

bench: install ## Benchmarks: exclusions import; national-size dashboards and export; load
	$(BIN)/python bench/import_exclusions.py --rows 550000
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'bench'" | grep -q 1 \
	  || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench"
	$(BIN)/python bench/import_exclusions.py --rows 550000 --database-url $(BENCH_DATABASE_URL)
	$(BIN)/python bench/national_dataset.py --database-url $(BENCH_DATABASE_URL)
	$(BIN)/python bench/dashboards.py --database-url $(BENCH_DATABASE_URL)
	$(BIN)/python bench/contention.py --database-url $(BENCH_DATABASE_URL)
	$(BIN)/python bench/load.py

clean: ## Remove the virtualenv, built assets and the local database
	rm -rf $(VENV) node_modules inclusion/static/dist instance
