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
from pathlib import Path

import networkx as nx

from graph.query import Selection
from graph.readwrite.flat import flat_graph


def generate_graphml(G: nx.MultiDiGraph, selection: Selection | None = None) -> bytes:
    """GraphML bytes (UTF-8) of ``G`` or a selection; typed keys (string, int, double, boolean)."""
    buf = io.BytesIO()
    nx.write_graphml(flat_graph(G, selection), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def write_graphml(G: nx.MultiDiGraph, path: str | Path, selection: Selection | None = None) -> None:
    Path(path).write_bytes(generate_graphml(G, selection))


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """The flattened graph back (networkx's reader); evidence items stay flattened."""
    return nx.read_graphml(path, force_multigraph=True)
