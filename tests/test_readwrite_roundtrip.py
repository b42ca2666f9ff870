"""Lossless formats: node-link JSON and KGX JSON Lines re-import to an identical graph."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from export_helpers import TINY, assert_same_graph, hostile_dataset, rich_dataset

from graph import DatasetError, build_graph, load_dataset
from graph.formats import open_dataset
from graph.formats.kgx import generate_kgx_jsonl, generate_kgx_tsv
from graph.formats.node_link import generate_node_link, node_link_dataset
from graph.query import Filters, select
from graph.vocab import Directness, EvidenceType, NodeKind, Predicate, Relevance


def _node_link(G, tmp_path):
    path = tmp_path / "g.json"
    path.write_text(generate_node_link(G), encoding="utf-8")
    return open_dataset(path).dataset


def _kgx_jsonl(G, tmp_path):
    path = tmp_path / "g.kgx.jsonl.zip"
    path.write_bytes(generate_kgx_jsonl(G))
    return open_dataset(path).dataset


def _kgx_tsv(G, tmp_path):
    return open_dataset([("g.kgx.tsv.zip", generate_kgx_tsv(G))]).dataset


LOSSLESS = [
    pytest.param(_node_link, id="node-link"),
    pytest.param(_kgx_jsonl, id="kgx-jsonl"),
    pytest.param(_kgx_tsv, id="kgx-tsv"),
]


@pytest.fixture(params=["tiny", "rich", "hostile"])
def dataset(request, tmp_path):
    if request.param == "tiny":
        return load_dataset(TINY)
    make = rich_dataset if request.param == "rich" else hostile_dataset
    return load_dataset(make(tmp_path / "src"))


@pytest.mark.parametrize("roundtrip", LOSSLESS)
def test_round_trip_identical_graph(roundtrip, dataset, tmp_path):
    G = build_graph(dataset)
    back = roundtrip(G, tmp_path)
    assert_same_graph(build_graph(back), G)
    # The records themselves too: every evidence field, node field and source field.
    # (Graph order, not file order: compare by identity.)
    assert {e.key: e for e in back.edges} == {e.key: e for e in dataset.edges}
    assert back.nodes == dataset.nodes
    assert back.sources == dataset.sources
    assert (back.name, back.version, back.description) == (dataset.name, dataset.version, dataset.description)


def _members(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist()}


def _rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_kgx_rows_stand_alone_with_the_sources_they_cite(dataset, tmp_path):
    """Any one edge row (as a row filter or an extract keeps it) opens with its sources,
    without metadata.json: each row carries the record of every source its evidence cites."""
    G = build_graph(dataset)
    files = _members(generate_kgx_jsonl(G))
    rows = _rows(files["edges.jsonl"])
    for row in rows:
        assert {s["id"] for s in row["kme_sources"]} == {ev["source"] for ev in row["kme_evidence"]}
    row = max(rows, key=lambda r: len(r["kme_sources"]))
    kept = {row["subject"], row["object"]}
    nodes = [n for n in _rows(files["nodes.jsonl"]) if n["id"] in kept]
    (tmp_path / "nodes.jsonl").write_text("".join(json.dumps(n) + "\n" for n in nodes), encoding="utf-8")
    (tmp_path / "edges.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    back = open_dataset(tmp_path).dataset
    assert [e.key for e in back.edges] == [row["id"]]
    assert back.edges == tuple(e for e in dataset.edges if e.key == row["id"])
    cited = {ev["source"] for ev in row["kme_evidence"]}
    assert {s.id: s for s in back.sources} == {s.id: s for s in dataset.sources if s.id in cited}


def test_kgx_rows_that_repeat_their_sources_still_open(dataset, tmp_path):
    """Older exports (and other writers) give every row the records of all the sources it cites."""
    G = build_graph(dataset)
    files = _members(generate_kgx_jsonl(G))
    records = {s["id"]: s for row in _rows(files["edges.jsonl"]) for s in row.get("kme_sources", [])}
    rows = _rows(files["edges.jsonl"])
    for row in rows:
        row["kme_sources"] = [
            records[sid] for sid in dict.fromkeys(ev["source"] for ev in row["kme_evidence"])
        ]
    assert sum(len(row["kme_sources"]) for row in rows) > len(records)
    files["edges.jsonl"] = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    back = open_dataset(tmp_path).dataset
    assert {e.key: e for e in back.edges} == {e.key: e for e in dataset.edges}
    assert back.sources == dataset.sources
    assert_same_graph(build_graph(back), G)


def test_rich_fixture_exercises_every_field(tmp_path):
    """Guards the round-trip test: the rich fixture must use every vocabulary and optional field."""
    ds = load_dataset(rich_dataset(tmp_path))
    evidence = [ev for e in ds.edges for ev in e.evidence]
    assert {e.predicate for e in ds.edges} == set(Predicate)
    assert {n.kind for n in ds.nodes} == set(NodeKind)
    assert {ev.type for ev in evidence} == set(EvidenceType)
    for name in ("assay", "note", "verification", "species"):
        assert any(getattr(ev, name) for ev in evidence), name
    assert any(ev.quote for ev in evidence) and any(ev.negated for ev in evidence)
    assert {ev.directness for ev in evidence} == set(Directness)
    assert {ev.relevance for ev in evidence} == set(Relevance)
    assert any(ev.restates for ev in evidence)
    values = [v for ev in evidence for v in ev.values]
    assert any(v.low is not None for v in values) and any(v.context for v in values)
    assert any(v.qualifier != "=" for v in values)
    for name in ("pmid", "pmcid", "doi", "fr", "url", "document", "note", "restates"):
        assert any(getattr(s, name) for s in ds.sources), name
    for name in ("synonyms", "xrefs", "description", "id_note", "category"):
        assert any(getattr(n, name) for n in ds.nodes), name


@pytest.mark.parametrize("roundtrip", LOSSLESS)
def test_round_trip_of_a_filtered_view(roundtrip, tmp_path):
    G = build_graph(load_dataset(rich_dataset(tmp_path / "src")))
    selection = select(G, Filters(evidence_types=frozenset({EvidenceType.IN_VITRO})))
    generate = {
        "_node_link": lambda: generate_node_link(G, selection).encode(),
        "_kgx_jsonl": lambda: generate_kgx_jsonl(G, selection),
        "_kgx_tsv": lambda: generate_kgx_tsv(G, selection),
    }[roundtrip.__name__]
    data = generate()
    if roundtrip.__name__ == "_node_link":
        back = node_link_dataset(json.loads(data))
    else:
        back = open_dataset([("view.zip", data)]).dataset
    H = build_graph(back)
    assert list(H.edges(keys=True)) == list(selection.edges)
    for e in selection.edges:
        assert H.edges[e] == G.edges[e]
    assert set(H.nodes) == set(selection.nodes)
    assert set(H.graph["sources"]) == {s for e in selection.edges for s in G.edges[e]["citations"]}


def test_node_link_opens_in_networkx(tmp_path):
    import networkx as nx

    G = build_graph(load_dataset(TINY))
    H = nx.node_link_graph(json.loads(generate_node_link(G)))
    assert set(H.edges(keys=True)) == set(G.edges(keys=True))


def test_whole_document_travels_when_the_graph_holds_it(tmp_path):
    ds = load_dataset(TINY)
    G = build_graph(ds)
    data = json.loads(generate_node_link(G))
    # Without documents on the graph, the quotes stand in for the article; still valid.
    back = node_link_dataset(data)
    assert "Alkaloid A blocks receptor R" in dict(back.documents)["article.txt"]


def _tamper(data, **changes):
    data = json.loads(json.dumps(data))
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for p in parents:
            target = target[int(p)] if p.isdigit() else target[p]
        target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"edges__0__evidence__0__type": "invitro"}, "'invitro' is not one of", id="bad-evidence-type"
        ),
        pytest.param({"edges__0__evidence": []}, "at least one evidence item", id="no-evidence"),
        pytest.param({"edges__0__target": "TEST:nowhere"}, "not a node id", id="dangling-edge"),
        pytest.param({"nodes__0__kind": "tree"}, "'tree' is not one of", id="bad-kind"),
        pytest.param({"graph__format": "other"}, "not a file this exporter wrote", id="not-our-format"),
        pytest.param({"edges__0__key": "binds"}, "differs from predicate", id="key-not-predicate"),
        pytest.param(
            {"graph__sources__0__url": "javascript:alert(1)"}, "must start with https://", id="bad-url"
        ),
    ],
)
def test_node_link_reader_validates(changes, expected):
    data = json.loads(generate_node_link(build_graph(load_dataset(TINY))))
    with pytest.raises(DatasetError) as info:
        node_link_dataset(_tamper(data, **changes), "g.json")
    assert expected in str(info.value)
    assert "g.json" in str(info.value)


@pytest.mark.parametrize(
    ("member", "edit", "expected"),
    [
        pytest.param(
            "edges.jsonl",
            lambda t: t.replace("biolink:has_part", "biolink:eats"),
            "'biolink:eats' has no project equivalent: read as related_to",
            id="unknown-predicate",
        ),
        pytest.param("edges.jsonl", lambda t: "{not json\n" + t, "not JSON", id="broken-line"),
    ],
)
def test_edited_export_is_reported_in_strict_mode(member, edit, expected):
    data = generate_kgx_jsonl(build_graph(load_dataset(TINY)))
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            text = src.read(name).decode()
            dst.writestr(name, edit(text) if name == member else text)
    with pytest.raises(DatasetError) as info:
        open_dataset([("g.zip", out.getvalue())], strict=True)
    assert expected in str([str(p) for p in info.value.problems])


@pytest.mark.parametrize(
    "generate",
    [
        pytest.param(generate_kgx_jsonl, id="kgx-jsonl"),
        pytest.param(generate_kgx_tsv, id="kgx-tsv"),
        pytest.param(lambda G: generate_node_link(G).encode(), id="node-link"),
    ],
)
def test_same_input_same_bytes(generate, tmp_path):
    G = build_graph(load_dataset(rich_dataset(tmp_path)))
    assert generate(G) == generate(build_graph(load_dataset(tmp_path / "data")))


@pytest.fixture(scope="module")
def real_graph():
    from graph import DEFAULT_DATA_DIR

    try:
        return build_graph(load_dataset(DEFAULT_DATA_DIR))
    except DatasetError as exc:  # the embedded dataset is being curated; its own tests report it
        pytest.skip(f"embedded dataset does not load: {exc}")


@pytest.mark.parametrize("roundtrip", LOSSLESS)
def test_real_data_round_trip(roundtrip, real_graph, tmp_path):
    assert_same_graph(build_graph(roundtrip(real_graph, tmp_path)), real_graph)
