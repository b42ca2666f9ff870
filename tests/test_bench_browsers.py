"""bench/browsers.py: the one place that names the browsers the tests and benchmarks drive."""

from __future__ import annotations

import pytest

from bench import browsers


def test_each_name_has_one_path_and_unknown_names_are_refused():
    assert browsers.executable("chromium") == "/usr/bin/chromium"
    assert browsers.executable("headless-shell") == "/usr/bin/chromium-headless-shell"
    with pytest.raises(ValueError, match="unknown browser 'firefox': one of chromium, headless-shell"):
        browsers.executable("firefox")


def test_the_benchmark_measures_in_chromium_unless_told(monkeypatch):
    monkeypatch.delenv(browsers.BENCH_BROWSER_ENV, raising=False)
    assert browsers.bench_browser() == "chromium"
    monkeypatch.setenv(browsers.BENCH_BROWSER_ENV, "headless-shell")
    assert browsers.bench_browser() == "headless-shell"
    monkeypatch.setenv(browsers.BENCH_BROWSER_ENV, "chromium-beta")
    with pytest.raises(ValueError, match="unknown browser 'chromium-beta'"):
        browsers.bench_browser()


def test_launch_options_name_the_browser_and_keep_the_common_flags_first(monkeypatch):
    monkeypatch.delenv(browsers.BENCH_BROWSER_ENV, raising=False)
    assert browsers.launch_options() == {
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": list(browsers.ARGS),
    }
    shell = browsers.launch_options("headless-shell", ("--no-first-run",))
    assert shell["executable_path"] == "/usr/bin/chromium-headless-shell"
    assert shell["args"] == [*browsers.ARGS, "--no-first-run"]


def test_notes_name_the_package_measured_in():
    assert browsers.describe("chromium") == "headless Debian chromium"
    assert browsers.describe("headless-shell") == "Debian chromium-headless-shell"


def test_both_browsers_are_installed_and_are_one_build():
    """`make browser` installs both packages; the tests and the benchmark rely on one version."""
    assert browsers.installed("chromium") and browsers.installed("headless-shell")
    full, shell = browsers.version("chromium"), browsers.version("headless-shell")
    assert full.startswith("Chromium ") and shell.startswith("Chromium ")
    assert full.split()[1] == shell.split()[1]


def test_run_refuses_an_unknown_browser(capsys):
    from bench.run import main

    with pytest.raises(SystemExit):
        main(["--browser", "firefox"])
    assert "invalid choice: 'firefox'" in capsys.readouterr().err
