# claimdiff — set-up, demo and tests.  `make demo` and `make test` are all a new
# machine needs: each creates .venv and installs what it uses.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_INPUT := demo/corpus

.PHONY: demo test eval eval-own bench clean system-deps screenshot

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-web: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[web]'
	touch $@

# The demo also installs the [web] extra and stores the demo corpus, so that the
# `claimdiff serve` it prints works right away.
demo: $(VENV)/.installed-web
	$(BIN)/claimdiff compare $(DEMO_INPUT) --format html --output demo-report.html
	$(BIN)/claimdiff compare $(DEMO_INPUT) --format md --output demo-report.md
	$(BIN)/claimdiff compare $(DEMO_INPUT)
	$(BIN)/claimdiff ingest $(DEMO_INPUT) --db demo.db
	@echo "Open demo-report.html in a browser; demo-report.md is the same report in Markdown."
	@echo "Browse the stored demo story:  $(BIN)/claimdiff serve --db demo.db   (then open http://127.0.0.1:8765/)"

# The story page screenshot in docs/ (rerun when the page changes; needs /usr/bin/chromium).
screenshot: $(VENV)/.installed-test
	$(BIN)/python demo/screenshot.py docs/story-page.png

test: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest -q

# The store tests also run against PostgreSQL, and the web UI tests drive Chromium:
# both come from Debian's packages when missing (needs root, as on CI).
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql chromium) \
		|| echo "could not install postgresql/chromium; their tests will be skipped"; \
	fi

# Accuracy with the shared scorers (../shared/eval), beside the peers' figures in its README.
SHARED_EVAL := ../shared/eval
eval: $(VENV)/.installed-test
	python3 $(SHARED_EVAL)/score_story_set.py ../shared/dev-set
	@OUT=$$(mktemp -d) && \
	python3 $(SHARED_EVAL)/run_claimdiff.py --repo . --what quantities --out $$OUT && \
	$(BIN)/python $(SHARED_EVAL)/score_quantities.py $$OUT/claimdiff_quantities.jsonl && \
	python3 $(SHARED_EVAL)/run_claimdiff.py --repo . --what attribution --out $$OUT && \
	$(BIN)/python $(SHARED_EVAL)/score_attribution.py $$OUT/claimdiff_attr_test.jsonl --split test && \
	$(BIN)/python eval/stories_cli.py --corpus $$OUT/stories --cli $$OUT/stories.db

# Our own error-analysis scripts (figures on subsets say so).
eval-own: $(VENV)/.installed-test
	$(BIN)/python eval/quantities.py
	$(BIN)/python eval/attribution.py
	$(BIN)/python eval/stories.py

bench: $(VENV)/.installed-test
	$(BIN)/python bench/commands.py --n 300
	$(BIN)/python bench/long_input.py

clean:
	rm -rf $(VENV) demo-report.html demo-report.md demo.db .pytest_cache
