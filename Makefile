PYTHON ?= python3
PORT ?= 8501

.PHONY: install browser run test test-fast lint format bench

install:
	$(PYTHON) -m pip install -q -r requirements.txt

# Browser tests drive Debian's chromium (Playwright cannot download its own browser here).
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium </dev/null; }

run: install
	$(PYTHON) -m streamlit run app.py --server.port $(PORT) --server.headless true

test: install browser
	$(PYTHON) -m pytest

test-fast:
	$(PYTHON) -m pytest -m "not browser"

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .

format:
	$(PYTHON) -m ruff format .
	$(PYTHON) -m ruff check --fix .

bench:
	$(PYTHON) bench/run.py
