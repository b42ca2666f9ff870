"""Corrupt and hostile input: every archive, decoder and parser failure is a located DatasetError.

Each case is built here from the tiny fixture's own files (so nothing binary is stored),
and each is checked twice: the importer raises a DatasetError naming the file (and line
where there is one), and the app, given the same upload, keeps the dataset it had.
"""

from __future__ import annotations

import gzip
import io
import time
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph import DatasetError
from graph.formats import Limits, open_dataset
from ui.importer import PENDING

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
REAL = ROOT / "tests" / "fixtures" / "real"
MILLION = 10**6


def _tiny_csv() -> dict[str, bytes]:
    """The tiny fixture as CSV tables (the project's own CSV export)."""
    from graph import build_graph, load_dataset
    from graph.formats.csv_tables import generate_csv_tables

    return {k: v.encode() for k, v in generate_csv_tables(build_graph(load_dataset(TINY))).items()}


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def corrupt_deflate() -> list[tuple[str, bytes]]:
    data = bytearray(_zip({"nodes.csv": b"id,label,kind\n" + b"X:a,A,alkaloid\n" * 200}))
    for i in range(40, 80):  # inside the member's compressed stream
        data[i] ^= 0x55
    return [("upload.zip", bytes(data))]


def truncated_gzip() -> list[tuple[str, bytes]]:
    files = _tiny_csv()
    files["nodes.csv.gz"] = gzip.compress(files.pop("nodes.csv"))[:-12]
    return list(files.items())


def corrupt_gzip() -> list[tuple[str, bytes]]:
    files = _tiny_csv()
    packed = bytearray(gzip.compress(files.pop("nodes.csv")))
    for i in range(12, 30):
        packed[i] ^= 0xA5
    files["nodes.csv.gz"] = bytes(packed)
    return list(files.items())


def latin1() -> list[tuple[str, bytes]]:
    files = _tiny_csv()
    files["nodes.csv"] = files["nodes.csv"].replace(b"tiny", b"tiny caf\xe9", 1) + "caf\xe9\n".encode(
        "latin-1"
    )
    return list(files.items())


def utf16() -> list[tuple[str, bytes]]:
    files = _tiny_csv()
    files["nodes.csv"] = files["nodes.csv"].decode().encode("utf-16")
    return list(files.items())


def nul_bytes() -> list[tuple[str, bytes]]:
    files = _tiny_csv()
    files["evidence.csv"] = files["evidence.csv"].replace(b"\n", b"\n\x00", 1)
    return list(files.items())


def million_column_header() -> list[tuple[str, bytes]]:
    files = _tiny_csv()
    header, rest = files["nodes.csv"].split(b"\n", 1)
    files["nodes.csv"] = header + b"".join(b",c%d" % i for i in range(MILLION)) + b"\n" + rest
    return list(files.items())


def case(name, build, file, line, text, limits=None):
    return pytest.param(build, file, line, text, limits or Limits(), id=name)


CASES = [
    case("zip-corrupt-deflate", corrupt_deflate, "upload.zip/nodes.csv", None, "truncated or corrupt zip"),
    case("gzip-truncated", truncated_gzip, "nodes.csv.gz", None, "truncated gzip"),
    case("gzip-corrupt", corrupt_gzip, "nodes.csv.gz", None, "not a readable gzip"),
    case(
        "gzip-over-the-limit",
        lambda: [("nodes.csv.gz", gzip.compress(b"id,label,kind\n" + b"X:a,A,alkaloid\n" * 1000))],
        "nodes.csv.gz",
        None,
        "unpacks to more than 2,000 bytes",
        Limits(max_file_bytes=2000),
    ),
    case("latin-1", latin1, "nodes.csv", 7, "not UTF-8 text"),
    case("utf-16", utf16, "nodes.csv", 1, "UTF-16 text"),
    case("nul-bytes", nul_bytes, "evidence.csv", 2, "contains NUL bytes"),
    case("million-column-header", million_column_header, "nodes.csv", 1, "999,980 more unknown columns"),
]


@pytest.mark.parametrize("build, file, line, text, limits", CASES)
def test_hostile_upload_is_a_located_dataset_error(build, file, line, text, limits):
    started = time.perf_counter()
    with pytest.raises(DatasetError) as info:
        open_dataset(build(), limits=limits)
    matching = [p for p in info.value.problems if text in p.message]
    assert matching, [str(p) for p in info.value.problems]
    assert (matching[0].file, matching[0].line) == (file, line)
    assert len(str(info.value).splitlines()) <= 50  # a hostile file does not make a hostile report
    assert time.perf_counter() - started < 30


def test_a_million_cell_row_is_read_with_one_located_warning():
    row = "\t".join(["x"] * MILLION)
    nodes = f"id\tname\tcategory\nX:1\tA\tbiolink:Gene\t{row}\nX:2\tB\tbiolink:Gene\n"
    files = [("g_nodes.tsv", nodes.encode()), ("g_edges.tsv", b"subject\tpredicate\tobject\n")]
    started = time.perf_counter()
    imported = open_dataset(files)
    assert time.perf_counter() - started < 30
    assert [(w.code, w.file, w.line) for w in imported.warnings] == [("extra_cells", "g_nodes.tsv", 2)]
    assert len(imported.dataset.nodes) == 2
    with pytest.raises(DatasetError) as info:
        open_dataset(files, strict=True)
    assert "rows with more cells than the header: 1 (g_nodes.tsv:2)" in str(info.value)


def test_a_million_column_kgx_header_is_read():
    header = "\t".join(["id", "name", "category", *(f"c{i}" for i in range(MILLION))])
    row = "\t".join(["X:1", "A", "biolink:Gene", *(["x"] * MILLION)])
    files = [("g_nodes.tsv", f"{header}\n{row}\n".encode()), ("g_edges.tsv", b"subject\tpredicate\tobject\n")]
    started = time.perf_counter()
    assert len(open_dataset(files).dataset.nodes) == 1
    assert time.perf_counter() - started < 30


def test_gzipped_real_files_open_as_the_plain_ones(tmp_path):
    for p in (REAL / "kg-idg-string").iterdir():
        (tmp_path / f"{p.name}.gz").write_bytes(gzip.compress(p.read_bytes()))
    packed = open_dataset(tmp_path)
    plain = open_dataset(REAL / "kg-idg-string")
    assert packed.dataset.nodes == plain.dataset.nodes
    assert packed.report.summary == plain.report.summary


@pytest.mark.parametrize(
    "build",
    [pytest.param(c.values[0], id=c.id) for c in CASES if c.id != "gzip-over-the-limit"],
)
def test_the_app_keeps_its_dataset_after_a_hostile_upload(build):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    before = next(c.value for c in at.caption if c.value.startswith("Dataset: "))
    at.session_state[PENDING] = build()
    at.run()
    assert not at.exception
    assert any("the dataset shown is unchanged" in e.value for e in at.error)
    assert next(c.value for c in at.caption if c.value.startswith("Dataset: ")) == before
