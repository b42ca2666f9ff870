"""Drawable view of a graph selection: vis-network node/edge data, styles, layout, legend.

Node and edge records are plain dicts in vis-network's format, held in a pyvis
``Network`` (filled directly: pyvis's ``from_nx`` mutates its input and is quadratic).
Nothing here writes HTML; every string is data that the browser side shows as text.

Styles encode the best evidence of an edge twice, by colour (Okabe-Ito, colour-blind
safe) and by line style (solid, long dash, short dash, dotted), so the legend still reads
in grayscale. Node kinds have distinct shapes.

>>> from graph import build_graph, load_dataset
>>> from graph.query import select
>>> G = build_graph(load_dataset())
>>> nodes, edges = vis_data(G, select(G))
>>> len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
True
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from typing import Any

import networkx as nx

from graph.query import EdgeId, Selection
from graph.vocab import EvidenceType, NodeKind

# Okabe-Ito palette; line style is the redundant channel.
EVIDENCE_STYLE: dict[EvidenceType, dict[str, Any]] = {
    EvidenceType.HUMAN_TRIAL: {"color": "#009E73", "dashes": False, "width": 4},
    EvidenceType.HUMAN_OBSERVATIONAL: {"color": "#56B4E9", "dashes": False, "width": 3.5},
    EvidenceType.ANIMAL: {"color": "#0072B2", "dashes": False, "width": 3},
    EvidenceType.IN_VITRO: {"color": "#CC79A7", "dashes": False, "width": 2.5},
    EvidenceType.CASE_REPORT: {"color": "#E69F00", "dashes": [12, 6], "width": 2.5},
    EvidenceType.REVIEW: {"color": "#7F7F7F", "dashes": [6, 6], "width": 2},
    EvidenceType.REGULATORY: {"color": "#8C6D1F", "dashes": [6, 6], "width": 2},
    EvidenceType.DATABASE: {"color": "#999999", "dashes": [6, 6], "width": 1.5},
    EvidenceType.CLAIM: {"color": "#D55E00", "dashes": [2, 6], "width": 2},
}
NEGATED_STYLE = {"color": "#000000", "dashes": [2, 3, 10, 3], "width": 1.5}

KIND_STYLE: dict[NodeKind, dict[str, str]] = {
    NodeKind.PLANT: {"shape": "star", "color": "#4D9221"},
    NodeKind.ALKALOID: {"shape": "dot", "color": "#1B7837"},
    NodeKind.METABOLITE: {"shape": "diamond", "color": "#5AAE61"},
    NodeKind.RECEPTOR: {"shape": "triangle", "color": "#2166AC"},
    NodeKind.ENZYME: {"shape": "square", "color": "#762A83"},
    NodeKind.OTHER_TARGET: {"shape": "triangleDown", "color": "#4393C3"},
    NodeKind.DRUG: {"shape": "hexagon", "color": "#878787"},
    NodeKind.EFFECT: {"shape": "box", "color": "#FDDBC7"},
    NodeKind.ADVERSE_EFFECT: {"shape": "box", "color": "#F4A582"},
}

X_SPACING = 320
Y_SPACING = 60


def edge_style(data: dict) -> dict[str, Any]:
    """Colour, dashes and width of an edge from its best supporting evidence."""
    best = data["best_evidence"]
    return dict(NEGATED_STYLE if best is None else EVIDENCE_STYLE[best])


def legend() -> list[dict[str, Any]]:
    """Legend entries: evidence line styles first, then node-kind shapes."""
    items = [
        {"label": f"{t.title} (best evidence)", "color": s["color"], "dashes": bool(s["dashes"]), "kind": "edge",
         "pattern": s["dashes"] or []}
        for t, s in EVIDENCE_STYLE.items()
    ]
    items.append({"label": "Contradicted only", "color": NEGATED_STYLE["color"], "dashes": True,
                  "kind": "edge", "pattern": NEGATED_STYLE["dashes"]})
    items += [
        {"label": k.title, "color": s["color"], "shape": s["shape"], "kind": "node"}
        for k, s in KIND_STYLE.items()
    ]
    return items


_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def layered_layout(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Left-to-right positions: plant, compounds, metabolites, targets, effects.

    Columns come from the node kind; within a column nodes are ordered by the mean row of
    their neighbours in the previous column (one barycentre sweep), which removes most
    crossings at linear cost. Cached per graph.
    """
    cached = _LAYOUTS.get(G)
    if cached is not None:
        return cached
    columns: dict[int, list[str]] = defaultdict(list)
    for n, d in G.nodes(data=True):
        columns[d["kind"].layer].append(n)
    rows: dict[str, float] = {}
    for layer in sorted(columns):
        members = columns[layer]

        def barycentre(n: str) -> tuple[float, str]:
            placed = [rows[m] for m in nx.all_neighbors(G, n) if m in rows]
            return (sum(placed) / len(placed) if placed else float("inf"), G.nodes[n]["label"].lower())

        members.sort(key=barycentre)
        for i, n in enumerate(members):
            rows[n] = i
    pos = {}
    for layer, members in columns.items():
        offset = (len(members) - 1) / 2
        for n in members:
            pos[n] = (layer * X_SPACING, (rows[n] - offset) * Y_SPACING)
    _LAYOUTS[G] = pos
    return pos


def node_record(G: nx.MultiDiGraph, n: str, pos: tuple[float, float] | None) -> dict[str, Any]:
    d = G.nodes[n]
    return _node_record(n, d, pos)


def _node_record(n: str, d: dict, pos: tuple[float, float] | None) -> dict[str, Any]:
    kind = d["kind"]
    style = KIND_STYLE[kind]
    record = {
        "id": n,
        "label": d["label"],
        "title": f"{d['label']}\n{_KIND_TITLE[kind]}\n{n}",
        "shape": style["shape"],
        "color": style["color"],
        "group": kind.value,
        "size": 14,
    }
    if pos is not None:
        record["x"], record["y"] = pos
    return record


# Enum properties and sorted type lists looked up once: vis_data builds 15,000 edge
# records for a 5k-node view, and per-record enum attribute access was a third of its time.
_KIND_TITLE = {k: k.title for k in NodeKind}
_BEST_TITLE: dict[EvidenceType | None, str] = {t: t.title for t in EvidenceType}
_BEST_TITLE[None] = "contradicted only"
_BEST_VALUE: dict[EvidenceType | None, str] = {t: t.value for t in EvidenceType}
_BEST_VALUE[None] = "negated"
_STYLE_OF: dict[EvidenceType | None, dict[str, Any]] = {**EVIDENCE_STYLE, None: NEGATED_STYLE}
_SORTED_TYPES: dict[frozenset, tuple[str, ...]] = {}


def _sorted_types(types: frozenset) -> list[str]:
    cached = _SORTED_TYPES.get(types)
    if cached is None:
        cached = _SORTED_TYPES[types] = tuple(sorted(t.value for t in types))
    return list(cached)


def edge_record(G: nx.MultiDiGraph, e: EdgeId) -> dict[str, Any]:
    u, v, k = e
    return _edge_record(G.nodes, u, v, k, G.edges[e])


def _edge_record(node_data, u: str, v: str, k: str, d: dict) -> dict[str, Any]:
    best = d["best_evidence"]
    style = _STYLE_OF[best]
    color = style["color"]
    dashes = style["dashes"]
    flags = []
    if d["claim_only"]:
        flags.append("claim only: no primary evidence")
    if d["contested"]:
        flags.append("contested")
    title = (
        f"{node_data[u]['label']} {d['predicate'].phrase} {node_data[v]['label']}\n"
        f"best evidence: {_BEST_TITLE[best]}; "
        f"{len(d['evidence'])} item(s), {len(d['citations'])} source(s); confidence {d['confidence']:.2f}"
        + (f"\n{'; '.join(flags)}" if flags else "")
    )
    return {
        "id": d["id"],
        "from": u,
        "to": v,
        "title": title,
        "color": {"color": color, "highlight": color, "opacity": 0.9},
        "dashes": list(dashes) if isinstance(dashes, list) else dashes,
        "width": style["width"],
        "arrows": "to",
        "predicate": k,
        "best": _BEST_VALUE[best],
        "types": _sorted_types(d["evidence_types"]),
        "confidence": d["confidence"],
    }


def vis_data(
    G: nx.MultiDiGraph, selection: Selection, *, positions: bool = True
) -> tuple[list[dict], list[dict]]:
    """Node and edge records of a selection, in vis-network's format."""
    pos = layered_layout(G) if positions else {}
    node_data = G.nodes
    # Edge data straight from the adjacency mapping: G.edges[e] builds a view per lookup.
    succ = G._succ if hasattr(G, "_succ") else G.succ
    nodes = [_node_record(n, node_data[n], pos.get(n)) for n in sorted(selection.nodes)]
    edges = [_edge_record(node_data, u, v, k, succ[u][v][k]) for u, v, k in selection.edges]
    return nodes, edges


def vis_options(*, physics: bool = False, large: bool = False) -> dict[str, Any]:
    """vis-network options: positions given and physics off unless asked for."""
    options: dict[str, Any] = {
        "physics": {"enabled": physics},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False},
        "nodes": {"font": {"size": 18, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {"smooth": False if large else {"type": "cubicBezier", "forceDirection": "horizontal"},
                  "selectionWidth": 2, "hoverWidth": 1},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "stabilization": {"iterations": 200},
        }
    return options


def to_network(G: nx.MultiDiGraph, selection: Selection, *, physics: bool = False):
    """A pyvis ``Network`` holding the selection's records (the graph is not touched)."""
    from pyvis.network import Network  # imported here: pyvis pulls in IPython (slow)

    nodes, edges = vis_data(G, selection, positions=not physics)
    net = Network(directed=True, cdn_resources="in_line")
    # Filled directly: Network.add_node/add_edge scan lists and are quadratic.
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = vis_options(physics=physics, large=len(nodes) > 500)
    return net
