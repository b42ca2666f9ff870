"""The extraction benchmark runs at a small size, agrees with its baseline, and writes only its section."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_small_run_matches_the_baseline_and_keeps_the_rest_of_the_page(tmp_path):
    page = tmp_path / "RESULTS.md"
    page.write_text(
        "# Benchmark results\n\nabove\n\n<!-- extract:start -->\nstale\n<!-- extract:end -->\nbelow\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "extract.py"),
            "--edges",
            "20000",
            "--nodes",
            "4000",
            "--no-spark",
            "--dir",
            str(tmp_path / "kgx"),
            "--results",
            str(page),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nabove\n\n<!-- extract:start -->\n")
    assert text.endswith("<!-- extract:end -->\nbelow\n")
    assert "stale" not in text
    baseline = next(line for line in text.splitlines() if line.startswith("| baseline"))
    assert baseline.endswith("| yes |")
    assert "not this size" in text


def test_no_spark_with_spark_only_is_refused():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extract.py"), "--no-spark", "--spark-only"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "leave nothing to run" in proc.stderr
