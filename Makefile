# One command to set up and run the demo, one to run the tests (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The dashboard's basemap, built from the npm package world-atlas (never committed).
BASEMAP := src/polybius/serve/static/vendor/countries-50m.geojson
EXAMPLES_DB := reports/examples.sqlite

.PHONY: setup demo serve test screenshots accuracy speed clean

setup: $(VENV)/.installed $(BASEMAP)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,ray]"
	touch $@

# Without Node.js the rest still installs and runs; only the dashboard's map lacks its countries.
$(BASEMAP): web/package.json web/package-lock.json web/build.mjs
	@if command -v npm >/dev/null; then \
		cd web && npm ci --no-audit --no-fund --loglevel=error && node build.mjs; \
	else \
		echo "note: npm not found, so the dashboard basemap is not built (apt-get install nodejs npm, then make setup)"; \
	fi

demo: setup
	$(BIN)/polybius extract examples/strikes-report.txt --format jsonl

serve: setup
	mkdir -p reports
	$(BIN)/polybius ingest examples --db $(EXAMPLES_DB)
	$(BIN)/polybius serve --db $(EXAMPLES_DB)

test: setup
	$(BIN)/python -m pytest

# The README's screenshots, as the browser tests take them.
screenshots: setup
	$(BIN)/python -m pytest tests/test_serve_browser.py
	cp reports/dashboard.png reports/event-view.png docs/

accuracy: setup
	$(BIN)/python scripts/accuracy_report.py

speed: setup
	$(BIN)/python scripts/speed_report.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache web/node_modules src/polybius/serve/static/vendor
