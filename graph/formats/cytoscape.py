"""Cytoscape.js JSON (``{"elements": {"nodes": [{"data": ...}], "edges": [...]}}``), also read by Cytoscape desktop.

Node and edge ``data`` hold the flattened attributes of :mod:`graph.formats.flat`
(scalars only, which Cytoscape desktop's importer accepts); nodes carry the layered
layout's positions.

>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset("tests/fixtures/tiny"))
>>> data = cytoscape_data(G)
>>> data["elements"]["edges"][0]["data"]["source"], data["elements"]["edges"][0]["data"]["target"]
('TEST:plant', 'TEST:a')
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from graph.formats.flat import flat_edge, flat_node
from graph.formats.records import exported
from graph.query import Selection
from graph.render import layered_layout


def cytoscape_data(G: nx.MultiDiGraph, selection: Selection | None = None) -> dict[str, Any]:
    """Cytoscape.js elements JSON of ``G`` or a selection."""
    part = exported(G, selection)
    pos = layered_layout(G)
    nodes = []
    for n in part.nodes:
        x, y = pos.get(n, (0.0, 0.0))
        nodes.append(
            {"data": {"id": n, "name": G.nodes[n]["label"], **flat_node(G, n)}, "position": {"x": x, "y": y}}
        )
    edges = []
    for e in part.edges:
        flat = flat_edge(G, e)
        edges.append(
            {"data": {"id": flat.pop("edge_id"), "source": e[0], "target": e[1], "interaction": e[2], **flat}}
        )
    return {
        "format_version": "1.0",
        "generated_by": "kratom-mechanism-explorer",
        "target_cytoscapejs_version": "~3",
        "data": {"name": G.graph.get("name") or "", "version": G.graph.get("version") or ""},
        "elements": {"nodes": nodes, "edges": edges},
    }


def generate_cytoscape(G: nx.MultiDiGraph, selection: Selection | None = None) -> str:
    return json.dumps(cytoscape_data(G, selection), indent=2, ensure_ascii=False) + "\n"


def write(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
    return generate_cytoscape(G, selection).encode("utf-8")
