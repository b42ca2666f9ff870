"""Graphs without evidence that other tools wrote open as graphs (graph.formats.generic).

Real files (tests/fixtures/real, origins and licences in its README): a Gephi GEXF 1.3, a
yFiles GraphML, a Cytoscape desktop .cyjs and D3's node-link JSON. Each opens leniently
with every node and edge of the file (counted here from the file itself, with the standard
library), the labels it gives, and the warnings that say what was made of it; strict
rejects it with the same warnings. This project's own flattened exports open again as the
same nodes and links.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from graph import DatasetError, build_graph
from graph.formats import open_dataset
from graph.formats.generic import _local_ids, read_node_link_data
from graph.formats.registry import FORMATS
from graph.formats.report import WARNING_KINDS

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def _xml_counts(path: Path, node_tag: str, edge_tag: str) -> tuple[int, int]:
    root = ET.parse(path).getroot()
    return (
        sum(1 for e in root.iter() if e.tag.endswith(node_tag)),
        sum(1 for e in root.iter() if e.tag.endswith(edge_tag)),
    )


def _counts(path: Path) -> tuple[int, int]:
    """Nodes and edges the file holds, read without the importer."""
    if path.suffix in (".gexf", ".graphml"):
        return _xml_counts(path, "}node", "}edge")
    data = json.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".cyjs":
        return len(data["elements"]["nodes"]), len(data["elements"]["edges"])
    return len(data["nodes"]), len(data["links"])


def real(file, warnings, label, self_loops=0):
    return pytest.param(file, warnings, label, self_loops, id=file.split("/")[0])


FILES = [
    real(
        "gephi-gexf/lesmiserables.gexf",
        {
            "id_not_curie": 77,
            "undirected": 254,
            "no_category": 77,
            "predicate_missing": 254,
            "no_provenance": 254,
        },
        "Valjean",
    ),
    real(
        "graphml-yed/example.graphml",
        {"id_not_curie": 5, "no_category": 5, "predicate_missing": 4, "no_provenance": 4},
        "Perth",
    ),
    real(
        "cytoscape-cyjs/cyjshiny.cyjs",
        {"id_not_curie": 14, "no_category": 14, "predicate_missing": 16, "no_provenance": 16},
        "1",
    ),
    real(
        "d3-node-link/miserables.json",
        {
            "id_not_curie": 77,
            "no_category": 77,
            "predicate_missing": 253,
            "no_provenance": 253,
            "self_loop": 1,
        },
        "Myriel",
        self_loops=1,
    ),
]


@pytest.mark.parametrize("file, warnings, label, self_loops", FILES)
def test_real_file_opens_with_every_node_and_edge(file, warnings, label, self_loops):
    path = REAL / file
    imported = open_dataset(path)
    nodes, edges = _counts(path)
    report = imported.report
    assert (report.nodes, report.nodes_read) == (nodes, nodes)
    assert report.edges_read == edges and report.edges == edges - self_loops
    assert dict(Counter(w.code for w in imported.warnings)) == warnings
    G = build_graph(imported.dataset)
    assert G.number_of_nodes() == nodes
    assert G.number_of_edges() == edges - self_loops
    assert label in {d["label"] for _, d in G.nodes(data=True)}
    # Every edge rests on one item that cites the file itself and says what the file gave.
    for _, _, d in G.edges(data=True):
        (item,) = d["evidence"]
        assert item.type.value == "database" and item.source == f"file:{path.name}"
        assert item.text.startswith(f"Imported from {path.name} ")
    # Every warning names the file and the node or edge.
    for w in imported.warnings:
        assert w.file.endswith(path.name) and w.entry, str(w)


@pytest.mark.parametrize("file, warnings, label, self_loops", FILES)
def test_strict_rejects_a_real_file_with_one_line_per_kind(file, warnings, label, self_loops):
    with pytest.raises(DatasetError) as info:
        open_dataset(REAL / file, strict=True)
    assert dict(Counter(p.code for p in info.value.problems if p.code)) == warnings
    lines = str(info.value).splitlines()[1:]
    assert sorted(line.strip().split(":")[0] for line in lines) == sorted(
        WARNING_KINDS[c].found for c in warnings
    )


@pytest.mark.parametrize("file, warnings, label, self_loops", FILES)
def test_real_file_opens_as_an_upload(file, warnings, label, self_loops):
    path = REAL / file
    upload = open_dataset([(path.name, path.read_bytes())])
    assert upload.dataset.nodes == open_dataset(path).dataset.nodes


def test_what_the_files_say_reaches_the_evidence_text():
    path = REAL / "gephi-gexf/lesmiserables.gexf"
    gexf = open_dataset(path).dataset
    # Gephi's edge weight, where the file gives one (157 of its 254 edges).
    weights = Counter(e.get("weight") for e in ET.parse(path).getroot().iter() if e.tag.endswith("}edge"))
    weighted = [e for e in gexf.edges if "weight=" in e.evidence[0].text]
    assert len(weighted) == len(gexf.edges) - weights[None] == 157
    cyjs = open_dataset(REAL / "cytoscape-cyjs/cyjshiny.cyjs").dataset
    assert all("interaction=interacts with" in e.evidence[0].text for e in cyjs.edges)
    assert all(" (no predicate given) " in e.evidence[0].text for e in cyjs.edges)
    # The text names the ends by the file's own ids ("84", not "local:84").
    first = json.loads((REAL / "cytoscape-cyjs/cyjshiny.cyjs").read_text())["elements"]["edges"][0]["data"]
    assert f": {first['source']} (no predicate given) {first['target']};" in cyjs.edges[0].evidence[0].text
    # Cytoscape's node id is its SUID; the name the reader sees is the label.
    assert {n.label for n in cyjs.nodes} == {str(i) for i in range(1, 15)}
    # What else a file says of a node is shown with it: Gephi's modularity class, as given.
    classes = {
        e.get("id"): a.get("value")
        for e in ET.parse(path).getroot().iter()
        if e.tag.endswith("}node")
        for a in e.iter()
        if a.tag.endswith("}attvalue") and a.get("for") == "modularity_class"
    }
    assert len(classes) == len(gexf.nodes) == 77
    for node in gexf.nodes:
        assert (
            node.description
            == f"Attributes given by the imported file: Modularity Class={classes[node.id.removeprefix('local:')]}."
        )


@pytest.mark.parametrize("name", ["graphml", "gexf", "cytoscape"])
def test_flattened_exports_open_again_as_the_same_nodes_and_links(name, kratom_graph):
    spec = FORMATS[name]
    assert spec.flattened and spec.reader is not None
    imported = open_dataset([(spec.filename("kratom"), spec.write(kratom_graph))])
    G = build_graph(imported.dataset)
    assert sorted(G.nodes) == sorted(kratom_graph.nodes)
    assert sorted(G.edges(keys=True)) == sorted(kratom_graph.edges(keys=True))
    assert all(G.nodes[n]["kind"] is kratom_graph.nodes[n]["kind"] for n in G)
    for field in ("label", "description", "id_note"):
        assert all(G.nodes[n][field] == kratom_graph.nodes[n][field] for n in G), field
    # No warning but edges citing no publication (the evidence is flattened to citations).
    assert {w.code for w in imported.warnings} <= {"no_provenance"}
    edge = ("NCBITaxon:170351", "PUBCHEM.COMPOUND:3034396", "contains")
    cited = {ev.source for ev in G.edges[edge]["evidence"]}
    assert len(cited) > 1 and all(ev.type.value == "database" for ev in G.edges[edge]["evidence"])


def test_networkx_node_link_json_opens(tmp_path):
    H = nx.les_miserables_graph()
    for edges in ("edges", "links"):
        path = tmp_path / f"lesmis-{edges}.json"
        path.write_text(json.dumps(nx.node_link_data(H, edges=edges)), encoding="utf-8")
        imported = open_dataset(path)
        assert imported.format == "node-link JSON (networkx, D3)"
        assert len(imported.dataset.nodes) == H.number_of_nodes()
        assert len(imported.dataset.edges) == H.number_of_edges()
        assert Counter(w.code for w in imported.warnings)["undirected"] == H.number_of_edges()
        assert "Napoleon" in {n.label for n in imported.dataset.nodes}


def test_ids_that_are_not_curies_get_a_local_prefix_and_stay_distinct():
    assert _local_ids(["MONDO:1", "a b", "a_b", 7, "x|y"]) == {
        "MONDO:1": "MONDO:1",
        "a b": "local:a_b",
        "a_b": "local:a_b_2",
        7: "local:7",
        "x|y": "local:x_y",
    }


def test_a_link_to_no_node_is_left_out_with_a_warning():
    imported = read_node_link_data(
        {
            "nodes": [{"id": "a"}, {"id": "b"}],
            "links": [{"source": "a", "target": "b"}, {"source": "a", "target": "c"}],
        },
        "g.json",
    )
    assert len(imported.dataset.edges) == 1
    (missing,) = [w for w in imported.warnings if w.code == "endpoint_missing"]
    assert missing.entry == "links[1]" and "'c'" in missing.message


@pytest.mark.parametrize(
    "name, text, message",
    [
        pytest.param(
            "bad.graphml",
            '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            '<graph edgedefault="directed">\n<node id="a">\n</graph></graphml>',
            "bad.graphml:5: not XML: mismatched tag",
            id="broken-xml",
        ),
        pytest.param(
            "bomb.gexf",
            '<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
            + ']>\n<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>'
            '<node id="1" label="&i;"/></nodes></graph></gexf>',
            "bomb.gexf:3: not XML: limit on input amplification factor",
            id="entity-expansion",
        ),
        pytest.param(
            "outside.graphml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
            '<node id="a">&e;</node></graph></graphml>',
            "outside.graphml:1: not XML: undefined entity &e;",
            id="external-entity",
        ),
        pytest.param(
            "no-elements.cyjs",
            '{"data": {"name": "x"}}',
            "no-elements.cyjs: elements: Cytoscape JSON holds `elements`",
            id="cyjs-without-elements",
        ),
        pytest.param(
            "bad-node.cyjs",
            '{"elements": {"nodes": [{"data": {"name": "no id"}}], "edges": []}}',
            "bad-node.cyjs: elements.nodes[0]: data.id: a node needs an id",
            id="cyjs-node-without-id",
        ),
    ],
)
def test_a_broken_file_gets_a_located_error_and_nothing_else(name, text, message):
    with pytest.raises(DatasetError) as info:
        open_dataset([(name, text.encode("utf-8"))])
    assert message in str(info.value), str(info.value)


def _file_positions(path: Path) -> dict[str, tuple[float, float]]:
    """Where the file places each node, read without the importer (its own ids; y as the file gives it)."""
    if path.suffix == ".gexf":
        root = ET.parse(path).getroot()
        out = {}
        for node in (e for e in root.iter() if e.tag.endswith("}node")):
            p = next(e for e in node if e.tag.endswith("}position"))
            out[node.get("id")] = (float(p.get("x")), float(p.get("y")))
        return out
    if path.suffix == ".graphml":
        root = ET.parse(path).getroot()
        out = {}
        for node in (e for e in root.iter() if e.tag.endswith("}node")):
            g = next(e for e in node.iter() if e.tag.endswith("}Geometry"))
            out[node.get("id")] = (float(g.get("x")), float(g.get("y")))
        return out
    data = json.loads(path.read_text(encoding="utf-8"))
    return {n["data"]["id"]: (n["position"]["x"], n["position"]["y"]) for n in data["elements"]["nodes"]}


@pytest.mark.parametrize(
    "file, flip",
    [
        pytest.param("gephi-gexf/lesmiserables.gexf", True, id="gephi-gexf"),
        pytest.param("cytoscape-cyjs/cyjshiny.cyjs", False, id="cytoscape-cyjs"),
        pytest.param("graphml-yed/example.graphml", False, id="yed-graphml"),
    ],
)
def test_a_network_keeps_the_layout_its_file_drew(file, flip):
    """Gephi, Cytoscape and yEd save where each node was drawn: the import keeps it (Gephi's
    y upwards turned to a screen's, downwards), and the drawing keeps its shape: every
    node's offset from the first is the file's, times one scale."""
    from graph.formats.generic import _local_ids
    from graph.render import lane_titles, layered_layout

    path = REAL / file
    given = _file_positions(path)
    imported = open_dataset(path)
    ids = _local_ids(list(given))
    assert imported.positions == {ids[n]: (x, -y if flip else y) for n, (x, y) in given.items()}
    G = build_graph(imported.dataset, positions=imported.positions)
    drawn = layered_layout(G)
    assert set(drawn) == set(G) and lane_titles(G, generic=True) == []
    first, *rest = sorted(drawn)
    fx, fy = imported.positions[first]
    dx, dy = drawn[first]
    far = max(rest, key=lambda n: abs(imported.positions[n][0] - fx) + abs(imported.positions[n][1] - fy))
    scale = (drawn[far][0] - dx) / (imported.positions[far][0] - fx)
    assert scale > 0
    for n in rest:
        x, y = imported.positions[n]
        assert drawn[n][0] - dx == pytest.approx((x - fx) * scale, abs=0.05)
        assert drawn[n][1] - dy == pytest.approx((y - fy) * scale, abs=0.05)


def test_a_layout_that_leaves_a_node_out_is_not_kept():
    """D3's miserables.json saves no positions; a node-link file placing some nodes only
    leaves them all to the lanes (a partial layout would put the rest nowhere)."""
    from graph.render import lane_titles

    d3 = open_dataset(REAL / "d3-node-link" / "miserables.json")
    assert d3.positions == {}
    partial = {
        "nodes": [{"id": "a", "x": 1, "y": 2}, {"id": "b", "x": 3, "y": 4}, {"id": "c"}],
        "links": [{"source": "a", "target": "b"}, {"source": "b", "target": "c"}],
    }
    assert read_node_link_data(partial, "p.json").positions == {}
    whole = {**partial, "nodes": [*partial["nodes"][:2], {"id": "c", "x": 5, "y": "-1.5"}]}
    imported = read_node_link_data(whole, "w.json")
    assert imported.positions == {"local:a": (1.0, 2.0), "local:b": (3.0, 4.0), "local:c": (5.0, -1.5)}
    G = build_graph(imported.dataset, positions=imported.positions)
    assert G.graph["positions"] == imported.positions and lane_titles(G, generic=True) == []
    assert "positions" not in build_graph(d3.dataset).graph
