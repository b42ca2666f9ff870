"""The format registry is the one list of formats: the README table, the CLI and the uploader derive from it."""

from __future__ import annotations

import re
from pathlib import Path

from graph.formats.registry import FORMATS, upload_types

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\| `(?P<name>[a-z0-9-]+)` \|(?P<files>[^|]*)\|(?P<read>[^|]*)\|(?P<write>[^|]*)\|")


def readme_formats() -> dict[str, tuple[tuple[str, ...], bool, bool]]:
    """``{name: (extensions, reads, writes)}`` from the README's format table."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| format | files | read | write |") :].split("\n\n", 1)[0]
    rows = {}
    for line in table.splitlines()[2:]:
        m = ROW.match(line)
        assert m, f"README format table row not understood: {line!r}"
        files = tuple(re.findall(r"`([^`]+)`", m["files"]))
        rows[m["name"]] = (files, m["read"].strip() == "yes", m["write"].strip() == "yes")
    return rows


def test_readme_table_is_the_registry():
    expected = {f.name: (f.extensions, f.reader is not None, f.writer is not None) for f in FORMATS.values()}
    assert readme_formats() == expected
    assert list(readme_formats()) == list(FORMATS)


def test_upload_types_cover_every_reader_and_the_archives():
    types = upload_types()
    for f in FORMATS.values():
        assert set(f.reads) <= set(types), f.name
    assert {".zip", ".gz", ".txt", ".md"} <= set(types)
