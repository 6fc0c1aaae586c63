# The two commands: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= $(or $(PHANANH_TEST_DATABASE_URL),postgresql://postgres@127.0.0.1:5432/postgres)
# Every package and its hash, resolved from pyproject.toml's ranges by `make lock`.
LOCK := requirements.lock
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
LOCK_VENV := $(VENV)/lock-tools
LOCK_FLAGS ?=

.PHONY: demo test test-sqlite test-postgres lint browser format messages lock clean

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(VENV)/bin/python pyproject.toml $(LOCK)
	$(PY) -m pip install --quiet -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

## demo: set up and run the whole product with the Huế demo data on http://127.0.0.1:$(PORT)
demo: $(STAMP)
	$(VENV)/bin/phananh demo --port $(PORT)

## test: lint, then the whole suite on SQLite and on PostgreSQL — both at once, one per core;
## each suite's output is printed whole when it ends
test: $(STAMP) lint browser
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

browser:
	@bash scripts/ensure_chromium.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src scripts bench
	$(VENV)/bin/ruff format --check src scripts bench
	$(VENV)/bin/mypy

test-sqlite: $(STAMP)
	@echo "== pytest on SQLite =="
	env -u PHANANH_TEST_DATABASE_URL $(VENV)/bin/pytest -q

test-postgres: $(STAMP)
	@if $(PY) scripts/pg_ready.py "$(PG_URL)"; then \
		echo "== pytest on PostgreSQL ($(PG_URL)) =="; \
		PHANANH_TEST_DATABASE_URL="$(PG_URL)" $(VENV)/bin/pytest -q; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_URL) is unreachable, and CI=true: failing."; exit 1; \
	else \
		echo "== PostgreSQL at $(PG_URL) is unreachable: PostgreSQL run SKIPPED (set CI=true to fail) =="; \
	fi

format: $(STAMP)
	$(VENV)/bin/ruff format src scripts bench
	$(VENV)/bin/ruff check --fix src scripts bench

## messages: refresh the translation catalogues (needs GNU gettext) and compile them
messages: $(STAMP)
	cd src/phananh && ../../$(VENV)/bin/django-admin makemessages -l vi --no-obsolete --ignore "*/tests/*" --ignore conftest.py --settings=phananh.config.settings
	$(PY) scripts/compile_messages.py

## lock: resolve pyproject.toml's ranges into requirements.lock, with hashes; keeps the pins
## that still fit (LOCK_FLAGS=--upgrade takes the newest, --upgrade-package NAME just one)
lock:
	@test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/python -m pip install --quiet "pip>=26,<27" "pip-tools>=7.6,<8"; }
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --extra test \
		--strip-extras --generate-hashes --no-emit-index-url --no-emit-find-links \
		$(LOCK_FLAGS) -o $(LOCK) pyproject.toml

clean:
	rm -rf $(VENV) var
