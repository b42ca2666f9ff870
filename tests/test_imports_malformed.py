"""The malformed-input corpus: each case gets its located problem, nothing half-loads, earlier data stays intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import DatasetError, build_graph
from graph.formats import Limits, open_dataset
from graph.formats.node_link import generate_node_link
from graph.query import Filters, select
from graph.vocab import EvidenceType

CORPUS = Path(__file__).parent / "fixtures" / "malformed"


def case(name, file, line, field, text, limits=None, strict=False):
    return pytest.param(name, file, line, field, text, limits or Limits(), strict, id=name)


def warned(name, file, line, field, text):
    """A case the lenient import reads with a warning: an error with ``strict``."""
    return case(name, file, line, field, text, strict=True)


CASES = [
    # wrong types
    case("csv-wrong-type-flag", "evidence.csv", 3, "negated", "must be true or false, not 'maybe'"),
    case("yaml-wrong-type", "nodes.yaml", 1, "label", "must be text, not a list"),
    case("csv-values-not-json", "evidence.csv", 2, "values", "not a JSON list of values"),
    case("jsonl-not-object", "nodes.jsonl", 3, None, "each line must be a JSON object, not list"),
    # missing columns and files
    case("csv-missing-column", "nodes.csv", 1, "label", "required column is missing"),
    case("csv-unknown-column", "evidence.csv", 1, "colour", "unknown column; allowed: subject"),
    case("csv-missing-nodes-file", "upload", None, None, "no nodes.csv among the files"),
    case("kgx-missing-edges-file", "upload", None, None, "no edges.jsonl file among the files"),
    case("yaml-missing-file", "sources.yaml", None, None, "file is missing"),
    # dangling and duplicate ids
    case("csv-dangling-node", "evidence.csv", 2, "subject", "'X:ghost' is not a node id in nodes.csv"),
    warned("kgx-dangling-object", "edges.tsv", 2, "object", "object 'X:ghost' is not a node of the file"),
    case("csv-duplicate-node-id", "nodes.csv", 5, "id", "duplicate node id"),
    case("csv-unknown-source", "evidence.csv", 2, "source", "'S9' is not a source id in sources.csv"),
    case(
        "json-node-link-bad-edge",
        "graph.json (edges)",
        None,
        "object",
        "'X:b' is not a node id in graph.json (nodes)",
    ),
    # unknown vocabulary
    case("csv-unknown-kind", "nodes.csv", 2, "kind", "'shrub' is not one of: plant, alkaloid"),
    case("csv-unknown-evidence-type", "evidence.csv", 3, "type", "'anecdote' is not one of: in_vitro"),
    warned(
        "kgx-unmapped-predicate",
        "edges.jsonl",
        2,
        "predicate",
        "'biolink:expressed_in' has no project equivalent: read as related_to",
    ),
    warned(
        "kgx-unknown-category", "nodes.jsonl", 3, "category", "'biolink:Cell' maps to no project node kind"
    ),
    warned("kgx-no-provenance", "edges.tsv", 2, "publications", "no publications or knowledge source"),
    warned(
        "kgx-bad-publication-curie",
        "edges.jsonl",
        1,
        "publications",
        "'PMID:notanumber' is not a resolvable identifier",
    ),
    # bad encodings and binary input
    case("csv-latin1", "nodes.csv", 5, None, "not UTF-8 text (byte 95 is 0xe9: the file looks like Latin-1"),
    case(
        "csv-utf16-bom", "nodes.csv", 1, None, "UTF-16 text (byte-order mark found); save the file as UTF-8"
    ),
    case("binary-file", "nodes.csv", 3, None, "contains NUL bytes: a binary file"),
    case("unsupported-file-type", "graph.xlsx", None, None, "not a file type this importer reads"),
    # truncated and ragged files
    case("jsonl-truncated", "edges.jsonl", 2, None, "(the file ends here: truncated?)"),
    warned("csv-ragged-row", "nodes.csv", 5, None, "2 cells; the header has 3 columns: padded"),
    warned("kgx-tsv-ragged", "edges.tsv", 3, None, "2 cells; the header has 5 columns: padded"),
    case("zip-truncated", "upload.zip", None, None, "not a readable zip (truncated or corrupt?)"),
    case("yaml-syntax-error", "edges.yaml", 7, None, "not valid YAML"),
    case(
        "csv-edge-without-evidence", "edges.csv", 2, "evidence", "every edge needs at least one evidence item"
    ),
    # oversized, deep, hostile containers
    case(
        "oversized-file",
        "nodes.csv",
        None,
        None,
        "file is 4,468 bytes; the limit is 2,000",
        Limits(max_file_bytes=2000),
    ),
    case("too-many-nodes", "nodes.jsonl", None, None, "3 node rows; the limit is 2", Limits(max_nodes=2)),
    case("jsonl-deep-nesting", "edges.jsonl", 1, None, "JSON nested 200 levels deep; the limit is 32"),
    case("json-deep-nesting", "graph.json", None, None, "JSON nested 101 levels deep; the limit is 32"),
    case("yaml-alias-bomb", "nodes.yaml", None, None, "aliases (*name) are not allowed in dataset files"),
    case("yaml-python-tag", "dataset.yaml", 1, None, "could not determine a constructor for the tag"),
    case("zip-path-traversal", "upload.zip", None, None, "unsafe member path: path leaves the archive (..)"),
    case("zip-bomb", "upload.zip/nodes.csv", None, None, "looks like a zip bomb"),
    case("zip-nested", "upload.zip/inner.zip", None, None, "archives inside the zip are not opened"),
    # hostile strings where they are not valid: reported as text, never run
    case("hostile-id", "nodes.csv", 2, "id", "'<script>alert(1)</script>' is not a CURIE"),
    case("json-not-a-graph", "graph.json", None, None, "must hold `nodes` and `edges` lists"),
]


def test_every_corpus_folder_has_a_case():
    # Not Python's bytecode cache of make_corpus.py, written wherever bytecode is written.
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir() and p.name != "__pycache__"}
    named = {c.id for c in CASES}
    assert folders == named
    assert len(named) >= 25


def _files(name: str) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted((CORPUS / name).iterdir())]


@pytest.fixture(scope="module")
def before(tiny_graph):
    """The dataset loaded before the bad imports, and a snapshot of its full content."""
    return tiny_graph, generate_node_link(tiny_graph)


@pytest.mark.parametrize("name, file, line, field, text, limits, strict", CASES)
def test_malformed_upload_is_located_and_leaves_earlier_data_intact(
    before, name, file, line, field, text, limits, strict
):
    G, snapshot = before
    with pytest.raises(DatasetError) as info:
        open_dataset(_files(name), limits=limits, strict=strict)
    problems = info.value.problems
    matching = [p for p in problems if text in p.message]
    assert matching, f"no problem mentions {text!r}: {[str(p) for p in problems]}"
    p = matching[0]
    assert (p.file, p.line, p.field) == (file, line, field), str(p)
    # Nothing half-loaded: the earlier graph is byte-for-byte what it was, and still works.
    assert generate_node_link(G) == snapshot
    assert select(G, Filters(evidence_types=frozenset({EvidenceType.IN_VITRO}))).edge_count > 0


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, id=n)
        for n in ("csv-dangling-node", "kgx-unmapped-predicate", "yaml-wrong-type", "zip-path-traversal")
    ],
)
def test_the_same_problems_from_a_folder_on_disk(name):
    """The CLI path (a directory) reports the same located problem as an upload."""
    with pytest.raises(DatasetError) as from_disk:
        open_dataset(CORPUS / name, strict=True)
    with pytest.raises(DatasetError) as from_upload:
        open_dataset(_files(name), strict=True)
    strip = name + "/"
    assert [str(p).replace(strip, "") for p in from_disk.value.problems] == [
        str(p) for p in from_upload.value.problems
    ]


def test_every_problem_is_reported_at_once(tiny_copy):
    """Three independent mistakes in three CSV files: three located problems in one error."""
    files = dict(_files("csv-unknown-kind"))
    files["evidence.csv"] = (
        files["evidence.csv"].replace(b"in_vitro", b"anecdote").replace(b"review,P1", b"review,S9")
    )
    with pytest.raises(DatasetError) as info:
        open_dataset(list(files.items()))
    where = sorted((p.file, p.line, p.field) for p in info.value.problems)
    assert where == [("evidence.csv", 2, "source"), ("evidence.csv", 3, "type"), ("nodes.csv", 2, "kind")]


def test_a_failed_import_after_a_good_one_keeps_the_good_one():
    good = open_dataset(
        [
            (p.name, p.read_bytes())
            for p in (Path(__file__).parent / "fixtures" / "kgx_handwritten").glob("*.tsv")
        ]
    ).dataset
    G = build_graph(good)
    snapshot = generate_node_link(G)
    with pytest.raises(DatasetError):
        open_dataset(_files("jsonl-truncated"))
    assert generate_node_link(G) == snapshot
    assert G.number_of_nodes() == 6


def test_corrupt_deflate_stream_in_a_zip_is_a_located_problem(tiny_dataset):
    """A flipped byte inside a member's compressed data makes zlib itself fail: still a problem."""
    import io
    import zipfile
    import zlib

    text = "".join(f"TEST:n{i},node {i},alkaloid\n" for i in range(400)).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("nodes.csv", b"id,label,kind\n" + text)
    data = bytearray(buf.getvalue())
    start = 30 + len("nodes.csv")  # local file header, then the name, then the deflate stream
    size = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("nodes.csv").compress_size
    for pos in range(start + 2, start + size):
        corrupted = bytearray(data)
        corrupted[pos] ^= 0xFF
        try:
            zlib.decompressobj(-15).decompress(bytes(corrupted[start : start + size]))
        except zlib.error:
            break
    else:
        pytest.fail("no byte flip broke the deflate stream")
    with pytest.raises(DatasetError) as info:
        open_dataset([("upload.zip", bytes(corrupted))])
    assert any(
        p.file == "upload.zip/nodes.csv" and "cannot unpack" in p.message for p in info.value.problems
    ), [str(p) for p in info.value.problems]
