# The two commands: `make run` (demo) and `make test` (every test). See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/thidua
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test lint format venv dev-deps migrate demo worker beat services messages bench clean

# WeasyPrint (the council's minutes as PDF) needs Pango, a system library: installed with
# apt-get where we may (Debian, as root), otherwise named in a clear message.
PANGO_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

$(BIN)/.installed: requirements.txt
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PANGO_PACKAGES) >/dev/null; \
	  else \
	    echo "PDF documents need Pango: install $(PANGO_PACKAGES) (Debian/Ubuntu) or pango (macOS: brew install pango)."; exit 1; \
	  fi; \
	fi
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.dev-installed: requirements-dev.txt requirements.txt $(BIN)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed
dev-deps: $(BIN)/.dev-installed

migrate: venv
	$(BIN)/python manage.py migrate --no-input -v0

demo: migrate
	$(BIN)/python manage.py load_demo

## make run: set up everything and serve the demo on http://127.0.0.1:8000
run: demo
	$(BIN)/python manage.py collectstatic --no-input -v0
	@echo "Open http://$(HOST):$(PORT)/ and log in with one of the demo users above."
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: every test; PostgreSQL and Redis are used when they answer (always in CI)
test: dev-deps
	@set -e; \
	pg=0; $(BIN)/python -m tests.services postgres || pg=$$?; \
	redis=0; $(BIN)/python -m tests.services redis || redis=$$?; \
	if [ $$pg -eq 2 ] || [ $$redis -eq 2 ]; then exit 2; fi; \
	if [ $$pg -eq 0 ]; then export DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)}; fi; \
	if [ $$redis -eq 0 ]; then export TEST_REDIS_URL=$(TEST_REDIS_URL); fi; \
	$(BIN)/pytest $(PYTEST_ARGS)

lint: dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: dev-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## With REDIS_URL (and DATABASE_URL) set: a real worker and beat.
worker: venv
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=2

beat: venv
	$(BIN)/celery -A config beat --loglevel=INFO --schedule=var/celerybeat-schedule

services: venv
	mkdir -p var
	$(BIN)/celery -A config worker --beat --loglevel=INFO --concurrency=2 --schedule=var/celerybeat-schedule

messages: dev-deps
	$(BIN)/python manage.py makemessages -l vi --ignore=.venv --ignore=bench --ignore=tests --no-obsolete
	$(BIN)/python manage.py compilemessages -l vi --ignore=.venv

bench: dev-deps
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m bench.transitions
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m bench.inbox
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m bench.eligibility
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m bench.council
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m bench.decision

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
