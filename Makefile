# The few commands people need. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SOURCES := app bot handlers faq desk nlu

.PHONY: setup run chat test test-postgres soak lint audit format locales locales-compile bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) locales-compile  ## install into .venv and compile the translations

run: setup  ## set up and start the help desk locally on SQLite
	$(BIN)/helpdesk db upgrade
	$(BIN)/helpdesk officers demo
	@echo "web chat: http://127.0.0.1:8000/chat"
	$(BIN)/helpdesk serve

chat: setup  ## chat with the bot in the terminal
	$(BIN)/helpdesk chat

test: setup  ## set up and run the tests (SQLite; PostgreSQL instead when TEST_DATABASE_URL is set)
	$(BIN)/pytest -q

test-postgres: setup  ## the same tests on the local PostgreSQL
	TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test $(BIN)/pytest -q

SOAK_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/soak

soak: setup  ## the soak: 2 workers on PostgreSQL, simulated people, workers killed (SOAK_PEOPLE=2000 for a long one)
	SOAK_DATABASE_URL=$(SOAK_DATABASE_URL) $(BIN)/pytest -q -s -m soak tests/soak

lint: setup  ## ruff (style, bugs, the S security rules), formatting, the import layers and mypy, as CI runs them
	$(BIN)/ruff check $(SOURCES) tests benchmarks migrations
	$(BIN)/ruff format --check $(SOURCES) tests benchmarks migrations
	$(BIN)/lint-imports
	$(BIN)/mypy $(SOURCES)

audit: setup  ## known vulnerabilities in the installed packages (pip-audit; lists what it could not check)
	$(BIN)/python .ci/audit.py

format: setup
	$(BIN)/ruff format $(SOURCES) tests benchmarks migrations
	$(BIN)/ruff check --fix $(SOURCES) tests benchmarks migrations

locales: setup  ## extract new strings and merge them into the catalogs
	$(BIN)/pybabel extract -F babel.cfg -k N_ -o locales/messages.pot --no-location --sort-output $(SOURCES)
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching
	$(MAKE) locales-compile

locales-compile:  ## compile .po catalogs to .mo
	@test -x $(BIN)/pybabel || $(MAKE) $(STAMP)
	$(BIN)/pybabel compile -d locales -D messages

bench: setup  ## run the benchmarks (figures in docs/benchmarks.md)
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/faq.py
	$(BIN)/python benchmarks/webhooks.py
	$(BIN)/python benchmarks/understanding.py
	$(BIN)/python benchmarks/startup.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache helpdesk.db*
