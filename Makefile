# Two commands matter: `make run` (a working site on a fresh machine with only Python 3.11+)
# and `make test` (the whole suite). Everything else is a convenience around them.

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
# The settings that `run`, `check`, `admin-password` and `shell` use. The test suite always uses
# config.settings.test (set in pyproject.toml), whatever DJANGO_SETTINGS_MODULE says.
DJANGO_SETTINGS ?= config.settings.dev
PYTEST_ARGS ?=
# `make test` runs the suite in this many processes (pytest-xdist), each with its own test
# database and, with REDIS_URL, its own two Redis databases (at most 8 workers). 0: one process.
TEST_WORKERS ?= 2

BIN := $(VENV)/bin
PY := $(BIN)/python
# Touched after a successful install; rebuilt only when pyproject.toml is newer than it.
STAMP := $(VENV)/.installed
MANAGE := DJANGO_SETTINGS_MODULE=$(DJANGO_SETTINGS) $(PY) manage.py

# ensure_admin prints the admin URL with this port.
export PORT

.DEFAULT_GOAL := help
.PHONY: help install run migrate test lint format check messages admin-password shell clean

help:
	@echo "make run             set up .venv, migrate, seed the demo course, print an admin login, serve on 127.0.0.1:$(PORT)"
	@echo "make test            run the whole test suite (PYTEST_ARGS='-k name' to narrow it)"
	@echo "make lint            ruff check and ruff format --check"
	@echo "make format          apply ruff's fixes and formatting"
	@echo "make check           Django system checks and missing-migration check"
	@echo "make messages        update the catalogues under locale/ from the code (needs gettext) and compile them"
	@echo "make admin-password  set and print a new random password for the admin"
	@echo "make clean           remove .venv, the SQLite database, emails, collected static and uploads"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run make PYTHON=python3.12 (or similar).")'
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not create $(VENV). On Debian or Ubuntu: sudo apt-get install python3-venv"; exit 1; }

$(STAMP): pyproject.toml package-lock.json | $(PY)
	$(PY) -m pip install --upgrade --quiet pip
	$(PY) -m pip install -e '.[dev]'
	@# The Nu HTML Checker the accessibility tests run (skipped where npm or Java is missing).
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	  else echo "npm not found: the HTML validation test will be skipped"; fi
	@touch $@

install: $(STAMP)

migrate: $(STAMP)
	$(MANAGE) migrate --noinput

# runserver_beat is runserver plus Celery beat in a thread of the serving process: scheduled
# publishing and the sweeps run as in the full stack, and stop with the server (README,
# "Scheduled publishing").
run: migrate
	$(MANAGE) seed_demo
	$(MANAGE) ensure_admin
	$(MANAGE) runserver_beat 127.0.0.1:$(PORT)

# pytest's own exit status is make's: a failure, an error or "no tests collected" (5) all fail.
test: $(STAMP)
	env -u DJANGO_SETTINGS_MODULE $(PY) -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP)
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# The interface languages besides English, and what makemessages must not read: other people's
# code, uploads, generated files, and the tests' and scripts' strings, which no reader sees.
MESSAGE_LANGUAGES := sv fi nb da
MAKEMESSAGES := $(MANAGE) makemessages $(foreach lang,$(MESSAGE_LANGUAGES),--locale $(lang)) \
	--no-location --no-obsolete \
	--ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'media/*' --ignore 'var/*' \
	--ignore 'tests/*' --ignore 'scripts/*' --ignore 'node_modules/*'

# Brings every catalogue in step with the strings in the code (new ones empty, gone ones
# removed), then compiles them with polib; the .mo files are committed (README, "Languages").
messages: $(STAMP)
	$(MAKEMESSAGES) --domain django
	$(MAKEMESSAGES) --domain djangojs
	$(MANAGE) compile_catalogues

admin-password: migrate
	$(MANAGE) ensure_admin --reset-password

shell: $(STAMP)
	$(MANAGE) shell

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache test-results
	[ ! -d media ] || find media -mindepth 1 ! -path media/.gitkeep -delete
	find . -name __pycache__ -type d -not -path './.git/*' -prune -exec rm -rf {} +
