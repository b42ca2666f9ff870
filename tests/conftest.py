"""Shared fixtures (datasets, one browser, one app server), hypothesis profiles, worker groups.

Hypothesis runs derandomized in every profile (the same examples on every run, no example
database): ``ci`` (the default) for ``make test``, ``nightly`` with ten times the examples;
pick one with ``TEST_PROFILE=nightly`` (tests/profiles.py). Under pytest-xdist every test that needs the
Streamlit server goes to one worker, so a run starts one server (the same for the quick
benchmark run).
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest
import streamlit.components.v2.manifest_scanner as manifest_scanner
from hypothesis import HealthCheck, settings

from bench import browsers
from graph import build_graph, load_dataset
from graph.load import DEFAULT_DATA_DIR
from tests.profiles import PROFILE

# Property tests generate whole datasets and round-trip them through five formats: no
# per-example deadline (a shared CI machine stalls), and slow data generation is expected.
_PROFILE = dict(derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=40, **_PROFILE)
settings.register_profile("nightly", max_examples=400, **_PROFILE)
settings.load_profile(PROFILE)

# Every AppTest scans the metadata of each installed distribution for Streamlit component
# manifests on its first run (0.13-0.2 s of CPU, about 70 times a run); what is installed
# does not change during a run, so the scan's result is kept.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

# Expensive fixtures each go to one xdist worker, so a run computes each once: the app
# server (session scope) and the quick benchmark run of tests/test_bench.py (module scope).
WORKER_GROUPS = {"app_url": "app-server", "quick_run": "bench-quick-run"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the group markers
def pytest_collection_modifyitems(config, items):
    """Send the tests of each expensive fixture to one xdist worker."""
    for item in items:
        for fixture, group in WORKER_GROUPS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.xdist_group(group))
                break


TINY_DIR = Path(__file__).parent / "fixtures" / "tiny"
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def tiny_dataset():
    return load_dataset(TINY_DIR)


@pytest.fixture(scope="session")
def tiny_graph(tiny_dataset):
    return build_graph(tiny_dataset)


@pytest.fixture(scope="session")
def kratom_dataset():
    return load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def kratom_graph(kratom_dataset):
    return build_graph(kratom_dataset)


@pytest.fixture
def tiny_copy(tmp_path) -> Path:
    """An editable copy of the tiny dataset directory."""
    target = tmp_path / "tiny"
    shutil.copytree(TINY_DIR, target)
    return target


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# The browser tests' browser (bench/browsers.py): Chromium's headless shell, about half the
# CPU per page of the app; TEST_BROWSER=chromium runs them all in the full browser.
TEST_BROWSER = os.environ.get("TEST_BROWSER") or "headless-shell"
EXTRA_ARGS = ("--disable-sync", "--no-first-run", "--disable-component-update")


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver per test process, for every browser it launches."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        yield p


def _launch(driver, name: str):
    path = browsers.executable(name)
    if not browsers.installed(name):
        pytest.fail(
            f"{path} is missing: run `make browser` (apt-get install chromium chromium-headless-shell)"
        )
    return driver.chromium.launch(**browsers.launch_options(name, EXTRA_ARGS))


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Debian's Chromium (:data:`TEST_BROWSER`) driven by Playwright (no browser download)."""
    b = _launch(playwright_driver, TEST_BROWSER)
    yield b
    b.close()


@pytest.fixture(scope="session")
def full_chromium(playwright_driver, browser):
    """Debian's full Chromium browser, the one people run, for the tests that must hold in it too."""
    if TEST_BROWSER == "chromium":
        yield browser
        return
    b = _launch(playwright_driver, "chromium")
    yield b
    b.close()


@pytest.fixture(scope="session")
def app_context(browser, app_url):
    """One browser context for the app server's tests.

    Its pages share Chromium's HTTP cache and compiled-code cache, so the Streamlit front
    end (about 150 scripts) is fetched from the server and compiled once, not for every
    page: a page load of the app cost about 1.4 CPU-s of Chromium and 0.5 of the server in
    a new context, about 0.8 and 0.1 here. Each page is still its own Streamlit session;
    a test about separate browsers (cookies, storage) makes its own contexts.
    """
    context = browser.new_context()
    page = context.new_page()
    page.goto(app_url)
    page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
    page.close()
    yield context
    context.close()


@pytest.fixture
def app_page(app_context):
    """``app_page(width, height)``: a new page of :func:`app_context` at that size, closed after the test."""
    pages = []

    def open_page(width: int = 1400, height: int = 900):
        page = app_context.new_page()
        # What the front end keeps in the browser (the sidebar's state, ...) starts empty on
        # every page, as in a new context.
        page.add_init_script("localStorage.clear(); sessionStorage.clear();")
        page.set_viewport_size({"width": width, "height": height})
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """`streamlit run app.py` on loopback for the whole session."""
    import subprocess
    import sys
    import time
    import urllib.request

    root = Path(__file__).resolve().parent.parent
    port = _free_port()
    home = tmp_path_factory.mktemp("streamlit_home")
    log = open(home / "server.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(root / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=root,
        # The extract panel reads KGX files from this directory only.
        env={
            **os.environ,
            "HOME": str(home),
            "GRAPH_EXTRACT_DIR": str(root / "tests" / "fixtures" / "extract"),
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.fail(f"streamlit did not start: {(home / 'server.log').read_text()[-2000:]}")
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()
