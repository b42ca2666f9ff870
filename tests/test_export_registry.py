"""Export registry and ``python -m graph export``: every format, documented, writes a file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_helpers import TINY

from graph import build_graph, load_dataset
from graph.cli import main
from graph.formats.cli import format_table
from graph.formats.registry import FORMATS, UnknownFormatError, export, get_format, writers

WRITERS = [f.name for f in writers()]

README = Path(__file__).resolve().parent.parent / "README.md"


def test_registry_records():
    for name, fmt in FORMATS.items():
        assert fmt.name == name and fmt.label and fmt.description
        assert all(e.startswith(".") for e in fmt.extensions) and "/" in fmt.media_type
        assert fmt.reader or fmt.writer
        assert (fmt.reader is None) == (fmt.sniff is None) == (not fmt.reads)
    assert {f.name for f in FORMATS.values() if f.lossless} == {"node-link", "kgx-jsonl"}


def test_unknown_format_lists_the_valid_ones():
    with pytest.raises(UnknownFormatError, match="one of: html, yaml, node-link"):
        get_format("pdf")


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_is_documented_in_the_readme(name):
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"`{re.escape(name)}`", text), f"README.md does not list export format `{name}`"


@pytest.mark.parametrize("name", WRITERS)
def test_every_format_writes_bytes(name):
    G = build_graph(load_dataset(TINY))
    data = export(G, name)
    assert data and data == export(G, name)  # same input, same bytes


@pytest.mark.parametrize("name", WRITERS)
def test_cli_export_each_format(name, tmp_path, capsys):
    out = tmp_path / get_format(name).filename("tiny")
    assert main(["export", "--data", str(TINY), "--format", name, "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert "wrote" in capsys.readouterr().err


def test_cli_export_with_filters(tmp_path):
    import json

    out = tmp_path / "claims.json"
    code = main(
        ["export", "--data", str(TINY), "--format", "node-link", "--evidence-types", "claim", "-o", str(out)]
    )
    assert code == 0
    data = json.loads(out.read_text())
    assert {e["key"] for e in data["edges"]} == {"antagonist", "causes"}


def test_cli_list(capsys):
    assert main(["export", "--list"]) == 0
    listed = capsys.readouterr().out
    assert listed.strip() == format_table().strip()
    for name in WRITERS:
        assert name in listed


def test_cli_html_date_only_when_asked(tmp_path):
    import datetime as dt

    plain, dated = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["export", "--data", str(TINY), "--format", "html", "-o", str(plain)]) == 0
    assert main(["export", "--data", str(TINY), "--format", "html", "--date", "-o", str(dated)]) == 0
    today = dt.date.today().isoformat()
    assert today not in plain.read_text() and f"exported {today}" in dated.read_text()
