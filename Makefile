# Kinerja — two commands: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# this machine only; `make run ADDRESS=0.0.0.0` serves the network (see README)
ADDRESS ?= 127.0.0.1
DB ?= data/kinerja.duckdb

.PHONY: run test lint bench init chromium chromium-optional postgresql nginx oidc clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

init: $(VENV)/.installed
	KINERJA_DB=$(DB) $(BIN)/python -m kinerja init --demo-if-empty

# KINERJA_DEMO_OTOMATIS: with demo data, a browser on this machine is signed in as the demo admin
run: init chromium-optional
	KINERJA_DB=$(DB) KINERJA_DEMO_OTOMATIS=1 $(BIN)/streamlit run serve.py --server.port $(PORT) --server.address $(ADDRESS)

# The reports' charts are drawn by kaleido with Debian's chromium: installed when possible, else
# the reports are built without charts and say why.
chromium-optional:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
			|| echo "chromium tidak terpasang: grafik laporan tidak dibuat" >&2; \
		else \
			echo "catatan: tanpa chromium (sudo apt-get install chromium) grafik laporan tidak dibuat" >&2; \
		fi; \
	fi

# Debian's chromium for the browser tests (Playwright's own browser download does not work offline).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "chromium tidak ada: pasang dengan 'sudo apt-get install chromium'" >&2; exit 1; \
		fi; \
	fi

# Debian's PostgreSQL for the DuckLake tests (a throwaway cluster per test run, on localhost).
postgresql:
	@if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
		else \
			echo "PostgreSQL tidak ada: pasang dengan 'sudo apt-get install postgresql'" >&2; exit 1; \
		fi; \
	fi

# Debian's nginx for the browser test of the demo behind a reverse proxy (started by the test itself).
nginx:
	@if ! command -v nginx >/dev/null 2>&1 && ! [ -x /usr/sbin/nginx ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
		else \
			echo "nginx tidak ada: pasang dengan 'sudo apt-get install nginx'" >&2; exit 1; \
		fi; \
	fi

# Node.js and the certified OpenID provider (npm oidc-provider, pinned in tests/oidc/package-lock.json)
# for the browser test of signing in through OpenID Connect.
oidc: tests/oidc/node_modules/.installed
tests/oidc/node_modules/.installed: tests/oidc/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
		else \
			echo "Node.js tidak ada: pasang dengan 'sudo apt-get install nodejs npm'" >&2; exit 1; \
		fi; \
	fi
	cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# lint-imports: the layers of pyproject.toml's [tool.importlinter] (a package imports only those below it)
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: $(VENV)/.installed-test chromium postgresql nginx oidc lint
	$(BIN)/python -m pytest

# BENCH: some parts only, e.g. `make bench BENCH="plan dashboard"` (bench/__main__.py's PARTS)
bench: $(VENV)/.installed-test
	$(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/oidc/node_modules
