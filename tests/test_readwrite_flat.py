"""GraphML, GEXF and Cytoscape.js: networkx re-reads keep every node, edge and flattened attribute."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from export_helpers import TINY, hostile_dataset, rich_dataset

from graph import build_graph, load_dataset
from graph.formats.cytoscape import generate_cytoscape
from graph.formats.evidence_csv import COLUMNS, evidence_rows, generate_evidence_csv
from graph.formats.flat import flat_graph
from graph.formats.gexf import generate_gexf
from graph.formats.graphml import generate_graphml
from graph.query import Filters, select
from graph.vocab import EvidenceType


@pytest.fixture(params=["tiny", "rich", "hostile"])
def G(request, tmp_path):
    if request.param == "tiny":
        return build_graph(load_dataset(TINY))
    make = rich_dataset if request.param == "rich" else hostile_dataset
    return build_graph(load_dataset(make(tmp_path)))


def _edges_by_id(H):
    return {
        d["edge_id"]: (u, v, {k: x for k, x in d.items() if k not in ("id", "networkx_key")})
        for u, v, d in H.edges(data=True)
    }


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_reread_keeps_nodes_edges_and_attributes(fmt, G):
    F = flat_graph(G)
    if fmt == "graphml":
        H = nx.read_graphml(io.BytesIO(generate_graphml(G)), force_multigraph=True)
    else:
        H = nx.read_gexf(io.BytesIO(generate_gexf(G)))
    assert dict(H.nodes(data=True)) == dict(F.nodes(data=True))
    expected = {d["edge_id"]: (u, v, d) for u, v, d in F.edges(data=True)}
    assert _edges_by_id(H) == expected
    assert H.number_of_edges() == G.number_of_edges()
    assert H.graph.get("name") == G.graph["name"]


def test_flattened_attributes_describe_the_evidence(tmp_path):
    G = build_graph(load_dataset(rich_dataset(tmp_path)))
    F = flat_graph(G)
    for e in G.edges(keys=True):
        d, f = G.edges[e], F.edges[e]
        assert f["evidence_count"] == len(d["evidence"])
        assert set(f["evidence_types"].split("; ")) == {t.value for t in d["evidence_types"]}
        assert f["citations"].split("; ") == list(d["citations"])
        assert f["confidence"] == d["confidence"]
        assert f["contested"] is d["contested"] and f["claim_only"] is d["claim_only"]
        assert f["best_evidence"] == (d["best_evidence"].value if d["best_evidence"] else "")
    assert "PMID:11111111; doi:10.1000/fixture.1; PMCID:PMC1234567" in {
        f for _, _, f in F.edges(data="publications")
    }


def test_graph_is_not_touched(tmp_path):
    G = build_graph(load_dataset(rich_dataset(tmp_path)))
    before = (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph))
    generate_graphml(G), generate_gexf(G), generate_cytoscape(G), generate_evidence_csv(G)
    assert (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph)) == before


def test_filtered_view(tmp_path):
    G = build_graph(load_dataset(rich_dataset(tmp_path)))
    sel = select(G, Filters(evidence_types=frozenset({EvidenceType.ANIMAL})))
    H = nx.read_graphml(io.BytesIO(generate_graphml(G, sel)), force_multigraph=True)
    assert set(H.edges(keys=True)) == set(sel.edges)
    assert set(H.nodes) == set(sel.nodes)


def test_cytoscape_elements(G):
    data = json.loads(generate_cytoscape(G))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(G.nodes)
    assert {e["data"]["id"] for e in edges} == {d for _, _, d in G.edges(data="id")}
    for e in edges:
        assert G.has_edge(e["data"]["source"], e["data"]["target"], e["data"]["interaction"])
        assert all(isinstance(v, (str, int, float, bool)) for v in e["data"].values())
    assert all({"x", "y"} <= set(n["position"]) for n in nodes)


def test_evidence_csv_one_row_per_item(G):
    import csv

    text = generate_evidence_csv(G)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == sum(len(d) for _, _, d in G.edges(data="evidence"))
    assert tuple(rows[0]) == COLUMNS
    texts = {ev.text for _, _, d in G.edges(data="evidence") for ev in d}
    assert {r["text"] for r in rows} == texts  # no fixture text starts with a formula character
    for r in rows:
        assert G.nodes[r["subject_id"]]["label"] == r["subject_label"]
        assert r["source_citation"] == G.graph["sources"][r["source_id"]].citation


def test_evidence_csv_defuses_formulas(tmp_path):
    G = build_graph(load_dataset(TINY))
    H = nx.MultiDiGraph(G)  # an unfrozen copy to plant a formula
    u, v, k = next(iter(H.edges(keys=True)))
    ev = H.edges[u, v, k]["evidence"][0]
    from msgspec.structs import replace

    H.edges[u, v, k]["evidence"] = (replace(ev, text='=HYPERLINK("http://evil")'),)
    assert evidence_rows(H)[0]["text"].startswith("=")
    assert "'=HYPERLINK" in generate_evidence_csv(H)
