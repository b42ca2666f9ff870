"""The format registry is the one list of formats: the README table, the CLI and the uploader derive from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.formats.biolink import kind_for_categories
from graph.formats.registry import FORMATS, upload_types
from graph.vocab import NodeKind

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


def _rezip(data: bytes, old: str, new: str) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n).decode() for n in zf.namelist()}
    from graph.formats.files import zip_texts

    return zip_texts({n: t.replace(old, new) for n, t in files.items()})


def _broken(name: str) -> tuple[str, bytes]:
    """The tiny graph written in a format, with an evidence item citing a source no file lists."""
    from graph import build_graph, load_dataset

    G = build_graph(load_dataset(Path(__file__).parent / "fixtures" / "tiny"))
    data = FORMATS[name].write(G)
    if name == "node-link":
        return "graph.json", data.replace(b'"source": "R1"', b'"source": "R9"')
    if name == "csv":
        return "tiny.csv.zip", _rezip(data, ",R1,", ",R9,")
    return "tiny.kgx.jsonl.zip", _rezip(data, '"source": "R1"', '"source": "R9"')


@pytest.mark.parametrize("name", ["node-link", "kgx-jsonl", "csv"])
def test_problems_of_other_formats_never_name_yaml_files(name):
    from graph.errors import DatasetError
    from graph.formats import open_dataset

    file, data = _broken(name)
    with pytest.raises(DatasetError) as info:
        open_dataset([(file, data)])
    problems = info.value.problems
    assert any("'R9' is not a source id" in p.message for p in problems)
    assert all(".yaml" not in p.file and ".yaml" not in p.message for p in problems), problems
    assert all(p.file.startswith(file) for p in problems)


@pytest.mark.parametrize("kind", list(NodeKind), ids=lambda k: k.value)
def test_the_two_directions_of_the_category_mapping_agree(kind):
    """A kind's written category reads back to a kind written with that same category.

    Writing uses ``NodeKind.biolink_category``, reading ``graph.formats.biolink.KIND_OF`` by
    ancestry: one table each way, and this keeps them from drifting apart.
    """
    read, category = kind_for_categories([kind.biolink_category])
    assert read.biolink_category == kind.biolink_category
    assert category == kind.biolink_category
