"""Real KGX files published by Biolink-ecosystem projects (tests/fixtures/real) open as they are.

Each graph opens leniently with the expected counts and kinds of warning; its node count
is the number of distinct ids in its node file, and every edge row is imported or
accounted for by a warning; ``strict`` rejects it with the same warnings as grouped,
located problems. Origins and licences: tests/fixtures/real/README.md.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from graph import DatasetError, build_graph
from graph.cli import main
from graph.errors import Problem
from graph.formats import open_dataset
from graph.formats.registry import upload_types
from graph.formats.report import WARNING_KINDS, ImportReport

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real"


def graph(folder, nodes, edges, warnings):
    return pytest.param(folder, nodes, edges, warnings, id=folder)


GRAPHS = [
    graph(
        "kgx-valid-jsonl",
        (7, 7),
        (5, 5),
        {"edge_label": 5, "no_provenance": 5},
    ),
    graph(
        "cat-merge-test-kg",
        (23, 23),
        (19, 19),
        {"category_other": 4, "predicate_generalised": 14},
    ),
    graph(
        "kg-idg-string",
        (9, 9),
        (7, 9),
        {"predicate_generalised": 4, "source_not_curie": 7, "endpoint_missing": 2},
    ),
    graph(
        "kg-idg-omim",
        (86, 91),
        (35, 44),
        {"node_repeated": 5, "predicate_generalised": 35, "no_provenance": 35, "endpoint_missing": 9},
    ),
]


def _records(path: Path) -> list[dict]:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    with path.open(newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _role_files(folder: str, role: str) -> list[Path]:
    return [p for p in sorted((REAL / folder).iterdir()) if f"_{role}." in p.name]


def test_the_corpus_names_every_file_and_its_project():
    files = [p for p in REAL.rglob("*") if p.is_file() and p.name != "README.md"]
    readme = (REAL / "README.md").read_text()
    assert len(files) >= 8
    for p in files:
        assert p.name in readme, p.name
    projects = {line.split("|")[2].strip() for line in readme.splitlines() if line.startswith("| `")}
    assert len(projects) >= 3, projects
    # The KGX graphs here; the networks without evidence in tests/test_formats_generic.py.
    assert {p.parent.name for p in files} == {g.values[0] for g in GRAPHS} | {
        "gephi-gexf",
        "graphml-yed",
        "cytoscape-cyjs",
        "d3-node-link",
    }


@pytest.mark.parametrize("folder, nodes, edges, warnings", GRAPHS)
def test_real_graph_opens_with_expected_counts_and_warnings(folder, nodes, edges, warnings):
    imported = open_dataset(REAL / folder)
    report = imported.report
    assert (report.nodes, report.nodes_read) == nodes
    assert (report.edges, report.edges_read) == edges
    assert dict(Counter(w.code for w in imported.warnings)) == warnings
    # Counted from the files themselves, not by the importer.
    node_rows = [r for p in _role_files(folder, "nodes") for r in _records(p)]
    edge_rows = [r for p in _role_files(folder, "edges") for r in _records(p)]
    assert len(imported.dataset.nodes) == len({r["id"] for r in node_rows}) == nodes[0]
    assert report.nodes_read == len(node_rows)
    assert report.edges_read == len(edge_rows)
    dropped = sum(1 for w in imported.warnings if w.code == "endpoint_missing")
    assert report.edges + dropped == report.edges_read
    evidence = sum(len(e.evidence) for e in imported.dataset.edges)
    assert evidence >= report.edges  # every imported row is at least one evidence item
    G = build_graph(imported.dataset)
    assert G.number_of_nodes() == nodes[0]
    # Every warning is located: its file, and a line in it.
    for w in imported.warnings:
        assert w.file.startswith(f"{folder}/") and w.line is not None, str(w)


@pytest.mark.parametrize("folder, nodes, edges, warnings", GRAPHS)
def test_strict_rejects_the_same_file_with_grouped_located_problems(folder, nodes, edges, warnings):
    with pytest.raises(DatasetError) as info:
        open_dataset(REAL / folder, strict=True)
    assert dict(Counter(p.code for p in info.value.problems if p.code)) == warnings
    lines = str(info.value).splitlines()[1:]
    assert len(lines) == len(warnings)  # one line per kind of warning
    for line, code in zip(lines, warnings, strict=True):
        assert line.strip().startswith(f"{WARNING_KINDS[code].found}: {warnings[code]} ({folder}/"), line


@pytest.mark.parametrize("folder", [g.values[0] for g in GRAPHS])
def test_real_graph_opens_as_an_upload(folder):
    files = [(p.name, p.read_bytes()) for p in sorted((REAL / folder).iterdir())]
    upload = open_dataset(files)
    on_disk = open_dataset(REAL / folder)
    assert upload.dataset.nodes == on_disk.dataset.nodes
    assert upload.report.summary == on_disk.report.summary


def test_imported_kinds_keep_their_categories():
    ds = open_dataset(REAL / "cat-merge-test-kg").dataset
    other = {n.id: n.category for n in ds.nodes if n.kind.value == "other"}
    assert other == dict.fromkeys(
        ("CHEBI:33281", "CHEBI:36047", "CHEBI:59517", "CHEBI:50183"), "biolink:biological_role_mixin"
    )
    subclass = next(e for e in ds.edges if e.subject == "CHEBI:100147" and e.object == "CHEBI:25384")
    assert subclass.predicate.value == "related_to"
    assert "biolink:subclass_of" in subclass.evidence[0].text


@pytest.mark.parametrize(
    "args, code",
    [
        pytest.param([], 0, id="lenient"),
        pytest.param(["--strict"], 2, id="strict"),
    ],
)
def test_cli_opens_the_corpus(args, code, capsys):
    returned = main(["validate", *args, "--data", str(REAL / "kg-idg-omim")])
    stdout, stderr = capsys.readouterr()
    assert returned == code, stderr
    out = stdout + stderr
    assert (
        "edges whose subject or object is not a node of the file: 9 (kg-idg-omim/omim_gtd_edges.tsv:37" in out
    )
    if code == 0:
        assert "imported 86 of 91 nodes, 35 of 44 edges; 84 warnings" in stdout


def test_a_thousand_problems_make_one_line_per_kind():
    problems = [
        Problem(file="edges.tsv", line=n, message=f"row {n}", code=code)
        for n in range(2, 1002)
        for code in (("short_row",) if n % 2 else ("predicate_generalised",))
    ]
    report = ImportReport(nodes_read=10, nodes=10, edges_read=1000, edges=1000, warnings=tuple(problems))
    lines = report.lines()
    assert len(lines) == 1 + 2
    assert lines[0] == "imported 10 of 10 nodes, 1000 of 1000 edges; 1000 warnings"
    assert (
        "predicates with no project equivalent: 500 (edges.tsv:2, edges.tsv:4, edges.tsv:6, ...)" in lines[1]
    )
    assert (
        "rows with fewer cells than the header: 500 (edges.tsv:3, edges.tsv:5, edges.tsv:7, ...)" in lines[2]
    )
    error = str(DatasetError(problems, {c: (k.found, k.action) for c, k in WARNING_KINDS.items()}))
    assert len(error.splitlines()) == 1 + 2


@pytest.mark.parametrize("suffix", upload_types())
def test_every_upload_type_is_documented_and_offered(suffix):
    """One tuple feeds the uploader and the messages; the README names each type."""
    readme = (ROOT / "README.md").read_text()
    assert f"`{suffix}`" in readme
    with pytest.raises(DatasetError) as info:
        open_dataset([("graph.xlsx", b"x")])
    assert suffix in info.value.problems[0].message


def test_evidence_text_names_the_predicate_the_row_gives_as_edge_label():
    """KGX 1.x rows give their predicate as ``edge_label``: the evidence text names it (it
    said ``None``, the absent ``predicate`` column)."""
    edges = open_dataset(REAL / "kgx-valid-jsonl").dataset.edges
    assert edges and all(" biolink:related_to MONDO:" in e.evidence[0].text for e in edges)
    assert not any("None" in e.evidence[0].text for e in edges)
