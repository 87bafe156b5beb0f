# One command to set up and run the demo, one to run the tests (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test accuracy speed clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,ray]"
	touch $@

demo: setup
	$(BIN)/polybius extract examples/strikes-report.txt --format jsonl

test: setup
	$(BIN)/python -m pytest

accuracy: setup
	$(BIN)/python scripts/accuracy_report.py

speed: setup
	$(BIN)/python scripts/speed_report.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
