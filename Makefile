# The two commands of the quick start: `make demo` and `make test`.
# Each creates .venv and installs what it needs on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The exact versions every install gets, so two installs a month apart are alike; `make lock` refreshes it.
CONSTRAINTS := constraints.txt

.PHONY: demo test lint typecheck test-sqlite test-postgres serve clean lock

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	touch $(STAMP)

# Resolve the newest versions pyproject.toml allows in a throwaway venv, and pin them in constraints.txt.
# Then run `make test` (the stamp depends on constraints.txt, so .venv follows) and commit the file.
lock:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/pip" install --quiet --upgrade pip; \
	"$$tmp/venv/bin/pip" install --quiet -e '.[dev]'; \
	{ echo "# Exact versions for \`make\` (pip install -c constraints.txt). Refresh with \`make lock\`; don't edit."; \
	  echo "# Resolved with $$("$$tmp/venv/bin/python" --version) on $$(date -u +%Y-%m-%d)."; \
	  "$$tmp/venv/bin/pip" freeze --exclude-editable; } > $(CONSTRAINTS).new; \
	mv $(CONSTRAINTS).new $(CONSTRAINTS); \
	echo "constraints.txt refreshed; run make test, then commit it"

demo: $(STAMP)
	$(BIN)/mentorbot demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# SQLite always; PostgreSQL as well when TEST_DATABASE_URL is set (.ci/run sets it): there, only the tests a
# database can change (tests/conftest.py says which); the others ran in the SQLite pass.
# On TEST_WORKERS pytest-xdist workers (`make test TEST_WORKERS=0` runs in one process). Twice the two cores
# we measured on: most of a test's time is spent waiting for sockets and processes, not computing.
# No tests collected is pytest's exit code 5, and fails the target like any other.
TEST_WORKERS ?= 4
PYTEST := $(BIN)/pytest -q -n $(TEST_WORKERS)

test-sqlite: $(STAMP)
	env -u TEST_DATABASE_URL $(PYTEST)

test-postgres: $(STAMP)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the suite on PostgreSQL =="; \
		$(PYTEST); \
	else \
		echo "TEST_DATABASE_URL is not set: PostgreSQL run skipped (SQLite only)."; \
	fi

test: lint typecheck test-sqlite test-postgres

serve: $(STAMP)
	$(BIN)/mentorbot serve

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
