PYTHON ?= python3
PORT ?= 8501
# Tests run on pytest-xdist workers, one more than the cores (at most 4): a browser test spends
# part of its time waiting on the app server or the browser, and the extra worker fills those
# waits (2 cores: 137-147 s of pytest with 3 workers, 173-178 s with 2). The tests of the app
# server share one worker, one server and one browser (tests/conftest.py). TEST_WORKERS=0 runs
# them in-process.
TEST_WORKERS ?= $(shell $(PYTHON) -c "import os; print(len(os.sched_getaffinity(0)) + 1)")

.PHONY: install install-spark browser run test test-fast lint format bench bench-ui layout

install:
	$(PYTHON) -m pip install -q -r requirements.txt

# The Spark extraction engine (optional for the app): Debian's Java runtime when `java` is
# missing, and pyspark (requirements-spark.txt). `make test` installs it for the spark tests.
install-spark:
	@command -v java >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q default-jre-headless </dev/null; }
	$(PYTHON) -m pip install -q -r requirements-spark.txt

# Browser tests and benchmarks drive Debian's Chromium, one build in two packages (Playwright
# cannot download its own browser here): the full browser, and its headless shell that the
# browser tests run in (bench/browsers.py says why).
browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromium-headless-shell || { \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium chromium-headless-shell </dev/null; }

# Fixed malloc thresholds: blocks of 128 kB and more are mapped and unmapped on their own, and
# freed memory above 128 kB at the top of the heap goes back at once, so what closed sessions
# held does not stay resident (bench/load.py SERVER_ENV says what was measured).
run: install
	MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072 $(PYTHON) -m streamlit run app.py --server.port $(PORT) --server.headless true

test: install install-spark browser
	$(PYTHON) -m pytest -n $(TEST_WORKERS) --maxprocesses 4

test-fast:
	$(PYTHON) -m pytest -m "not browser" -n $(TEST_WORKERS) --maxprocesses 4

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .

format:
	$(PYTHON) -m ruff format .
	$(PYTHON) -m ruff check --fix .

bench:
	$(PYTHON) bench/run.py

# Store the embedded graph's refined layered layout (graph/layout.json) after the data or
# the layout code changed: the app then draws its first view without computing it.
layout:
	$(PYTHON) -m graph.render

# Layout quality (crossings, label overlaps) and app timings of the network view.
bench-ui: install browser
	$(PYTHON) bench/ui.py
