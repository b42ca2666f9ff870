PYTHON ?= python3
PORT ?= 8501

.PHONY: install run test test-fast lint format bench

install:
	$(PYTHON) -m pip install -q -r requirements.txt

run: install
	$(PYTHON) -m streamlit run app.py --server.port $(PORT)

test: install
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
