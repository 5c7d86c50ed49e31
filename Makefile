# The two commands of the quick start: `make demo` and `make test`.
# Each creates .venv and installs what it needs on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck test-sqlite test-postgres serve clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/mentorbot demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# SQLite always; PostgreSQL as well when TEST_DATABASE_URL is set (.ci/run sets it).
test-sqlite: $(STAMP)
	env -u TEST_DATABASE_URL $(BIN)/pytest -q

test-postgres: $(STAMP)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the suite on PostgreSQL =="; \
		$(BIN)/pytest -q; \
	else \
		echo "TEST_DATABASE_URL is not set: PostgreSQL run skipped (SQLite only)."; \
	fi

test: lint typecheck test-sqlite test-postgres

serve: $(STAMP)
	$(BIN)/mentorbot serve

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
