"""GraphML export with evidence flattened to counts, joined types and citations.

>>> import io, networkx as nx
>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset("tests/fixtures/tiny"))
>>> H = nx.read_graphml(io.BytesIO(generate_graphml(G)), force_multigraph=True)
>>> H.number_of_nodes(), H.number_of_edges()
(5, 6)
"""

from __future__ import annotations

import io

import networkx as nx

from graph.formats.flat import flat_graph
from graph.query import Selection


def generate_graphml(G: nx.MultiDiGraph, selection: Selection | None = None) -> bytes:
    """GraphML bytes (UTF-8) of ``G`` or a selection; typed keys (string, int, double, boolean)."""
    buf = io.BytesIO()
    nx.write_graphml(flat_graph(G, selection), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def write(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
    return generate_graphml(G, selection)
