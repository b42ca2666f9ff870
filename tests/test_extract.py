"""Extraction with DuckDB: hops, filters, lenient reading, the archive, bad input, the CLI."""

from __future__ import annotations

import gzip
import zipfile

import pytest

from graph import build_graph
from graph.cli import main
from graph.errors import DatasetError, ExtractError
from graph.extract import Filters, Plan, extract, write_archive
from graph.extract.files import within
from graph.formats import open_dataset
from tests.extract_helpers import FIXTURE, fixture_copy

NODES, EDGES = FIXTURE / "nodes.tsv", FIXTURE / "edges.tsv"
DPAY = "KRATOM:9_o_desmethylpaynantheine"
MG = "PUBCHEM.COMPOUND:3034396"


def run(plan: Plan, nodes=NODES, edges=EDGES, **kw):
    return extract(plan, nodes, edges, **kw)


@pytest.mark.parametrize(
    ("plan", "nodes", "edge_ids"),
    [
        pytest.param(Plan(seeds=(DPAY,), hops=0), {DPAY}, set(), id="zero-hops-seed-only"),
        pytest.param(
            Plan(seeds=(DPAY,), hops=1),
            {DPAY, "KRATOM:paynantheine", "KRATOM:htr1a"},
            {"x15", "x16"},
            id="one-hop-both-directions",
        ),
        pytest.param(
            Plan(seeds=(DPAY,), hops=2),
            {
                DPAY,
                "KRATOM:paynantheine",
                "KRATOM:htr1a",
                "GBIF:7461054",
                "UniProtKB:P35372",
                "KRATOM:speciogynine",
                "KRATOM:mood",
                "KRATOM:antinociception",
            },
            # x12 (MOR -> antinociception) joins two nodes at hop 2: not within 2 hops.
            {"x3", "x13", "x14", "x15", "x16", "x17", "x18", "x20"},
            id="two-hops-edges-within",
        ),
        pytest.param(
            Plan(seeds=(DPAY,), hops=2, filters=Filters.of(predicates=["has_metabolite"])),
            {DPAY, "KRATOM:paynantheine"},
            {"x15"},
            id="predicate-filter-short-name",
        ),
        pytest.param(
            Plan(seeds=(DPAY,), hops=2, filters=Filters.of(categories=["biolink:Protein"])),
            {DPAY, "KRATOM:htr1a"},
            {"x16"},
            id="category-filter-keeps-seed",
        ),
        pytest.param(
            Plan(seeds=(DPAY,), hops=1, filters=Filters.of(knowledge_sources=["infores:other"])),
            {DPAY},
            set(),
            id="knowledge-source-filter-nothing",
        ),
        pytest.param(
            Plan(seed_search="HYDROXYMITRA", hops=1),
            {"PUBCHEM.COMPOUND:44301524", MG, "GBIF:7461054", "UniProtKB:P35372", "KRATOM:antinociception"},
            {"x2", "x6", "x10", "x11"},
            id="seed-search-case-insensitive",
        ),
    ],
)
def test_neighbourhood(plan, nodes, edge_ids):
    nb = run(plan)
    assert nb.node_ids() == nodes
    assert {e["id"] for e in nb.edges} == edge_ids


def test_depths_are_hop_counts():
    nb = run(Plan(seeds=(DPAY,), hops=2))
    assert nb.depth[DPAY] == 0 and nb.depth["KRATOM:htr1a"] == 1 and nb.depth["KRATOM:mood"] == 2


def test_ragged_and_incomplete_rows_are_skipped_and_counted():
    nb = run(Plan(seeds=(MG,), hops=1))
    assert "KRATOM:ragged" not in nb.node_ids()
    assert not {"x21", "x22"} & {e["id"] for e in nb.edges}
    assert dict(nb.skipped.reasons) == {
        "node rows with more fields than the header": 1,
        "node rows without a required field (node: id; edge: subject, predicate, object)": 1,
        "edge rows with more fields than the header": 1,
        "edge rows without a required field (node: id; edge: subject, predicate, object)": 1,
    }


def test_padded_ids_are_trimmed_and_their_rows_found(tmp_path):
    """Ids with spaces around them in either file match, and their full rows come out as written."""
    (tmp_path / "nodes.tsv").write_text(
        "id\tname\nEX:A\ta\n EX:B\tb\nEX:C  \tc\nEX:\u00e9\te acute\n", encoding="utf-8"
    )
    (tmp_path / "edges.tsv").write_text(
        "id\tsubject\tpredicate\tobject\n"
        "e1\tEX:A \tbiolink:related_to\tEX:B\n"
        "e2\t EX:B\tbiolink:related_to\tEX:C\n"
        "e3\tEX:C\t   \tEX:\u00e9\n"
        "e4\tEX:\u00e9\tbiolink:related_to\t  EX:C\n",
        encoding="utf-8",
    )
    nb = run(Plan(seeds=("EX:A",), hops=3), tmp_path / "nodes.tsv", tmp_path / "edges.tsv")
    assert nb.depth == {"EX:A": 0, "EX:B": 1, "EX:C": 2, "EX:\u00e9": 3}
    assert sorted((e["id"], e["subject"], e["object"]) for e in nb.edges) == [
        ("e1", "EX:A ", "EX:B"),
        ("e2", " EX:B", "EX:C"),
        ("e4", "EX:\u00e9", "  EX:C"),
    ]
    assert sorted(n["id"] for n in nb.nodes) == [" EX:B", "EX:A", "EX:C  ", "EX:\u00e9"]
    assert dict(nb.skipped.reasons) == {
        "edge rows without a required field (node: id; edge: subject, predicate, object)": 1
    }


def test_repeated_node_rows_all_come_out():
    nb = run(Plan(seeds=(MG,), hops=0))
    assert [n["id"] for n in nb.nodes] == [MG, MG]


@pytest.mark.parametrize(
    ("fmt", "gz"),
    [
        pytest.param("tsv", True, id="tsv-gz"),
        pytest.param("jsonl", False, id="jsonl"),
        pytest.param("jsonl", True, id="jsonl-gz"),
    ],
)
def test_every_format_gives_the_same_neighbourhood(tmp_path, fmt, gz):
    nodes, edges = fixture_copy(tmp_path, fmt, gz)
    plan = Plan(
        seeds=(MG,), hops=2, filters=Filters.of(knowledge_sources=["infores:kratom-mechanism-explorer"])
    )
    got, want = run(plan, nodes, edges), run(plan)
    assert got.node_ids() == want.node_ids()
    assert got.edge_keys() == want.edge_keys()
    assert got.skipped.total == want.skipped.total


def test_jsonl_lists_and_text_read_alike(tmp_path):
    (tmp_path / "n.jsonl").write_text(
        '{"id": ["A"], "category": "biolink:Gene|biolink:Protein", "name": "a"}\n'
        '{"id": "B", "category": ["biolink:Disease"]}\n'
        "[1, 2]\n"
        '{"id": 3}\n'
    )
    (tmp_path / "e.jsonl").write_text(
        '{"subject": "A", "predicate": ["biolink:causes"], "object": "B", "knowledge_source": "infores:x|infores:y"}\n'
        '{"subject": "B", "predicate": "biolink:causes", "object": "3"}\n'
    )
    nb = run(
        Plan(
            seeds=("A",),
            hops=3,
            filters=Filters.of(categories=["Gene", "Disease"], knowledge_sources=["infores:y"]),
        ),
        tmp_path / "n.jsonl",
        tmp_path / "e.jsonl",
    )
    assert nb.node_ids() == {"A", "B"}
    assert dict(nb.skipped.reasons) == {"node rows that are not a JSON object": 1}


def test_archive_opens_in_the_importer_and_builds():
    plan = Plan(seeds=(MG,), hops=2)
    nb = run(plan)
    written = write_archive(nb, plan, "edges.tsv")
    imported = open_dataset([("extract.kgx.jsonl.zip", written.data)])
    G = build_graph(imported.dataset)
    assert set(G.nodes) == nb.node_ids()
    assert written.edges == len(nb.edges) and written.left_out == ()
    rows = {(e["subject"], e["object"]) for e in nb.edges}
    assert {(u, v) for u, v, _ in G.edges} == rows


def test_archive_leaves_out_edges_without_provenance(tmp_path):
    (tmp_path / "nodes.tsv").write_text(
        "id\tcategory\tname\nEX:A\tbiolink:Gene\ta\nEX:B\tbiolink:Gene\tb\nEX:C\tbiolink:Gene\tc\n"
    )
    (tmp_path / "edges.tsv").write_text(
        "subject\tpredicate\tobject\tprimary_knowledge_source\n"
        "EX:A\tbiolink:interacts_with\tEX:B\tinfores:example\n"
        "EX:A\tbiolink:interacts_with\tEX:C\t\n"
    )
    plan = Plan(seeds=("EX:A",), hops=1)
    nb = run(plan, tmp_path / "nodes.tsv", tmp_path / "edges.tsv")
    assert len(nb.edges) == 2
    written = write_archive(nb, plan, "edges.tsv")
    assert (written.nodes, written.edges) == (3, 1)
    assert dict(written.left_out) == {"edges with no publication or knowledge source": 1}
    assert len(open_dataset([("x.kgx.jsonl.zip", written.data)]).dataset.edges) == 1


def test_archive_with_keep_all_holds_every_row():
    plan = Plan(seeds=(MG,), hops=1)
    nb = run(plan)
    written = write_archive(nb, plan, "edges.tsv", keep_all=True)
    with zipfile.ZipFile(__import__("io").BytesIO(written.data)) as zf:
        assert sorted(zf.namelist()) == ["edges.jsonl", "metadata.json", "nodes.jsonl"]
        assert len(zf.read("edges.jsonl").decode().splitlines()) == len(nb.edges)
    assert written.left_out == ()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(
            lambda d: (
                (d / "nodes.tsv").write_text("id\tname\nA\ta\n"),
                (d / "edges.tsv").write_text("subject\tobject\nA\tB\n"),
            ),
            "missing from the header: predicate",
            id="missing-column",
        ),
        pytest.param(
            lambda d: (
                (d / "nodes.tsv").write_text("id\nA\n"),
                (d / "edges.tsv.gz").write_bytes(b"not gzip at all"),
            ),
            "not a readable gzip file",
            id="not-gzip",
        ),
        pytest.param(
            lambda d: (
                (d / "nodes.tsv").write_text("id\nA\n"),
                (d / "edges.tsv.gz").write_bytes(
                    gzip.compress(
                        b"subject\tpredicate\tobject\n"
                        + b"".join(b"A\tbiolink:causes\tB%d\n" % (i * 7919 % 100003) for i in range(100000))
                    )[:-4000]
                ),
            ),
            "not a readable gzip file",
            id="gzip-cut-short",
        ),
        pytest.param(
            lambda d: (
                (d / "nodes.csv").write_text("id\nA\n"),
                (d / "edges.tsv").write_text("subject\tpredicate\tobject\n"),
            ),
            "not a KGX file this reads",
            id="unknown-suffix",
        ),
    ],
)
def test_bad_files_get_a_clear_error(tmp_path, make, message):
    make(tmp_path)
    nodes = next(p for p in tmp_path.iterdir() if p.name.startswith("nodes"))
    edges = next(p for p in tmp_path.iterdir() if p.name.startswith("edges"))
    with pytest.raises(ExtractError) as caught:
        run(Plan(seeds=("A",), hops=1), nodes, edges)
    assert message in str(caught.value)
    assert isinstance(caught.value, DatasetError)


def test_a_seed_that_matches_nothing_is_named():
    with pytest.raises(ExtractError, match="CHEBI:0: matches no node id"):
        run(Plan(seeds=(MG, "CHEBI:0"), hops=1))


def test_a_seed_search_that_matches_nothing():
    with pytest.raises(ExtractError, match="seed search matches no node name"):
        run(Plan(seed_search="no such name", hops=1))


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("../outside/nodes.tsv", id="dot-dot"),
        pytest.param("/etc/passwd", id="absolute"),
    ],
)
def test_paths_outside_the_allowed_directory_are_refused(tmp_path, path):
    allowed = tmp_path / "graphs"
    allowed.mkdir()
    with pytest.raises(ExtractError, match="outside the directory"):
        run(Plan(seeds=("A",)), path, path, allowed=allowed)


def test_symlink_out_of_the_allowed_directory_is_refused(tmp_path):
    allowed = tmp_path / "graphs"
    allowed.mkdir()
    (allowed / "nodes.tsv").symlink_to(NODES)
    assert not within(allowed, allowed / "nodes.tsv")


def test_plan_problems():
    with pytest.raises(ExtractError, match="give seed ids"):
        run(Plan(hops=1))
    with pytest.raises(ExtractError, match="not between 0 and 5"):
        run(Plan(seeds=(MG,), hops=9))


def test_cli_writes_an_archive_the_validator_opens(tmp_path, capsys):
    out = tmp_path / "mg.kgx.jsonl.zip"
    code = main(
        [
            "extract",
            "--nodes",
            str(NODES),
            "--edges",
            str(EDGES),
            "--seeds",
            MG,
            "--hops",
            "1",
            "-o",
            str(out),
            "-q",
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "neighbourhood: 7 nodes, 6 edge rows within 1 hop(s)" in printed
    assert "skipped while reading: 1 edge rows with more fields than the header" in printed
    assert "time:" in printed
    ds = open_dataset(out).dataset
    assert (len(ds.nodes), len(ds.edges)) == (7, 6)


def test_cli_bad_seed_exits_2(tmp_path, capsys):
    code = main(
        [
            "extract",
            "--nodes",
            str(NODES),
            "--edges",
            str(EDGES),
            "--seeds",
            "X:1",
            "-o",
            str(tmp_path / "x.zip"),
            "-q",
        ]
    )
    assert code == 2
    assert "X:1: matches no node id" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
