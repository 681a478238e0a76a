# The two set-up commands of README.md: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: demo test lint install clean

# The venv's own pip (whatever the system Python bundles) is first replaced by the pinned, hash-checked
# pip of requirements-pip.lock, so that the same resolver reads requirements.lock on every machine and day.
$(VENV)/.installed: requirements-pip.lock requirements.lock pyproject.toml
	python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Storyline needs Python 3.11 or newer as python3")'
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-pip.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

# Build the store from the bundled sample corpus and write the dossiers you can open.
demo: $(VENV)/.installed
	$(BIN)/storyline build examples/corpus --db storyline.db
	$(BIN)/storyline export --db storyline.db --format json --output dossier.json
	$(BIN)/storyline export --db storyline.db --format markdown --output dossier.md
	$(BIN)/storyline export --db storyline.db --format html --output dossier.html
	@echo "Open dossier.html in a browser (or read dossier.md / dossier.json), or browse the store:"
	@echo "    $(BIN)/storyline serve --db storyline.db    # then open http://127.0.0.1:8000/ (Ctrl+C stops it)"

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy  # the types of src/ (configured in pyproject.toml)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) storyline.db storyline.db-wal storyline.db-shm storyline.db.lock dossier.json dossier.md dossier.html
