# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test install lint clean chromium web

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

# The browser UI: npm ci from the lockfile, its API types generated from the server's
# OpenAPI document, type-checked and built into web/dist (served by `oms serve` at /).
web: install
	$(BIN)/oms openapi > web/openapi.json
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

run: install web
	$(BIN)/oms serve --demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Debian's chromium, for the tests that print or drive pages (Playwright's own download cannot work here).
chromium:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

test: lint chromium web
	bash scripts/test-services
	cd web && npm run lint && npm test
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis web/node_modules web/dist
