# One-command set-up: `make demo` (the product) and `make test` (the tests).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test train evaluate benchmark fixtures

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch is pinned to the CPU wheel (pyproject); pip, not uv, honours the local wheel index.
	$(PY) -m pip install --quiet -e '.[test]'
	# A real browser for the web-page test and CJK fonts to render reports (Debian);
	# antiword reads Word 97 .doc files.
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk)
	command -v antiword >/dev/null || (apt-get update -qq && apt-get install -y -qq antiword)
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(PY) app.py

test: setup
	$(PY) -m pytest -q

evaluate: setup
	$(PY) -m training.evaluate --cv 3 --card model/weights/README.md

fixtures: setup
	$(PY) tests/fixtures/make_fixtures.py

train: setup
	$(PY) -m training.train --out model/weights

benchmark: setup
	$(PY) benchmarks/bench.py --write benchmarks/RESULTS.md
